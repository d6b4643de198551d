"""The fsrs wrapper: pinned intervals with fuzzing off, lapses, interval labels."""

from datetime import timedelta

from app.srs.scheduler import (
    LEARNING,
    NEW,
    RELEARNING,
    REVIEW,
    CardState,
    format_interval,
    make_scheduler,
    preview,
    review,
)
from tests.factories import T0


def _new() -> CardState:
    return CardState(NEW, None, None, None, T0, None)


def test_scheduler_new_card_previews_like_anki_steps():
    intervals = preview(make_scheduler(0.9, fuzzing=False), _new(), T0)
    assert intervals[1] == timedelta(minutes=1)
    assert intervals[3] == timedelta(minutes=10)
    assert intervals[4] >= timedelta(days=1)


def test_scheduler_good_reviews_grow_intervals():
    scheduler = make_scheduler(0.9, fuzzing=False)
    card, now, gaps = _new(), T0, []
    for _ in range(6):
        card = review(scheduler, card, 3, now)
        gaps.append(card.due - now)
        now = card.due
    assert card.state == REVIEW
    day_gaps = [g for g in gaps if g >= timedelta(days=1)]
    assert day_gaps == sorted(day_gaps) and day_gaps[-1] > day_gaps[0] * 3


def test_scheduler_again_on_a_review_card_is_a_lapse():
    scheduler = make_scheduler(0.9, fuzzing=False)
    card = review(scheduler, _new(), 4, T0)
    assert card.state == REVIEW
    lapsed = review(scheduler, card, 1, card.due)
    assert lapsed.state == RELEARNING and lapsed.lapses == 1
    assert lapsed.due - card.due == timedelta(minutes=10)


def test_scheduler_higher_retention_means_shorter_intervals():
    card = review(make_scheduler(0.9, fuzzing=False), _new(), 4, T0)
    loose = review(make_scheduler(0.8, fuzzing=False), card, 3, card.due).due
    strict = review(make_scheduler(0.97, fuzzing=False), card, 3, card.due).due
    assert strict < loose


def test_scheduler_state_round_trips_through_dict():
    card = review(make_scheduler(0.9, fuzzing=False), _new(), 3, T0)
    assert card.state == LEARNING
    assert CardState.from_dict(card.to_dict()) == card


def test_format_interval_labels():
    assert [format_interval(timedelta(seconds=s)) for s in (30, 600, 7200, 86400 * 3, 86400 * 45, 86400 * 800)] == [
        "1m", "10m", "2h", "3d", "1.5mo", "2.2y",
    ]  # fmt: skip
