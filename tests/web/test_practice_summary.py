"""The finished screen sums up the session: cards, share remembered, time, due tomorrow."""

import re

from tests.factories import start_practising


def _token(html: str) -> str:
    return re.search(r'name="csrf-token" content="([^"]+)"', html).group(1)


def test_finished_screen_shows_todays_summary(client):
    start_practising(client)
    html = client.get("/settings").text
    settings = {"desired_retention": "0.9", "new_per_day": "1", "max_reviews_per_day": "200"}
    saved = client.post(
        "/settings", data={**settings, "timezone": "UTC", "csrf_token": _token(html)}
    )
    assert saved.status_code == 200
    html = client.get("/practice?kind=text").text
    card_id = re.search(r'name="card_id" value="(\d+)"', html).group(1)
    review = {"csrf_token": _token(html), "card_id": card_id, "rating": "4", "kind": "text"}
    done = client.post(
        "/practice/review", data={**review, "idempotency_key": "k1", "duration_ms": "90000"}
    ).text
    assert "All done for now" in done
    tiles = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", done))
    assert "1 card studied (1 review)" in tiles and "100 % remembered" in tiles
    assert "2 min spent" in tiles and "due by tomorrow" in tiles


def test_stats_page_shows_streak_time_and_a_heatmap_legend(client):
    start_practising(client)
    html = client.get("/practice?kind=text").text
    card_id = re.search(r'name="card_id" value="(\d+)"', html).group(1)
    review = {"csrf_token": _token(html), "card_id": card_id, "rating": "3", "kind": "text"}
    client.post(
        "/practice/review", data={**review, "idempotency_key": "k", "duration_ms": "120000"}
    )
    stats = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", client.get("/stats").text))
    assert "1 day in a row" in stats and "Less" in stats and "More" in stats
    assert "Per topic, the last 30 days" in stats and " 1 2 " in stats  # 1 review, 2 minutes
