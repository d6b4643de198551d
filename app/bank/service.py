"""Bank operations as the CLI and the web app use them: check, load, export."""

from pathlib import Path

from sqlalchemy.orm import Session

from app.bank.loader import ConflictPolicy, LoadReport, Progress, load_bank
from app.bank.validate import EngineHooks, LoadedFile, read_bank
from app.engine import answers_match, list_templates, solve


def engine_hooks() -> EngineHooks:
    """Template ids and the solver, so the bank's numbers are checked by the engine."""
    return EngineHooks(
        template_ids=frozenset(t.id for t in list_templates()),
        solve=solve,
        matches=_stated_matches,
    )


def _stated_matches(expected: object, stated: object) -> bool:
    try:
        return answers_match(expected, stated)
    except (TypeError, ValueError):
        return False


def check(directory: Path) -> list[LoadedFile]:
    """Validate the bank in ``directory`` without a database; raises ``BankInvalid``."""
    return read_bank(directory, engine_hooks())


def load(
    session: Session,
    directory: Path,
    *,
    policy: ConflictPolicy = ConflictPolicy.ABORT,
    progress: Progress | None = None,
) -> LoadReport:
    """Validate then load ``directory`` in the session's transaction (the caller commits)."""
    files = check(directory)
    return load_bank(session, files, policy=policy, progress=progress)
