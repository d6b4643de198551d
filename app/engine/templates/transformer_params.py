"""Parameter counts of transformer parts: attention, an encoder layer, a LoRA adapter."""

from __future__ import annotations

import numpy as np

from app.engine.base import Mistake, Params, Template
from app.engine.checks import require_bool, require_int
from app.engine.explain import display, steps
from app.engine.templates.drawing import pick

MAX_WIDTH = 65_536


def _heads(params: Params, dim: str, heads: str) -> None:
    width = require_int(params, dim, 1, MAX_WIDTH)
    count = require_int(params, heads, 1, 1024)
    if width % count:
        raise ValueError(f"{dim} ({width}) must be divisible by {heads} ({count})")


# --- mha_params -------------------------------------------------------------------


def _mha_sample(rng: np.random.Generator) -> Params:
    embed_dim = pick(rng, [32, 64, 128, 256, 512, 768, 1024])
    heads = pick(rng, [h for h in (1, 2, 4, 8, 12, 16) if embed_dim % h == 0])
    return {"embed_dim": embed_dim, "num_heads": heads, "bias": bool(rng.random() < 0.7)}


def _mha_validate(params: Params) -> None:
    _heads(params, "embed_dim", "num_heads")
    require_bool(params, "bias")


def _mha(e: int, bias: bool) -> int:
    return 4 * e * e + (4 * e if bias else 0)


def _mha_solve(params: Params) -> int:
    return _mha(params["embed_dim"], params["bias"])


def _mha_prompt(params: Params) -> str:
    e, h, b = params["embed_dim"], params["num_heads"], params["bias"]
    return (
        f"How many trainable parameters does `nn.MultiheadAttention({e}, {h}, bias={b})` "
        "have? (PyTorch: packed query/key/value input projection `in_proj_weight` and "
        "`in_proj_bias`, plus the output projection `out_proj`, a `Linear(embed_dim, "
        "embed_dim)`; `bias` applies to both.)"
    )


def _mha_explain(params: Params) -> str:
    e, h, bias = params["embed_dim"], params["num_heads"], params["bias"]
    total = _mha_solve(params)
    lines = [
        f"The {h} heads split the {e} features into {h} slices of {e // h}: the head count "
        "changes how the projections are used, not how many weights they have.",
        f"Query, key and value projections: $3 \\cdot {e}^2 = {3 * e * e}$ weights"
        + (f" and $3 \\cdot {e} = {3 * e}$ biases." if bias else " and no biases."),
        f"Output projection: ${e}^2 = {e * e}$ weights" + (f" and {e} biases." if bias else "."),
    ]
    formula = f"4 \\cdot {e}^2 + 4 \\cdot {e}" if bias else f"4 \\cdot {e}^2"
    lines.append(display(f"{formula} = {total}"))
    return steps(lines)


def _mha_mistakes() -> tuple[Mistake, ...]:
    def no_out(p: Params) -> int:
        e = p["embed_dim"]
        return 3 * e * e + (3 * e if p["bias"] else 0)

    def per_head(p: Params) -> int:
        e, h, b = p["embed_dim"], p["num_heads"], p["bias"]
        return h * (3 * e * e + (3 * e if b else 0)) + e * e + (e if b else 0)

    return (
        Mistake(
            "no_output_projection", "This leaves out the output projection `out_proj`.", no_out
        ),
        Mistake(
            "no_biases",
            "This counts the weights only; with `bias=True` both projections have biases.",
            lambda p: 4 * p["embed_dim"] ** 2,
        ),
        Mistake(
            "output_bias_forgotten",
            "This forgets the output projection's bias.",
            lambda p: _mha(p["embed_dim"], p["bias"]) - (p["embed_dim"] if p["bias"] else 0),
        ),
        Mistake(
            "full_projections_per_head",
            "This gives every head its own full-size Q, K and V projections; the heads share "
            "one projection of size embed_dim × embed_dim, split into slices.",
            per_head,
        ),
    )


MHA_PARAMS = Template(
    "mha_params",
    "Parameters of multi-head attention",
    ("embed_dim", "num_heads", "bias"),
    "int",
    _mha_sample,
    _mha_solve,
    _mha_prompt,
    _mha_explain,
    _mha_validate,
    mistakes=_mha_mistakes(),
)


# --- transformer_layer_params -------------------------------------------------------


def _layer_sample(rng: np.random.Generator) -> Params:
    d = pick(rng, [64, 128, 256, 512, 768, 1024])
    heads = pick(rng, [h for h in (1, 2, 4, 8, 12, 16) if d % h == 0])
    return {"d_model": d, "nhead": heads, "dim_feedforward": pick(rng, [2 * d, 4 * d, 4 * d, 2048])}


def _layer_validate(params: Params) -> None:
    _heads(params, "d_model", "nhead")
    require_int(params, "dim_feedforward", 1, 4 * MAX_WIDTH)


def _layer_parts(params: Params) -> dict[str, int]:
    d, f = params["d_model"], params["dim_feedforward"]
    return {"attention": _mha(d, True), "linear1": d * f + f, "linear2": f * d + d, "norms": 4 * d}


def _layer_solve(params: Params) -> int:
    return sum(_layer_parts(params).values())


def _layer_prompt(params: Params) -> str:
    d, h, f = params["d_model"], params["nhead"], params["dim_feedforward"]
    return (
        f"How many trainable parameters does `nn.TransformerEncoderLayer(d_model={d}, "
        f"nhead={h}, dim_feedforward={f})` have? (PyTorch defaults: biases everywhere, "
        "self-attention is `nn.MultiheadAttention`, the feed-forward block is "
        "`linear1` → activation → `linear2`, and there are two LayerNorms with weight and bias.)"
    )


def _layer_explain(params: Params) -> str:
    d, f = params["d_model"], params["dim_feedforward"]
    parts = _layer_parts(params)
    return steps(
        [
            f"Self-attention: $4 \\cdot {d}^2 + 4 \\cdot {d} = {parts['attention']}$ "
            "(Q, K, V and output projections, each with a bias).",
            f"`linear1` ({d} → {f}): ${d} \\cdot {f} + {f} = {parts['linear1']}$; "
            f"`linear2` ({f} → {d}): ${f} \\cdot {d} + {d} = {parts['linear2']}$.",
            f"`norm1` and `norm2`: $2 \\cdot 2 \\cdot {d} = {parts['norms']}$ (weight and bias).",
            display(" + ".join(str(v) for v in parts.values()) + f" = {_layer_solve(params)}"),
        ]
    )


def _layer_minus(*names: str):
    def solver(params: Params) -> int:
        parts = _layer_parts(params)
        return sum(v for k, v in parts.items() if k not in names)

    return solver


TRANSFORMER_LAYER_PARAMS = Template(
    "transformer_layer_params",
    "Parameters of a transformer encoder layer",
    ("d_model", "nhead", "dim_feedforward"),
    "int",
    _layer_sample,
    _layer_solve,
    _layer_prompt,
    _layer_explain,
    _layer_validate,
    mistakes=(
        Mistake(
            "no_output_projection",
            "This leaves out the attention's output projection (d_model² + d_model).",
            lambda p: _layer_solve(p) - p["d_model"] ** 2 - p["d_model"],
        ),
        Mistake(
            "no_layer_norms",
            "This forgets the two LayerNorms (2 × 2·d_model).",
            _layer_minus("norms"),
        ),
        Mistake(
            "layer_norm_weight_only",
            "This gives each LayerNorm a weight but no bias.",
            lambda p: _layer_solve(p) - 2 * p["d_model"],
        ),
        Mistake(
            "no_feed_forward_biases",
            "This forgets the biases of `linear1` and `linear2`.",
            lambda p: _layer_solve(p) - p["dim_feedforward"] - p["d_model"],
        ),
        Mistake(
            "one_feed_forward_linear",
            "This counts only one of the two feed-forward linears.",
            _layer_minus("linear2"),
        ),
    ),
)

# --- lora_params --------------------------------------------------------------------


def _lora_sample(rng: np.random.Generator) -> Params:
    return {
        "in_features": pick(rng, [256, 512, 768, 1024, 2048, 4096]),
        "out_features": pick(rng, [256, 512, 768, 1024, 2048, 4096]),
        "rank": pick(rng, [1, 2, 4, 8, 8, 16, 32, 64]),
    }


def _lora_validate(params: Params) -> None:
    i = require_int(params, "in_features", 1, MAX_WIDTH)
    o = require_int(params, "out_features", 1, MAX_WIDTH)
    require_int(params, "rank", 1, min(i, o))


def _lora_solve(params: Params) -> int:
    return params["rank"] * (params["in_features"] + params["out_features"])


def _lora_prompt(params: Params) -> str:
    i, o, r = params["in_features"], params["out_features"], params["rank"]
    return (
        f"A LoRA adapter of rank $r = {r}$ is put on a frozen `nn.Linear({i}, {o})`: "
        "$W x + B A x$ with $A$ of shape $r \\times$ in_features and $B$ of shape "
        "out_features $\\times r$ (no adapter bias). How many trainable parameters does the "
        "adapter add?"
    )


def _lora_explain(params: Params) -> str:
    i, o, r = params["in_features"], params["out_features"], params["rank"]
    return steps(
        [
            f"$W$ ({o} × {i}) stays frozen. Only $A$ (${r} \\times {i}$) and $B$ "
            f"(${o} \\times {r}$) are trained.",
            display(
                f"r\\,(\\text{{in}} + \\text{{out}}) = {r} \\cdot ({i} + {o}) = "
                f"{_lora_solve(params)}"
            ),
            f"That is {100 * _lora_solve(params) / (i * o):.2g} % of the layer's {i * o} weights.",
        ]
    )


LORA_PARAMS = Template(
    "lora_params",
    "Trainable parameters of a LoRA adapter",
    ("in_features", "out_features", "rank"),
    "int",
    _lora_sample,
    _lora_solve,
    _lora_prompt,
    _lora_explain,
    _lora_validate,
    mistakes=(
        Mistake(
            "full_update_matrix",
            "This is the size of the full update ΔW = BA (in × out); LoRA trains only the "
            "two thin factors.",
            lambda p: p["in_features"] * p["out_features"],
        ),
        Mistake(
            "frozen_weight_counted",
            "This also counts the frozen weight W, which is not trained.",
            lambda p: p["in_features"] * p["out_features"] + _lora_solve(p),
        ),
        Mistake(
            "one_factor_only",
            "This counts only A (r × in); B (out × r) is trained too.",
            lambda p: p["rank"] * p["in_features"],
        ),
    ),
)


TEMPLATES = (MHA_PARAMS, TRANSFORMER_LAYER_PARAMS, LORA_PARAMS)
