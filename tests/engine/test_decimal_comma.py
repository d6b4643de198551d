"""A decimal comma is read as a point where that is the only reading."""

import pytest

from app.engine import api
from app.engine.answers import AnswerFormatError, decimal_comma


def test_decimal_comma_only_when_unambiguous():
    assert decimal_comma("0,537") == "0.537"
    assert decimal_comma(" -1,5 ") == "-1.5"
    assert decimal_comma("\u22122,25") == "-2.25"
    assert decimal_comma("12,500") is None  # thousands or decimals: ambiguous
    assert decimal_comma("1, 2") is None and decimal_comma("1,2,3") is None
    assert decimal_comma("9" * 25 + ",1") is None


def _scalar_template() -> tuple[str, int, str]:
    for template in api.list_templates():
        variant = api.generate(template.id, 7)
        text = api.format_answer(variant.answer)
        if isinstance(variant.answer, float) and "." in text and "e" not in text:
            return template.id, 7, text
    raise AssertionError("no template with a decimal answer")


def test_check_reads_a_decimal_comma_for_a_single_number():
    template_id, seed, expected = _scalar_template()
    assert api.check(template_id, seed, expected.replace(".", ",", 1)).correct
    with pytest.raises(AnswerFormatError, match="thousands separator"):
        api.check(template_id, seed, "12,500")
