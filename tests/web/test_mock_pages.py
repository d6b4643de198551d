"""Mock interview pages: set-up with presets, the timed question, the report, self-assessment."""

import re

import pytest
from sqlalchemy import select

from app.models import MockInterview, MockItem
from tests.factories import start_practising
from tests.mock.helpers import GOOD_ANSWERS, Clock


@pytest.fixture
def clock(client):
    clock = Clock()
    client.app.state.clock = clock
    return clock


def _token(html):
    return re.search(r'name="csrf_token" value="([^"]*)"', html).group(1)


def _start(client, **form):
    page = client.get("/mock")
    data = {"csrf_token": _token(page.text), "count": "2", "seconds": "60", "numeric": "on", **form}
    return client.post("/mock", data=data, follow_redirects=False)


def _interview(sessions):
    with sessions() as s:
        interview = s.scalar(select(MockInterview).order_by(MockInterview.id.desc()))
        items = list(
            s.scalars(
                select(MockItem)
                .where(MockItem.interview_id == interview.id)
                .order_by(MockItem.position)
            )
        )
        return interview, items


def test_mock_setup_page_offers_topics_presets_and_history(client, clock):
    start_practising(client)
    page = client.get("/mock")
    assert page.status_code == 200
    html = page.text
    assert re.search(r'href="[^"]*/mock"\s+aria-current="page">Mock interview</a>', html)
    assert 'name="topics" value="cnn" checked' in html
    assert 'name="count" type="number"' in html and 'value="10"' in html and 'value="120"' in html
    assert "Phone screen" in html and "8 questions, 1:30 each" in html
    assert "Onsite" in html and "15 questions, 3:00 each" in html
    assert "No interviews yet" in html


def test_mock_preset_starts_an_interview_and_redirects_to_its_first_question(
    client, clock, sessions
):
    response = _start(client, preset="phone", topics=["cnn", "rnn", "fundamentals"])
    assert response.status_code == 303
    interview, items = _interview(sessions)
    assert response.headers["location"].endswith(f"/mock/{interview.id}")
    assert (interview.count, interview.seconds_per_question) == (8, 90)
    assert {item.topic for item in items} <= {"cnn", "rnn", "fundamentals"}
    onsite = _start(client, preset="onsite")
    assert onsite.status_code == 303
    assert _interview(sessions)[0].count == 15


def test_mock_setup_form_without_topics_means_all_and_bad_numbers_are_refused(
    client, clock, sessions
):
    assert _start(client, count="3", seconds="45").status_code == 303
    interview, _ = _interview(sessions)
    assert (interview.count, interview.seconds_per_question, interview.topics) == (3, 45, [])
    assert _start(client, count="31").status_code == 422
    assert _start(client, seconds="2").status_code == 422


def test_mock_sit_page_has_an_accessible_countdown_from_the_server_clock(client, clock, sessions):
    location = _start(client, topics=["regularisation"], numeric="").headers["location"]
    clock.advance(seconds=10)
    page = client.get(location)
    html = page.text
    timer = re.search(
        r'<div class="mock-timer[^"]*" role="timer" aria-live="off" aria-label="Time left"[^>]*>',
        html,
    ).group(0)
    # Starting the interview (a POST) showed question 1: its clock started then.
    assert 'data-deadline="2026-03-02T10:01:00.000+00:00"' in timer
    assert 'data-server-now="2026-03-02T10:00:10.000+00:00"' in timer
    assert "<span data-countdown-text>0:50</span>" in html
    assert 'role="status" aria-live="polite" data-countdown-announce' in html
    assert "<textarea" in html and "Question 1 <span" in html
    clock.advance(seconds=35)  # a reload shows the same question with the time really left
    again = client.get(location).text
    assert (
        "<span data-countdown-text>0:15</span>" in again
        and 'class="mock-timer is-low"' not in again
    )
    clock.advance(seconds=6)
    assert 'class="mock-timer is-low"' in client.get(location).text


def test_mock_answer_form_moves_on_then_lands_on_the_report(client, clock, sessions):
    location = _start(client, topics=["regularisation"], numeric="").headers["location"]
    page = client.get(location)
    _, items = _interview(sessions)
    answer = GOOD_ANSWERS.get(items[0].question_id, "normalise and regularise")
    first = client.post(
        f"{location}/answer", data={"csrf_token": _token(page.text), "index": "0", "answer": answer},
        follow_redirects=False,
    )  # fmt: skip
    assert first.status_code == 303 and first.headers["location"].endswith(location)
    second_page = client.get(location)
    assert "Question 2 <span" in second_page.text
    again = client.post(
        f"{location}/answer",
        data={"csrf_token": _token(page.text), "index": "0", "answer": "twice"},
        follow_redirects=False,
    )
    assert again.status_code == 303  # a repeated form post just shows where things stand
    last = client.post(
        f"{location}/answer", data={"csrf_token": _token(page.text), "index": "1", "action": "skip"},
        follow_redirects=False,
    )  # fmt: skip
    assert last.headers["location"].endswith(f"{location}/report")
    assert client.get(location, follow_redirects=False).headers["location"].endswith("/report")
    report = client.get(f"{location}/report").text
    assert "Interview report" in report and "Skipped" in report
    assert answer.split(",")[0] in report and "Model answer" in report


def test_mock_unreadable_number_is_shown_back_with_the_typed_text(client, clock, sessions):
    location = _start(client, topics=["cnn"], count="30").headers["location"]
    _, items = _interview(sessions)
    page = client.get(location)
    while not items[int(re.search(r'name="index" value="(\d+)"', page.text).group(1))].template_id:
        index = re.search(r'name="index" value="(\d+)"', page.text).group(1)
        client.post(
            f"{location}/answer",
            data={"csrf_token": _token(page.text), "index": index, "action": "skip"},
        )
        page = client.get(location)
    index = re.search(r'name="index" value="(\d+)"', page.text).group(1)
    response = client.post(
        f"{location}/answer",
        data={"csrf_token": _token(page.text), "index": index, "answer": "a lot"},
    )
    assert response.status_code == 422
    assert (
        'role="alert"' in response.text
        and "a lot" in response.text
        and "data-swap-422" in response.text
    )


def test_mock_finish_form_and_htmx_self_assessment(client, clock, sessions):
    location = _start(client, topics=["regularisation"], numeric="", count="3").headers["location"]
    page = client.get(location)
    client.post(
        f"{location}/answer",
        data={"csrf_token": _token(page.text), "index": "0", "answer": "dropout and batch norm"},
    )
    finish = client.post(
        f"{location}/finish", data={"csrf_token": _token(page.text)}, follow_redirects=False
    )
    assert finish.status_code == 303 and finish.headers["location"].endswith("/report")
    report = client.get(f"{location}/report").text
    assert "Not reached" in report and 'hx-post="' in report and "How did you do?" in report
    assessed = client.post(
        f"{location}/items/0/assessment", data={"verdict": "got"},
        headers={"HX-Request": "true", "X-CSRF-Token": _token(page.text)},
    )  # fmt: skip
    assert assessed.status_code == 200
    assert assessed.text.lstrip().startswith('<article class="card mock-result" id="item-0"')
    assert 'aria-pressed="true">Got it' in assessed.text
    assert 'id="mock-summary" hx-swap-oob="true"' in assessed.text and "33 %" in assessed.text
    plain = client.post(
        f"{location}/items/0/assessment",
        data={"csrf_token": _token(page.text), "verdict": "partly"},
        follow_redirects=False,
    )
    assert plain.status_code == 303 and plain.headers["location"].endswith("/report#item-0")


def test_mock_setup_page_lists_past_interviews_with_a_trend_chart(client, clock, sessions):
    for _ in range(2):
        location = _start(client, topics=["regularisation"], numeric="").headers["location"]
        page = client.get(location)
        client.post(f"{location}/finish", data={"csrf_token": _token(page.text)})
        clock.advance(days=1)
    html = client.get("/mock").text
    # Each finished interview links its report; its time is shown in the learner's zone.
    assert html.count('<span class="visually-hidden">, report</span>') == 2
    assert html.count("UTC</time>") == 2
    assert "<svg" in html and "Mock interview scores" in html and "0 %" in html
    assert 'href="/charts.css"' in html or "charts.css" in html


def test_mock_pages_of_another_learner_are_404(client, clock):
    location = _start(client).headers["location"]
    client.cookies.clear()
    start_practising(client)  # another visitor
    assert client.get(location).status_code == 404
    assert client.get(f"{location}/report").status_code == 404
    assert client.get(location, headers={"Accept": "text/html"}).status_code == 404


def test_mock_report_of_a_running_interview_sends_back_to_the_question(client, clock):
    location = _start(client).headers["location"]
    response = client.get(f"{location}/report", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"].endswith(location)


def test_mock_report_item_tells_one_verdict_after_self_assessment(client, clock, sessions):
    from tests.mock.helpers import OFF_TOPIC

    location = _start(client, topics=["regularisation"], numeric="", count="1").headers["location"]
    page = client.get(location)
    client.post(
        f"{location}/answer", data={"csrf_token": _token(page.text), "index": "0", "answer": OFF_TOPIC}
    )  # fmt: skip
    interview, _items = _interview(sessions)
    report = client.get(f"{location}/report").text
    item = re.search(r'<article class="card mock-result" id="item-0".*?</article>', report, re.S)[0]
    assert re.search(r"data-verdict>\d of \d key points<", item) and "In your reviews" in item
    assert "Next time, say" in item and "Key points you missed" in item
    practise = f'href="/practice?mock={interview.id}">Practise now</a>'
    assert practise in report and "1 question you missed is in your reviews" in report

    got = client.post(
        f"{location}/items/0/assessment", data={"verdict": "got"},
        headers={"HX-Request": "true", "X-CSRF-Token": _token(page.text)},
    ).text  # fmt: skip
    item = got.split('<div id="mock-summary"')[0]
    assert "data-verdict>Your verdict: Got it<" in item and "key points</span>" not in item
    assert "In your reviews" not in item and "Next time, say" not in item
    assert "<strong>100 %</strong>" in item and "the grader's reading" in item
    summary = got.split('<div id="mock-summary"')[1]
    assert "100 %" in summary and "Practise now" not in summary
    assert client.get(f"{location}/report").text.count("In your reviews") == 0
