"""A bank import that retires or restores a question takes its cards out of (or back into)
every learner's deck, as retiring it in the editor does."""

from datetime import timedelta

from sqlalchemy import select

from app.admin import bank_io
from app.models import Card
from app.srs.deck import ensure_deck
from tests.admin.helpers import make_admin
from tests.conftest import BANK_DIR
from tests.factories import T0, make_learner

LATER = T0 + timedelta(hours=1)
CNN = (BANK_DIR / "cnn.yaml").read_text()
ENTRY = "  - id: cnn-layers\n"


def _import(session, text, admin):
    uploads = [("cnn.yaml", text)]
    token = bank_io.preview(session, uploads).token
    return bank_io.apply(session, uploads, token=token, author=admin, now=LATER)


def _suspended(session, user) -> bool:
    session.expire_all()
    return session.scalar(
        select(Card.suspended).where(Card.user_id == user.id, Card.question_id == "cnn-layers")
    )


def test_bank_import_retiring_and_restoring_updates_learners_cards(session):
    admin = make_admin(session)
    learner = make_learner(session)
    ensure_deck(session, user=learner, now=T0)
    session.commit()
    assert CNN.count(ENTRY) == 1 and _suspended(session, learner) is False

    retired = _import(session, CNN.replace(ENTRY, ENTRY + "    retired: true\n"), admin)
    assert "cnn-layers" in retired.report.updated
    assert _suspended(session, learner) is True

    # The file must differ from the last loaded one, or the import keeps the retirement
    # as an admin edit (the loader's three-way merge).
    restored = _import(
        session, CNN.replace("  A convolutional network is built", "  A CNN is built"), admin
    )
    assert "cnn-layers" in restored.report.overwritten
    assert _suspended(session, learner) is False
