"""SQLAlchemy models; importing this package registers every table on ``Base.metadata``."""

from app.db import Base
from app.models.account import AuthSession, LoginThrottle, User
from app.models.admin import AuditEntry, QuestionRevision
from app.models.flag import ErrorFlag
from app.models.mock import MockInterview, MockItem
from app.models.question import KeyPoint, Question, QuestionSibling, Topic
from app.models.revealed import RevealedVariant
from app.models.review import Card, ReviewLog
from app.models.token import ApiToken

__all__ = [
    "ApiToken",
    "AuditEntry",
    "AuthSession",
    "Base",
    "Card",
    "ErrorFlag",
    "KeyPoint",
    "LoginThrottle",
    "MockInterview",
    "MockItem",
    "Question",
    "QuestionRevision",
    "QuestionSibling",
    "RevealedVariant",
    "ReviewLog",
    "Topic",
    "User",
]
