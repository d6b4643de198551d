"""Every seed of every template gives a valid variant: a learner can be dealt any seed, and a
sampler that sometimes draws params its own validator refuses would answer them with a 500."""

import pytest

from app.engine.api import generate, list_templates

SEEDS = range(1500)


@pytest.mark.parametrize("template_id", [t.id for t in list_templates()])
def test_every_seed_generates_a_valid_variant(template_id):
    failures = []
    for seed in SEEDS:
        try:
            generate(template_id, seed)
        except ValueError as exc:
            failures.append((seed, str(exc)))
    assert failures == []
