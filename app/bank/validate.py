"""Read a bank folder and report every problem as `file:line: message`, touching nothing."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from app.bank.schema import BankFile
from app.bank.yaml_source import SourceDocument, YamlSyntaxError, parse_yaml

# (template_id, params) -> the engine's answer; raises ValueError for bad params.
Solver = Callable[[str, dict[str, Any]], Any]
# (expected, stated) -> whether the stated number agrees with the engine.
# (template id, params, stated answer) -> right under the template's own tolerance and mistakes
Matcher = Callable[[str, dict[str, Any], Any], bool]


@dataclass(frozen=True)
class Problem:
    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


class BankInvalid(Exception):
    """The bank has problems; nothing was loaded."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problem(s) in the bank")
        self.problems = problems


@dataclass(frozen=True)
class LoadedFile:
    document: SourceDocument
    bank_file: BankFile
    display_path: str


@dataclass(frozen=True)
class EngineHooks:
    """What validation needs from the engine: its template ids and a solver."""

    template_ids: frozenset[str]
    solve: Solver
    matches: Matcher


def display_path(path: Path) -> str:
    """``path`` relative to the working directory when it lies below it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _format_loc(loc: Iterable[str | int]) -> str:
    return ".".join(str(part) for part in loc)


def schema_problems(doc: SourceDocument, shown: str, exc: ValidationError) -> list[Problem]:
    problems = []
    for error in exc.errors():
        loc = tuple(error["loc"])
        where = _format_loc(loc)
        message = error["msg"]
        if error["type"] == "extra_forbidden":
            message = f"unknown key '{loc[-1]}'"
        elif error["type"] == "missing":
            message = f"missing required field '{loc[-1]}'"
        elif where:
            message = f"{where}: {message}"
        problems.append(Problem(shown, doc.line_of(loc), message))
    return problems


def parse_file(path: Path, text: str | None = None) -> tuple[LoadedFile | None, list[Problem]]:
    """Parse and schema-check one file."""
    shown = display_path(path)
    try:
        raw = path.read_text(encoding="utf-8") if text is None else text
    except (OSError, UnicodeDecodeError) as exc:
        return None, [Problem(shown, 1, f"cannot read file: {exc}")]
    try:
        doc = parse_yaml(path, raw)
    except YamlSyntaxError as exc:
        return None, [Problem(shown, exc.line, exc.message)]
    if not isinstance(doc.data, dict):
        return None, [Problem(shown, 1, "expected a mapping with keys topic, title, questions")]
    try:
        bank_file = BankFile.model_validate(doc.data)
    except ValidationError as exc:
        return None, schema_problems(doc, shown, exc)
    problems = []
    if path.stem != bank_file.topic:
        problems.append(
            Problem(
                shown,
                doc.line_of(("topic",)),
                f"topic '{bank_file.topic}' must match the file name '{path.stem}'",
            )
        )
    return LoadedFile(doc, bank_file, shown), problems


def cross_check(files: list[LoadedFile], hooks: EngineHooks | None) -> list[Problem]:
    """Checks across files: unique ids and sources, symmetric siblings, and (with ``hooks``)
    templates that exist and worked examples the engine reproduces."""
    problems: list[Problem] = []
    seen_ids: dict[str, str] = {}
    seen_sources: dict[int, str] = {}
    siblings_of: dict[str, set[str]] = {}
    for lf in files:
        for index, entry in enumerate(lf.bank_file.questions):
            line = lf.document.line_of(("questions", index, "id"))
            where = f"{lf.display_path}:{line}"
            if entry.id in seen_ids:
                problems.append(
                    Problem(
                        lf.display_path,
                        line,
                        f"duplicate id '{entry.id}' (first at {seen_ids[entry.id]})",
                    )
                )
            seen_ids.setdefault(entry.id, where)
            if entry.source is not None:
                if entry.source in seen_sources:
                    problems.append(
                        Problem(
                            lf.display_path,
                            lf.document.line_of(("questions", index, "source")),
                            f"duplicate source {entry.source} (first at {seen_sources[entry.source]})",
                        )
                    )
                seen_sources.setdefault(entry.source, where)
            if entry.topic != lf.bank_file.topic:
                problems.append(
                    Problem(
                        lf.display_path,
                        lf.document.line_of(("questions", index, "topic")),
                        f"topic '{entry.topic}' differs from the file's topic '{lf.bank_file.topic}'",
                    )
                )
            siblings_of[entry.id] = set(entry.siblings)
    for lf in files:
        for index, entry in enumerate(lf.bank_file.questions):
            for s_index, sibling in enumerate(entry.siblings):
                line = lf.document.line_of(("questions", index, "siblings", s_index))
                if sibling == entry.id:
                    problems.append(
                        Problem(lf.display_path, line, f"'{entry.id}' lists itself as a sibling")
                    )
                elif sibling not in siblings_of:
                    problems.append(
                        Problem(lf.display_path, line, f"unknown sibling id '{sibling}'")
                    )
                elif entry.id not in siblings_of[sibling]:
                    problems.append(
                        Problem(
                            lf.display_path,
                            line,
                            f"sibling '{sibling}' does not list '{entry.id}' back",
                        )
                    )
            if hooks is not None:
                problems.extend(_engine_problems(lf, index, hooks))
    return problems


def _engine_problems(lf: LoadedFile, index: int, hooks: EngineHooks) -> list[Problem]:
    entry = lf.bank_file.questions[index]
    problems = []
    for t_index, template_id in enumerate(entry.templates):
        if template_id not in hooks.template_ids:
            loc: tuple[str | int, ...] = ("questions", index, "template")
            if isinstance(entry.template, list):
                loc = (*loc, t_index)
            problems.append(
                Problem(
                    lf.display_path, lf.document.line_of(loc), f"unknown template '{template_id}'"
                )
            )
    for e_index, example in enumerate(entry.worked_examples):
        loc = ("questions", index, "worked_examples", e_index)
        line = lf.document.line_of(loc)
        if example.template not in hooks.template_ids:
            problems.append(
                Problem(lf.display_path, line, f"unknown template '{example.template}'")
            )
            continue
        try:
            expected = hooks.solve(example.template, example.params)
        except (ValueError, KeyError, TypeError) as exc:
            problems.append(
                Problem(lf.display_path, line, f"worked example for {example.template}: {exc}")
            )
            continue
        if not hooks.matches(example.template, example.params, example.answer):
            problems.append(
                Problem(
                    lf.display_path,
                    lf.document.line_of((*loc, "answer")),
                    f"worked example for {example.template} states {example.answer!r}, the engine computes {expected!r}",
                )
            )
    return problems


def read_bank(directory: Path, hooks: EngineHooks | None = None) -> list[LoadedFile]:
    """Every `*.yaml` file of ``directory``, validated; raises :class:`BankInvalid`."""
    paths = sorted(directory.glob("*.yaml"))
    if not paths:
        raise BankInvalid([Problem(display_path(directory), 0, "no *.yaml files found")])
    return read_files([(path, None) for path in paths], hooks)


def read_files(
    sources: list[tuple[Path, str | None]], hooks: EngineHooks | None = None
) -> list[LoadedFile]:
    """Validate the given files (path and optional text); raises :class:`BankInvalid`."""
    files: list[LoadedFile] = []
    problems: list[Problem] = []
    for path, text in sources:
        loaded, file_problems = parse_file(path, text)
        problems.extend(file_problems)
        if loaded is not None:
            files.append(loaded)
    problems.extend(cross_check(files, hooks))
    if problems:
        raise BankInvalid(problems)
    return files
