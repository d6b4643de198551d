"""Question pages: browse, filter, search (with the htmx partial) and the detail page."""

import re

from tests.conftest import bank_size
from tests.factories import start_practising


def test_question_list_page_shows_every_question(client):
    response = client.get("/questions")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert response.text.count('href="/questions/') == bank_size()[0]
    assert '<main id="main"' in response.text


def test_question_list_page_filters_by_topic_and_search(client):
    html = client.get("/questions", params={"topic": "rnn", "q": "bidirectional"}).text
    links = re.findall(r'href="/questions/([a-z0-9-]+)"', html)
    assert links and "bilstm-assumption" in links
    assert "what-is-deep-learning" not in links and "gan" not in links
    assert len(links) < 17


def test_question_list_htmx_request_gets_only_the_results(client):
    response = client.get("/questions", params={"q": "softmax"}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert response.text.lstrip().startswith('<section id="question-results"')
    assert "<html" not in response.text


def test_question_page_renders_markdown_math_and_key_points(client):
    html = client.get("/questions/conv-output-size-5x5-7x7").text
    assert 'class="math' in html  # KaTeX renders these client-side from static/
    assert "/static/vendor/katex/katex.min.js" in html
    assert "Key points an interviewer listens for" in html
    assert "/drill/conv_output_size" in html


def test_question_page_shows_siblings_and_correction(client):
    html = client.get("/questions/cost-function").text
    assert "Correction to the source" in html
    assert "/questions/cost-function-2" in html


def test_question_page_unknown_id_is_a_404_page(client):
    response = client.get("/questions/nope", headers={"Accept": "text/html"})
    assert response.status_code == 404
    assert "Not found" in response.text


def test_pages_send_security_headers(client):
    headers = client.get("/questions").headers
    assert "script-src 'self'" in headers["content-security-policy"]
    assert (
        "unsafe-inline"
        not in headers["content-security-policy"].split("script-src")[1].split(";")[0]
    )
    assert "frame-ancestors 'none'" in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "same-origin"


def test_home_page_lists_topics(client):
    start_practising(client)
    html = client.get("/").text
    assert f"{bank_size()[0]} interview questions" in html
    assert "Deep learning fundamentals" in html
