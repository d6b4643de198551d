"""The seed article the bank's sourced questions came from: its answer to question ``source``.

The seed is a plain-text file of numbered questions ("12. What is ...?") each followed by its
answer. Only the lint reads it (phrases that would credit the seed's own wrong claim)."""

import re
from pathlib import Path

_QUESTION_RE = re.compile(r"^(\d{1,4})[.)]\s+\S")
MAX_SEED_BYTES = 2_000_000
MAX_NUMBER_JUMP = 3  # the seed skips a few numbers; inner lists restart at 1


def seed_answers(text: str) -> dict[int, str]:
    """``{source number: answer text}``: numbered lines that continue the sequence start a
    question; everything up to the next one is its answer (the question line excluded)."""
    answers: dict[int, list[str]] = {}
    current = 0
    for line in text[:MAX_SEED_BYTES].splitlines():
        match = _QUESTION_RE.match(line)
        number = int(match.group(1)) if match else 0
        if match and current < number <= current + MAX_NUMBER_JUMP:
            current = number
            answers[current] = []
        elif current:
            answers[current].append(line)
    return {n: "\n".join(lines).strip() for n, lines in answers.items()}


def read_seed(path: Path) -> dict[int, str]:
    return seed_answers(path.read_text(encoding="utf-8", errors="replace"))
