"""The home page and the stats page count a topic's cards alike: its questions and the
numeric drills its questions link, and the drills no topic links (app.srs.topic_cards)."""

import re

from sqlalchemy import select

from app.bank.validate import read_bank
from app.engine import list_templates
from app.models import Card, Question, User
from app.srs.deck import set_question_suspended
from tests.admin.helpers import login_learner
from tests.conftest import BANK_DIR

HTML = {"accept": "text/html"}


def _bank_counts() -> tuple[dict[str, tuple[str, int, int]], int]:
    """From the files, not the app: {topic: (title, questions, drills)} and unlinked drills."""
    files = read_bank(BANK_DIR)
    files.sort(key=lambda f: (f.bank_file.order, f.bank_file.topic))
    first_topic: dict[str, str] = {}
    for f in files:
        for q in f.bank_file.questions:
            for template in q.templates:
                first_topic.setdefault(template, f.bank_file.topic)
    engine_ids = [t.id for t in list_templates()]
    counts = {
        f.bank_file.topic: (
            f.bank_file.title,
            sum(not q.retired for q in f.bank_file.questions),
            sum(first_topic.get(t) == f.bank_file.topic for t in engine_ids),
        )
        for f in files
    }
    return counts, sum(t not in first_topic for t in engine_ids)


def _home_counts(client, title: str) -> str:
    page = client.get("/", headers=HTML).text
    found = re.search(
        rf"<strong>{re.escape(title)}</strong></a>\s*<span class=\"muted\">(.*?) · <a", page
    )
    assert found, f"{title} not on the home page"
    return found.group(1)


def _stats_row(client, title: str) -> str:
    page = client.get("/stats", headers=HTML).text
    found = re.search(rf">{re.escape(title)}</a></span>.*?</li>", page, re.S)
    assert found, f"{title} not on the stats page"
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", found.group()))


def test_home_and_stats_count_a_topics_questions_and_drills_alike(client):
    counts, unlinked = _bank_counts()
    title, questions, drills = counts["cnn"]
    assert questions > 1 and drills > 1 and unlinked > 0  # what the page must explain
    login_learner(client)
    assert _home_counts(client, title) == f"{questions} questions · {drills} numeric drills"
    row = _stats_row(client, title)
    assert (
        f"0 of {questions + drills} cards studied ({questions} questions + {drills} numeric drills)"
        in row
    )
    # the drills no question links: a row of their own on both pages, said what they are
    assert _home_counts(client, "Other numeric drills").startswith(f"{unlinked} numeric drill")
    assert f"0 of {unlinked} card" in _stats_row(client, "Other numeric drills")
    stats = client.get("/stats", headers=HTML).text
    assert "drills no question of a topic links" in stats and ">numeric<" not in stats


def test_home_and_stats_agree_after_a_retired_question_and_a_suspended_card(client, session):
    counts, _ = _bank_counts()
    title, questions, drills = counts["cnn"]
    login_learner(client)
    client.get("/", headers=HTML)  # the deck is dealt
    retired = session.scalars(select(Question.id).where(Question.topic == "cnn")).first()
    session.get(Question, retired).retired = True
    set_question_suspended(session, question_id=retired, suspended=True)
    learner = session.scalars(select(User).where(User.email == "learner@example.com")).one()
    other = session.scalars(
        select(Card).where(
            Card.user_id == learner.id, Card.topic == "cnn", Card.question_id != retired
        )
    ).first()
    other.suspended = True  # by the learner: still one of their cards
    session.commit()
    assert _home_counts(client, title) == f"{questions - 1} questions · {drills} numeric drills"
    row = _stats_row(client, title)
    assert (
        f"of {questions - 1 + drills} cards studied ({questions - 1} questions + {drills} numeric drills; 1 suspended)"
        in row
    )
