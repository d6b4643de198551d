"""What each admin page shows, gathered in one call per page (the routes only render it)."""

from typing import Any

from sqlalchemy.orm import Session

from app.admin import audit, revisions, users, variants
from app.admin import questions as service
from app.admin.errors import StaleVersion
from app.admin.forms import QuestionForm
from app.admin.present import bank_state
from app.engine import list_templates
from app.models import Question
from app.questions import service as bank_questions

AUDIT_PAGE = 100


def dashboard(session: Session) -> dict[str, Any]:
    """Counts of questions and people, how many were edited since the last load, recent log."""
    recent, _ = audit.get_all(session, limit=10)
    every, _ = service.get_all(session, filters=service.Filters(), limit=100_000)
    return {
        "recent": recent,
        "counts": service.counts(session),
        "people": users.counts(session),
        "edited": sum(1 for q in every if bank_state(q) == "edited"),
    }


def question_list(session: Session, filters: service.Filters) -> dict[str, Any]:
    """The questions matching ``filters`` and what the filter controls offer."""
    items, total = service.get_all(session, filters=filters)
    return {
        "items": items,
        "total": total,
        "topics": bank_questions.get_topics(session),
        "titles": bank_questions.get_titles(session),
    }


def question_form(
    session: Session, form: QuestionForm, question: Question | None = None
) -> dict[str, Any]:
    """The edit (or new) form, its choices, and five variants of each linked template."""
    linked = question.templates if question is not None else []
    return {
        "form": form,
        "question": question,
        "topics": bank_questions.get_topics(session),
        "templates": list_templates(),
        "state": bank_state(question) if question is not None else None,
        "variant_sets": [(t, variants.preview(template_id=t)) for t in linked],
    }


def conflict(session: Session, form: QuestionForm, exc: StaleVersion) -> dict[str, Any]:
    """Both versions side by side: the current one, and the form as typed, set to save over it."""
    current = service.get(session, question_id=exc.current["id"])
    latest = revisions.get_all(session, question_id=current.id)
    theirs = revisions.snapshot(current)
    mine = {k: v for k, v in {**theirs, **form.fields()}.items() if v is not None}
    form.version = current.version  # saving again puts the typed text over theirs, knowingly
    return {
        **question_form(session, form, current),
        "current": QuestionForm.of(current),
        "based_on": exc.based_on,
        "saved_by": latest[0] if latest and latest[0].revision.version == current.version else None,
        "diff": revisions.diff_lines(theirs, mine, old_name="current", new_name="yours"),
    }


def history(session: Session, question: Question, show: int | None) -> dict[str, Any]:
    """Every revision, and the diff of the one to show (the newest by default)."""
    lines = revisions.get_all(session, question_id=question.id)
    shown = next((ln for ln in lines if ln.revision.version == show), lines[0] if lines else None)
    diff = revisions.changes(session, shown.revision) if shown is not None else []
    return {"question": question, "lines": lines, "shown": shown, "diff": diff}


def user_list(session: Session, query: str) -> dict[str, Any]:
    found, total = users.get_all(session, query=query)
    return {"users": found, "total": total, "q": query, "people": users.counts(session)}


def audit_log(session: Session, *, action: str, target: str, page: int) -> dict[str, Any]:
    """One page of the log, newest first."""
    lines, total = audit.get_all(
        session, action=action, target=target, limit=AUDIT_PAGE, offset=(page - 1) * AUDIT_PAGE
    )
    return {
        "lines": lines,
        "total": total,
        "actions": audit.actions(session),
        "action": action,
        "target": target,
        "page": page,
        "pages": max(1, -(-total // AUDIT_PAGE)),
    }
