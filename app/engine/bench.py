"""Throughput benchmark: variants generated + checked per second, per template.

Run with ``python -m app.engine.bench``.
"""

from __future__ import annotations

import time
from collections.abc import Sequence

from app.engine.answers import format_answer
from app.engine.api import check, generate, list_templates


def measure(template_id: str, seconds: float = 0.2) -> float:
    """Generate and check variants of one template for ``seconds``; return rate per second."""
    count, start = 0, time.perf_counter()
    deadline = start + seconds
    while True:
        variant = generate(template_id, count)
        if not check(template_id, count, format_answer(variant.answer)).correct:
            raise AssertionError(f"{template_id} seed {count}: own answer rejected")
        count += 1
        now = time.perf_counter()
        if now >= deadline:
            return count / (now - start)


def main(argv: Sequence[str] | None = None, seconds: float = 0.2) -> None:
    """Print per-template generate+check throughput."""
    print(f"{'template':<22} {'variants/s':>12}")
    for template in list_templates():
        print(f"{template.id:<22} {measure(template.id, seconds):>12,.0f}")


if __name__ == "__main__":
    main()
