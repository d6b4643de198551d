"""How a practice session goes on: an interview's misses first, "I mistyped — count it" on a
wrong number, and studying more once today's work is done (httpx, with and without htmx)."""

import re
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from app.models import Card, MockInterview, MockItem, ReviewLog, User
from app.srs.scheduler import REVIEW
from tests.factories import start_practising
from tests.mock.helpers import OFF_TOPIC

WRONG = "123456789"


def _token(html):
    return re.search(r'name="csrf_token" value="([^"]*)"', html).group(1)


def _card_id(html):
    return re.search(r'name="card_id" value="(\d+)"', html).group(1)


def _missed_interview(client, sessions):
    """A one-question interview answered off topic and finished: its card is a lapse."""
    start_practising(client)
    token = _token(client.get("/mock").text)
    form = {"csrf_token": token, "count": "1", "seconds": "60", "topics": "regularisation"}
    location = client.post("/mock", data=form, follow_redirects=False).headers["location"]
    client.post(f"{location}/answer", data={"csrf_token": token, "index": "0", "answer": OFF_TOPIC})
    with sessions() as s:
        interview = s.scalar(select(MockInterview).order_by(MockInterview.id.desc()))
        item = s.scalar(select(MockItem).where(MockItem.interview_id == interview.id))
        card = s.scalar(
            select(Card).where(
                Card.user_id == interview.user_id, Card.question_id == item.question_id
            )
        )
        return interview.id, card.id


def test_practice_with_mock_focus_starts_with_the_misses_and_carries_it(client, sessions):
    interview_id, card_id = _missed_interview(client, sessions)
    report = client.get(f"/mock/{interview_id}/report").text
    assert f'href="/practice?mock={interview_id}">Practise now</a>' in report
    page = client.get(f"/practice?mock={interview_id}").text
    assert _card_id(page) == str(card_id)
    assert "Your interview&#39;s misses first: 1 left." in page or "misses first: 1 left" in page
    assert f'<input type="hidden" name="mock" value="{interview_id}">' in page
    revealed = client.post(
        "/practice/reveal",
        data={"csrf_token": _token(page), "card_id": str(card_id), "mock": str(interview_id)},
        headers={"HX-Request": "true"},
    ).text
    assert f'name="mock" value="{interview_id}"' in revealed
    key = re.search(r'name="idempotency_key" value="([^"]+)"', revealed).group(1)
    after = client.post(
        "/practice/review",
        data={"csrf_token": _token(page), "card_id": str(card_id), "rating": "3",
              "idempotency_key": key, "mock": str(interview_id)},
        headers={"HX-Request": "true"},
    ).text  # fmt: skip
    assert "misses are done for now" in after


def test_practice_study_inputs_are_bounded(client):
    start_practising(client)
    for query in ("?mock=0", "?mock=abc", f"?mock={2**31}", "?more=everything"):
        response = client.get(f"/practice{query}")
        assert response.status_code == 422, query
        assert ("mock" if "mock" in query else "more") in response.text
    # another learner's interview (or none) focuses nothing: the plain queue
    unknown = client.get("/practice?mock=999")
    assert unknown.status_code == 200 and "data-focus" not in unknown.text


def _numeric(client):
    start_practising(client)
    page = client.get("/practice?kind=numeric").text
    return {"csrf_token": _token(page), "card_id": _card_id(page), "kind": "numeric"}


def test_practice_i_mistyped_counts_a_wrong_number_and_logs_the_override(client, sessions):
    form = _numeric(client)
    wrong = client.post("/practice/reveal", data={**form, "answer": WRONG, "expects": "number"})
    assert wrong.status_code == 200 and "Not quite." in wrong.text
    assert "I mistyped — count it" in wrong.text and 'data-key="3"' not in wrong.text
    counted = client.post(
        "/practice/reveal",
        data={**form, "answer": WRONG, "overridden": "true"},
        headers={"HX-Request": "true"},
    ).text
    assert "Counted as correct." in counted and "I mistyped" not in counted
    assert 'data-key="2"' in counted and 'data-key="4"' in counted and 'data-key="1"' not in counted
    assert '<input type="hidden" name="overridden" value="true">' in counted
    seed = re.search(r'name="seed" value="(\d+)"', counted).group(1)
    key = re.search(r'name="idempotency_key" value="([^"]+)"', counted).group(1)
    review = client.post(
        "/practice/review",
        data={**form, "answer": WRONG, "seed": seed, "rating": "3", "idempotency_key": key,
              "overridden": "true"},
        headers={"HX-Request": "true"},
    ).text  # fmt: skip
    assert "Recorded Good (counted as correct: you mistyped)" in review
    with sessions() as s:
        log = s.scalar(select(ReviewLog).order_by(ReviewLog.id.desc()))
        assert (log.rating, log.correct, log.overridden) == (3, True, True)


def test_practice_no_override_after_i_dont_know(client, sessions):
    form = _numeric(client)
    shown = client.post("/practice/reveal", data={**form, "give_up": "1", "expects": "number"})
    assert "Worked solution" in shown.text and "I mistyped" not in shown.text
    refused = client.post("/practice/reveal", data={**form, "answer": WRONG, "overridden": "true"})
    assert refused.status_code == 409 and "overridden: the solution" in refused.text
    seed = re.search(r'name="seed" value="(\d+)"', shown.text).group(1)
    review = client.post(
        "/practice/review",
        data={**form, "answer": WRONG, "seed": seed, "rating": "3", "idempotency_key": "k1",
              "overridden": "true"},
    ).text  # fmt: skip
    assert "overridden: the solution" in review
    with sessions() as s:
        assert s.scalar(select(ReviewLog.id)) is None


def _finish_today(sessions):
    """No new cards left today, and three reviews due in 1, 2 and 10 days."""
    with sessions() as s:
        user = s.scalar(select(User).order_by(User.id.desc()))
        user.new_per_day = 0
        cards = list(s.scalars(select(Card).where(Card.user_id == user.id).order_by(Card.id)))
        now = datetime.now(UTC)
        for card, days in zip(cards, (1, 2, 10), strict=False):
            card.state, card.reps, card.stability, card.difficulty = REVIEW, 3, 8.0, 5.0
            card.last_review, card.due = now - timedelta(days=6), now + timedelta(days=days)
        s.commit()
        return [c.id for c in cards[:3]]


def test_practice_done_offers_study_more_and_learn_ahead_serves_the_soonest(client, sessions):
    start_practising(client)
    client.get("/practice")  # the deck is made
    soonest, second, _far = _finish_today(sessions)
    done = client.get("/practice").text
    assert "All done for now" in done and "Study more" in done
    assert 'href="/practice?more=ahead&amp;topic=&amp;kind="' in done
    assert "Learn ahead: 2 reviews due in the next 3 days" in done
    assert "Learn 10 new cards beyond today" in done
    ahead = client.get("/practice?more=ahead").text
    assert _card_id(ahead) == str(soonest) and "Learning ahead" in ahead
    assert '<input type="hidden" name="more" value="ahead">' in ahead
    revealed = client.post(
        "/practice/reveal",
        data={"csrf_token": _token(ahead), "card_id": str(soonest), "more": "ahead"},
    ).text
    assert '<input type="hidden" name="more" value="ahead">' in revealed
    key = re.search(r'name="idempotency_key" value="([^"]+)"', revealed).group(1)
    nxt = client.post(
        "/practice/review",
        data={"csrf_token": _token(ahead), "card_id": str(soonest), "rating": "3",
              "idempotency_key": key, "more": "ahead"},
    ).text  # fmt: skip
    assert _card_id(nxt) == str(second)
    new = client.get("/practice?more=new").text
    assert "New cards beyond today" in new and 'name="more" value="new"' in new
