"""Small validators used by templates' ``validate`` functions."""

from __future__ import annotations

import math
from typing import Any

# Upper bounds shared by the templates (SPEC §9: no variant or worked example may take
# noticeable time or memory). Templates pass tighter ones where the arithmetic needs it.
MAX_VECTOR_LENGTH = 16
MAX_MATRIX_SIZE = 10
MAX_ABS_VALUE = 1e6


def require_int(params: dict[str, Any], name: str, low: int = 0, high: int | None = None) -> int:
    """Return ``params[name]`` if it is an int in ``[low, high]``; else ValueError."""
    value = params[name]
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"{name} must be an integer, got {_short(value)}")
    if high is not None and value > high:
        raise ValueError(f"{name} must be at most {high}, got {_short_int(value)}")
    if value < low:
        raise ValueError(f"{name} must be at least {low}, got {_short_int(value)}")
    return value


def _short_int(value: int) -> str:
    return str(value) if value.bit_length() <= 63 else "a number with more than 18 digits"


def require_bool(params: dict[str, Any], name: str) -> bool:
    """Return ``params[name]`` if it is a bool; else ValueError."""
    value = params[name]
    if not isinstance(value, bool):
        raise ValueError(f"{name} must be true or false, got {_short(value)}")
    return value


def is_number(value: Any) -> bool:
    """True for finite floats and ints that fit 64 bits (bools excluded)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return False
    if isinstance(value, int):
        return value.bit_length() <= 63  # larger ints are beyond every bound (and float range)
    return math.isfinite(value)


def require_real(
    params: dict[str, Any], name: str, low: float | None = None, high: float | None = None
) -> float:
    """Return ``params[name]`` as float if finite and within bounds; else ValueError."""
    value = params[name]
    if not is_number(value):
        raise ValueError(f"{name} must be a finite number, got {_short(value)}")
    if low is not None and value < low:
        raise ValueError(f"{name} must be at least {low}, got {value}")
    if high is not None and value > high:
        raise ValueError(f"{name} must be at most {high}, got {value}")
    return float(value)


def _require_magnitude(values: list[Any], name: str, max_abs: float) -> None:
    if any(abs(x) > max_abs for x in values):
        raise ValueError(f"{name} entries must be within ±{max_abs:g}")


def require_vector(
    params: dict[str, Any],
    name: str,
    length: int | None = None,
    min_length: int = 1,
    max_length: int = MAX_VECTOR_LENGTH,
    max_abs: float = MAX_ABS_VALUE,
) -> list[Any]:
    """Return ``params[name]`` if it is a list of finite, bounded numbers of the right length."""
    value = params[name]
    if not isinstance(value, list):
        raise ValueError(f"{name} must be a list of numbers, got {_short(value)}")
    if len(value) > max_length:
        raise ValueError(f"{name} must have at most {max_length} entries, got {len(value)}")
    if not all(is_number(x) for x in value):
        raise ValueError(f"{name} must be a list of numbers, got {_short(value)}")
    if length is not None and len(value) != length:
        raise ValueError(f"{name} must have {length} entries, got {len(value)}")
    if len(value) < min_length:
        raise ValueError(f"{name} must have at least {min_length} entries, got {len(value)}")
    _require_magnitude(value, name, max_abs)
    return value


def require_matrix(
    params: dict[str, Any],
    name: str,
    max_size: int = MAX_MATRIX_SIZE,
    max_abs: float = MAX_ABS_VALUE,
) -> list[Any]:
    """Return ``params[name]`` if it is a non-empty rectangular list of bounded number rows."""
    value = params[name]
    if isinstance(value, list) and len(value) > max_size:
        raise ValueError(f"{name} is larger than {max_size}×{max_size}")
    if not isinstance(value, list) or not value or not all(isinstance(r, list) for r in value):
        raise ValueError(f"{name} must be a matrix (list of rows), got {_short(value)}")
    width = len(value[0])
    if width > max_size:
        raise ValueError(f"{name} is larger than {max_size}×{max_size}")
    if width == 0 or any(len(row) != width for row in value):
        raise ValueError(f"{name} must be rectangular with non-empty rows")
    if not all(is_number(x) for row in value for x in row):
        raise ValueError(f"{name} must contain only finite numbers")
    _require_magnitude([x for row in value for x in row], name, max_abs)
    return value


def _short(value: Any, limit: int = 60) -> str:
    """``repr`` of a param cut to ``limit`` characters, for error messages."""
    text = repr(value) if not isinstance(value, list) or len(value) <= 32 else "a long list"
    return text if len(text) <= limit else text[:limit] + "…"


def same_length(a: list[Any], b: list[Any], names: str) -> None:
    """ValueError unless the two vectors have equal length."""
    if len(a) != len(b):
        raise ValueError(f"{names} must have the same length ({len(a)} vs {len(b)})")


def r(value: float, digits: int = 2) -> float:
    """Round to a friendly Python float (used when sampling params)."""
    return float(round(float(value), digits))
