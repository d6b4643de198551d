"""The streak counts days in a row with practice, ending today or yesterday."""

from datetime import date, timedelta

from app.srs.activity import get_activity, streak
from tests.factories import T0, make_learner

TODAY = date(2026, 3, 2)


def test_streak_counts_back_from_today_or_yesterday():
    days = {TODAY - timedelta(days=i) for i in range(3)}
    assert streak(days, TODAY) == 3
    assert streak(days - {TODAY}, TODAY) == 2  # today not practised yet: still 2
    assert streak({TODAY - timedelta(days=2)}, TODAY) == 0
    assert streak(set(), TODAY) == 0


def test_no_reviews_no_time(session):
    activity = get_activity(session, user=make_learner(session), now=T0)
    assert activity.streak == 0 and activity.per_topic == []
    assert len(activity.minutes_per_day) == 7 and all(
        r == 0 for _, r, _ in activity.minutes_per_day
    )
