"""Skill mastery and the learner's memory model, as the stats and drill pages show them."""

from datetime import datetime
from typing import Any

from markupsafe import Markup
from sqlalchemy.orm import Session

from app.models import User
from app.srs import optimizer
from app.srs.skills import Skill, skill_mastery
from app.stats.plan_charts import sparkline


def _spark(skill: Skill) -> Markup:
    weeks = ", ".join(
        f"week of {w.week.isoformat()}: {w.correct} of {w.attempts}" for w in skill.weeks
    )
    # The chart module escapes every label itself, so its SVG is safe to insert as is.
    return Markup(
        sparkline(
            [w.accuracy for w in skill.weeks],
            title=f"{skill.title}: share answered right, week by week",
            desc=f"{weeks}.",
        )
    )


def skills_context(
    session: Session, *, user: User, now: datetime, template_id: str | None = None
) -> dict[str, Any]:
    """``skills`` (with a picture each) for ``partials/_skill_mastery.html``."""
    skills = skill_mastery(session, user=user, now=now, template_id=template_id)
    return {"skills": skills, "skill_sparks": {s.template_id: _spark(s) for s in skills}}


def memory_model_context(user: User) -> dict[str, Any]:
    """The last fit of the learner's FSRS parameters for ``partials/_memory_model.html``."""
    return {
        "memory_fit": optimizer.last_fit(user),
        "memory_fitted": user.fsrs_parameters is not None,
    }
