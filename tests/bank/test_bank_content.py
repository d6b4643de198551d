"""The real bank: complete, valid, and its numbers agree with the engine."""

import re

from app.bank import service
from app.bank.validate import read_bank
from tests.conftest import BANK_DIR

MISSING_SEEDS = {61, 101, 104}


def _entries():
    return [q for f in service.check(BANK_DIR) for q in f.bank_file.questions]


def test_bank_content_has_every_seed_question_exactly_once():
    sources = [q.source for q in _entries() if q.source is not None]
    assert sorted(sources) == sorted(set(range(1, 130)) - MISSING_SEEDS)
    assert len(sources) == len(set(sources)) == 126


def test_bank_content_validates_without_engine_hooks_too():
    files = read_bank(BANK_DIR)
    assert {f.bank_file.topic for f in files} >= {"fundamentals", "cnn", "rnn", "optimisation"}


def test_bank_content_corrections_cover_known_seed_errors():
    corrected = {q.source for q in _entries() if q.correction}
    assert {7, 16, 23, 59, 60, 62} <= corrected


def test_bank_content_known_duplicates_are_siblings():
    by_source = {q.source: q for q in _entries()}
    for group in [(1, 52), (7, 89), (8, 90), (9, 58), (17, 57), (29, 84, 99)]:
        for a in group:
            for b in group:
                if a != b:
                    assert by_source[b].id in by_source[a].siblings, (a, b)


def test_bank_content_answers_are_substantial_and_math_is_balanced():
    for q in _entries():
        assert len(q.answer.split()) >= 40, q.id
        assert q.answer.count("$$") % 2 == 0, q.id
        assert "see the figure" not in q.answer.lower() and "image above" not in q.answer.lower(), (
            q.id
        )


def test_bank_content_seed_worked_examples_are_present():
    """The seed's own numeric examples are stated in the bank and machine-checked."""
    stated = {(q.source, ex.template) for q in _entries() for ex in q.worked_examples}
    for required in [
        (23, "iterations_per_epoch"),
        (41, "conv2d"),
        (43, "conv_output_size"),
        (93, "elementwise_product"),
    ]:
        assert required in stated


def test_bank_content_cost_function_has_its_square():
    cost = next(q for q in _entries() if q.source == 7)
    assert re.search(r"\)\^2|\)\^\{2\}|\^2", cost.answer)


def test_bank_content_every_question_has_a_short_answer_to_say_first():
    entries = _entries()
    assert [q.id for q in entries if not q.short_answer] == []
    assert max(len(q.short_answer.split()) for q in entries) <= 60


def test_bank_content_2026_topics_and_new_questions():
    entries = _entries()
    new = [q for q in entries if q.source is None]
    assert len(new) >= 100 and len(entries) >= 226
    topics = {q.topic for q in new}
    assert {"transformers", "llms", "scale", "evaluation", "vision", "pytorch"} <= topics
    assert all(q.key_points and q.difficulty for q in new)


def test_bank_content_errors_found_in_review_are_corrected():
    by_source = {q.source: q for q in _entries() if q.source}
    assert "zero_grad" in by_source[9].answer
    assert "kaiming_uniform_" in by_source[18].answer
    assert {9, 118} <= {q.source for q in _entries() if q.correction}
