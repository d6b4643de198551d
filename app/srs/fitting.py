"""Fit FSRS parameters to one learner's history with ``fsrs_rs_python`` and judge them.

Pure and self-contained (plain tuples in, a dict out, nothing from the app imported) so
it can run in a worker process: fsrs-rs holds the GIL while it fits, so a thread would
stall every other request of the process for as long as the fit takes.

The most recent ``HOLDOUT_SHARE`` of the predictions are held out: parameters are fitted
on the earlier ones and both the fitted and the default parameters are scored (log loss)
on the held-out ones; the fitted ones are adopted only if they score better.
"""

from collections.abc import Sequence
from typing import Any

from fsrs_rs_python import DEFAULT_PARAMETERS, FSRS, FSRSItem, FSRSReview

MIN_REVIEWS = 200  # below a few hundred reviews the defaults are as good (srs-benchmark)
MIN_HELD_OUT = 20
HOLDOUT_SHARE = 0.2

# One card's reviews, oldest first: (when, as epoch seconds; learning day number; rating).
History = Sequence[tuple[float, int, int]]


def items_of(history: History) -> list[tuple[float, FSRSItem]]:
    """Every prefix of a card's history that ends in a review a day or more after the one
    before: what FSRS predicts (the chance of that last recall) and learns from."""
    reviews: list[FSRSReview] = []
    items = []
    previous_day = None
    for when, day, rating in history:
        delta = 0 if previous_day is None else day - previous_day
        reviews.append(FSRSReview(rating, delta))
        previous_day = day
        if len(reviews) > 1 and delta > 0:
            items.append((when, FSRSItem(list(reviews))))
    return items


def _refused(reason: str, reviews_used: int, default: float | None = None) -> dict[str, Any]:
    return {
        "adopted": False,
        "reason": reason,
        "reviews_used": reviews_used,
        "log_loss_default": default,
        "log_loss_fitted": None,
        "parameters": None,
    }


def fit(histories: Sequence[History]) -> dict[str, Any]:
    """Fit, evaluate on the held-out most recent reviews, and say whether to adopt."""
    reviews_used = sum(len(h) for h in histories)
    if reviews_used < MIN_REVIEWS:
        return _refused(
            f"too little history: {reviews_used} reviews, at least {MIN_REVIEWS} needed",
            reviews_used,
        )
    items = sorted((pair for h in histories for pair in items_of(h)), key=lambda p: p[0])
    held_out = max(MIN_HELD_OUT, round(len(items) * HOLDOUT_SHARE))
    if len(items) < 2 * held_out:
        return _refused(
            f"too little history: {len(items)} reviews a day or more apart, "
            f"at least {2 * held_out} needed",
            reviews_used,
        )
    train = [item for _, item in items[:-held_out]]
    test = [item for _, item in items[-held_out:]]
    default = FSRS(DEFAULT_PARAMETERS).evaluate(test).log_loss
    try:
        parameters = FSRS(DEFAULT_PARAMETERS).compute_parameters(train)
    except Exception as exc:  # fsrs-rs refuses some degenerate sets; the defaults stay
        return _refused(f"the fit failed: {exc}", reviews_used, default)
    fitted = FSRS(parameters).evaluate(test).log_loss
    adopted = fitted < default
    return {
        "adopted": adopted,
        "reason": (
            "the fitted parameters predict your recent reviews better than the defaults"
            if adopted
            else "the defaults predict your recent reviews at least as well"
        ),
        "reviews_used": reviews_used,
        "log_loss_default": default,
        "log_loss_fitted": fitted,
        "parameters": [float(p) for p in parameters] if adopted else None,
    }
