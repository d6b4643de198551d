"""Practice through the API: next card, reviews, numeric grading, idempotency, undo, stats."""

from app.engine import format_answer, generate


def _start(client):
    client.post("/api/v1/auth/guest")


def test_review_next_requires_a_session(client):
    assert client.get("/api/v1/review/next").status_code == 401


def test_review_next_returns_a_card_with_counts_and_intervals(client):
    _start(client)
    body = client.get("/api/v1/review/next").json()
    assert body["counts"] == {"new": 20, "learning": 0, "due": 0}
    card = body["card"]
    assert card["question_id"] == "what-is-deep-learning"
    assert card["intervals"]["1"] == "1m" and card["intervals"]["3"] == "10m"
    assert "answer" not in card


def test_review_rating_moves_the_queue_and_idempotency_repeats_the_result(client):
    _start(client)
    card = client.get("/api/v1/review/next").json()["card"]
    first = client.post(
        "/api/v1/review", json={"card_id": card["card_id"], "rating": 3, "idempotency_key": "k-1"}
    )
    assert first.status_code == 200 and first.json()["interval"] == "10m"
    repeat = client.post(
        "/api/v1/review", json={"card_id": card["card_id"], "rating": 1, "idempotency_key": "k-1"}
    )
    assert repeat.json() == first.json()
    assert client.get("/api/v1/stats").json()["reviews_today"] == 1
    assert client.get("/api/v1/review/next").json()["counts"]["new"] == 19


def test_review_numeric_card_checked_by_the_engine(client):
    _start(client)
    card = client.get("/api/v1/review/next", params={"kind": "numeric"}).json()["card"]
    variant = card["variant"]
    assert card["template"] and set(variant) >= {"seed", "params", "prompt"}
    assert "answer" not in variant and "explanation" not in variant
    # a reload shows the same numbers until the card is answered
    assert (
        client.get("/api/v1/review/next", params={"kind": "numeric"}).json()["card"]["variant"][
            "seed"
        ]
        == variant["seed"]
    )
    expected = format_answer(generate(card["template"], variant["seed"]).answer)
    body = client.post(
        "/api/v1/review", json={"card_id": card["card_id"], "answer": expected}
    ).json()
    assert body["correct"] is True and body["rating"] == 3 and body["explanation"]


def test_review_bad_input_is_422_with_field(client):
    _start(client)
    card = client.get("/api/v1/review/next").json()["card"]
    missing = client.post("/api/v1/review", json={"card_id": card["card_id"]})
    assert missing.status_code == 422 and missing.json()["detail"].startswith("rating:")
    out_of_range = client.post("/api/v1/review", json={"card_id": card["card_id"], "rating": 7})
    assert out_of_range.status_code == 422
    unknown = client.post("/api/v1/review", json={"card_id": 999999, "rating": 3})
    assert unknown.status_code == 404


def test_review_another_learners_card_is_404(client):
    _start(client)
    card = client.get("/api/v1/review/next").json()["card"]
    client.cookies.clear()
    _start(client)
    assert (
        client.post("/api/v1/review", json={"card_id": card["card_id"], "rating": 3}).status_code
        == 404
    )


def test_review_undo_brings_the_card_back(client):
    _start(client)
    card = client.get("/api/v1/review/next").json()["card"]
    client.post("/api/v1/review", json={"card_id": card["card_id"], "rating": 4})
    undone = client.post("/api/v1/review/undo").json()
    assert undone["card_id"] == card["card_id"] and undone["rating"] == 4
    assert client.get("/api/v1/review/next").json()["card"]["card_id"] == card["card_id"]
    assert client.post("/api/v1/review/undo").status_code == 404


def test_stats_shape(client):
    _start(client)
    card = client.get("/api/v1/review/next").json()["card"]
    client.post("/api/v1/review", json={"card_id": card["card_id"], "rating": 4})
    stats = client.get("/api/v1/stats").json()
    assert stats["reviews_today"] == 1
    assert sum(stats["reviews_per_day"].values()) == 1
    assert len(stats["due_forecast"]) == 30
    assert stats["retention"]["last_30_days"] is None
    assert {t["topic"] for t in stats["topics"]} >= {"fundamentals", "cnn"}
    cnn = next(t for t in stats["topics"] if t["topic"] == "cnn")
    assert cnn["cards"] == cnn["questions"] + cnn["drills"] and cnn["drills"] > 0


def test_settings_api_validates_time_zone(client):
    _start(client)
    assert client.get("/api/v1/me/settings").json()["new_per_day"] == 20
    bad = client.put("/api/v1/me/settings", json={"timezone": "Mars/Base"})
    assert bad.status_code == 422 and "timezone" in bad.json()["detail"]
    ok = client.put("/api/v1/me/settings", json={"timezone": "Europe/Paris", "new_per_day": 5})
    assert ok.json()["timezone"] == "Europe/Paris" and ok.json()["new_per_day"] == 5


def test_oversized_request_body_is_413(client):
    _start(client)
    response = client.post(
        "/api/v1/review",
        content=b"{" + b" " * (3 * 1024 * 1024) + b"}",
        headers={"Content-Type": "application/json"},
    )
    assert response.status_code == 413
    assert "detail" in response.json()


def test_oversized_answer_is_422_naming_the_field(client):
    _start(client)
    card = client.get("/api/v1/review/next").json()["card"]
    response = client.post(
        "/api/v1/review", json={"card_id": card["card_id"], "rating": 3, "answer": "x" * 6000}
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "answer"]
