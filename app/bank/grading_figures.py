"""Grade the shipped grading set with the bank's rubrics and sum it up as figures.

The figures the suite holds the grader to (issue 13): strong answers earn at least
:data:`MIN_STRONG` of their points; a misconception answer is never credited for a point it
must not earn and scores at most :data:`MAX_MISCONCEPTION` on average; buzzword strings score
at most :data:`MAX_BUZZWORD` on average.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from app.bank.grading_set import KINDS, GradedAnswer, LoadedGradingFile
from app.bank.schema import QuestionEntry
from app.bank.validate import LoadedFile
from app.grading import Misconception, Point, RubricResult, grade_answer

MIN_STRONG = 0.85
MAX_MISCONCEPTION = 0.3
MAX_BUZZWORD = 0.15


def rubric_of(entry: QuestionEntry) -> tuple[list[Point], list[Misconception]]:
    """The grader's view of a bank entry: key points with their misconceptions, and the
    question's own misconceptions."""
    points = [
        Point(
            kp.label,
            tuple(kp.phrases),
            tuple(Misconception(m.label, tuple(m.phrases)) for m in kp.misconceptions),
        )
        for kp in entry.key_points
    ]
    wrong = [Misconception(m.label, tuple(m.phrases)) for m in entry.misconceptions]
    return points, wrong


@dataclass(frozen=True)
class Miss:
    """One graded answer that went against its labels."""

    where: str
    question: str
    kind: str
    label: str
    problem: str  # "missed" (an earned point not covered) or "credited" (a not-earned one)

    def __str__(self) -> str:
        return f"{self.where}: {self.kind} answer to {self.question}: {self.problem} '{self.label}'"


@dataclass
class Figures:
    answers: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    scores: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    earned: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))
    misses: list[Miss] = field(default_factory=list)

    def mean_score(self, kind: str) -> float:
        values = self.scores[kind]
        return sum(values) / len(values) if values else 0.0

    def earned_share(self, kind: str) -> float:
        got, total = self.earned[kind]
        return got / total if total else 1.0

    def credited_against(self, kind: str) -> list[Miss]:
        return [m for m in self.misses if m.kind == kind and m.problem == "credited"]

    def failures(self) -> list[str]:
        """The figures that fall short of the issue's bars (empty when all hold)."""
        out = []
        if self.answers["strong"] and self.earned_share("strong") < MIN_STRONG:
            out.append(f"strong answers earn {self.earned_share('strong'):.2f} < {MIN_STRONG}")
        if self.credited_against("misconception"):
            out.append(
                f"{len(self.credited_against('misconception'))} misconception answers "
                "credited for a point they contradict"
            )
        if self.mean_score("misconception") > MAX_MISCONCEPTION:
            out.append(
                f"misconception answers score {self.mean_score('misconception'):.2f} "
                f"> {MAX_MISCONCEPTION}"
            )
        if self.mean_score("buzzword") > MAX_BUZZWORD:
            out.append(f"buzzword strings score {self.mean_score('buzzword'):.2f} > {MAX_BUZZWORD}")
        return out

    def lines(self) -> list[str]:
        """The figures as ``bank check`` prints them."""
        out = []
        for kind in KINDS:
            if not self.answers[kind]:
                continue
            out.append(
                f"  {kind:<13} {self.answers[kind]:>4} answers  mean score "
                f"{self.mean_score(kind):.2f}  earned {self.earned_share(kind):.2f} of their "
                f"points  credited {len(self.credited_against(kind))} points they must not earn"
            )
        return out


def grade_set(bank: list[LoadedFile], grading: list[LoadedGradingFile]) -> Figures:
    entries = {e.id: e for f in bank for e in f.bank_file.questions}
    rubrics = {qid: rubric_of(entry) for qid, entry in entries.items()}
    figures = Figures()
    for gf in grading:
        for index, answer in enumerate(gf.grading_file.answers):
            if answer.question not in rubrics:
                continue
            points, wrong = rubrics[answer.question]
            result = grade_answer(answer.text, points, wrong)
            line = gf.document.line_of(("answers", index))
            _tally(figures, f"{gf.display_path}:{line}", answer, result)
    return figures


def _tally(figures: Figures, where: str, answer: GradedAnswer, result: RubricResult) -> None:
    kind = answer.kind
    covered = set(result.covered)
    figures.answers[kind] += 1
    figures.scores[kind].append(result.score)
    earned = figures.earned[kind]
    earned[0] += len(covered & set(answer.earns))
    earned[1] += len(answer.earns)
    for label in answer.earns:
        if label not in covered:
            figures.misses.append(Miss(where, answer.question, kind, label, "missed"))
    for label in answer.not_earns:
        if label in covered:
            figures.misses.append(Miss(where, answer.question, kind, label, "credited"))
