"""SQLAlchemy models; importing this package registers every table on ``Base.metadata``."""

from app.db import Base
from app.models.question import KeyPoint, Question, QuestionSibling, Topic

__all__ = ["Base", "KeyPoint", "Question", "QuestionSibling", "Topic"]
