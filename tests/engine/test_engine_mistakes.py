"""Declared common mistakes: a mistake's answer is refused and named."""

from __future__ import annotations

from app.engine import Mistake, check, format_answer, generate, get_template


def test_a_mistake_answer_is_refused_and_named() -> None:
    variant = generate("gd_step", 3)
    wrong = [
        w + variant.params["lr"] * g
        for w, g in zip(variant.params["w"], variant.params["grad"], strict=True)
    ]
    result = check("gd_step", 3, format_answer(wrong))
    assert not result.correct
    assert isinstance(result.mistake, Mistake)
    assert result.mistake.id == "wrong_sign"


def test_the_right_answer_names_no_mistake() -> None:
    variant = generate("gd_step", 3)
    result = check("gd_step", 3, format_answer(variant.answer))
    assert result.correct
    assert result.mistake is None


def test_templates_declare_mistakes_as_a_tuple() -> None:
    assert all(isinstance(m, Mistake) for m in get_template("gd_step").mistakes)
