"""Times as the learner reads them: in their own time zone, with the zone's abbreviation."""

from datetime import UTC, datetime
from functools import lru_cache
from zoneinfo import available_timezones

from app.srs.days import zone

STAMP = "%Y-%m-%d %H:%M"


def in_zone(moment: datetime, tz_name: str) -> datetime:
    """``moment`` (naive means UTC, as SQLite returns it) in the zone ``tz_name``."""
    aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
    return aware.astimezone(zone(tz_name))


def local_time(moment: datetime | None, tz_name: str | None, fmt: str = STAMP) -> str:
    """``2026-12-12 21:42 CET``: the moment in the learner's zone, named; '' for none."""
    if moment is None:
        return ""
    local = in_zone(moment, tz_name or "UTC")
    return f"{local.strftime(fmt)} {local.strftime('%Z')}".strip()


def iso_utc(moment: datetime) -> str:
    """The machine-readable form for ``<time datetime>``, always with its offset."""
    aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
    return aware.isoformat()


@lru_cache(maxsize=1)
def zone_names() -> tuple[str, ...]:
    """Every IANA zone name this machine knows, sorted, for the settings list."""
    return tuple(sorted(available_timezones()))
