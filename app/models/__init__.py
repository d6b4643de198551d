"""SQLAlchemy models; importing this package registers every table on ``Base.metadata``."""

from app.db import Base
from app.models.account import AuthSession, LoginAttempt, User
from app.models.question import KeyPoint, Question, QuestionSibling, Topic
from app.models.review import Card, ReviewLog

__all__ = [
    "AuthSession",
    "Base",
    "Card",
    "KeyPoint",
    "LoginAttempt",
    "Question",
    "QuestionSibling",
    "ReviewLog",
    "Topic",
    "User",
]
