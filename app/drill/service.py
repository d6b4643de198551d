"""Deal a variant of a computed template (never its answer) and check a typed answer."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from app import engine
from app.drill import revealed
from app.engine import AnswerFormatError, CheckResult, Template
from app.models import User

MAX_SEED = 2**31 - 1

ANSWER_FORMATS = {
    "int": "A whole number, e.g. 42.",
    "real": "A number such as 0.25, 1/4 or 2.5e-3; within about 1 % counts as correct.",
    "vector": "Numbers in brackets or separated by commas, e.g. [0.5, -1.25, 2] or 0.5, -1.25, 2.",
    "matrix": "[[1, 2], [3, 4]] or rows separated by ; (1, 2; 3, 4) or by new lines.",
}
KIND_LABELS = {"int": "Whole number", "real": "Number", "vector": "Vector", "matrix": "Matrix"}


@dataclass(frozen=True)
class Exercise:
    """What a learner sees of a variant: everything except the answer and explanation."""

    template: Template
    seed: int
    params: dict[str, Any]
    prompt: str

    @property
    def answer_format(self) -> str:
        return ANSWER_FORMATS[self.template.kind]


@dataclass(frozen=True)
class Attempt:
    """An exercise with the learner's answer and either an outcome or a format error.

    ``practice``: the learner had already seen this variant's worked solution, so the
    outcome earns no credit (the page says so instead of "Correct").
    """

    exercise: Exercise
    answer: str
    outcome: CheckResult | None = None
    error: str | None = None
    practice: bool = False


def get_all() -> list[Template]:
    """Every template, in the engine's stable order."""
    return engine.list_templates()


def get(*, template_id: str) -> Template | None:
    """The template with this id, or ``None``."""
    try:
        return engine.get_template(template_id)
    except KeyError:
        return None


def random_seed() -> int:
    """A fresh seed in ``[0, MAX_SEED]`` from the OS's random source."""
    return secrets.randbelow(MAX_SEED + 1)


def deal(*, template_id: str, seed: int | None = None) -> Exercise | None:
    """The variant for ``seed`` (a random one without it), or ``None`` for an unknown template."""
    template = get(template_id=template_id)
    if template is None:
        return None
    variant = engine.generate(template.id, random_seed() if seed is None else seed)
    return Exercise(template, variant.seed, variant.params, variant.prompt)


def check(*, template_id: str, seed: int, answer: str) -> CheckResult | None:
    """Grade ``answer``; ``None`` for an unknown template.

    Raises :class:`~app.engine.AnswerFormatError` (its message names the expected format)
    when the answer cannot be read or has the wrong shape.
    """
    template = get(template_id=template_id)
    if template is None:
        return None
    return engine.check(template.id, seed, answer)


def check_for(
    session: Session, *, user: User | None, template_id: str, seed: int, answer: str, now: datetime
) -> tuple[CheckResult, bool] | None:
    """Grade ``answer`` as :func:`check` does, with whether it is practice.

    The result carries the worked solution, so for a signed-in ``user`` the variant is
    recorded as revealed; ``practice`` is true when it already was (no credit).
    """
    outcome = check(template_id=template_id, seed=seed, answer=answer)
    if outcome is None or user is None:
        return None if outcome is None else (outcome, False)
    key = revealed.Seen(user.id, template_id, seed)
    seen = revealed.find(session, key) is not None
    revealed.mark(session, key, answer=answer, now=now)
    session.commit()
    return outcome, seen


def attempt(
    session: Session, *, user: User, template_id: str, seed: int, answer: str, now: datetime
) -> Attempt | None:
    """The exercise with the graded answer, or the format error; ``None`` for an unknown template.

    A graded answer shows the worked solution, so the variant is recorded as revealed to
    ``user``; checking it again is practice (``Attempt.practice``).
    """
    exercise = deal(template_id=template_id, seed=seed)
    if exercise is None:
        return None
    try:
        graded = check_for(
            session, user=user, template_id=template_id, seed=seed, answer=answer, now=now
        )
    except AnswerFormatError as error:
        return Attempt(exercise, answer, error=str(error))
    assert graded is not None  # the template exists: deal found it
    return Attempt(exercise, answer, outcome=graded[0], practice=graded[1])
