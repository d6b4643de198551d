"""The admin area in the browser: questions with live preview and history, users, audit, bank.

Every route here is for admins only: the router itself depends on ``admin_page_user``.
"""

from fastapi import APIRouter, Depends

from app.web.pages.admin import bank, flags, history, overview, people, questions
from app.web.pages.admin.common import admin_page_user

router = APIRouter(
    tags=["pages"],
    include_in_schema=False,
    dependencies=[Depends(admin_page_user)],
)
SECTIONS = (overview, questions, history, flags, people, bank)
for section in SECTIONS:
    router.include_router(section.router)
