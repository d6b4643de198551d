"""The labelled grading set (``questions/grading/<topic>.yaml``): answers written in candidates'
words, each with the key points it should and should not earn. Validated against the bank."""

from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, ValidationError, model_validator

from app.bank.schema import Slug, StrictModel, TopicSlug
from app.bank.validate import LoadedFile, Problem, display_path, schema_problems
from app.bank.yaml_source import SourceDocument, YamlSyntaxError, parse_yaml

GRADING_DIR = "grading"
Kind = Literal["strong", "partial", "misconception", "buzzword"]
KINDS: tuple[Kind, ...] = ("strong", "partial", "misconception", "buzzword")
Label = Annotated[str, Field(min_length=1, max_length=300)]


class GradedAnswer(StrictModel):
    """One answer and its verdict: the key-point labels it earns and those it must not."""

    question: Slug
    kind: Kind
    text: Annotated[str, Field(min_length=1, max_length=5000)]
    earns: Annotated[list[Label], Field(max_length=5)] = Field(default_factory=list)
    not_earns: Annotated[list[Label], Field(max_length=5)] = Field(default_factory=list)
    claim: Annotated[str, Field(min_length=1, max_length=500)] | None = None

    @model_validator(mode="after")
    def _claim_for_misconceptions(self) -> "GradedAnswer":
        if self.kind == "misconception" and self.claim is None:
            raise ValueError("a misconception answer states its wrong claim in 'claim'")
        overlap = set(self.earns) & set(self.not_earns)
        if overlap:
            raise ValueError(f"labels both earned and not earned: {sorted(overlap)}")
        return self


class GradingFile(StrictModel):
    topic: TopicSlug
    answers: list[GradedAnswer]


@dataclass(frozen=True)
class LoadedGradingFile:
    document: SourceDocument
    grading_file: GradingFile
    display_path: str


def grading_paths(bank_dir: Path) -> list[Path]:
    return sorted((bank_dir / GRADING_DIR).glob("*.yaml"))


def read_grading_set(
    bank_dir: Path, bank: list[LoadedFile]
) -> tuple[list[LoadedGradingFile], list[Problem]]:
    """Every grading file below ``bank_dir``, checked against the bank's ids and labels."""
    labels = {e.id: {kp.label for kp in e.key_points} for f in bank for e in f.bank_file.questions}
    files: list[LoadedGradingFile] = []
    problems: list[Problem] = []
    for path in grading_paths(bank_dir):
        loaded, file_problems = _parse(path)
        problems.extend(file_problems)
        if loaded is not None:
            files.append(loaded)
            problems.extend(_reference_problems(loaded, labels))
    return files, problems


def _parse(path: Path) -> tuple[LoadedGradingFile | None, list[Problem]]:
    shown = display_path(path)
    try:
        doc = parse_yaml(path, path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        return None, [Problem(shown, 1, f"cannot read file: {exc}")]
    except YamlSyntaxError as exc:
        return None, [Problem(shown, exc.line, exc.message)]
    if not isinstance(doc.data, dict):
        return None, [Problem(shown, 1, "expected a mapping with keys topic, answers")]
    try:
        grading_file = GradingFile.model_validate(doc.data)
    except ValidationError as exc:
        return None, schema_problems(doc, shown, exc)
    problems = []
    if grading_file.topic != path.stem:
        line = doc.line_of(("topic",))
        message = f"topic '{grading_file.topic}' must match the file name '{path.stem}'"
        problems.append(Problem(shown, line, message))
    return LoadedGradingFile(doc, grading_file, shown), problems


def _reference_problems(lf: LoadedGradingFile, labels: dict[str, set[str]]) -> list[Problem]:
    problems = []
    for index, answer in enumerate(lf.grading_file.answers):
        known = labels.get(answer.question)
        if known is None:
            line = lf.document.line_of(("answers", index, "question"))
            problems.append(Problem(lf.display_path, line, f"unknown question '{answer.question}'"))
            continue
        for key in ("earns", "not_earns"):
            for l_index, label in enumerate(getattr(answer, key)):
                if label not in known:
                    line = lf.document.line_of(("answers", index, key, l_index))
                    message = f"'{answer.question}' has no key point '{label}'"
                    problems.append(Problem(lf.display_path, line, message))
    return problems
