"""Small helpers for drawing template parameters from a seeded generator."""

from __future__ import annotations

from typing import Any

import numpy as np


def choice(rng: np.random.Generator, options: list[Any]) -> Any:
    """One of ``options``, drawn with ``rng`` (the option itself, never a NumPy scalar)."""
    return options[int(rng.integers(len(options)))]
