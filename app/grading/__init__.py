"""Free-text grading: which of a question's key points a typed answer covers."""

from app.grading.keypoints import KeyPointResult, RubricResult, grade_answer

__all__ = ["KeyPointResult", "RubricResult", "grade_answer"]
