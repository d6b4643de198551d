"""The bank as Moodle XML: a category per topic, an essay per question, a numerical
question per fixed template variant with a single-number answer.

An essay carries the model answer and key points as grader information (what a teacher
sees while marking). A numerical question's tolerance is the engine's: about 1 % of the
quantity asked for, 0 for integers, never loose enough to pass a declared mistake. A
variant whose answer is a vector or a matrix (Moodle's numerical type holds one number)
becomes an essay whose grader information is the exact answer and the worked solution.
"""

import xml.etree.ElementTree as ET
from html import escape

from app.bank.export_content import ExportBank, ExportQuestion, ExportVariant
from app.bank.export_html import inline_html, list_html, markdown_html

CATEGORY_ROOT = "$course$/top/Backprop"


def _text(parent: ET.Element, tag: str, value: str, *, html: bool = False) -> ET.Element:
    element = ET.SubElement(parent, tag, {"format": "html"} if html else {})
    ET.SubElement(element, "text").text = value
    return element


def _category(quiz: ET.Element, title: str) -> None:
    question = ET.SubElement(quiz, "question", {"type": "category"})
    _text(question, "category", f"{CATEGORY_ROOT}/{title.replace('/', '-')}")


def _essay(quiz: ET.Element, name: str, prompt_html: str, grader_html: str) -> None:
    question = ET.SubElement(quiz, "question", {"type": "essay"})
    _text(question, "name", name)
    _text(question, "questiontext", prompt_html, html=True)
    _text(question, "generalfeedback", "", html=True)
    ET.SubElement(question, "defaultgrade").text = "1"
    ET.SubElement(question, "penalty").text = "0"
    ET.SubElement(question, "hidden").text = "0"
    ET.SubElement(question, "idnumber").text = name
    for tag, value in (("responseformat", "editor"), ("responserequired", "1")):
        ET.SubElement(question, tag).text = value
    ET.SubElement(question, "responsefieldlines").text = "15"
    ET.SubElement(question, "attachments").text = "0"
    _text(question, "graderinfo", grader_html, html=True)
    _text(question, "responsetemplate", "", html=True)


def _question_grader_info(question: ExportQuestion) -> str:
    parts = []
    if question.short_answer:
        parts.append(f"<p><strong>{inline_html(question.short_answer)}</strong></p>")
    parts.append(markdown_html(question.answer))
    if question.key_points:
        parts.append("<h4>Key points</h4>" + list_html(question.key_points))
    return "".join(parts)


def _numerical(quiz: ET.Element, variant: ExportVariant) -> None:
    question = ET.SubElement(quiz, "question", {"type": "numerical"})
    _text(question, "name", variant.id)
    _text(question, "questiontext", markdown_html(variant.prompt), html=True)
    _text(question, "generalfeedback", markdown_html(variant.explanation), html=True)
    ET.SubElement(question, "defaultgrade").text = "1"
    ET.SubElement(question, "penalty").text = "0.3333333"
    ET.SubElement(question, "hidden").text = "0"
    ET.SubElement(question, "idnumber").text = variant.id
    answer = ET.SubElement(question, "answer", {"fraction": "100", "format": "moodle_auto_format"})
    ET.SubElement(answer, "text").text = repr(variant.value)
    ET.SubElement(answer, "tolerance").text = repr(float(variant.tolerance))
    _text(answer, "feedback", "", html=True)


def _variant(quiz: ET.Element, variant: ExportVariant) -> None:
    if variant.value is not None:
        _numerical(quiz, variant)
        return
    grader = f"<p>Answer: <code>{escape(variant.answer_text)}</code></p>" + markdown_html(
        variant.explanation
    )
    _essay(quiz, variant.id, markdown_html(variant.prompt), grader)


def moodle_xml(bank: ExportBank) -> bytes:
    """``bank`` as a Moodle XML question file (UTF-8)."""
    quiz = ET.Element("quiz")
    for slug, title in bank.topics.items():
        questions = [q for q in bank.questions if q.topic == slug]
        variants = [v for v in bank.variants if v.topic == slug]
        if not questions and not variants:
            continue
        _category(quiz, title)
        for question in questions:
            prompt = markdown_html(question.prompt)
            _essay(quiz, question.id, prompt, _question_grader_info(question))
        for variant in variants:
            _variant(quiz, variant)
    ET.indent(quiz)
    return ET.tostring(quiz, encoding="utf-8", xml_declaration=True) + b"\n"
