"""Hostile JSON bodies and answers get a clear 4xx naming the field, never a 500."""

import pytest

from app.engine.answers import MAX_NUMBER_CHARS

CHECK = "/api/v1/templates/conv_output_size/check"
JSON = {"content-type": "application/json"}


@pytest.mark.parametrize(
    "raw, echoed",
    [
        ('{"seed": NaN, "answer": "1"}', "nan"),
        ('{"seed": Infinity, "answer": "1"}', "inf"),
        ('{"seed": 1e400, "answer": "1"}', "inf"),
        ('{"seed": "\\ud800", "answer": "1"}', "\\ud800"),
    ],
)
def test_json_body_with_unencodable_values_gets_422_naming_the_field(client, raw, echoed):
    response = client.post(CHECK, content=raw.encode(), headers=JSON)
    assert response.status_code == 422
    [error] = response.json()["detail"]
    assert error["loc"] == ["body", "seed"]
    assert error["input"] == echoed


def test_json_answer_with_a_lone_surrogate_gets_422(client):
    raw = '{"seed": 1, "answer": "1\\ud800"}'
    response = client.post(CHECK, content=raw.encode(), headers=JSON)
    assert response.status_code == 422
    [error] = response.json()["detail"]
    assert error["loc"] == ["body", "answer"] and "unicode" in error["msg"]


@pytest.mark.parametrize(
    "answer", ["1" * 400, "1" * 300 + "/3", "1" * 666 + "/" + "1" * 1332 + "x"]
)
def test_check_refuses_an_overlong_number_with_422(client, answer):
    response = client.post(CHECK, json={"seed": 1, "answer": answer})
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert f"longer than {MAX_NUMBER_CHARS} characters" in detail
    assert "Expected a whole number" in detail
