"""Practice, account and stats pages through httpx, including the htmx partials."""

import re

from tests.factories import start_practising


def _token(html: str) -> str:
    return re.search(r'name="csrf-token" content="([^"]+)"', html).group(1)


def _open_practice(client, query=""):
    html = client.get(f"/practice{query}").text
    return html, _token(html), re.search(r'name="card_id" value="(\d+)"', html).group(1)


def test_practice_page_gives_a_first_visit_a_guest_and_a_card(client):
    first = client.get("/practice", follow_redirects=False)  # looking creates nothing
    assert first.status_code == 303 and "bp_session" not in first.headers.get("set-cookie", "")
    welcome = client.get(first.headers["location"])
    response = client.post(
        "/welcome", data={"csrf_token": _token(welcome.text), "next": "/practice"}
    )  # "Start practising": the guest is created by this POST
    assert response.status_code == 200 and client.cookies.get("bp_session")
    assert "data-shortcuts" in response.text and 'data-key="space"' in response.text
    assert re.search(r"<strong>20</strong> new", response.text)


def test_practice_reveal_partial_grades_key_points_and_offers_ratings(client):
    start_practising(client)
    _, token, card_id = _open_practice(client, "?kind=text")
    answer = "Deep learning trains neural networks with many layers that learn features (representations) from raw data"
    response = client.post(
        "/practice/reveal",
        data={"card_id": card_id, "answer": answer, "csrf_token": token},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert "<html" not in response.text
    assert re.search(r"You covered [1-9] of \d key points", response.text)
    assert 'data-key="1"' in response.text and 'data-key="4"' in response.text
    assert re.search(r'class="interval">10m<', response.text)


def test_practice_review_then_undo_partials(client):
    start_practising(client)
    _, token, card_id = _open_practice(client, "?kind=text")
    revealed = client.post(
        "/practice/reveal",
        data={"card_id": card_id, "csrf_token": token},
        headers={"HX-Request": "true"},
    ).text
    key = re.search(r'name="idempotency_key" value="([^"]+)"', revealed).group(1)
    form = {
        "card_id": card_id,
        "rating": "3",
        "idempotency_key": key,
        "csrf_token": token,
        "kind": "text",
    }
    first = client.post("/practice/review", data=form, headers={"HX-Request": "true"})
    assert "Recorded Good" in first.text and re.search(r"<strong>19</strong> new", first.text)
    again = client.post(
        "/practice/review", data=form, headers={"HX-Request": "true"}
    )  # a double click
    assert re.search(r"<strong>19</strong> new", again.text)
    undone = client.post(
        "/practice/undo", data={"csrf_token": token, "kind": "text"}, headers={"HX-Request": "true"}
    )
    assert "Undid your Good" in undone.text and f'name="card_id" value="{card_id}"' in undone.text


def test_practice_numeric_bad_answer_is_422_with_message(client):
    start_practising(client)
    _, token, card_id = _open_practice(client, "?kind=numeric")
    response = client.post(
        "/practice/reveal",
        data={"card_id": card_id, "answer": "twelve", "csrf_token": token},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 422
    assert 'role="alert"' in response.text and "Expected" in response.text


def test_practice_form_without_csrf_token_is_refused(client):
    start_practising(client)
    _, _token_value, card_id = _open_practice(client)
    response = client.post("/practice/reveal", data={"card_id": card_id})
    assert response.status_code == 403


def test_practice_done_for_the_day_says_when_next(client):
    html = client.get("/practice").text
    token = _token(html)
    client.post(
        "/settings",
        data={
            "csrf_token": token,
            "desired_retention": "0.9",
            "new_per_day": "1",
            "max_reviews_per_day": "200",
            "timezone": "UTC",
        },
    )
    _, token, card_id = _open_practice(client)
    revealed = client.post("/practice/reveal", data={"card_id": card_id, "csrf_token": token}).text
    key = re.search(r'name="idempotency_key" value="([^"]+)"', revealed).group(1)
    done = client.post(
        "/practice/review",
        data={"card_id": card_id, "rating": "4", "idempotency_key": key, "csrf_token": token},
    ).text
    assert "All done for now" in done and "The next card is due" in done


def test_settings_page_rejects_unknown_time_zone(client):
    start_practising(client)
    token = _token(client.get("/settings").text)
    response = client.post(
        "/settings",
        data={
            "csrf_token": token,
            "desired_retention": "0.9",
            "new_per_day": "20",
            "max_reviews_per_day": "200",
            "timezone": "Mars/Base",
        },
    )
    assert response.status_code == 422 and "Unknown time zone" in response.text


def test_register_and_login_pages(client):
    token = _token(client.get("/register").text)
    response = client.post(
        "/register",
        data={"csrf_token": token, "email": "page@example.com", "password": "long enough"},
        follow_redirects=False,
    )
    assert response.status_code == 303
    assert "Log out" in client.get("/").text
    token = _token(client.get("/").text)
    client.post("/logout", data={"csrf_token": token})
    token = _token(client.get("/login").text)
    bad = client.post(
        "/login", data={"csrf_token": token, "email": "page@example.com", "password": "wrong!"}
    )
    assert bad.status_code == 401 and "wrong email or password" in bad.text
    good = client.post(
        "/login",
        data={
            "csrf_token": token,
            "email": "page@example.com",
            "password": "long enough",
            "next": "https://evil.example/",
        },
        follow_redirects=False,
    )
    assert good.status_code == 303 and good.headers["location"] == "/"


def test_stats_page_draws_svg_charts(client):
    start_practising(client)
    html = client.get("/stats").text
    # reviews per day and the forecast; mastery per topic is an HTML list, so names wrap
    assert html.count("<svg") == 2 and '<ul class="topic-mastery">' in html
    assert 'role="img"' in html and "Reviews per day" in html
    assert client.get("/charts.css").headers["content-type"].startswith("text/css")
