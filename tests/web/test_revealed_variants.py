"""No credit after seeing the solution, and named mistakes, through drills, practice and the API."""

import re

from app.engine import check, format_answer, generate, get_template
from tests.factories import start_practising

HTMX = {"HX-Request": "true"}


def _token(html: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]*)"', html).group(1)


def _drill(client, template_id, seed, answer):
    page = client.get(f"/drill/{template_id}", params={"seed": seed}).text
    data = {"csrf_token": _token(page), "seed": str(seed), "answer": answer}
    return client.post(f"/drill/{template_id}/check", data=data, headers=HTMX)


def _wrong(answer):
    """The right answer with every entry off by one (same shape, never within tolerance)."""
    if isinstance(answer, list):
        return "[" + ", ".join(_wrong(x) for x in answer) + "]"
    return format_answer(answer + 1)


def _mistake_answer(template_id, seed, mistake_id):
    variant = generate(template_id, seed)
    found = dict(get_template(template_id).mistake_answers(variant.params))
    return format_answer(next(w for m, w in found.items() if m.id == mistake_id))


def test_a_drill_retry_after_the_solution_is_practice_not_correct(client):
    right = format_answer(generate("softmax", 5).answer)
    wrong = _drill(client, "softmax", 5, _wrong(generate("softmax", 5).answer))
    assert "Not quite" in wrong.text
    retry = _drill(client, "softmax", 5, right)
    assert "Practice" in retry.text and "earns no credit" in retry.text
    assert "Correct" not in retry.text
    fresh = _drill(client, "softmax", 6, format_answer(generate("softmax", 6).answer))
    assert "Correct</strong> — well done" in fresh.text


def test_a_drill_check_names_the_mistake(client):
    answer = _mistake_answer("adam_step", 3, "no_bias_correction")
    response = _drill(client, "adam_step", 3, answer)
    assert "Not quite" in response.text
    assert 'data-mistake="no_bias_correction"' in response.text
    assert "without bias correction" in response.text


def test_another_visitor_still_earns_credit_for_the_same_numbers(client):
    answer = format_answer(generate("gd_step", 8).answer)
    assert "well done" in _drill(client, "gd_step", 8, answer).text
    client.cookies.clear()
    assert "well done" in _drill(client, "gd_step", 8, answer).text


def test_the_check_api_returns_the_mistake(client):
    answer = _mistake_answer("weight_decay_step", 2, "no_decay")
    body = client.post(
        "/api/v1/templates/weight_decay_step/check", json={"seed": 2, "answer": answer}
    ).json()
    assert body["correct"] is False
    assert body["mistake"]["id"] == "no_decay" and "penalty" in body["mistake"]["message"]
    right = format_answer(generate("weight_decay_step", 2).answer)
    body = client.post(
        "/api/v1/templates/weight_decay_step/check", json={"seed": 2, "answer": right}
    ).json()
    assert body["correct"] is True and body["mistake"] is None


def _numeric_card(client):
    client.post("/api/v1/auth/guest")  # a page view alone makes no guest
    html = client.get("/practice", params={"kind": "numeric"}).text
    card_id = re.search(r'name="card_id" value="(\d+)"', html).group(1)
    return html, card_id


def _current(client):
    card = client.get("/api/v1/review/next", params={"kind": "numeric"}).json()["card"]
    return card, card["variant"]["seed"]


def _reveal(client, card_id, answer=""):
    # the token from another page: /practice itself would deal the card's numbers again
    token = _token(client.get("/drill/softmax", params={"seed": 1}).text)
    data = {"card_id": card_id, "answer": answer, "csrf_token": token, "kind": "numeric"}
    return client.post("/practice/reveal", data=data, headers=HTMX)


def test_practice_reload_after_reveal_draws_new_numbers(client):
    start_practising(client)
    _, card_id = _numeric_card(client)
    card, seed = _current(client)
    shown = _reveal(client, card_id)
    assert "No answer given" in shown.text
    card_again, seed_again = _current(client)
    assert card_again["card_id"] == card["card_id"] and seed_again != seed
    # the shown numbers typed in now are refused as practice, rated Again
    right = format_answer(generate(card["template"], seed).answer)
    body = client.post(
        "/api/v1/review", json={"card_id": card["card_id"], "answer": right, "seed": seed}
    ).json()
    assert body["correct"] is False and body["practice"] is True and body["rating"] == 1


def test_practice_answer_after_the_solution_earns_no_rating_choice(client):
    start_practising(client)
    _, card_id = _numeric_card(client)
    card, seed = _current(client)
    _reveal(client, card_id)  # skipped: the solution is shown
    # the learner posts the shown answer for the card, whose numbers are unchanged here
    right = format_answer(generate(card["template"], seed).answer)
    body = client.post(
        "/api/v1/review", json={"card_id": card["card_id"], "answer": right, "seed": seed}
    ).json()
    assert body["practice"] is True and body["rating"] == 1


def test_practice_checked_answer_keeps_its_verdict_when_rated(client):
    start_practising(client)
    _, card_id = _numeric_card(client)
    card, seed = _current(client)
    right = format_answer(generate(card["template"], seed).answer)
    shown = _reveal(client, card_id, right)
    assert "Correct." in shown.text and 'data-key="3"' in shown.text
    body = client.post(
        "/api/v1/review",
        json={"card_id": card["card_id"], "answer": right, "seed": seed, "rating": 3},
    ).json()
    assert body["correct"] is True and body["practice"] is False and body["rating"] == 3


def test_practice_second_answer_after_a_wrong_check_is_practice(client):
    start_practising(client)
    _, card_id = _numeric_card(client)
    card, seed = _current(client)
    answer = generate(card["template"], seed).answer
    wrong = _reveal(client, card_id, _wrong(answer))
    assert "Not quite." in wrong.text
    again = _reveal(client, card_id, format_answer(answer))
    assert "Practice." in again.text and 'data-key="3"' not in again.text


def test_the_check_api_marks_a_signed_in_learners_second_check_as_practice(client):
    right = format_answer(generate("mse_loss", 4).answer)
    anonymous = [
        client.post("/api/v1/templates/mse_loss/check", json={"seed": 4, "answer": right}).json()
        for _ in range(2)
    ]
    assert all(body["correct"] and body["practice"] is False for body in anonymous)
    client.post("/api/v1/auth/guest")
    first = client.post("/api/v1/templates/mse_loss/check", json={"seed": 4, "answer": right})
    second = client.post("/api/v1/templates/mse_loss/check", json={"seed": 4, "answer": right})
    assert first.json()["practice"] is False and second.json()["practice"] is True


def _nameable_mistakes(template_id, seed):
    variant = generate(template_id, seed)
    return [
        (m, w)
        for m, w in get_template(template_id).mistake_answers(variant.params)
        if check(template_id, seed, format_answer(w)).mistake == m
    ]


def test_practice_reveal_names_the_mistake(client):
    start_practising(client)
    _, card_id = _numeric_card(client)
    for _ in range(20):  # numbers where every mistake coincides with the answer are skipped
        card, seed = _current(client)
        if mistakes := _nameable_mistakes(card["template"], seed):
            break
        _reveal(client, card_id)  # shown: the next view deals new numbers
    mistake, wrong = mistakes[0]
    shown = _reveal(client, card_id, format_answer(wrong))
    assert "Not quite." in shown.text and f'data-mistake="{mistake.id}"' in shown.text


def test_a_review_with_numbers_the_card_was_not_dealt_earns_no_credit(client):
    client.post("/api/v1/auth/guest")
    card, seed = _current(client)
    other = seed + 1
    right = format_answer(generate(card["template"], other).answer)
    body = client.post(
        "/api/v1/review", json={"card_id": card["card_id"], "answer": right, "seed": other}
    ).json()
    assert body["practice"] is True and body["correct"] is False and body["rating"] == 1
