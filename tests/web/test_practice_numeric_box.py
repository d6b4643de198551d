"""The numeric box: an empty Enter is ignored, a format error keeps what was typed, and
"I don't know" is the one way to see the solution without an answer."""

import re

from tests.factories import start_practising


def _numeric_card(client) -> dict[str, str]:
    start_practising(client)
    html = client.get("/practice?kind=numeric").text
    token = re.search(r'name="csrf-token" content="([^"]+)"', html).group(1)
    card_id = re.search(r'name="card_id" value="(\d+)"', html).group(1)
    return {"csrf_token": token, "card_id": card_id, "kind": "numeric", "expects": "number"}


def test_empty_submit_is_ignored_and_a_format_error_keeps_the_text(client):
    form = _numeric_card(client)
    empty = client.post("/practice/reveal", data={**form, "answer": "  "})
    assert empty.status_code == 422 and "Type your answer first" in empty.text
    assert "Worked solution" not in empty.text
    typed = client.post("/practice/reveal", data={**form, "answer": "1,2,,3"})
    assert typed.status_code == 422 and 'value="1,2,,3"' in typed.text
    shown = client.post("/practice/reveal", data={**form, "answer": "", "give_up": "1"})
    assert shown.status_code == 200 and "Worked solution" in shown.text
