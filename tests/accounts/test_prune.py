"""`backprop db prune` and the server's periodic pruning: expired sessions, idle guests."""

from datetime import timedelta

from sqlalchemy import func, select
from typer.testing import CliRunner

from app.accounts import service as accounts
from app.accounts.prune import GUEST_IDLE, prune
from app.cli import cli
from app.config import get_settings
from app.models import AuthSession, Card, User
from app.srs.deck import ensure_deck
from app.srs.reviews import ReviewInput, submit_review
from app.web.housekeeping import prune_once
from tests.factories import T0

LATER = T0 + GUEST_IDLE + timedelta(days=1)


def _guest(session, now=T0, *, review=False):
    user, new = accounts.create_guest(session, now=now)
    ensure_deck(session, user=user, now=now)
    if review:
        card = session.scalar(select(Card).where(Card.user_id == user.id).limit(1))
        data = ReviewInput(card_id=card.id, rating=3)
        submit_review(session, user=user, data=data, now=now, fuzzing=False)
    session.commit()
    return user.id, new


def _exists(session, user_id) -> bool:
    session.expire_all()
    return session.get(User, user_id) is not None


def test_prune_removes_idle_guests_without_reviews_and_their_cards(session):
    idle, _ = _guest(session)
    practised, _ = _guest(session, review=True)
    recent, _ = _guest(session, now=LATER - timedelta(days=1))
    account, _ = accounts.register(
        session, email="ada@example.com", password="long enough", guest=None, now=T0
    )
    report = prune(session, now=LATER)
    assert report.guests == 1
    assert not _exists(session, idle)
    assert _exists(session, practised) and _exists(session, recent) and _exists(session, account.id)
    assert session.scalar(select(func.count()).where(Card.user_id == idle)) == 0


def test_prune_keeps_a_guest_seen_recently(session):
    guest, new = _guest(session)
    accounts.resolve_session(session, token=new.token, now=LATER - timedelta(days=2))
    assert prune(session, now=LATER).guests == 0 and _exists(session, guest)


def test_prune_removes_expired_and_too_old_sessions(session):
    accounts.register(session, email="ada@example.com", password="long enough", guest=None, now=T0)
    _, second = accounts.login(
        session, email="ada@example.com", password="long enough", client="t", now=T0
    )
    second.row.expires_at = T0 + timedelta(days=500)  # as extended before sessions had an end
    session.commit()
    report = prune(session, now=T0 + timedelta(days=91))
    assert report.sessions == 2
    assert session.scalar(select(func.count()).select_from(AuthSession)) == 0


def test_cli_db_prune_prints_what_it_removed(db_url):
    get_settings.cache_clear()
    result = CliRunner().invoke(cli, ["db", "prune"], env={"BACKPROP_DATABASE_URL": db_url})
    get_settings.cache_clear()
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Removed 0 expired sessions, 0 idle guests")


def test_server_pruning_pass_uses_the_apps_clock_and_settings(client, session):
    idle, _ = _guest(session)
    client.app.state.clock = lambda: LATER
    report = prune_once(client.app)
    assert report.guests == 1 and not _exists(session, idle)
