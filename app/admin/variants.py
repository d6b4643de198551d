"""Five variants of a template with their answers, so an admin sees what learners will get."""

import secrets
from dataclasses import dataclass
from typing import Any

from app import engine
from app.admin.errors import NotFound

COUNT = 5
MAX_SEED = 2**31 - 1


@dataclass(frozen=True)
class ShownVariant:
    template: str
    seed: int
    params: dict[str, Any]
    prompt: str
    answer: str
    explanation: str


def preview(*, template_id: str, seed: int | None = None) -> list[ShownVariant]:
    """Variants for ``seed`` … ``seed + 4`` (a random start when no seed is given)."""
    try:
        engine.get_template(template_id)
    except KeyError:
        raise NotFound(f"template '{template_id}' not found") from None
    start = secrets.randbelow(MAX_SEED - COUNT) if seed is None else min(seed, MAX_SEED - COUNT)
    shown = []
    for offset in range(COUNT):
        variant = engine.generate(template_id, start + offset)
        shown.append(
            ShownVariant(
                template=variant.template,
                seed=variant.seed,
                params=variant.params,
                prompt=variant.prompt,
                answer=engine.format_answer(variant.answer),
                explanation=variant.explanation,
            )
        )
    return shown
