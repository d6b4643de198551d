"""The plan API, the interview date in settings, and fitting parameters, over HTTP."""

from datetime import timedelta

from app.srs import optimizer
from tests.factories import T0


def _start(client, now=T0):
    client.app.state.clock = lambda: now
    client.post("/api/v1/auth/guest")


def _set_date(client, value):
    settings = client.get("/api/v1/me/settings").json()
    return client.put("/api/v1/me/settings", json=settings | {"interview_date": value})


def test_plan_api_settings_take_an_interview_date_and_refuse_bad_ones(client):
    _start(client)
    assert client.get("/api/v1/me/settings").json()["interview_date"] is None
    assert _set_date(client, "2026-03-16").json()["interview_date"] == "2026-03-16"
    for bad, words in (("2026-03-01", "has passed"), ("2031-01-01", "at most"), ("soon", "date")):
        answer = _set_date(client, bad)
        assert answer.status_code == 422, bad
        assert "interview_date" in str(answer.json()["detail"]) and words in str(answer.json())
    assert _set_date(client, None).json()["interview_date"] is None


def test_plan_api_reports_readiness_minutes_and_the_curve_to_the_day(client):
    _start(client)
    _set_date(client, "2026-03-16")
    card = client.get("/api/v1/review/next").json()["card"]
    client.post(
        "/api/v1/review", json={"card_id": card["card_id"], "rating": 4, "duration_ms": 30_000}
    )
    plan = client.get("/api/v1/plan").json()
    assert plan["interview_date"] == "2026-03-16" and plan["days_left"] == 14
    assert 0 < plan["readiness"] < 0.05  # one card of the deck known
    assert plan["forecast"] > plan["readiness"]
    assert plan["seconds_per_card"] == 30.0 and plan["daily_minutes"] > 0
    assert plan["new_cards_done_by"] <= "2026-03-13"
    assert [p["date"] for p in plan["curve"]][::14] == ["2026-03-02", "2026-03-16"]
    assert {t["topic"] for t in plan["topics"]} >= {"fundamentals"}
    assert all(0 <= t["readiness"] <= 1 and t["forecast"] is not None for t in plan["topics"])


def test_plan_api_without_a_date_and_the_simulator_needs_one(client):
    _start(client)
    plan = client.get("/api/v1/plan").json()
    assert plan["interview_date"] is None and plan["forecast"] is None and plan["curve"] == []
    answer = client.get("/api/v1/plan/simulate?new_per_day=10&minutes_per_day=20")
    assert answer.status_code == 409 and "interview_date" in answer.json()["detail"]


def test_plan_api_simulator_more_minutes_never_lower_readiness(client):
    _start(client)
    _set_date(client, "2026-03-16")
    readiness = [
        client.get(f"/api/v1/plan/simulate?new_per_day=20&minutes_per_day={m}").json()["readiness"]
        for m in (3, 10, 30, 90)
    ]
    assert readiness == sorted(readiness) and readiness[-1] > readiness[0]
    # 10 a day cannot introduce the whole deck in 14 days; 40 a day can.
    few, many = (client.get(f"/api/v1/plan/simulate?new_per_day={n}").json() for n in (10, 40))
    assert few["new_cards_done_by"] is None and many["new_cards_done_by"] is not None
    assert many["readiness"] > few["readiness"]
    for bad in ("new_per_day=-1", "new_per_day=201", "minutes_per_day=0", "minutes_per_day=x"):
        assert client.get(f"/api/v1/plan/simulate?{bad}").status_code == 422


def test_plan_api_optimize_with_little_history_keeps_the_defaults(client):
    assert client.post("/api/v1/me/optimize").status_code == 401
    _start(client)
    answer = client.post("/api/v1/me/optimize")
    assert answer.status_code == 200
    body = answer.json()
    assert body["adopted"] is False and body["reason"].startswith("too little history")
    assert body["reviews_used"] == 0 and body["log_loss_fitted"] is None
    again = client.post("/api/v1/me/optimize")
    assert again.status_code == 429 and "optimize" in again.json()["detail"]
    client.app.state.clock = lambda: T0 + timedelta(minutes=2)
    assert client.post("/api/v1/me/optimize").status_code == 200
    optimizer.wait_for_background()
