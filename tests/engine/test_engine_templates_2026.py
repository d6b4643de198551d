"""The §9 templates: registry, declared mistakes (refused and named), sizes fit for paper."""

from __future__ import annotations

import math
from typing import Any

import pytest

from app.engine import check, format_answer, generate, get_template, list_templates, solve
from app.engine.grading import targets, tolerances

SPEC_2026 = {
    "attention_output": ("q", "k", "v", "causal"),
    "mha_params": ("embed_dim", "num_heads", "bias"),
    "transformer_layer_params": ("d_model", "nhead", "dim_feedforward"),
    "gpt_params": ("vocab_size", "context_length", "d_model", "n_layers", "tied"),
    "kv_cache_bytes": (
        "n_layers",
        "n_kv_heads",
        "head_dim",
        "seq_len",
        "batch_size",
        "bytes_per_value",
    ),
    "lora_params": ("in_features", "out_features", "rank"),
    "training_flops": ("n_params", "n_tokens"),
    "zero_memory_bytes": ("n_params", "n_gpus", "stage"),
    "layer_norm": ("x", "gamma", "beta", "eps"),
    "rms_norm": ("x", "weight", "eps"),
    "softmax_temperature": ("logits", "temperature"),
    "top_p_tokens": ("probs", "top_p"),
    "perplexity": ("token_probs",),
    "label_smoothing_ce": ("logits", "target", "smoothing"),
    "box_iou": ("box_a", "box_b"),
    "precision_recall_f1": ("tp", "fp", "fn"),
    "warmup_cosine_lr": ("base_lr", "warmup_steps", "total_steps", "step"),
    "conv_transpose_output_size": (
        "input_size",
        "kernel_size",
        "stride",
        "padding",
        "output_padding",
        "dilation",
    ),
    "depthwise_separable_params": ("in_channels", "out_channels", "kernel_size", "bias"),
    "vae_kl": ("mu", "logvar"),
    "ddpm_alpha_bar": ("beta_start", "beta_end", "num_steps", "t"),
    "ring_allreduce_bytes": ("tensor_bytes", "n_workers"),
}
KINDS = {"attention_output": "matrix", "layer_norm": "vector", "rms_norm": "vector"}
KINDS |= {"softmax_temperature": "vector", "precision_recall_f1": "vector"}
REALS = {"perplexity", "label_smoothing_ce", "box_iou", "warmup_cosine_lr", "vae_kl"}
REALS |= {"ddpm_alpha_bar", "ring_allreduce_bytes"}
IDS = list(SPEC_2026)
SEEDS = range(50)


def test_registry_appends_the_2026_templates_in_table_order() -> None:
    ids = [t.id for t in list_templates()]
    assert len(ids) == len(set(ids)) == 48
    assert ids[-22:] == IDS
    for template_id, names in SPEC_2026.items():
        template = get_template(template_id)
        assert template.params == names
        assert template.kind == KINDS.get(template_id, "real" if template_id in REALS else "int")


@pytest.mark.parametrize("template_id", IDS)
def test_2026_template_declares_several_mistakes(template_id: str) -> None:
    mistakes = get_template(template_id).mistakes
    assert len(mistakes) >= 3
    assert all(m.id.isidentifier() and m.id.islower() and m.message.endswith(".") for m in mistakes)


@pytest.mark.parametrize("template_id", IDS)
def test_2026_mistakes_typed_as_text_are_refused_and_named(template_id: str) -> None:
    template = get_template(template_id)
    named: set[str] = set()
    for seed in SEEDS:
        variant = generate(template_id, seed)
        for mistake, wrong in template.mistake_answers(variant.params):
            if wrong == variant.answer:
                continue
            result = check(template_id, seed, format_answer(wrong))
            assert not result.correct, (seed, mistake.id)
            assert result.mistake is not None, (seed, mistake.id)
            named.add(result.mistake.id)
        assert check(template_id, seed, format_answer(variant.answer)).mistake is None
    assert named == {m.id for m in template.mistakes}


@pytest.mark.parametrize("template_id", IDS)
def test_2026_samplers_keep_mistakes_clear_of_the_tolerance(template_id: str) -> None:
    """No sampled variant needs a tighter tolerance than 1 % to refuse a mistake."""
    template = get_template(template_id)
    for seed in SEEDS:
        variant = generate(template_id, seed)
        aims = targets(template, variant.params, variant.answer)
        assert aims.tolerances == tolerances(variant.answer), seed


def _numbers(value: Any) -> list[Any]:
    if isinstance(value, list):
        return [x for item in value for x in _numbers(item)]
    return [value]


@pytest.mark.parametrize("template_id", IDS)
def test_2026_sampled_params_are_small_enough_for_paper(template_id: str) -> None:
    for seed in range(60):
        params = generate(template_id, seed).params
        for name, value in params.items():
            if isinstance(value, list):
                assert len(value) <= 7 and all(len(r) <= 4 for r in value if isinstance(r, list))
            for x in _numbers(value):
                if isinstance(x, float) and name != "eps":
                    assert x == round(x, 4), (name, x)  # at most four decimals to copy


def _mistake(template_id: str, mistake_id: str, params: dict[str, Any]) -> Any:
    template = get_template(template_id)
    return dict((m.id, w) for m, w in template.mistake_answers(params))[mistake_id]


GPT2 = dict(vocab_size=50257, context_length=1024, d_model=768, n_layers=12, tied=True)
LLAMA = dict(n_layers=32, n_kv_heads=8, head_dim=128, seq_len=4096, batch_size=2, bytes_per_value=2)
LR = dict(base_lr=1e-3, warmup_steps=10, total_steps=110)

PINNED_MISTAKES = [
    ("mha_params", "no_output_projection", dict(embed_dim=512, num_heads=8, bias=True), 787_968),
    ("mha_params", "no_biases", dict(embed_dim=512, num_heads=8, bias=True), 1_048_576),
    ("mha_params", "output_bias_forgotten", dict(embed_dim=512, num_heads=8, bias=True), 1_050_112),
    (
        "transformer_layer_params",
        "no_layer_norms",
        dict(d_model=512, nhead=8, dim_feedforward=2048),
        3_152_384 - 2048,
    ),
    ("gpt_params", "head_tying_wrong", GPT2, 124_439_808 + 38_597_376),
    ("gpt_params", "no_position_embeddings", GPT2, 124_439_808 - 786_432),
    ("gpt_params", "no_final_layer_norm", GPT2, 124_439_808 - 1536),
    ("kv_cache_bytes", "no_factor_two", LLAMA, 1024**3 // 2),  # the right answer is 1 GiB
    ("kv_cache_bytes", "query_heads", LLAMA, 4 * 1024**3),
    ("kv_cache_bytes", "batch_forgotten", LLAMA, 1024**3 // 2),
    (
        "lora_params",
        "full_update_matrix",
        dict(in_features=4096, out_features=4096, rank=8),
        4096**2,
    ),
    ("training_flops", "forward_only", dict(n_params=10**9, n_tokens=10**10), 2 * 10**19),
    (
        "zero_memory_bytes",
        "stage_3_formula",
        dict(n_params=75 * 10**8, n_gpus=64, stage=1),
        1_875_000_000,
    ),
    (
        "zero_memory_bytes",
        "stage_1_formula",
        dict(n_params=75 * 10**8, n_gpus=64, stage=2),
        31_406_250_000,
    ),
    ("zero_memory_bytes", "no_master_weights", dict(n_params=10**9, n_gpus=4, stage=0), 12 * 10**9),
    (
        "layer_norm",
        "unbiased_variance",
        dict(x=[0.0, 4.0], gamma=[2.0, 0.5], beta=[1.0, -1.0], eps=0.0),
        [1 - math.sqrt(2), math.sqrt(2) / 4 - 1],
    ),
    ("rms_norm", "subtracted_mean", dict(x=[3.0, 4.0], weight=[1.0, 1.0], eps=0.0), [-1.0, 1.0]),
    ("rms_norm", "no_square_root", dict(x=[3.0, 4.0], weight=[1.0, 1.0], eps=0.0), [0.24, 0.32]),
    (
        "label_smoothing_ce",
        "spread_over_k_minus_one",
        dict(logits=[2.0, 1.0, 0.1], target=0, smoothing=0.1),
        0.5620296,
    ),  # 0.9·0.41703 + 0.05·(1.41703 + 2.31703)
    ("perplexity", "bits_not_exponentiated", dict(token_probs=[0.5, 0.125]), 2.0),
    ("perplexity", "mixed_log_bases", dict(token_probs=[0.5, 0.125]), math.e**2),
    ("perplexity", "not_exponentiated", dict(token_probs=[0.5, 0.125]), math.log(4)),
    ("perplexity", "inverse_mean_probability", dict(token_probs=[0.5, 0.125]), 3.2),
    (
        "box_iou",
        "plus_one_pixel",
        dict(box_a=[0.0, 0.0, 2.0, 2.0], box_b=[1.0, 1.0, 3.0, 3.0]),
        4 / 14,
    ),
    (
        "box_iou",
        "overlap_not_clamped",
        dict(box_a=[0.0, 0.0, 1.0, 1.0], box_b=[2.0, 2.0, 3.0, 3.0]),
        1.0,
    ),
    ("warmup_cosine_lr", "warmup_off_by_one", dict(LR, step=5), 6e-4),
    ("warmup_cosine_lr", "missing_half", dict(LR, step=60), 1e-3),
    ("warmup_cosine_lr", "full_cosine_period", dict(LR, step=60), 0.0),
    ("ring_allreduce_bytes", "one_pass", dict(tensor_bytes=10**9, n_workers=4), 7.5e8),
    ("precision_recall_f1", "f1_arithmetic_mean", dict(tp=8, fp=2, fn=8), [0.8, 0.5, 0.65]),
    ("vae_kl", "missing_half", dict(mu=[1.0], logvar=[0.0]), 1.0),
    (
        "ddpm_alpha_bar",
        "product_stops_before_t",
        dict(beta_start=0.1, beta_end=0.5, num_steps=5, t=2),
        0.72,
    ),
    (
        "conv_transpose_output_size",
        "forward_conv_formula",
        dict(input_size=4, kernel_size=4, stride=2, padding=1, output_padding=0, dilation=1),
        2,
    ),
    (
        "attention_output",
        "no_scaling",
        dict(q=[[2, 0, 0, 0]], k=[[1, 0, 0, 0], [0, 0, 0, 0]], v=[[1, 0], [0, 1]], causal=0),
        [[math.e**2 / (1 + math.e**2), 1 / (1 + math.e**2)]],
    ),
]


@pytest.mark.parametrize("template_id, mistake_id, params, expected", PINNED_MISTAKES)
def test_2026_mistake_gives_the_hand_worked_wrong_answer(
    template_id: str, mistake_id: str, params: dict[str, Any], expected: Any
) -> None:
    wrong = _mistake(template_id, mistake_id, params)
    assert wrong != solve(template_id, params)
    if isinstance(expected, int):
        assert wrong == expected
    else:
        assert _numbers(wrong) == pytest.approx(_numbers(expected), abs=1e-6)


def test_mistakes_that_change_nothing_are_left_out() -> None:
    ring = get_template("ring_allreduce_bytes")
    kv = get_template("kv_cache_bytes").mistake_answers(dict(LLAMA, batch_size=1))
    assert "batch_forgotten" not in {m.id for m, _ in kv}
    zero = get_template("zero_memory_bytes").mistake_answers(dict(n_params=8, n_gpus=2, stage=2))
    assert "stage_2_formula" not in {m.id for m, _ in zero}
    assert len(ring.mistake_answers(dict(tensor_bytes=8, n_workers=2))) == 3


PROMPT_CONVENTIONS = {
    "attention_output": "softmax over each row",
    "mha_params": "nn.MultiheadAttention",
    "transformer_layer_params": "nn.TransformerEncoderLayer",
    "gpt_params": "final LayerNorm",
    "kv_cache_bytes": "key/value heads",
    "layer_norm": "biased variance",
    "rms_norm": "no mean subtraction",
    "label_smoothing_ce": "all $K$ classes",
    "box_iou": "continuous",
    "warmup_cosine_lr": "get_cosine_schedule_with_warmup",
    "conv_transpose_output_size": "nn.ConvTranspose2d",
    "depthwise_separable_params": "groups=",
    "perplexity": "\\ln p_i",
    "ddpm_alpha_bar": "counted from 0",
    "ring_allreduce_bytes": "ring algorithm",
    "zero_memory_bytes": "mixed-precision Adam",
}


@pytest.mark.parametrize("template_id, phrase", PROMPT_CONVENTIONS.items())
def test_2026_prompt_states_its_convention(template_id: str, phrase: str) -> None:
    assert phrase in generate(template_id, 3).prompt


def test_2026_explanations_show_the_steps() -> None:
    mha = get_template("mha_params").explain(dict(embed_dim=512, num_heads=8, bias=True))
    assert "4 \\cdot 512^2 + 4 \\cdot 512 = 1050624" in mha
    gpt = get_template("gpt_params").explain(GPT2)
    assert "12d^2 + 13d" in gpt and "= 124439808" in gpt
    ln = get_template("layer_norm").explain(
        dict(x=[1.0, 2.0, 3.0], gamma=[1.0] * 3, beta=[0.0] * 3, eps=1e-5)
    )
    assert "\\mu = 6 / 3 = 2" in ln and "\\sigma^2" in ln
    lr = get_template("warmup_cosine_lr").explain(dict(LR, step=5))
    assert "warm-up" in lr and "\\frac{5}{10}" in lr
    attention = get_template("attention_output").explain(
        dict(q=[[1], [1]], k=[[0], [1]], v=[[0], [1]], causal=1)
    )
    assert "-\\infty" in attention and "A\\,v" in attention
