"""Hand-worked answers for the §9 templates, pinned against the conventions they state.

Numbers are worked out by hand (or are well-known figures: nn.MultiheadAttention(512, 8),
BERT-base and GPT-2 small parameter counts, the ZeRO paper's 7.5B-on-64-GPUs figures).
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from app.engine import answers_match, get_template, solve

E = math.e
SIGMOID_1 = E / (1 + E)  # 0.7310586

CASES_2026 = [
    # attention_output: zero query → uniform weights → mean of the values
    (
        "attention_output",
        dict(q=[[0, 0, 0, 0]], k=[[1, 2, 3, 4], [4, 3, 2, 1]], v=[[2], [4]], causal=0),
        [[3.0]],
    ),
    (
        "attention_output",
        dict(q=[[0, 0, 0, 0]], k=[[1, 2, 3, 4], [4, 3, 2, 1]], v=[[2], [4]], causal=1),
        [[2.0]],
    ),  # query 0 sees key 0 only
    (
        "attention_output",
        dict(q=[[2, 0, 0, 0]], k=[[1, 0, 0, 0], [0, 0, 0, 0]], v=[[1, 0], [0, 1]], causal=0),
        [[SIGMOID_1, 1 - SIGMOID_1]],
    ),  # scores [2, 0] / √4 = [1, 0]
    (
        "attention_output",
        dict(q=[[1], [1]], k=[[0], [1]], v=[[0], [1]], causal=1),
        [[0.0], [SIGMOID_1]],
    ),
    (
        "attention_output",
        dict(q=[[1], [1]], k=[[0], [1]], v=[[0], [1]], causal=0),
        [[SIGMOID_1], [SIGMOID_1]],
    ),
    # parameter counts
    ("mha_params", dict(embed_dim=512, num_heads=8, bias=True), 1_050_624),
    ("mha_params", dict(embed_dim=512, num_heads=8, bias=False), 1_048_576),
    ("mha_params", dict(embed_dim=768, num_heads=12, bias=True), 2_362_368),
    ("transformer_layer_params", dict(d_model=512, nhead=8, dim_feedforward=2048), 3_152_384),
    ("transformer_layer_params", dict(d_model=768, nhead=12, dim_feedforward=3072), 7_087_872),
    (
        "gpt_params",
        dict(vocab_size=50257, context_length=1024, d_model=768, n_layers=12, tied=True),
        124_439_808,
    ),  # GPT-2 small
    (
        "gpt_params",
        dict(vocab_size=50257, context_length=1024, d_model=768, n_layers=12, tied=False),
        124_439_808 + 50257 * 768,
    ),
    (
        "gpt_params",
        dict(vocab_size=10, context_length=4, d_model=2, n_layers=1, tied=True),
        20 + 8 + (48 + 26) + 4,
    ),
    (
        "kv_cache_bytes",
        dict(
            n_layers=32, n_kv_heads=32, head_dim=128, seq_len=4096, batch_size=1, bytes_per_value=2
        ),
        2 * 1024**3,
    ),  # Llama-2-7B at 4k context in fp16: 2 GiB
    (
        "kv_cache_bytes",
        dict(n_layers=1, n_kv_heads=1, head_dim=1, seq_len=1, batch_size=1, bytes_per_value=1),
        2,
    ),
    ("lora_params", dict(in_features=4096, out_features=4096, rank=8), 65_536),
    ("lora_params", dict(in_features=768, out_features=3072, rank=4), 15_360),
    (
        "depthwise_separable_params",
        dict(in_channels=32, out_channels=64, kernel_size=3, bias=False),
        2336,
    ),
    (
        "depthwise_separable_params",
        dict(in_channels=32, out_channels=64, kernel_size=3, bias=True),
        2432,
    ),
    # compute and memory at scale
    ("training_flops", dict(n_params=70 * 10**9, n_tokens=14 * 10**11), 588 * 10**21),
    ("training_flops", dict(n_params=1, n_tokens=1), 6),
    ("zero_memory_bytes", dict(n_params=75 * 10**8, n_gpus=64, stage=0), 120 * 10**9),
    ("zero_memory_bytes", dict(n_params=75 * 10**8, n_gpus=64, stage=1), 31_406_250_000),
    ("zero_memory_bytes", dict(n_params=75 * 10**8, n_gpus=64, stage=2), 16_640_625_000),
    ("zero_memory_bytes", dict(n_params=75 * 10**8, n_gpus=64, stage=3), 1_875_000_000),
    ("ring_allreduce_bytes", dict(tensor_bytes=10**9, n_workers=4), 1.5e9),
    ("ring_allreduce_bytes", dict(tensor_bytes=100, n_workers=2), 100.0),
    # normalisation
    (
        "layer_norm",
        dict(x=[1.0, 2.0, 3.0], gamma=[1.0, 1.0, 1.0], beta=[0.0, 0.0, 0.0], eps=0.0),
        [-math.sqrt(1.5), 0.0, math.sqrt(1.5)],
    ),  # variance 2/3
    ("layer_norm", dict(x=[0.0, 4.0], gamma=[2.0, 0.5], beta=[1.0, -1.0], eps=0.0), [-1.0, -0.5]),
    (
        "rms_norm",
        dict(x=[3.0, 4.0], weight=[1.0, 1.0], eps=0.0),
        [3 / math.sqrt(12.5), 4 / math.sqrt(12.5)],
    ),
    ("rms_norm", dict(x=[1.0, 1.0, 1.0, 1.0], weight=[2.0, 2.0, 2.0, 2.0], eps=0.0), [2.0] * 4),
    # language models
    (
        "softmax_temperature",
        dict(logits=[1.0, 2.0, 3.0], temperature=2.0),
        [1 / (1 + E**0.5 + E), E**0.5 / (1 + E**0.5 + E), E / (1 + E**0.5 + E)],
    ),
    ("softmax_temperature", dict(logits=[2.0, 0.0], temperature=2.0), [SIGMOID_1, 1 - SIGMOID_1]),
    ("softmax_temperature", dict(logits=[0.0, 0.0], temperature=0.5), [0.5, 0.5]),
    ("top_p_tokens", dict(probs=[0.1, 0.5, 0.15, 0.25], top_p=0.75), 2),  # 0.5 + 0.25 = 0.75
    ("top_p_tokens", dict(probs=[0.1, 0.5, 0.15, 0.25], top_p=0.9), 3),  # 0.9 reached exactly
    ("top_p_tokens", dict(probs=[0.1, 0.5, 0.15, 0.25], top_p=0.91), 4),
    ("top_p_tokens", dict(probs=[0.1, 0.5, 0.15, 0.25], top_p=0.4), 1),
    ("perplexity", dict(token_probs=[0.25, 0.25, 0.25]), 4.0),
    ("perplexity", dict(token_probs=[0.5, 0.125]), 4.0),  # √16
    ("perplexity", dict(token_probs=[0.1, 0.2, 0.4]), 5.0),  # ∛125
    ("perplexity", dict(token_probs=[1.0, 1.0]), 1.0),
    ("label_smoothing_ce", dict(logits=[0.0, 0.0, 0.0], target=1, smoothing=0.1), math.log(3)),
    ("label_smoothing_ce", dict(logits=[2.0, 1.0, 0.1], target=0, smoothing=0.1), 0.5136967),
    ("label_smoothing_ce", dict(logits=[2.0, 1.0, 0.1], target=0, smoothing=0.0), 0.4170300),
    # detection and evaluation
    ("box_iou", dict(box_a=[0.0, 0.0, 2.0, 2.0], box_b=[1.0, 1.0, 3.0, 3.0]), 1 / 7),
    ("box_iou", dict(box_a=[0.0, 0.0, 2.0, 4.0], box_b=[0.0, 0.0, 2.0, 4.0]), 1.0),
    ("box_iou", dict(box_a=[0.0, 0.0, 1.0, 1.0], box_b=[2.0, 2.0, 3.0, 3.0]), 0.0),
    ("box_iou", dict(box_a=[0.0, 0.0, 4.0, 2.0], box_b=[2.0, 0.0, 6.0, 2.0]), 4 / 12),
    ("precision_recall_f1", dict(tp=8, fp=2, fn=8), [0.8, 0.5, 16 / 26]),
    ("precision_recall_f1", dict(tp=5, fp=0, fn=0), [1.0, 1.0, 1.0]),
    ("precision_recall_f1", dict(tp=0, fp=3, fn=1), [0.0, 0.0, 0.0]),
    # schedules (get_cosine_schedule_with_warmup)
    ("warmup_cosine_lr", dict(base_lr=1e-3, warmup_steps=10, total_steps=110, step=0), 0.0),
    ("warmup_cosine_lr", dict(base_lr=1e-3, warmup_steps=10, total_steps=110, step=5), 5e-4),
    ("warmup_cosine_lr", dict(base_lr=1e-3, warmup_steps=10, total_steps=110, step=10), 1e-3),
    (
        "warmup_cosine_lr",
        dict(base_lr=1e-3, warmup_steps=10, total_steps=110, step=35),
        1e-3 * (1 + math.sqrt(0.5)) / 2,
    ),
    ("warmup_cosine_lr", dict(base_lr=1e-3, warmup_steps=10, total_steps=110, step=60), 5e-4),
    ("warmup_cosine_lr", dict(base_lr=1e-3, warmup_steps=10, total_steps=110, step=110), 0.0),
    ("warmup_cosine_lr", dict(base_lr=0.1, warmup_steps=0, total_steps=100, step=50), 0.05),
    # nn.ConvTranspose2d
    (
        "conv_transpose_output_size",
        dict(input_size=4, kernel_size=4, stride=2, padding=1, output_padding=0, dilation=1),
        8,
    ),  # the DCGAN doubling block
    (
        "conv_transpose_output_size",
        dict(input_size=7, kernel_size=3, stride=2, padding=1, output_padding=1, dilation=1),
        14,
    ),
    (
        "conv_transpose_output_size",
        dict(input_size=5, kernel_size=3, stride=1, padding=0, output_padding=0, dilation=2),
        9,
    ),
    (
        "conv_transpose_output_size",
        dict(input_size=1, kernel_size=1, stride=1, padding=0, output_padding=0, dilation=1),
        1,
    ),
    # generative models
    ("vae_kl", dict(mu=[0.0, 0.0], logvar=[0.0, 0.0]), 0.0),
    ("vae_kl", dict(mu=[1.0], logvar=[0.0]), 0.5),
    ("vae_kl", dict(mu=[0.0], logvar=[math.log(2)]), 0.5 * (1 - math.log(2))),
    ("vae_kl", dict(mu=[2.0, 0.0], logvar=[0.0, 1.0]), 0.5 * (4 + E - 2)),
    ("ddpm_alpha_bar", dict(beta_start=0.1, beta_end=0.5, num_steps=5, t=0), 0.9),
    ("ddpm_alpha_bar", dict(beta_start=0.1, beta_end=0.5, num_steps=5, t=2), 0.504),
    ("ddpm_alpha_bar", dict(beta_start=0.1, beta_end=0.5, num_steps=5, t=4), 0.1512),
    ("ddpm_alpha_bar", dict(beta_start=1e-4, beta_end=0.02, num_steps=1000, t=0), 0.9999),
]


@pytest.mark.parametrize("template_id, params, expected", CASES_2026)
def test_hand_worked_2026_case(template_id: str, params: dict, expected: object) -> None:
    got = solve(template_id, params)
    if isinstance(expected, int):
        assert got == expected and type(got) is int
    else:
        assert np.allclose(np.array(got, dtype=float), np.array(expected, dtype=float), atol=1e-6)
        assert answers_match(got, expected)  # type: ignore[arg-type]


def test_ddpm_linear_schedule_ends_near_four_in_a_hundred_thousand() -> None:
    # ln ᾱ_T ≈ −Σβ − Σβ²/2 ≈ −10.05 − 0.067 for the DDPM paper's 1e-4 … 0.02 over 1000 steps
    value = solve("ddpm_alpha_bar", dict(beta_start=1e-4, beta_end=0.02, num_steps=1000, t=999))
    assert value == pytest.approx(4.036e-5, rel=2e-3)


def test_ring_allreduce_approaches_twice_the_tensor() -> None:
    sent = [
        solve("ring_allreduce_bytes", dict(tensor_bytes=1000, n_workers=n)) for n in (2, 10, 1000)
    ]
    assert sent == [1000.0, 1800.0, 1998.0]


def test_mha_count_does_not_depend_on_heads() -> None:
    counts = {solve("mha_params", dict(embed_dim=768, num_heads=h, bias=True)) for h in (1, 4, 12)}
    assert counts == {2_362_368}


INVALID_2026 = [
    ("attention_output", dict(q=[[1, 2]], k=[[1, 2, 3]], v=[[1]], causal=0), "same width"),
    ("attention_output", dict(q=[[1]], k=[[1], [2]], v=[[1]], causal=0), "one row per key"),
    ("attention_output", dict(q=[[1]] * 9, k=[[1]], v=[[1]], causal=0), "larger than"),
    ("attention_output", dict(q=[[1]], k=[[1]], v=[[1]], causal=2), "causal"),
    ("attention_output", dict(q=[[1e3]], k=[[1]], v=[[1]], causal=0), "within"),
    ("mha_params", dict(embed_dim=100, num_heads=8, bias=True), "divisible"),
    ("mha_params", dict(embed_dim=10**6, num_heads=1, bias=True), "embed_dim must be at most"),
    ("transformer_layer_params", dict(d_model=512, nhead=8, dim_feedforward=0), "dim_feedforward"),
    ("transformer_layer_params", dict(d_model=512, nhead=3, dim_feedforward=8), "divisible"),
    (
        "gpt_params",
        dict(vocab_size=0, context_length=8, d_model=8, n_layers=1, tied=True),
        "vocab_size",
    ),
    (
        "gpt_params",
        dict(vocab_size=8, context_length=8, d_model=8, n_layers=10**4, tied=True),
        "n_layers must be at most",
    ),
    (
        "gpt_params",
        dict(vocab_size=8, context_length=8, d_model=8, n_layers=1, tied=1),
        "tied",
    ),
    (
        "kv_cache_bytes",
        dict(n_layers=1, n_kv_heads=1, head_dim=1, seq_len=1, batch_size=1, bytes_per_value=3),
        "bytes_per_value",
    ),
    (
        "kv_cache_bytes",
        dict(n_layers=1, n_kv_heads=1, head_dim=1, seq_len=10**9, batch_size=1, bytes_per_value=2),
        "seq_len must be at most",
    ),
    ("lora_params", dict(in_features=16, out_features=8, rank=9), "rank must be at most 8"),
    ("training_flops", dict(n_params=10**14, n_tokens=1), "n_params must be at most"),
    ("training_flops", dict(n_params=10, n_tokens=0), "n_tokens"),
    ("zero_memory_bytes", dict(n_params=100, n_gpus=4, stage=4), "stage"),
    ("zero_memory_bytes", dict(n_params=100, n_gpus=3, stage=1), "multiple of n_gpus"),
    ("layer_norm", dict(x=[1.0, 2.0], gamma=[1.0], beta=[0.0, 0.0], eps=1e-5), "gamma must have 2"),
    ("layer_norm", dict(x=[1.0] * 17, gamma=[1.0] * 17, beta=[0.0] * 17, eps=1e-5), "at most 16"),
    ("layer_norm", dict(x=[1.0, 2.0], gamma=[1.0, 1.0], beta=[0.0, 0.0], eps=-1.0), "eps"),
    ("layer_norm", dict(x=[2.0, 2.0], gamma=[1.0, 1.0], beta=[0.0, 0.0], eps=0.0), "variance"),
    ("rms_norm", dict(x=[1.0, 2.0], weight=[1.0, 1.0, 1.0], eps=1e-6), "weight must have 2"),
    ("rms_norm", dict(x=[0.0, 0.0], weight=[1.0, 1.0], eps=0.0), "all zeros"),
    ("softmax_temperature", dict(logits=[1.0, 2.0], temperature=0.0), "temperature"),
    ("softmax_temperature", dict(logits=[1.0, 1e6], temperature=1.0), "within"),
    ("top_p_tokens", dict(probs=[0.5, 0.4], top_p=0.9), "sum to 1"),
    ("top_p_tokens", dict(probs=[0.5, 0.5], top_p=1.5), "top_p must be at most"),
    ("top_p_tokens", dict(probs=[1.5, -0.5], top_p=0.5), "probs"),
    ("perplexity", dict(token_probs=[0.5, 0.0]), "greater than 0"),
    ("perplexity", dict(token_probs=[0.5, 1.5]), "within"),
    ("label_smoothing_ce", dict(logits=[1.0, 2.0], target=2, smoothing=0.1), "target"),
    ("label_smoothing_ce", dict(logits=[1.0, 2.0], target=0, smoothing=1.5), "smoothing"),
    ("box_iou", dict(box_a=[2.0, 0.0, 1.0, 1.0], box_b=[0.0, 0.0, 1.0, 1.0]), "x2 ≥ x1"),
    ("box_iou", dict(box_a=[0.0, 0.0, 1.0], box_b=[0.0, 0.0, 1.0, 1.0]), "4 entries"),
    ("box_iou", dict(box_a=[1.0, 1.0, 1.0, 1.0], box_b=[2.0, 2.0, 2.0, 2.0]), "zero area"),
    ("precision_recall_f1", dict(tp=0, fp=0, fn=3), "precision is undefined"),
    ("precision_recall_f1", dict(tp=1, fp=-1, fn=3), "fp must be at least 0"),
    (
        "warmup_cosine_lr",
        dict(base_lr=0.1, warmup_steps=10, total_steps=100, step=101),
        "step must be at most 100",
    ),
    (
        "warmup_cosine_lr",
        dict(base_lr=0.1, warmup_steps=200, total_steps=100, step=1),
        "warmup_steps must be at most 100",
    ),
    (
        "conv_transpose_output_size",
        dict(input_size=4, kernel_size=3, stride=2, padding=0, output_padding=2, dilation=1),
        "output_padding must be at most 1",
    ),
    (
        "conv_transpose_output_size",
        dict(input_size=1, kernel_size=1, stride=1, padding=3, output_padding=0, dilation=1),
        "below 1",
    ),
    (
        "conv_transpose_output_size",
        dict(input_size=10**6, kernel_size=3, stride=1, padding=0, output_padding=0, dilation=1),
        "input_size must be at most",
    ),
    (
        "depthwise_separable_params",
        dict(in_channels=10**6, out_channels=8, kernel_size=3, bias=True),
        "in_channels must be at most",
    ),
    ("vae_kl", dict(mu=[0.0, 1.0], logvar=[0.0]), "same length"),
    ("vae_kl", dict(mu=[0.0], logvar=[50.0]), "logvar"),
    ("vae_kl", dict(mu=[0.0] * 17, logvar=[0.0] * 17), "at most 16"),
    ("ddpm_alpha_bar", dict(beta_start=0.1, beta_end=0.5, num_steps=5, t=5), "t must be at most 4"),
    ("ddpm_alpha_bar", dict(beta_start=0.1, beta_end=1.0, num_steps=5, t=1), "below 1"),
    ("ddpm_alpha_bar", dict(beta_start=0.1, beta_end=0.5, num_steps=10**6, t=1), "num_steps"),
    ("ring_allreduce_bytes", dict(tensor_bytes=100, n_workers=1), "n_workers must be at least 2"),
    ("ring_allreduce_bytes", dict(tensor_bytes=1e20, n_workers=4), "tensor_bytes"),
]


@pytest.mark.parametrize("template_id, params, message", INVALID_2026)
def test_2026_params_out_of_bounds_are_refused(
    template_id: str, params: dict, message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        solve(template_id, params)


AT_THE_BOUNDS = [
    (
        "attention_output",
        dict(q=[[100.0] * 8] * 8, k=[[-100.0] * 8] * 8, v=[[1.0] * 8] * 8, causal=1),
    ),
    (
        "gpt_params",
        dict(vocab_size=10**6, context_length=10**6, d_model=65536, n_layers=1000, tied=False),
    ),
    (
        "kv_cache_bytes",
        dict(
            n_layers=1024,
            n_kv_heads=1024,
            head_dim=4096,
            seq_len=1 << 21,
            batch_size=4096,
            bytes_per_value=8,
        ),
    ),
    ("training_flops", dict(n_params=10**13, n_tokens=10**15)),
    ("layer_norm", dict(x=[1e4, -1e4] * 8, gamma=[1e4] * 16, beta=[-1e4] * 16, eps=0.1)),
    ("softmax_temperature", dict(logits=[100.0, -100.0] * 8, temperature=0.01)),
    ("perplexity", dict(token_probs=[1e-300] * 16)),
    ("label_smoothing_ce", dict(logits=[100.0, -100.0] * 8, target=1, smoothing=1.0)),
    ("vae_kl", dict(mu=[100.0] * 16, logvar=[20.0] * 8 + [-20.0] * 8)),
    ("ddpm_alpha_bar", dict(beta_start=0.999, beta_end=0.0, num_steps=10_000, t=9999)),
    (
        "conv_transpose_output_size",
        dict(
            input_size=4096, kernel_size=31, stride=16, padding=64, output_padding=15, dilation=16
        ),
    ),
    ("ring_allreduce_bytes", dict(tensor_bytes=1e15, n_workers=1 << 20)),
]


@pytest.mark.parametrize("template_id, params", AT_THE_BOUNDS)
def test_2026_params_at_their_bounds_solve_and_explain(template_id: str, params: dict) -> None:
    template = get_template(template_id)
    answer = template.solve(params)
    assert all(math.isfinite(x) for x in np.ravel(np.array(answer, dtype=float)))
    assert template.prompt(params) and template.explain(params)
    template.mistake_answers(params)  # no overflow or warning in any mistake either
