"""The fixed rules of a mock interview: limits, presets, grace, scores."""

from dataclasses import dataclass
from datetime import timedelta

MIN_COUNT, MAX_COUNT, DEFAULT_COUNT = 1, 30, 10
MIN_SECONDS, MAX_SECONDS, DEFAULT_SECONDS = 5, 900, 120
# Covers the network trip of the answer a page sends when its countdown reaches zero.
GRACE = timedelta(seconds=2)
# An item scoring below this counts as missed and goes into the deck as a lapse.
MISS_BELOW = 0.5
VERDICTS = {"got": 1.0, "partly": 0.5, "missed": 0.0}
VERDICT_LABELS = {"got": "Got it", "partly": "Partly", "missed": "Missed"}


@dataclass(frozen=True)
class Preset:
    """A named interview shape offered on the set-up page."""

    key: str
    title: str
    count: int
    seconds: int


PRESETS = {
    "phone": Preset("phone", "Phone screen", 8, 90),
    "onsite": Preset("onsite", "Onsite", 15, 180),
}
