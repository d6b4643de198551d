"""The learner's card on the question page: history, suspend and resume, leech advice."""

import re

from app.models.review import Card
from app.srs import card_actions
from tests.factories import start_practising


def _token(html: str) -> str:
    return re.search(r'name="csrf-token" content="([^"]+)"', html).group(1)


def test_suspend_and_resume_from_the_question_page(client):
    start_practising(client)
    client.get("/practice")  # the deck exists once practice is opened
    page = client.get("/questions/softmax-and-relu").text
    assert "Your card" in page and "Suspend this card" in page
    card_id = re.search(r'action="/cards/(\d+)/suspend"', page).group(1)
    form = {"csrf_token": _token(page), "suspended": "true"}
    done = client.post(f"/cards/{card_id}/suspend", data=form, follow_redirects=False)
    assert done.status_code == 303 and done.headers["location"].startswith("/questions/")
    assert "Resume this card" in client.get("/questions/softmax-and-relu").text
    assert client.post("/cards/999999/suspend", data=form).status_code == 404
    assert client.post(f"/cards/{card_id}/suspend", data={"suspended": "x"}).status_code in (
        403,
        422,
    )


def test_history_newest_first_and_leech_at_eight_lapses(client, session):
    start_practising(client)
    html = client.get("/practice?kind=text").text
    card_id = int(re.search(r'name="card_id" value="(\d+)"', html).group(1))
    form = {"csrf_token": _token(html), "card_id": str(card_id), "rating": "1", "kind": "text"}
    client.post("/practice/review", data={**form, "idempotency_key": "a"})
    card = session.get(Card, card_id)
    assert card is not None
    card.lapses = card_actions.LEECH_LAPSES
    session.commit()
    page = client.get(f"/questions/{card.question_id}").text
    assert "Leech" in page and "forgotten this card 8 times" in page
    assert "Review history" in page and "<td>Again</td>" in page
