"""Free-text grading: which of a question's key points a typed answer covers."""

from app.grading.keypoints import (
    KeyPointResult,
    Misconception,
    MisconceptionResult,
    Point,
    RubricResult,
    grade_answer,
)

__all__ = [
    "KeyPointResult",
    "Misconception",
    "MisconceptionResult",
    "Point",
    "RubricResult",
    "grade_answer",
]
