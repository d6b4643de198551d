"""LLM sizes: parameters of a GPT and bytes of a KV cache."""

from __future__ import annotations

import numpy as np

from app.engine.base import Mistake, Params, Template
from app.engine.checks import require_bool, require_int
from app.engine.explain import display, steps
from app.engine.templates.drawing import pick
from app.engine.templates.transformer_params import MAX_WIDTH

# --- gpt_params ---------------------------------------------------------------------


def _gpt_sample(rng: np.random.Generator) -> Params:
    return {
        "vocab_size": pick(rng, [1000, 5000, 8000, 10000, 32000, 50257]),
        "context_length": pick(rng, [128, 256, 512, 1024, 2048]),
        "d_model": pick(rng, [64, 128, 256, 512, 768]),
        "n_layers": pick(rng, [2, 4, 6, 8, 12]),
        "tied": bool(rng.random() < 0.6),
    }


def _gpt_validate(params: Params) -> None:
    require_int(params, "vocab_size", 1, 1_000_000)
    require_int(params, "context_length", 1, 1_000_000)
    require_int(params, "d_model", 1, MAX_WIDTH)
    require_int(params, "n_layers", 1, 1000)
    require_bool(params, "tied")


def _gpt_parts(params: Params) -> dict[str, int]:
    v, t, d, n = (params[k] for k in ("vocab_size", "context_length", "d_model", "n_layers"))
    return {
        "tokens": v * d,
        "positions": t * d,
        "blocks": n * (12 * d * d + 13 * d),
        "final_norm": 2 * d,
        "head": 0 if params["tied"] else v * d,
    }


def _gpt_solve(params: Params) -> int:
    return sum(_gpt_parts(params).values())


def _gpt_prompt(params: Params) -> str:
    v, t, d, n = (params[k] for k in ("vocab_size", "context_length", "d_model", "n_layers"))
    head = (
        "shares its weights with the token embedding (tied)"
        if params["tied"]
        else "has its own weights (untied)"
    )
    return (
        f"A GPT-2-style decoder has vocabulary {v}, context length {t}, width "
        f"$d = {d}$ and {n} blocks. It has a token embedding, a learned position embedding, "
        "blocks of LayerNorm → attention (Q, K, V and output projections with biases) → "
        "LayerNorm → MLP $d \\to 4d \\to d$ with biases, a final LayerNorm, and a bias-free "
        f"output head that {head}. How many parameters does it have?"
    )


def _gpt_explain(params: Params) -> str:
    v, t, d, n = (params[k] for k in ("vocab_size", "context_length", "d_model", "n_layers"))
    parts = _gpt_parts(params)
    block = 12 * d * d + 13 * d
    head = "tied: no new weights" if params["tied"] else f"${v} \\cdot {d} = {parts['head']}$"
    return steps(
        [
            f"Embeddings: tokens ${v} \\cdot {d} = {parts['tokens']}$, positions "
            f"${t} \\cdot {d} = {parts['positions']}$.",
            f"One block: attention $4d^2 + 4d$, MLP $8d^2 + 5d$, two LayerNorms $4d$, so "
            f"$12d^2 + 13d = 12 \\cdot {d}^2 + 13 \\cdot {d} = {block}$; "
            f"{n} blocks give {parts['blocks']}.",
            f"Final LayerNorm: $2 \\cdot {d} = {parts['final_norm']}$. Output head: {head}.",
            display(" + ".join(str(x) for x in parts.values() if x) + f" = {_gpt_solve(params)}"),
        ]
    )


def _gpt_without(name: str):
    def solver(params: Params) -> int:
        return _gpt_solve(params) - _gpt_parts(params)[name]

    return solver


def _gpt_head_flipped(params: Params) -> int:
    flipped = dict(params, tied=not params["tied"])
    return _gpt_solve(flipped)


GPT_PARAMS = Template(
    "gpt_params",
    "Parameters of a GPT",
    ("vocab_size", "context_length", "d_model", "n_layers", "tied"),
    "int",
    _gpt_sample,
    _gpt_solve,
    _gpt_prompt,
    _gpt_explain,
    _gpt_validate,
    mistakes=(
        Mistake(
            "head_tying_wrong",
            "This gets the output head backwards: a tied head adds no weights, an untied one "
            "adds vocab_size × d_model.",
            _gpt_head_flipped,
        ),
        Mistake(
            "no_position_embeddings",
            "This forgets the learned position embedding (context_length × d_model).",
            _gpt_without("positions"),
        ),
        Mistake(
            "no_final_layer_norm",
            "This forgets the final LayerNorm (2·d_model).",
            _gpt_without("final_norm"),
        ),
        Mistake(
            "blocks_without_biases_and_norms",
            "This counts 12·d² per block, leaving out the 13·d of biases and LayerNorms.",
            lambda p: _gpt_solve(p) - p["n_layers"] * 13 * p["d_model"],
        ),
    ),
)


# --- kv_cache_bytes -----------------------------------------------------------------

GQA_GROUP = 4  # the prompt's model has this many query heads per key/value head

_KV_BOUNDS = {
    "n_layers": 1024,
    "n_kv_heads": 1024,
    "head_dim": 4096,
    "seq_len": 1 << 21,
    "batch_size": 4096,
}


def _kv_sample(rng: np.random.Generator) -> Params:
    return {
        "n_layers": pick(rng, [2, 4, 8, 12, 16, 24, 32]),
        "n_kv_heads": pick(rng, [1, 2, 4, 8]),
        "head_dim": pick(rng, [64, 128]),
        "seq_len": pick(rng, [256, 512, 1024, 2048, 4096]),
        "batch_size": pick(rng, [1, 2, 4, 8]),
        "bytes_per_value": pick(rng, [1, 2, 2, 4]),
    }


def _kv_validate(params: Params) -> None:
    for name, high in _KV_BOUNDS.items():
        require_int(params, name, 1, high)
    width = require_int(params, "bytes_per_value", 1, 8)
    if width not in (1, 2, 4, 8):
        raise ValueError(f"bytes_per_value must be 1, 2, 4 or 8, got {width}")


def _kv_values(params: Params) -> int:
    """Cached numbers for keys alone: layers · kv heads · head_dim · tokens · batch."""
    return int(np.prod([params[name] for name in _KV_BOUNDS], dtype=object))


def _kv_solve(params: Params) -> int:
    return 2 * _kv_values(params) * params["bytes_per_value"]


def _kv_prompt(params: Params) -> str:
    q = params
    return (
        f"A decoder with {q['n_layers']} layers uses grouped-query attention: "
        f"{GQA_GROUP * q['n_kv_heads']} query heads share {q['n_kv_heads']} key/value heads "
        f"of dimension {q['head_dim']}. Generating with batch size {q['batch_size']} up to "
        f"{q['seq_len']} tokens, with {q['bytes_per_value']} byte(s) per cached value, how "
        "many bytes does the KV cache hold at the end?"
    )


def _kv_explain(params: Params) -> str:
    q = params
    return steps(
        [
            "Every layer caches one key and one value vector per token, per key/value head "
            "(query heads are not cached, and the grouped query heads read the shared ones).",
            display(
                "2 \\cdot \\text{layers} \\cdot \\text{kv\\_heads} \\cdot \\text{head\\_dim} "
                "\\cdot \\text{tokens} \\cdot \\text{batch} \\cdot \\text{bytes}"
            ),
            display(
                f"2 \\cdot {q['n_layers']} \\cdot {q['n_kv_heads']} \\cdot {q['head_dim']} "
                f"\\cdot {q['seq_len']} \\cdot {q['batch_size']} \\cdot {q['bytes_per_value']} "
                f"= {_kv_solve(q)}"
            ),
            f"That is {_kv_solve(q) / 2**20:.4g} MiB.",
        ]
    )


def _kv_no_batch(params: Params) -> int:
    if params["batch_size"] == 1:
        raise ValueError("batch of one: the mistake makes no difference")
    return _kv_solve(params) // params["batch_size"]


KV_CACHE_BYTES = Template(
    "kv_cache_bytes",
    "Size of a KV cache",
    ("n_layers", "n_kv_heads", "head_dim", "seq_len", "batch_size", "bytes_per_value"),
    "int",
    _kv_sample,
    _kv_solve,
    _kv_prompt,
    _kv_explain,
    _kv_validate,
    mistakes=(
        Mistake(
            "no_factor_two",
            "This caches keys only; values are cached too, hence the factor 2.",
            lambda p: _kv_solve(p) // 2,
        ),
        Mistake(
            "query_heads",
            "This uses the query heads; only the key/value heads are cached.",
            lambda p: _kv_solve(p) * GQA_GROUP,
        ),
        Mistake(
            "batch_forgotten",
            "This is the cache of one sequence; every sequence in the batch has its own.",
            _kv_no_batch,
        ),
        Mistake(
            "bits_not_bytes",
            "This counts bits instead of bytes (8 × too many).",
            lambda p: _kv_solve(p) * 8,
        ),
    ),
)

TEMPLATES = (GPT_PARAMS, KV_CACHE_BYTES)
