"""A small GIFT reader for tests: titles, question text and answer of each question."""

import re
from dataclasses import dataclass

_TITLE = re.compile(r"^::((?:\\.|[^\\:])*)::")


@dataclass(frozen=True)
class GiftQuestion:
    category: str
    title: str
    text: str
    answer: str
    feedback: str


def gift_unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text).replace("&#10;", "\n")


def _last_open_brace(body: str) -> int:
    index, found = 0, -1
    while index < len(body):
        if body[index] == "\\":
            index += 2
            continue
        if body[index] == "{":
            found = index
        index += 1
    return found


def _question(block: str, category: str) -> GiftQuestion:
    title = _TITLE.match(block)
    assert title, f"no ::title:: in {block[:80]!r}"
    body = block[title.end() :]
    start = _last_open_brace(body)
    assert start >= 0 and body.endswith("}"), f"no answer braces in {block[:80]!r}"
    answer, _, feedback = body[start + 1 : -1].partition("####")
    return GiftQuestion(
        category=category,
        title=gift_unescape(title.group(1)),
        text=gift_unescape(body[:start]),
        answer=answer,
        feedback=gift_unescape(feedback),
    )


def read_gift(text: str) -> list[GiftQuestion]:
    """Every question, with the category it is in."""
    questions, category = [], ""
    for block in re.split(r"\n\s*\n", text):
        lines = [line for line in block.splitlines() if not line.startswith("//")]
        block = "\n".join(lines).strip()
        if block.startswith("$CATEGORY:"):
            category = block.removeprefix("$CATEGORY:").strip()
        elif block:
            questions.append(_question(block, category))
    return questions
