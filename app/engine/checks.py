"""Small validators used by templates' ``validate`` functions."""

from __future__ import annotations

import math
from typing import Any


def require_int(params: dict[str, Any], name: str, low: int = 0, high: int | None = None) -> int:
    """Return ``params[name]`` if it is an int in ``[low, high]``; else ValueError."""
    value = params[name]
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"{name} must be an integer, got {value!r}")
    if value < low:
        raise ValueError(f"{name} must be at least {low}, got {value}")
    if high is not None and value > high:
        raise ValueError(f"{name} must be at most {high}, got {value}")
    return value


def require_bool(params: dict[str, Any], name: str) -> bool:
    """Return ``params[name]`` if it is a bool; else ValueError."""
    value = params[name]
    if not isinstance(value, bool):
        raise ValueError(f"{name} must be true or false, got {value!r}")
    return value


def is_number(value: Any) -> bool:
    """True for finite ints/floats (bools excluded)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return False
    return math.isfinite(value)


def require_real(
    params: dict[str, Any], name: str, low: float | None = None, high: float | None = None
) -> float:
    """Return ``params[name]`` as float if finite and within bounds; else ValueError."""
    value = params[name]
    if not is_number(value):
        raise ValueError(f"{name} must be a finite number, got {value!r}")
    if low is not None and value < low:
        raise ValueError(f"{name} must be at least {low}, got {value}")
    if high is not None and value > high:
        raise ValueError(f"{name} must be at most {high}, got {value}")
    return float(value)


def require_vector(
    params: dict[str, Any], name: str, length: int | None = None, min_length: int = 1
) -> list[Any]:
    """Return ``params[name]`` if it is a list of finite numbers of the right length."""
    value = params[name]
    if not isinstance(value, list) or not all(is_number(x) for x in value):
        raise ValueError(f"{name} must be a list of numbers, got {value!r}")
    if length is not None and len(value) != length:
        raise ValueError(f"{name} must have {length} entries, got {len(value)}")
    if len(value) < min_length:
        raise ValueError(f"{name} must have at least {min_length} entries, got {len(value)}")
    return value


def require_matrix(params: dict[str, Any], name: str, max_size: int = 10) -> list[Any]:
    """Return ``params[name]`` if it is a non-empty rectangular list of number rows."""
    value = params[name]
    if not isinstance(value, list) or not value or not all(isinstance(r, list) for r in value):
        raise ValueError(f"{name} must be a matrix (list of rows), got {value!r}")
    width = len(value[0])
    if width == 0 or any(len(row) != width for row in value):
        raise ValueError(f"{name} must be rectangular with non-empty rows")
    if not all(is_number(x) for row in value for x in row):
        raise ValueError(f"{name} must contain only finite numbers")
    if len(value) > max_size or width > max_size:
        raise ValueError(f"{name} is larger than {max_size}×{max_size}")
    return value


def same_length(a: list[Any], b: list[Any], names: str) -> None:
    """ValueError unless the two vectors have equal length."""
    if len(a) != len(b):
        raise ValueError(f"{names} must have the same length ({len(a)} vs {len(b)})")


def r(value: float, digits: int = 2) -> float:
    """Round to a friendly Python float (used when sampling params)."""
    return float(round(float(value), digits))
