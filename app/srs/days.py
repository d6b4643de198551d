"""Learning days: like Anki, a new day starts at 04:00 in the learner's time zone."""

from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

DAY_STARTS_AT = time(4, 0)


def zone(name: str) -> ZoneInfo:
    """The named zone, UTC when unknown."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def is_valid_zone(name: str) -> bool:
    return name in available_timezones()


_DAY_SHIFT = timedelta(hours=DAY_STARTS_AT.hour, minutes=DAY_STARTS_AT.minute)


def learning_day(moment: datetime, tz_name: str) -> date:
    """The learning day ``moment`` belongs to (times before 04:00 count as the day before)."""
    return (moment.astimezone(zone(tz_name)) - _DAY_SHIFT).date()


def learning_day_in(tz_name: str) -> Callable[[datetime], date]:
    """``learning_day`` for many moments of one zone (the plan's whole deck): the zone is
    looked up once."""
    tz = zone(tz_name)
    return lambda moment: (moment.astimezone(tz) - _DAY_SHIFT).date()


def day_start(day: date, tz_name: str) -> datetime:
    """When learning day ``day`` begins, in UTC."""
    local = datetime.combine(day, DAY_STARTS_AT, tzinfo=zone(tz_name))
    return local.astimezone(UTC)


def today_bounds(now: datetime, tz_name: str) -> tuple[datetime, datetime]:
    """Start and end (UTC) of the learning day containing ``now``."""
    day = learning_day(now, tz_name)
    return day_start(day, tz_name), day_start(day + timedelta(days=1), tz_name)
