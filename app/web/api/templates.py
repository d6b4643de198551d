"""Computed templates: list them, deal a variant, check an answer."""

from typing import Annotated, Any

from fastapi import APIRouter, Body, HTTPException

from app.drill import service
from app.drill.schemas import (
    CheckError,
    CheckIn,
    CheckOut,
    Message,
    TemplateOut,
    VariantIn,
    VariantOut,
)
from app.engine import AnswerFormatError
from app.web.auth import NowDep, OptionalUser
from app.web.deps import SessionDep

router = APIRouter(prefix="/api/v1", tags=["templates"])

_NOT_FOUND: dict[int | str, dict[str, Any]] = {
    404: {"model": Message, "description": "No such template"}
}


def _not_found(template_id: str) -> HTTPException:
    return HTTPException(404, detail=f"template '{template_id}' not found")


@router.get("/templates")
def list_templates() -> list[TemplateOut]:
    """Every computed template with its public parameter names and answer kind."""
    return [TemplateOut.of(t) for t in service.get_all()]


@router.post("/templates/{template_id}/variants", responses=_NOT_FOUND)
def create_variant(
    template_id: str, body: Annotated[VariantIn | None, Body()] = None
) -> VariantOut:
    """A variant's parameters and prompt (never its answer). Same seed, same variant;
    without a seed the server picks a random one and returns it."""
    exercise = service.deal(template_id=template_id, seed=body.seed if body else None)
    if exercise is None:
        raise _not_found(template_id)
    return VariantOut.of(exercise)


@router.post(
    "/templates/{template_id}/check",
    responses={
        **_NOT_FOUND,
        422: {"model": CheckError, "description": "The answer or the body cannot be read"},
    },
)
def check_answer(
    template_id: str, body: CheckIn, db: SessionDep, user: OptionalUser, now: NowDep
) -> CheckOut:
    """Grade an answer to the variant for `seed`. Integers must be exact; reals pass within
    about 1 % of the quantity asked for (for update steps, of the update), never loose
    enough to pass a declared common mistake; shapes must match. A refused answer equal to
    a common mistake names it in `mistake`. An answer that cannot be read gets 422 with a
    message naming the expected format, e.g. `[[1, 2], [3, 4]]`.

    The answer shows the worked solution: for a signed-in learner the variant counts as
    revealed, and checking it again is `practice` (it earns no credit anywhere)."""
    try:
        graded = service.check_for(
            db, user=user, template_id=template_id, seed=body.seed, answer=body.answer, now=now
        )
    except AnswerFormatError as error:
        raise HTTPException(422, detail=str(error)) from None
    if graded is None:
        raise _not_found(template_id)
    return CheckOut.of(graded[0], practice=graded[1])
