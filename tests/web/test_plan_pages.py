"""The plan on the home page, the interview date in the settings form, the what-if page."""

import re
from datetime import timedelta

from sqlalchemy import select

from app.engine import format_answer, generate
from app.models import User
from tests.factories import T0, start_practising
from tests.srs.learners import FORGETFUL, add_history


def _start(client):
    client.app.state.clock = lambda: T0
    client.post("/api/v1/auth/guest")
    client.get("/api/v1/review/next")  # builds the learner's deck


def _csrf(html):
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


def _save_date(client, value):
    page = client.get("/settings").text
    form = {
        "csrf_token": _csrf(page), "desired_retention": "0.9", "new_per_day": "20",
        "max_reviews_per_day": "200", "timezone": "UTC", "interview_date": value,
    }  # fmt: skip
    return client.post("/settings", data=form)


def test_plan_pages_home_without_a_date_invites_one(client):
    start_practising(client)
    _start(client)
    home = client.get("/").text
    assert "Your interview plan" in home and "Set your interview date" in home
    assert 'id="interview_date"' in client.get("/settings").text


def test_plan_pages_settings_form_saves_and_clears_the_date(client):
    start_practising(client)
    _start(client)
    saved = _save_date(client, "2026-03-16")
    assert saved.status_code == 200 and 'value="2026-03-16"' in saved.text
    refused = _save_date(client, "2026-02-01")
    assert refused.status_code == 422 and "Interview date: 2026-02-01 has passed" in refused.text
    cleared = _save_date(client, "")
    assert (
        cleared.status_code == 200 and 'name="interview_date" type="date" value=""' in cleared.text
    )


def test_plan_pages_home_draws_the_plan_with_a_text_alternative(client):
    _start(client)
    _save_date(client, "2026-03-16")
    home = client.get("/").text
    assert "14</span> days to 2026-03-16" in home
    chart = re.search(r'<svg[^>]*class="chart chart-plan"[^>]*>.*?</svg>', home, re.S).group(0)
    assert 'role="img"' in chart and "<desc" in chart and "interview day 2026-03-16" in chart
    assert home.count('class="chart-spark"') >= 5  # one small trend per topic
    # The 10-vs-20 table loads after the page, from the form's own address.
    url = re.search(r'hx-get="([^"]*/plan/what-if\?[^"]+)" hx-trigger="load"', home).group(1)
    table = client.get(url.replace("&amp;", "&"), headers={"HX-Request": "true"}).text
    assert "Readiness on the interview day with" in table
    assert re.search(r'<th scope="row">10</th><td>\d+ %</td>', table)
    assert re.search(r'<th scope="row">20</th><td>\d+ %</td>', table)


def test_plan_pages_what_if_page_and_partial(client):
    start_practising(client)
    _start(client)
    assert client.get("/plan/what-if?new_per_day=5&minutes_per_day=15").status_code == 409
    _save_date(client, "2026-03-16")
    page = client.get("/plan/what-if?new_per_day=5&minutes_per_day=15")
    assert page.status_code == 200 and "<h1" in page.text
    assert '<tr aria-current="true"><th scope="row">5</th>' in page.text
    partial = client.get("/plan/what-if?new_per_day=5", headers={"HX-Request": "true"})
    assert "<h1" not in partial.text and "Readiness on the interview day" in partial.text
    assert client.get("/plan/what-if?new_per_day=999").status_code == 422


def test_plan_pages_stats_show_skills_and_both_log_losses(client, session):
    start_practising(client)
    _start(client)
    user = session.scalars(select(User).order_by(User.id.desc())).first()
    start = T0 - timedelta(days=120)
    add_history(session, user, parameters=FORGETFUL, start=start, days=120, cards=90)
    assert client.post("/api/v1/me/optimize").json()["adopted"] is True
    stats = client.get("/stats").text
    assert "Skill mastery" in stats and "Your memory model" in stats
    assert "Scheduling uses parameters fitted to your own reviews." in stats
    figures = re.findall(r"<td>(0\.\d{4})</td>", stats)
    assert len(figures) == 2 and float(figures[1]) < float(figures[0])
    body = client.get("/api/v1/stats").json()
    assert body["memory_model"]["fitted"] is True
    assert abs(body["memory_model"]["last_fit"]["log_loss_fitted"] - float(figures[1])) < 1e-4
    assert isinstance(body["skills"], list)


def test_plan_pages_drill_page_shows_the_templates_mastery(client):
    start_practising(client)
    _start(client)
    card = client.get("/api/v1/review/next?kind=numeric").json()["card"]
    seed = card["variant"]["seed"]
    expected = format_answer(generate(card["template"], seed).answer)
    client.post("/api/v1/review", json={"card_id": card["card_id"], "answer": expected})
    page = client.get(f"/drill/{card['template']}?seed=5").text
    assert "Your mastery" in page and "1 of 1 right (100 %)" in page
    other = client.get("/drill/conv2d?seed=5").text if card["template"] != "conv2d" else page
    assert "Your mastery" in other
