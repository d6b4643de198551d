"""What the admin API reads and writes: a question's bank entry plus its version."""

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from app.admin.audit import AuditLine
from app.admin.bank_io import Preview
from app.admin.revisions import RevisionLine, diff_text
from app.models import Question, User

Text = Annotated[str, Field(max_length=20_000)]
ShortText = Annotated[str, Field(max_length=2_000)]
Id = Annotated[str, Field(max_length=80)]
BankState = Literal["synced", "edited", "admin-created"]


def _no_nul(value: Any) -> Any:
    """NUL cannot be stored in PostgreSQL text; refuse it everywhere with a clear message."""
    if isinstance(value, str) and "\x00" in value:
        raise ValueError("must not contain NUL characters")
    if isinstance(value, list):
        for item in value:
            _no_nul(item)
    if isinstance(value, dict):
        for item in value.values():
            _no_nul(item)
    return value


class MisconceptionIn(BaseModel):
    label: ShortText
    phrases: Annotated[list[ShortText], Field(max_length=40)]

    check_no_nul = field_validator("label", "phrases")(_no_nul)


class KeyPointIn(BaseModel):
    label: ShortText
    phrases: list[ShortText]
    misconceptions: Annotated[list[MisconceptionIn], Field(max_length=10)] = Field(
        default_factory=list
    )

    check_no_nul = field_validator("label", "phrases")(_no_nul)


class QuestionFields(BaseModel):
    """The editable fields of a question; unknown and read-only fields are ignored."""

    model_config = ConfigDict(extra="ignore")

    topic: Id
    difficulty: Annotated[str, Field(max_length=10, examples=["easy", "medium", "hard"])]
    prompt: Text
    answer: Text
    short_answer: ShortText | None = None
    key_points: Annotated[list[KeyPointIn], Field(max_length=50)]
    misconceptions: Annotated[list[MisconceptionIn], Field(max_length=10)] = Field(
        default_factory=list
    )
    siblings: Annotated[list[Id], Field(max_length=50)] = Field(default_factory=list)
    correction: ShortText | None = None
    template: Id | Annotated[list[Id], Field(max_length=30)] | None = None
    worked_examples: list[dict[str, Any]] | None = Field(
        default=None, description="omitted or null: keep the stored worked examples"
    )

    check_no_nul = field_validator(
        "topic",
        "difficulty",
        "prompt",
        "answer",
        "short_answer",
        "siblings",
        "correction",
        "template",
        "worked_examples",
    )(_no_nul)


class QuestionEdit(QuestionFields):
    """``PUT`` body: what ``GET`` returned, edited; ``version`` is the one the edit is based on."""

    version: Annotated[int, Field(ge=1, le=2**31 - 1)]


class QuestionCreate(QuestionFields):
    """``POST`` body; without ``id`` one is made from the prompt."""

    id: Id | None = None

    check_id_no_nul = field_validator("id")(_no_nul)


class VersionIn(BaseModel):
    """Retire/restore: the version the action is based on."""

    version: Annotated[int, Field(ge=1, le=2**31 - 1)]


class RevertIn(VersionIn):
    revision: Annotated[int, Field(ge=1, le=2**31 - 1, description="the revision to go back to")]


class MisconceptionOut(BaseModel):
    label: str
    phrases: list[str]


class KeyPointOut(BaseModel):
    label: str
    phrases: list[str]
    misconceptions: list[MisconceptionOut] = Field(default_factory=list)


class QuestionOut(BaseModel):
    """A question as its bank entry, plus the version to send back and read-only facts."""

    id: str
    source: int | None
    topic: str
    difficulty: str
    prompt: str
    answer: str
    short_answer: str | None
    key_points: list[KeyPointOut]
    misconceptions: list[MisconceptionOut]
    siblings: list[str]
    correction: str | None
    template: str | list[str] | None
    worked_examples: list[dict[str, Any]]
    retired: bool
    version: int
    created_at: datetime
    updated_at: datetime
    bank_state: BankState = Field(
        description="synced: as last loaded from the bank; edited: changed by admins since; "
        "admin-created: never in a bank load"
    )


class QuestionRow(BaseModel):
    id: str
    source: int | None
    topic: str
    difficulty: str
    prompt: str
    template: str | list[str] | None
    has_correction: bool
    retired: bool
    version: int
    updated_at: datetime

    @classmethod
    def of(cls, q: Question) -> "QuestionRow":
        templates = list(q.templates or [])
        return cls(
            id=q.id,
            source=q.source,
            topic=q.topic,
            difficulty=q.difficulty,
            prompt=q.prompt,
            template=None if not templates else templates[0] if len(templates) == 1 else templates,
            has_correction=q.correction is not None,
            retired=q.retired,
            version=q.version,
            updated_at=q.updated_at,
        )


class QuestionPage(BaseModel):
    items: list[QuestionRow]
    total: int


class RevisionOut(BaseModel):
    version: int
    author: str | None
    message: str | None
    created_at: datetime

    @classmethod
    def of(cls, line: RevisionLine) -> "RevisionOut":
        rev = line.revision
        return cls(
            version=rev.version, author=line.author, message=rev.message, created_at=rev.created_at
        )


class RevisionDetail(RevisionOut):
    snapshot: dict[str, Any]
    diff: str = Field(description="unified diff of the entry's YAML against the revision before")


class VariantOut(BaseModel):
    template: str
    seed: int
    params: dict[str, Any]
    prompt: str
    answer: str
    explanation: str


class UserOut(BaseModel):
    id: int
    email: str | None
    role: str
    disabled: bool
    created_at: datetime

    @classmethod
    def of(cls, user: User) -> "UserOut":
        return cls(
            id=user.id,
            email=user.email,
            role=user.role,
            disabled=user.disabled,
            created_at=user.created_at,
        )


class UserChange(BaseModel):
    role: Literal["learner", "admin"] | None = None
    disabled: bool | None = None


class AuditOut(BaseModel):
    id: int
    actor: str | None
    action: str
    target: str
    detail: dict[str, Any]
    at: datetime

    @classmethod
    def of(cls, line: AuditLine) -> "AuditOut":
        entry = line.entry
        return cls(
            id=entry.id,
            actor=line.actor,
            action=entry.action,
            target=entry.target,
            detail=entry.detail,
            at=entry.at,
        )


class AuditPage(BaseModel):
    items: list[AuditOut]
    total: int


class BankFileIn(BaseModel):
    name: Annotated[str, Field(max_length=200, examples=["cnn.yaml"])]
    text: Annotated[str, Field(max_length=2_000_000)]


class BankUpload(BaseModel):
    files: Annotated[list[BankFileIn], Field(min_length=1, max_length=100)]
    token: Annotated[str, Field(max_length=100)] | None = Field(
        default=None, description="for an import: the token of the preview it applies"
    )


class BankPreviewOut(BaseModel):
    token: str = Field(description="send it back to import exactly what was previewed")
    files: list[str]
    created: list[str]
    updated: list[str]
    overwritten: list[str] = Field(description="updated questions that had admin edits")
    kept_edits: list[str] = Field(description="the file is older than an admin edit: kept")
    unchanged: int
    missing: list[str] = Field(description="stored questions in no file: kept as they are")
    topics_changed: int
    diffs: dict[str, str] = Field(description="unified diff (stored → upload) per question")

    @classmethod
    def of(cls, result: Preview) -> "BankPreviewOut":
        report = result.report
        return cls(
            token=result.token,
            files=result.files,
            created=report.created,
            updated=report.updated,
            overwritten=report.overwritten,
            kept_edits=report.kept_edits,
            unchanged=len(report.unchanged),
            missing=result.missing,
            topics_changed=report.topics_changed,
            diffs={k: diff_text(v) for k, v in result.diffs.items()},
        )
