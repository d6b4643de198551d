"""Drill pages: the template list, a variant, checking answers (full page and htmx partial)."""

import re

from app.engine import format_answer, generate
from app.web.rendering import render_markdown
from tests.factories import start_practising

HTMX = {"HX-Request": "true"}


def _open(client, template_id, seed):
    """The variant page and the CSRF token its form carries."""
    response = client.get(f"/drill/{template_id}", params={"seed": seed})
    assert response.status_code == 200
    token = re.search(r'name="csrf_token" value="([^"]*)"', response.text).group(1)
    return response, token


def _post(client, template_id, seed, answer, headers=None):
    _, token = _open(client, template_id, seed)
    data = {"csrf_token": token, "seed": str(seed), "answer": answer}
    return client.post(f"/drill/{template_id}/check", data=data, headers=headers or {})


def test_drill_list_page_links_every_template(client):
    response = client.get("/drill")
    assert response.status_code == 200
    html = response.text
    templates = client.get("/api/v1/templates").json()
    links = re.findall(r'href="/drill/([a-z0-9_]+)"', html)
    assert links == [t["id"] for t in templates]
    assert (
        "Convolution output size" in html and "<code>conv2d</code>" not in html
    )  # no internal ids
    assert 'aria-current="page">Drills</a>' in html


def test_drill_page_without_seed_redirects_to_a_linkable_seed(client):
    start_practising(client)
    response = client.get("/drill/softmax", follow_redirects=False)
    assert response.status_code == 303
    assert re.fullmatch(r"http://testserver/drill/softmax\?seed=\d+", response.headers["location"])


def test_drill_page_shows_the_prompt_and_an_answer_form(client):
    start_practising(client)
    response, token = _open(client, "conv_output_size", 5)
    html = response.text
    assert token  # the page gave the visitor a session, so the form can post
    assert str(render_markdown(generate("conv_output_size", 5).prompt)) in html
    assert 'class="math' in html
    assert 'method="post" action="/drill/conv_output_size/check"' in html
    assert 'hx-post="/drill/conv_output_size/check"' in html
    assert 'hx-target="#drill-result"' in html
    # The boosted "Another one" link inside the form must not inherit the form's hx-target.
    assert 'hx-disinherit="*"' in html and "data-swap-422" in html
    assert '<label for="answer">Answer</label>' in html
    assert '<input id="answer" name="answer" type="text"' in html
    assert 'name="seed" value="5"' in html
    assert re.search(r'href="/drill/conv_output_size\?seed=\d+">Another one', html)
    assert 'role="status"' in html
    # (the "Another one" link carries a random seed, which may contain any digits)
    form = re.sub(r"seed=\d+", "", html.split("<form")[1])
    assert format_answer(generate("conv_output_size", 5).answer) not in form


def test_drill_page_matrix_answer_is_a_textarea_with_the_formats(client):
    start_practising(client)
    html = client.get("/drill/conv2d", params={"seed": 2}).text
    assert '<textarea id="answer" name="answer"' in html
    assert "[[1, 2], [3, 4]] or rows separated by ;" in html
    assert 'aria-describedby="answer-format"' in html


def test_drill_check_full_page_shows_the_verdict_and_the_explanation(client):
    answer = format_answer(generate("conv2d", 4).answer)
    response = _post(client, "conv2d", 4, answer)
    assert response.status_code == 200
    html = response.text
    assert "<html" in html and "Correct" in html
    assert "Worked solution" in html and "bmatrix" in html
    assert f"<code>{answer}</code>" in html
    assert f">{answer}</textarea>" in html  # the learner's answer is kept in the field


def test_drill_check_htmx_gets_the_result_and_oob_updates(client):
    response = _post(client, "conv_output_size", 9, "0", headers=HTMX)
    assert response.status_code == 200
    html = response.text
    assert "<html" not in html
    assert "Not quite" in html
    assert 'id="drill-status" hx-swap-oob="innerHTML"' in html
    assert 'id="answer-field" class="field drill-field" hx-swap-oob="true"' in html
    expected = format_answer(generate("conv_output_size", 9).answer)
    assert f"Expected answer: <code>{expected}</code>" in html
    assert "Worked solution" in html


def test_drill_check_unreadable_answer_shows_the_message_by_the_field(client):
    for headers in ({}, HTMX):
        response = _post(client, "conv2d", 4, "abc", headers=headers)
        assert response.status_code == 422
        html = response.text
        assert "&#39;abc&#39; is not a number" in html or "'abc' is not a number" in html
        assert 'id="answer-error"' in html
        assert 'aria-describedby="answer-format answer-error"' in html
        assert 'aria-invalid="true"' in html
        assert "Worked solution" not in html
        assert ("<html" in html) is not bool(headers)


def test_drill_check_form_needs_the_csrf_token(client):
    _open(client, "softmax", 1)
    response = client.post("/drill/softmax/check", data={"seed": "1", "answer": "1"})
    assert response.status_code == 403


def test_drill_unknown_template_is_a_404_page(client):
    start_practising(client)
    headers = {"Accept": "text/html"}
    response = client.get("/drill/nope", params={"seed": 1}, headers=headers)
    assert response.status_code == 404
    assert "Not found" in response.text and "template &#39;nope&#39; not found" in response.text
    _, token = _open(client, "softmax", 1)
    data = {"csrf_token": token, "seed": "1", "answer": "1"}
    assert client.post("/drill/nope/check", data=data, headers=headers).status_code == 404


def test_drill_check_missing_seed_is_422(client):
    _, token = _open(client, "softmax", 1)
    response = client.post("/drill/softmax/check", data={"csrf_token": token, "answer": "1"})
    assert response.status_code == 422
