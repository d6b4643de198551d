"""One practice step as pages and the API show it: the next card, its variant, the counts."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from app.drill import revealed
from app.engine import Variant, generate, get_template
from app.errors import ServiceError
from app.models import Card, Question, User
from app.srs import card_actions, queue
from app.srs.deck import ensure_deck, find_card
from app.srs.learner import deadline_for, scheduler_for
from app.srs.reviews import OVERRIDE_REFUSED, card_state, variant_seed
from app.srs.scheduler import format_interval, preview


@dataclass(frozen=True)
class PracticeView:
    card: Card | None
    prompt: str
    variant: dict[str, Any] | None
    counts: queue.Counts
    intervals: dict[int, str]
    next_due: datetime | None
    more: queue.StudyMore | None = None  # when no card is left: what "study more" offers

    def card_json(self) -> dict[str, Any] | None:
        if self.card is None:
            return None
        return {
            "card_id": self.card.id,
            "question_id": self.card.question_id,
            "template": self.card.template_id,
            "kind": self.card.kind,
            "topic": self.card.topic,
            "state": self.card.state,
            "prompt": self.prompt,
            "variant": self.variant,
            "intervals": {str(k): v for k, v in self.intervals.items()},
        }


def practice_view(
    session: Session,
    *,
    user: User,
    now: datetime,
    filters: queue.Filters,
    question_id: str | None = None,
) -> PracticeView:
    """Prepare the deck, pick the next card and everything needed to show it; with
    ``question_id`` ("practise this question now") that question's card comes first."""
    if ensure_deck(session, user=user, now=now):
        session.commit()
    extra_new = queue.EXTRA_NEW if filters.more == "new" else 0
    day = queue.today(session, user=user, now=now, extra_new=extra_new)
    card = (
        card_actions.practise_now(session, user=user, question_id=question_id, now=now)
        if question_id
        else None
    )
    card = card or queue.next_card(session, user=user, now=now, filters=filters, day=day)
    counts = queue.counts(session, user=user, now=now, filters=filters, day=day)
    if card is None:
        next_due = queue.next_due_at(session, user=user, now=now, filters=filters, day=day)
        more = queue.study_more(session, user=user, now=now, filters=filters)
        return PracticeView(None, "", None, counts, {}, next_due, more)
    if card.template_id:
        _drop_revealed_seed(session, user, card)
        variant = _variant(session, card)[0]
        prompt = variant["prompt"]
    else:
        variant = None
        prompt = session.scalar(_PROMPT, {"question_id": card.question_id}) or ""
    return PracticeView(card, prompt, variant, counts, _intervals(user, card, now), None)


_PROMPT = select(Question.prompt).where(Question.id == bindparam("question_id"))


def _drop_revealed_seed(session: Session, user: User, card: Card) -> None:
    """A card whose numbers' solution was shown (a reveal, then a reload) gets new numbers."""
    if card.current_seed is None or card.template_id is None:
        return
    key = revealed.Seen(user.id, card.template_id, card.current_seed)
    if revealed.find(session, key) is not None:
        card.current_seed = None  # variant_seed draws and commits new numbers


def _variant(session: Session, card: Card) -> tuple[dict[str, Any], Variant]:
    """The variant a template card shows (kept until answered), as the client may see it."""
    assert card.template_id is not None
    seed = variant_seed(session, card)
    generated = generate(card.template_id, seed)
    shown = {
        "seed": seed,
        "params": generated.params,
        "prompt": generated.prompt,
        "title": get_template(card.template_id).title,
    }
    return shown, generated


def _intervals(user: User, card: Card, now: datetime) -> dict[int, str]:
    """The next interval for each rating, as printed on the buttons (exact, unfuzzed)."""
    scheduler = scheduler_for(user, fuzzing=False)
    deadline = deadline_for(user, now)
    return {
        rating: format_interval(delta)
        for rating, delta in preview(scheduler, card_state(card), now, deadline).items()
    }


@dataclass(frozen=True)
class RevealView:
    """A card after "show answer" / "check": the answer, the verdict, the rating choices."""

    card: Card
    question: Question | None
    variant: dict[str, Any] | None
    answer: str
    verdict: dict[str, Any] | None
    rubric: Any
    intervals: dict[int, str]
    ratings: tuple[int, ...]


class PracticeError(ServiceError):
    """A request this domain cannot honour (see ``app.errors.ServiceError``)."""


def own_card(session: Session, *, user: User, card_id: int) -> Card:
    card = find_card(session, user=user, card_id=card_id)
    if card is None:
        raise PracticeError(404, f"card {card_id} not found in your deck")
    return card


def reveal(
    session: Session,
    *,
    user: User,
    card_id: int,
    answer: str,
    now: datetime,
    overridden: bool = False,
) -> RevealView:
    """Show the model answer (free text, with the key points the typed answer covers) or
    grade a numeric answer; only that the numbers' solution was shown is recorded until
    the learner rates. ``overridden`` ("I mistyped — count it") shows a wrong numeric
    answer again as counted correct, with the ratings of a correct one."""
    from app.questions.grading import grade_question

    card = own_card(session, user=user, card_id=card_id)
    question = session.get(Question, card.question_id) if card.question_id else None
    intervals = _intervals(user, card, now)
    if overridden and (not card.template_id or not answer.strip()):
        raise PracticeError(422, "overridden: only a typed numeric answer can be counted as a slip")
    if card.template_id:
        variant, verdict, ratings = _numeric_reveal(session, user, card, answer, now, overridden)
        return RevealView(card, question, variant, answer, verdict, None, intervals, ratings)
    assert question is not None
    rubric = grade_question(question, answer) if answer.strip() else None
    return RevealView(card, question, None, answer, None, rubric, intervals, (1, 2, 3, 4))


def _numeric_reveal(
    session: Session, user: User, card: Card, answer: str, now: datetime, overridden: bool
) -> tuple[dict[str, Any], dict[str, Any], tuple[int, ...]]:
    """Grade (or skip) a numeric card and record that its solution is now shown.

    Numbers whose solution was shown before this answer earn no credit (``practice``),
    and cannot be counted by an override either: only the answer graded as the solution
    was first shown can (what ``revealed.earns_credit`` accepts).
    """
    from app.engine import AnswerFormatError, check

    assert card.template_id is not None
    variant, generated = _variant(session, card)
    key = revealed.Seen(user.id, card.template_id, variant["seed"])
    seen = revealed.find(session, key)
    if not answer.strip():
        revealed.mark(session, key, answer=None, now=now)
        session.commit()
        skipped = {"correct": False, "expected": None, "skipped": True}
        return variant, {**skipped, "explanation": generated.explanation}, (1,)
    try:
        result = check(card.template_id, variant["seed"], answer)
    except AnswerFormatError as exc:
        raise PracticeError(422, str(exc)) from exc
    practice = not revealed.earns_credit(seen, answer)
    overridden = overridden and not result.correct
    if overridden and practice:
        raise PracticeError(409, OVERRIDE_REFUSED)
    revealed.mark(session, key, answer=answer, now=now)
    session.commit()
    correct = (result.correct or overridden) and not practice
    mistake = result.mistake
    verdict = {
        "correct": correct, "expected": result.expected, "explanation": result.explanation,
        "practice": practice, "mistake": {"id": mistake.id, "message": mistake.message} if mistake else None,
        "overridden": overridden,
        # A wrong answer to numbers not seen solved before: the learner may count it a slip.
        "overridable": not result.correct and not practice,
    }  # fmt: skip
    return variant, verdict, (2, 3, 4) if correct else (1,)
