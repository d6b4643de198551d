"""Variants whose worked solution a learner has seen (SPEC §9, issue 13).

Once a variant's solution has been shown (a drill check, a practice reveal, a graded
review), those numbers never earn a pass again: only the attempt graded as the solution
was first shown keeps its verdict (rating that same answer); any other answer to the same
numbers is practice, and practice draws new numbers for the card.
"""

from dataclasses import asdict, dataclass
from datetime import datetime

from sqlalchemy import bindparam, exists, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session, aliased

from app.models import RevealedVariant

_FIND = select(RevealedVariant).where(
    RevealedVariant.user_id == bindparam("user_id"),
    RevealedVariant.template_id == bindparam("template_id"),
    RevealedVariant.seed == bindparam("seed"),
)


@dataclass(frozen=True)
class Seen:
    """One learner and one variant (template and seed)."""

    user_id: int
    template_id: str
    seed: int


def find(session: Session, key: Seen) -> RevealedVariant | None:
    """The record of this variant's solution having been shown to the learner, if any."""
    return session.scalars(_FIND, asdict(key)).first()


def earns_credit(seen: RevealedVariant | None, answer: str) -> bool:
    """True unless the solution was shown before ``answer`` was graded.

    The one exception is the answer graded as the solution was first shown: rating that
    attempt (the practice page posts it again with the rating) keeps its verdict.
    """
    if seen is None:
        return True
    return seen.answer is not None and seen.answer.strip() == answer.strip()


def mark(session: Session, key: Seen, *, answer: str | None, now: datetime) -> None:
    """Record that the solution was shown (the first record, and its answer, is kept).

    One statement that cannot fail on a concurrent duplicate: INSERT … ON CONFLICT DO
    NOTHING on both databases. The caller commits.
    """
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    values = {
        **asdict(key),
        "answer": answer.strip() if answer and answer.strip() else None,
        "revealed_at": now,
    }
    statement = dialect.insert(RevealedVariant).values(**values)
    session.execute(
        statement.on_conflict_do_nothing(index_elements=["user_id", "template_id", "seed"])
    )


def move(session: Session, *, from_user_id: int, to_user_id: int) -> None:
    """Give ``to_user_id`` the variants ``from_user_id`` has seen (a guest logging in).

    Variants both have seen keep the account's record; the rest of the guest's go with the
    guest when it is deleted. The caller commits.
    """
    theirs = aliased(RevealedVariant)
    already = exists().where(
        theirs.user_id == to_user_id,
        theirs.template_id == RevealedVariant.template_id,
        theirs.seed == RevealedVariant.seed,
    )
    session.execute(
        update(RevealedVariant)
        .where(RevealedVariant.user_id == from_user_id, ~already)
        .values(user_id=to_user_id),
        execution_options={"synchronize_session": False},
    )
