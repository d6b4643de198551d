"""The template API through httpx: list, deal a variant, check an answer."""

import pytest

from app.engine import format_answer, generate

SPEC_PARAMS = {
    "conv_output_size": ["input_size", "kernel_size", "padding", "stride", "dilation"],
    "pool_output_size": ["input_size", "kernel_size", "stride", "padding"],
    "same_padding": ["kernel_size"],
    "iterations_per_epoch": ["dataset_size", "batch_size", "drop_last"],
    "total_iterations": ["dataset_size", "batch_size", "epochs", "drop_last"],
    "conv2d": ["input", "kernel", "stride", "padding"],
    "elementwise_product": ["a", "b"],
    "activation": ["function", "x", "alpha"],
    "softmax": ["logits"],
    "dense_params": ["in_features", "out_features", "bias"],
    "conv_params": ["in_channels", "out_channels", "kernel_size", "bias"],
    "lstm_params": ["input_size", "hidden_size"],
    "gru_params": ["input_size", "hidden_size"],
    "gd_step": ["w", "grad", "lr"],
    "weight_decay_step": ["w", "grad", "lr", "c"],
    "adam_step": ["w", "grad", "lr", "beta1", "beta2", "eps"],
    "batch_norm": ["x", "gamma", "beta", "eps"],
    "mse_loss": ["y", "y_hat"],
    "cross_entropy": ["logits", "target"],
    "dropout_scale": ["p"],
    "clip_grad_norm": ["grad", "max_norm"],
    "mlp_forward": ["x", "w1", "b1", "w2", "b2"],
    "backprop_grad": ["x", "y", "w1", "b1", "w2", "b2"],
}


def _check(client, template_id, seed, answer):
    return client.post(
        f"/api/v1/templates/{template_id}/check", json={"seed": seed, "answer": answer}
    )


def test_templates_api_lists_the_spec_templates_with_their_param_names(client):
    body = client.get("/api/v1/templates").json()
    listed = {t["id"]: t["params"] for t in body}
    assert len(SPEC_PARAMS) == 23
    assert {i: listed.get(i) for i in SPEC_PARAMS} == SPEC_PARAMS
    # Spec templates first, in spec order; extras after them.
    assert [t["id"] for t in body][:23] == list(SPEC_PARAMS)
    assert all(set(t) == {"id", "title", "params", "kind"} and t["title"] for t in body)
    assert {t["id"]: t["kind"] for t in body}["conv2d"] == "matrix"


def test_templates_api_variant_is_deterministic_and_has_no_answer(client):
    first = client.post("/api/v1/templates/conv2d/variants", json={"seed": 7})
    again = client.post("/api/v1/templates/conv2d/variants", json={"seed": 7})
    assert first.status_code == 200
    body = first.json()
    assert body == again.json()
    assert set(body) == {"template", "seed", "params", "prompt"}
    variant = generate("conv2d", 7)
    assert body["template"] == "conv2d" and body["seed"] == 7
    assert body["params"] == variant.params and body["prompt"] == variant.prompt
    assert format_answer(variant.answer) not in first.text


def test_templates_api_variant_answer_is_not_leaked_for_any_template(client):
    for template_id in SPEC_PARAMS:
        response = client.post(f"/api/v1/templates/{template_id}/variants", json={"seed": 3})
        body = response.json()
        assert not {"answer", "explanation", "expected"} & set(body)
        assert set(body["params"]) == set(SPEC_PARAMS[template_id])
        assert "answer" not in body["params"]


def test_templates_api_variant_without_seed_picks_a_random_one(client):
    seeds = set()
    for body in ({}, None):
        response = client.post("/api/v1/templates/softmax/variants", json=body)
        assert response.status_code == 200
        seed = response.json()["seed"]
        assert 0 <= seed <= 2**31 - 1
        seeds.add(seed)
    bare = client.post("/api/v1/templates/softmax/variants")
    assert bare.status_code == 200
    seeds.add(bare.json()["seed"])
    assert len(seeds) > 1  # three draws from 2**31 seeds


@pytest.mark.parametrize(
    "body",
    [{"seed": -1}, {"seed": 2**31}, {"seed": "5"}, {"seed": 1.5}, {"seed": 1, "extra": 2}],
)
def test_templates_api_variant_rejects_bad_seeds(client, body):
    response = client.post("/api/v1/templates/softmax/variants", json=body)
    assert response.status_code == 422
    assert isinstance(response.json()["detail"], list)


@pytest.mark.parametrize("template_id", ["conv_output_size", "softmax", "conv2d", "activation"])
def test_templates_api_check_accepts_the_engine_answer(client, template_id):
    expected = format_answer(generate(template_id, 11).answer)
    response = _check(client, template_id, 11, expected)
    assert response.status_code == 200
    body = response.json()
    assert body["correct"] is True
    assert body["expected"] == expected
    assert body["explanation"] == generate(template_id, 11).explanation


def test_templates_api_check_marks_a_wrong_value_incorrect(client):
    answer = generate("conv_output_size", 5).answer
    body = _check(client, "conv_output_size", 5, str(answer + 1)).json()
    assert body["correct"] is False
    assert body["expected"] == str(answer)
    assert body["explanation"]


def test_templates_api_check_unreadable_answer_is_422_with_a_message(client):
    response = _check(client, "conv_output_size", 5, "abc")
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert isinstance(detail, str)
    assert "'abc' is not a number" in detail and "whole number" in detail


def test_templates_api_check_wrong_shape_matrix_is_422_naming_the_shape(client):
    rows, cols = (len(m := generate("conv2d", 5).answer), len(m[0]))
    response = _check(client, "conv2d", 5, "[[1, 2, 3, 4, 5, 6, 7]]")
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert "1×7 matrix" in detail and f"{rows}×{cols} matrix" in detail
    ragged = _check(client, "conv2d", 5, "[[1, 2], [3]]")
    assert ragged.status_code == 422 and "different lengths" in ragged.json()["detail"]


def test_templates_api_check_body_errors_keep_the_field_list(client):
    missing = client.post("/api/v1/templates/conv2d/check", json={"answer": "1"})
    assert missing.status_code == 422
    assert missing.json()["detail"][0]["loc"] == ["body", "seed"]
    too_long = _check(client, "conv2d", 1, "1" * 2001)
    assert too_long.status_code == 422
    assert too_long.json()["detail"][0]["loc"] == ["body", "answer"]


def test_templates_api_unknown_template_is_404(client):
    for response in (
        client.post("/api/v1/templates/nope/variants", json={"seed": 1}),
        _check(client, "nope", 1, "abc"),
    ):
        assert response.status_code == 404
        assert response.json() == {"detail": "template 'nope' not found"}


def test_templates_api_is_documented_under_templates(client):
    paths = client.get("/openapi.json").json()["paths"]
    for path in (
        "/api/v1/templates",
        "/api/v1/templates/{template_id}/variants",
        "/api/v1/templates/{template_id}/check",
    ):
        operation = next(iter(paths[path].values()))
        assert operation["tags"] == ["templates"]
        assert operation["description"]
