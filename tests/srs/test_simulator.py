"""The readiness simulator: seeded, and more study never buys less readiness."""

from app.srs.simulator import Scenario, SimCard, simulate

DAYS = 20


def _deck(unseen=100, seen=40):
    fresh = [SimCard(i % 5, None, None, 0.0, 0) for i in range(unseen)]
    known = [SimCard(i % 5, 2.0 + i % 9 * 3.0, 5.0, -float(i % 7), i % 6) for i in range(seen)]
    return fresh + known


def _forecast(cards=None, *, days=DAYS, seed=0, **scenario):
    fields = {"new_per_day": 10, "minutes_per_day": None, "seconds_per_card": 20.0} | scenario
    return simulate(
        _deck() if cards is None else cards,
        n_topics=5,
        study_days=days,
        interview_at=days + 0.3,
        scenario=Scenario(**fields),
        parameters=None,
        desired_retention=0.9,
        seed=seed,
    )


def test_simulator_more_minutes_never_lower_readiness():
    for seed in (0, 1):
        readiness = [
            _forecast(seed=seed, minutes_per_day=m).readiness for m in (2, 6, 15, 40, None)
        ]
        assert readiness == sorted(readiness), (seed, readiness)
        assert readiness[-1] > readiness[0] + 0.2


def test_simulator_more_new_cards_a_day_finish_the_deck_and_buy_readiness():
    few, many = _forecast(new_per_day=4), _forecast(new_per_day=20)
    assert few.all_introduced_day is None  # 100 cards at 4 a day need more than 20 days
    assert many.all_introduced_day == 4
    assert many.readiness > few.readiness + 0.1


def test_simulator_is_seeded_and_reproducible():
    assert _forecast(seed=7) == _forecast(seed=7)
    assert _forecast(seed=7).daily_readiness != _forecast(seed=8).daily_readiness


def test_simulator_unseen_cards_count_as_not_recalled():
    nothing = _forecast([SimCard(0, None, None, 0.0, 0)] * 10, days=0)
    assert nothing.readiness == 0.0 and nothing.daily_readiness == (0.0,)
    half = _forecast(_deck(unseen=10, seen=10), days=0)
    assert 0.0 < half.readiness < 0.5


def test_simulator_paced_plan_introduces_every_card_three_days_before():
    paced = _forecast(new_per_day=1, paced=True)
    assert paced.all_introduced_day is not None and paced.all_introduced_day <= DAYS - 4
    assert len(paced.daily_readiness) == DAYS + 1
    assert len(paced.daily_topic_readiness) == 5
    assert paced.mean_daily_minutes > 0
