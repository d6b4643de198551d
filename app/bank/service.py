"""Bank operations as the CLI and the web app use them: check, load, export."""

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from app.bank.grading_figures import Figures, grade_set
from app.bank.grading_set import LoadedGradingFile, read_grading_set
from app.bank.lint import lint_bank
from app.bank.loader import ConflictPolicy, LoadReport, Progress, load_bank
from app.bank.seed import read_seed
from app.bank.validate import BankInvalid, EngineHooks, LoadedFile, Problem, read_bank
from app.engine import is_correct, list_templates, solve


def engine_hooks() -> EngineHooks:
    """Template ids and the solver, so the bank's numbers are checked by the engine."""
    return EngineHooks(
        template_ids=frozenset(t.id for t in list_templates()),
        solve=solve,
        matches=_stated_matches,
    )


def _stated_matches(template_id: str, params: dict[str, Any], stated: object) -> bool:
    """A worked example's stated answer is judged as a learner's would be: the template's own
    tolerance, and a listed mistake is wrong."""
    try:
        return is_correct(template_id, params, stated)  # type: ignore[arg-type]
    except (TypeError, ValueError, KeyError):
        return False


def check(directory: Path) -> list[LoadedFile]:
    """Validate the bank in ``directory`` and its grading set (``directory/grading``) without a
    database; raises ``BankInvalid``."""
    return check_with_grading(directory)[0]


def check_with_grading(directory: Path) -> tuple[list[LoadedFile], list[LoadedGradingFile]]:
    """:func:`check`, also returning the grading set it read (for :func:`review`)."""
    files = read_bank(directory, engine_hooks())
    grading, problems = read_grading_set(directory, files)
    if problems:
        raise BankInvalid(problems)
    return files, grading


@dataclass(frozen=True)
class Review:
    """What ``bank check`` reports beyond validity: phrase lint and grading-set figures."""

    lint: list[Problem]
    figures: Figures
    grading_files: int


def review(
    directory: Path,
    files: list[LoadedFile],
    seed_file: Path | None = None,
    grading: list[LoadedGradingFile] | None = None,
) -> Review:
    """Lint the key-point phrases (against the seed too, when ``seed_file`` is given) and
    grade the grading set below ``directory`` (``grading``, when already read)."""
    seed = read_seed(seed_file) if seed_file is not None else None
    if grading is None:
        grading, _ = read_grading_set(directory, files)
    return Review(lint_bank(files, seed), grade_set(files, grading), len(grading))


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
