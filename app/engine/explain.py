"""Markdown / KaTeX helpers shared by the template explanations."""

from __future__ import annotations

from collections.abc import Sequence

Number = int | float


def num(value: Number, digits: int = 4) -> str:
    """Short display form: integers as-is, reals rounded to ``digits`` decimals."""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int) or (float(value).is_integer() and abs(value) < 1e15):
        return str(int(value))
    text = f"{value:.{digits}f}".rstrip("0").rstrip(".")
    if text in ("-0", "0", ""):
        return f"{value:.{digits}g}" if value != 0 else "0"
    return text


def sci(value: float) -> str:
    """KaTeX for small constants: ``1e-08`` → ``10^{-8}``, ``2e-5`` → ``2 \\times 10^{-5}``."""
    mantissa, exponent = f"{value:e}".split("e")
    lead = mantissa.rstrip("0").rstrip(".")
    power = f"10^{{{int(exponent)}}}"
    if abs(int(exponent)) < 3:
        return num(value, 6)
    return power if lead == "1" else f"{lead} \\times {power}"


def paren(value: Number, digits: int = 4) -> str:
    """Like :func:`num` but wraps negative numbers in parentheses."""
    text = num(value, digits)
    return f"({text})" if text.startswith("-") else text


def bmatrix(rows: Sequence[Sequence[Number]], digits: int = 4) -> str:
    """KaTeX ``\\begin{bmatrix}…\\end{bmatrix}`` for a list of rows."""
    body = r" \\ ".join(" & ".join(num(x, digits) for x in row) for row in rows)
    return r"\begin{bmatrix} " + body + r" \end{bmatrix}"


def bvector(values: Sequence[Number], digits: int = 4) -> str:
    """KaTeX row vector ``\\begin{bmatrix} a & b & c \\end{bmatrix}``."""
    return bmatrix([list(values)], digits)


def plain_list(values: Sequence[Number], digits: int = 4) -> str:
    """Plain text list ``[a, b, c]``."""
    return "[" + ", ".join(num(x, digits) for x in values) + "]"


def display(latex: str) -> str:
    """Display-math block ``$$…$$`` on its own paragraph."""
    return f"\n$$\n{latex}\n$$\n"


def steps(lines: Sequence[str]) -> str:
    """Join explanation paragraphs with blank lines."""
    return "\n\n".join(line.strip("\n") for line in lines)
