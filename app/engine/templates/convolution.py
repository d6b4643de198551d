"""Hand-computable convolution (cross-correlation) and Hadamard products."""

from __future__ import annotations

from typing import Any

import numpy as np

from app.engine.base import Mistake, Params, Template
from app.engine.checks import require_int, require_matrix
from app.engine.explain import bmatrix, display, num, paren, steps

MAX_CONV_STRIDE = 10
MAX_CONV_PADDING = 5


def _int_matrix(rng: np.random.Generator, rows: int, cols: int, low: int, high: int) -> list[Any]:
    return [[int(x) for x in row] for row in rng.integers(low, high + 1, size=(rows, cols))]


# --- conv2d -----------------------------------------------------------------


def _conv_sample(rng: np.random.Generator) -> Params:
    rows = int(rng.integers(3, 6))
    cols = rows if rng.random() < 0.7 else int(rng.integers(3, 6))
    k = 2 if rng.random() < 0.5 or min(rows, cols) < 4 else 3
    low = -3 if rng.random() < 0.3 else 0
    return {
        "input": _int_matrix(rng, rows, cols, low, 9 if rows > 3 else 13),
        "kernel": _int_matrix(rng, k, k, -1, 2),
        "stride": 1 if rng.random() < 0.65 else 2,
        "padding": 0 if rng.random() < 0.75 else 1,
    }


def _out_shape(params: Params) -> tuple[int, int]:
    p, s = params["padding"], params["stride"]
    rows = len(params["input"]) + 2 * p
    cols = len(params["input"][0]) + 2 * p
    kr, kc = len(params["kernel"]), len(params["kernel"][0])
    return (rows - kr) // s + 1, (cols - kc) // s + 1


def _conv_validate(params: Params) -> None:
    x = require_matrix(params, "input")
    w = require_matrix(params, "kernel")
    require_int(params, "stride", 1, MAX_CONV_STRIDE)
    p = require_int(params, "padding", 0, MAX_CONV_PADDING)
    if len(w) > len(x) + 2 * p or len(w[0]) > len(x[0]) + 2 * p:
        raise ValueError(
            f"kernel ({len(w)}×{len(w[0])}) is larger than the padded input "
            f"({len(x) + 2 * p}×{len(x[0]) + 2 * p})"
        )


def _padded(params: Params) -> list[Any]:
    """Input with ``padding`` rows/columns of zeros on every side (plain Python lists)."""
    p, rows = params["padding"], params["input"]
    width = len(rows[0]) + 2 * p
    blank = [[0] * width for _ in range(p)]
    return blank + [[0] * p + list(row) + [0] * p for row in rows] + [list(r) for r in blank]


def _window(params: Params, i: int, j: int) -> list[Any]:
    s = params["stride"]
    kr, kc = len(params["kernel"]), len(params["kernel"][0])
    return [row[j * s : j * s + kc] for row in _padded(params)[i * s : i * s + kr]]


def _flat(matrix: list[Any]) -> list[Any]:
    return [x for row in matrix for x in row]


def _conv_solve(params: Params) -> list[Any]:
    kernel = _flat(params["kernel"])
    rows, cols = _out_shape(params)
    return [
        [
            sum(a * b for a, b in zip(_flat(_window(params, i, j)), kernel, strict=False))
            for j in range(cols)
        ]
        for i in range(rows)
    ]


def _flipped(params: Params) -> list[Any]:
    """True convolution: the kernel rotated by 180°."""
    kernel = [list(reversed(row)) for row in reversed(params["kernel"])]
    return _conv_solve({**params, "kernel": kernel})


_CONV_MISTAKES = (
    Mistake(
        "flipped_kernel",
        "This flips the kernel (textbook convolution); F.conv2d is cross-correlation, "
        "the kernel is used as given.",
        _flipped,
    ),
    Mistake(
        "padding_ignored",
        "This ignores the zero padding around the input.",
        lambda p: _conv_solve({**p, "padding": 0}),
    ),
    Mistake(
        "stride_ignored",
        "This slides the kernel one step at a time; the stride skips positions.",
        lambda p: _conv_solve({**p, "stride": 1}),
    ),
)


def _conv_prompt(params: Params) -> str:
    return steps(
        [
            "Compute the output of `F.conv2d` (PyTorch convolution = cross-correlation: the kernel "
            f"is **not** flipped) with `stride={params['stride']}` and "
            f"`padding={params['padding']}` (zeros).",
            f"Input $X = {bmatrix(params['input'])}$, kernel $K = {bmatrix(params['kernel'])}$.",
            "Give the output matrix.",
        ]
    )


def _term(a: float, b: float) -> str:
    return f"({paren(a)}·{paren(b)})"


def _conv_explain(params: Params) -> str:
    kernel = _flat(params["kernel"])
    answer = _conv_solve(params)
    rows, cols = _out_shape(params)
    intro = [
        f"Output size: ${rows} \\times {cols}$. Slide the kernel with stride "
        f"{params['stride']}, multiply element-wise and sum (no flipping)."
    ]
    if params["padding"]:
        intro.append(f"Zero-padded input: ${bmatrix(_padded(params))}$")
    bullets = []
    for i in range(rows):
        for j in range(cols):
            win = _window(params, i, j)
            terms = "+".join(_term(a, b) for a, b in zip(_flat(win), kernel, strict=False))
            bullets.append(
                f"- Output ({i + 1}, {j + 1}): window ${bmatrix(win)}$ → "
                f"{terms} = {num(answer[i][j])}"
            )
    return steps([*intro, "\n".join(bullets), display(f"Y = {bmatrix(answer)}")])


CONV2D = Template(
    "conv2d",
    "2-D convolution by hand",
    ("input", "kernel", "stride", "padding"),
    "matrix",
    _conv_sample,
    _conv_solve,
    _conv_prompt,
    _conv_explain,
    _conv_validate,
    mistakes=_CONV_MISTAKES,
)


# --- elementwise_product ----------------------------------------------------


def _hadamard_sample(rng: np.random.Generator) -> Params:
    rows, cols = int(rng.integers(2, 6)), int(rng.integers(2, 6))
    return {"a": _int_matrix(rng, rows, cols, -5, 9), "b": _int_matrix(rng, rows, cols, -5, 9)}


def _hadamard_validate(params: Params) -> None:
    a = require_matrix(params, "a")
    b = require_matrix(params, "b")
    if (len(a), len(a[0])) != (len(b), len(b[0])):
        raise ValueError(
            f"a ({len(a)}×{len(a[0])}) and b ({len(b)}×{len(b[0])}) must have the same shape"
        )


def _hadamard_solve(params: Params) -> list[Any]:
    return [
        [x * y for x, y in zip(ra, rb, strict=False)]
        for ra, rb in zip(params["a"], params["b"], strict=False)
    ]


def _matrix_product(params: Params) -> list[Any]:
    a, b = np.array(params["a"]), np.array(params["b"])
    if a.shape[1] != b.shape[0]:
        raise ValueError("the matrix product is not defined for these shapes")
    return (a @ b).tolist()  # type: ignore[no-any-return]


_HADAMARD_MISTAKES = (
    Mistake(
        "matrix_product",
        "This is the matrix product A·B; the Hadamard product multiplies matching entries.",
        _matrix_product,
    ),
    Mistake(
        "sum",
        "This is the sum A + B; the Hadamard product multiplies matching entries.",
        lambda p: [
            [x + y for x, y in zip(ra, rb, strict=True)]
            for ra, rb in zip(p["a"], p["b"], strict=True)
        ],
    ),
)


def _hadamard_prompt(params: Params) -> str:
    return (
        "Compute the element-wise (Hadamard) product $A \\odot B$ (PyTorch `a * b`) for\n\n"
        f"$$A = {bmatrix(params['a'])}, \\quad B = {bmatrix(params['b'])}$$"
    )


def _hadamard_explain(params: Params) -> str:
    answer = _hadamard_solve(params)
    rows = [
        " & ".join(
            f"{num(x)}\\cdot{'(' + num(y) + ')' if y < 0 else num(y)}"
            for x, y in zip(ra, rb, strict=False)
        )
        for ra, rb in zip(params["a"], params["b"], strict=False)
    ]
    products = r"\begin{bmatrix} " + r" \\ ".join(rows) + r" \end{bmatrix}"
    return steps(
        [
            "Multiply entries in the same position: $(A \\odot B)_{ij} = A_{ij} B_{ij}$.",
            display(f"A \\odot B = {products} = {bmatrix(answer)}"),
        ]
    )


ELEMENTWISE_PRODUCT = Template(
    "elementwise_product",
    "Element-wise (Hadamard) product",
    ("a", "b"),
    "matrix",
    _hadamard_sample,
    _hadamard_solve,
    _hadamard_prompt,
    _hadamard_explain,
    _hadamard_validate,
    mistakes=_HADAMARD_MISTAKES,
)

TEMPLATES = (CONV2D, ELEMENTWISE_PRODUCT)
