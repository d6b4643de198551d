"""The bank exported as an Anki deck (imported by the real `anki` library), Moodle XML and
GIFT (parsed back): counts, fields, tolerances, escaping, and re-imports that update."""

import re
import xml.etree.ElementTree as ET

import pytest
from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest
from typer.testing import CliRunner

from app.bank.export_apkg import write_apkg
from app.bank.export_content import (
    VARIANT_SEEDS,
    ExportBank,
    ExportQuestion,
    collect_bank,
    variant,
)
from app.bank.export_gift import gift_text
from app.bank.export_moodle import moodle_xml
from app.cli import cli
from app.config import get_settings
from app.engine import generate, list_templates
from app.models import Question
from tests.bank.gift_reader import read_gift

QUESTION_ID = "conv-output-size-5x5-7x7"


def _import(collection: Collection, path) -> object:
    request = ImportAnkiPackageRequest(package_path=str(path), options=ImportAnkiPackageOptions())
    return collection.import_anki_package(request).log


@pytest.fixture
def anki_collection(tmp_path):
    collection = Collection(str(tmp_path / "collection.anki2"))
    yield collection
    collection.close()


def _note_by_id_field(collection: Collection, item_id: str):
    (note_id,) = collection.find_notes(f'"Id:{item_id}"')
    return collection.get_note(note_id)


def test_export_apkg_imports_into_anki_with_fields_and_tags(session, tmp_path, anki_collection):
    session.get(Question, QUESTION_ID).short_answer = "Undefined without padding; $1$ with $p=1$."
    session.get(Question, "what-is-a-cnn").short_answer = None
    session.commit()
    bank = collect_bank(session)
    expected = len(bank.questions) + len(bank.variants)
    assert write_apkg(bank, tmp_path / "bank.apkg") == expected
    log = _import(anki_collection, tmp_path / "bank.apkg")
    assert len(log.new) == expected == anki_collection.note_count()
    assert len(bank.variants) == len(list_templates()) * len(VARIANT_SEEDS)
    row = session.get(Question, QUESTION_ID)
    note = _note_by_id_field(anki_collection, QUESTION_ID)
    assert note["Prompt"].startswith("<p>") and "$" not in note["Answer"]
    assert "\\(" in note["Answer"] or "\\[" in note["Answer"]
    assert note["KeyPoints"].count("<li>") == len(row.key_points)
    assert row.key_points[0].label.split()[0] in note["KeyPoints"]
    assert f"topic::{row.topic}" in note.tags and f"difficulty::{row.difficulty}" in note.tags
    assert note["ShortAnswer"] == (
        'Undefined without padding; <span class="math inline">\\(1\\)</span> with '
        '<span class="math inline">\\(p=1\\)</span>.'
    )
    assert _note_by_id_field(anki_collection, "what-is-a-cnn")["ShortAnswer"] == ""


def test_export_apkg_variant_notes_carry_answer_and_worked_solution(
    session, tmp_path, anki_collection
):
    write_apkg(collect_bank(session), tmp_path / "bank.apkg")
    _import(anki_collection, tmp_path / "bank.apkg")
    exact = generate("conv_output_size", 3)
    note = _note_by_id_field(anki_collection, "conv_output_size-3")
    assert note["ShortAnswer"] == f"<code>{exact.answer}</code>"
    assert note["Answer"].startswith("<p>") and "numeric" in note.tags


def test_export_apkg_second_import_adds_nothing_and_edits_update(
    session, tmp_path, anki_collection
):
    write_apkg(collect_bank(session), tmp_path / "first.apkg")
    count = len(_import(anki_collection, tmp_path / "first.apkg").new)
    write_apkg(collect_bank(session), tmp_path / "again.apkg")
    again = _import(anki_collection, tmp_path / "again.apkg")
    assert (len(again.new), len(again.updated)) == (0, 0)
    session.get(Question, QUESTION_ID).answer = "A **new** model answer with $k$."
    session.commit()
    write_apkg(collect_bank(session), tmp_path / "edited.apkg")
    edited = _import(anki_collection, tmp_path / "edited.apkg")
    assert (len(edited.new), len(edited.updated)) == (0, 1)
    assert anki_collection.note_count() == count
    answer = _note_by_id_field(anki_collection, QUESTION_ID)["Answer"]
    assert (
        answer
        == '<p>A <strong>new</strong> model answer with <span class="math inline">\\(k\\)</span>.</p>'
    )


def test_export_leaves_retired_questions_out(session):
    session.get(Question, QUESTION_ID).retired = True
    session.commit()
    bank = collect_bank(session)
    assert QUESTION_ID not in {q.id for q in bank.questions}


def test_export_moodle_xml_parses_with_categories_essays_and_numericals(session):
    bank = collect_bank(session)
    quiz = ET.fromstring(moodle_xml(bank))
    kinds = [q.get("type") for q in quiz.iter("question")]
    scalar = sum(v.value is not None for v in bank.variants)
    assert kinds.count("numerical") == scalar > 0
    assert kinds.count("essay") == len(bank.questions) + len(bank.variants) - scalar
    categories = [q.findtext("category/text") for q in quiz.iter("question")]
    topics_used = {q.topic for q in bank.questions} | {v.topic for v in bank.variants}
    assert len([c for c in categories if c]) == len(topics_used)
    essay = next(q for q in quiz.iter("question") if q.findtext("name/text") == QUESTION_ID)
    row = session.get(Question, QUESTION_ID)
    assert row.key_points[-1].label.split()[0] in essay.findtext("graderinfo/text")
    assert essay.find("graderinfo").get("format") == "html"


def test_export_moodle_numerical_tolerance_follows_the_engine(session):
    quiz = ET.fromstring(moodle_xml(collect_bank(session)))
    by_name = {q.findtext("name/text"): q for q in quiz.iter("question")}
    integer, real = by_name["conv_output_size-1"], by_name["cross_entropy-1"]
    assert float(integer.findtext("answer/text")) == generate("conv_output_size", 1).answer
    assert float(integer.findtext("answer/tolerance")) == 0.0
    exact = generate("cross_entropy", 1).answer
    assert float(real.findtext("answer/text")) == pytest.approx(exact)
    tolerance = float(real.findtext("answer/tolerance"))
    assert 0 < tolerance <= 0.01 * abs(exact) + 1e-8
    assert by_name["adam_step-1"].get("type") == "essay"  # a vector: Moodle holds one number


def test_export_gift_parses_one_title_per_question(session):
    bank = collect_bank(session)
    questions = read_gift(gift_text(bank))
    titles = [q.title for q in questions]
    assert len(titles) == len(set(titles)) == len(bank.questions) + len(bank.variants)
    essay = next(q for q in questions if q.title == QUESTION_ID)
    assert essay.answer == "" and "\\(" in essay.feedback + essay.text
    numeric = next(q for q in questions if q.title == "dense_params-2")
    assert numeric.answer == f"#{generate('dense_params', 2).answer}:0.0"
    assert all(q.category.startswith("$course$/top/Backprop/") for q in questions)


def test_export_gift_escapes_special_characters():
    tricky = "Is a:b {c} ~d =e #f \\g? // not a comment\n\nsecond paragraph"
    question = ExportQuestion(
        id="odd:id{1}", topic="t", difficulty="easy", prompt=tricky, short_answer=None,
        answer="=~#{}:", key_points=[],
    )  # fmt: skip
    bank = ExportBank(topics={"t": "T"}, questions=[question], variants=[])
    (parsed,) = read_gift(gift_text(bank))
    assert parsed.title == "odd:id{1}" and parsed.answer == ""
    assert "a:b {c} ~d =e #f \\g? // not a comment" in parsed.text
    assert "second paragraph" in parsed.text and "<p>=~#{}:</p>" in parsed.feedback


def test_export_variant_for_template_without_a_question_uses_fallback_topic():
    assert variant("softmax", 1, "numeric").topic == "numeric"


def test_cli_bank_export_formats(db_url, tmp_path):
    runner = CliRunner()
    get_settings.cache_clear()
    env = {"BACKPROP_DATABASE_URL": db_url}
    result = runner.invoke(
        cli, ["bank", "export", "--format", "gift", str(tmp_path / "b.gift")], env=env
    )
    assert result.exit_code == 0, result.output
    counts = re.search(r"(\d+) questions and (\d+) template variants", result.output)
    written = read_gift((tmp_path / "b.gift").read_text(encoding="utf-8"))
    assert len(written) == int(counts[1]) + int(counts[2]) > 0
    folder = runner.invoke(cli, ["bank", "export", "--format", "moodle", str(tmp_path)], env=env)
    assert folder.exit_code == 2 and "is a folder" in folder.output
    unknown = runner.invoke(
        cli, ["bank", "export", "--format", "pdf", str(tmp_path / "x")], env=env
    )
    assert unknown.exit_code == 2
    get_settings.cache_clear()
