"""Detection metrics: IoU of two boxes, precision / recall / F1 from counts."""

from __future__ import annotations

import numpy as np

from app.engine.base import Mistake, Params, Template
from app.engine.checks import require_int, require_vector
from app.engine.explain import display, num, plain_list, steps
from app.engine.templates.drawing import draw_separated

MAX_COORD = 1e5
MAX_COUNT = 10**9

# --- box_iou ------------------------------------------------------------------------


def _box_draw(rng: np.random.Generator) -> Params:
    width_a, height_a, width_b, height_b = (int(v) for v in rng.integers(2, 6, size=4))
    x_a, y_a = (int(v) for v in rng.integers(0, 5, size=2))
    if rng.random() < 0.15:  # sometimes disjoint or barely touching
        x_b, y_b = (int(v) for v in rng.integers(0, 9, size=2))
    else:  # overlapping: B starts inside A's span on both axes
        x_b = int(rng.integers(max(0, x_a - width_b + 1), x_a + width_a))
        y_b = int(rng.integers(max(0, y_a - height_b + 1), y_a + height_a))
    return {
        "box_a": [float(x_a), float(y_a), float(x_a + width_a), float(y_a + height_a)],
        "box_b": [float(x_b), float(y_b), float(x_b + width_b), float(y_b + height_b)],
    }


def _box_sample(rng: np.random.Generator) -> Params:
    return draw_separated(rng, _box_draw, _box_solve, [m.solver for m in BOX_MISTAKES])


def _box_validate(params: Params) -> None:
    for name in ("box_a", "box_b"):
        x1, y1, x2, y2 = require_vector(params, name, length=4)
        if any(abs(v) > MAX_COORD for v in (x1, y1, x2, y2)):
            raise ValueError(f"{name} coordinates must be within ±{MAX_COORD:g}")
        if x2 < x1 or y2 < y1:
            raise ValueError(f"{name} must be [x1, y1, x2, y2] with x2 ≥ x1 and y2 ≥ y1")
    if _union(params) <= 0:
        raise ValueError("both boxes have zero area: the IoU is undefined")


def _area(box: list[float], plus: float = 0.0) -> float:
    return (box[2] - box[0] + plus) * (box[3] - box[1] + plus)


def _overlap(params: Params, plus: float = 0.0, clamp: bool = True) -> tuple[float, float]:
    a, b = params["box_a"], params["box_b"]
    w = min(a[2], b[2]) - max(a[0], b[0]) + plus
    h = min(a[3], b[3]) - max(a[1], b[1]) + plus
    return (max(w, 0.0), max(h, 0.0)) if clamp else (w, h)


def _union(params: Params, plus: float = 0.0) -> float:
    w, h = _overlap(params, plus)
    return _area(params["box_a"], plus) + _area(params["box_b"], plus) - w * h


def _box_solve(params: Params, plus: float = 0.0) -> float:
    w, h = _overlap(params, plus)
    return w * h / _union(params, plus)


def _box_prompt(params: Params) -> str:
    return (
        f"What is the IoU of the boxes $A = {plain_list(params['box_a'])}$ and "
        f"$B = {plain_list(params['box_b'])}$, given as $[x_1, y_1, x_2, y_2]$ in continuous "
        "coordinates (`torchvision.ops.box_iou`: width is $x_2 - x_1$)?"
    )


def _box_explain(params: Params) -> str:
    a, b = params["box_a"], params["box_b"]
    w, h = _overlap(params)
    return steps(
        [
            f"Areas: $A = {num(_area(a))}$, $B = {num(_area(b))}$.",
            f"Overlap: width $\\min({num(a[2])}, {num(b[2])}) - \\max({num(a[0])}, {num(b[0])}) "
            f"= {num(w)}$, height $= {num(h)}$ (clamped at 0), so the intersection is "
            f"{num(w * h)}.",
            f"Union: ${num(_area(a))} + {num(_area(b))} - {num(w * h)} = {num(_union(params))}$.",
            display(
                f"\\mathrm{{IoU}} = {num(w * h)} / {num(_union(params))} = "
                f"{num(_box_solve(params))}"
            ),
        ]
    )


def _unclamped(params: Params) -> float:
    w, h = _overlap(params, clamp=False)
    if w >= 0 and h >= 0:
        raise ValueError("the boxes overlap: clamping makes no difference")
    a, b = params["box_a"], params["box_b"]
    return w * h / (_area(a) + _area(b) - w * h)


BOX_MISTAKES = (
    Mistake(
        "plus_one_pixel",
        "This uses the +1 pixel convention (width x2 − x1 + 1); torchvision's boxes are "
        "continuous.",
        lambda p: _box_solve(p, plus=1.0),
    ),
    Mistake(
        "union_double_counts",
        "This divides by the sum of the areas; the union subtracts the intersection once.",
        lambda p: _box_solve(p) * _union(p) / (_area(p["box_a"]) + _area(p["box_b"])),
    ),
    Mistake(
        "over_smaller_box",
        "This divides by the smaller box's area (intersection over minimum), not the union.",
        lambda p: _box_solve(p) * _union(p) / min(_area(p["box_a"]), _area(p["box_b"])),
    ),
    Mistake(
        "overlap_not_clamped",
        "This multiplies negative overlap widths; disjoint boxes have intersection 0.",
        _unclamped,
    ),
)

BOX_IOU = Template(
    "box_iou",
    "IoU of two boxes",
    ("box_a", "box_b"),
    "real",
    _box_sample,
    _box_solve,
    _box_prompt,
    _box_explain,
    _box_validate,
    mistakes=BOX_MISTAKES,
)


# --- precision_recall_f1 ------------------------------------------------------------


def _prf_draw(rng: np.random.Generator) -> Params:
    return {
        "tp": int(rng.integers(1, 41)),
        "fp": int(rng.integers(0, 21)),
        "fn": int(rng.integers(0, 21)),
    }


def _prf_sample(rng: np.random.Generator) -> Params:
    return draw_separated(rng, _prf_draw, _prf_solve, [m.solver for m in PRF_MISTAKES])


def _prf_validate(params: Params) -> None:
    tp = require_int(params, "tp", 0, MAX_COUNT)
    fp = require_int(params, "fp", 0, MAX_COUNT)
    fn = require_int(params, "fn", 0, MAX_COUNT)
    if tp + fp == 0:
        raise ValueError("tp + fp is 0: nothing was predicted positive, precision is undefined")
    if tp + fn == 0:
        raise ValueError("tp + fn is 0: there are no positives, recall is undefined")


def _pr(params: Params) -> tuple[float, float]:
    tp, fp, fn = params["tp"], params["fp"], params["fn"]
    return tp / (tp + fp), tp / (tp + fn)


def _prf_solve(params: Params) -> list[float]:
    precision, recall = _pr(params)
    tp, fp, fn = params["tp"], params["fp"], params["fn"]
    return [precision, recall, 2 * tp / (2 * tp + fp + fn)]


def _prf_prompt(params: Params) -> str:
    q = params
    return (
        f"A detector scores {q['tp']} true positives, {q['fp']} false positives and "
        f"{q['fn']} false negatives. Give [precision, recall, F1]."
    )


def _prf_explain(params: Params) -> str:
    tp, fp, fn = params["tp"], params["fp"], params["fn"]
    precision, recall, f1 = _prf_solve(params)
    return steps(
        [
            f"Precision (of the predicted positives, how many are right): "
            f"${tp} / ({tp} + {fp}) = {num(precision)}$.",
            f"Recall (of the real positives, how many were found): "
            f"${tp} / ({tp} + {fn}) = {num(recall)}$.",
            "F1 is the harmonic mean, $2PR/(P + R) = 2\\,TP / (2\\,TP + FP + FN)$:",
            display(f"F_1 = \\frac{{2 \\cdot {tp}}}{{2 \\cdot {tp} + {fp} + {fn}}} = {num(f1)}"),
        ]
    )


def _halved_f1(params: Params) -> list[float]:
    precision, recall = _pr(params)
    return [precision, recall, precision * recall / (precision + recall)]


PRF_MISTAKES = (
    Mistake(
        "precision_recall_swapped",
        "This swaps precision (TP / predicted positives) and recall (TP / real positives).",
        lambda p: [_pr(p)[1], _pr(p)[0], _prf_solve(p)[2]],
    ),
    Mistake(
        "f1_arithmetic_mean",
        "This takes the arithmetic mean of precision and recall; F1 is their harmonic mean.",
        lambda p: [*_pr(p), sum(_pr(p)) / 2],
    ),
    Mistake(
        "f1_without_factor_two",
        "This forgets the factor 2 in F1 = 2PR / (P + R).",
        _halved_f1,
    ),
)

PRECISION_RECALL_F1 = Template(
    "precision_recall_f1",
    "Precision, recall and F1",
    ("tp", "fp", "fn"),
    "vector",
    _prf_sample,
    _prf_solve,
    _prf_prompt,
    _prf_explain,
    _prf_validate,
    mistakes=PRF_MISTAKES,
)


TEMPLATES = (
    BOX_IOU,
    PRECISION_RECALL_F1,
)
