"""The bank in the browser: download it as a zip; upload topic files, preview, then apply."""

from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool

from app.admin import bank_io
from app.admin.errors import AdminError
from app.bank import downloads
from app.bank.export_names import ExportFormat, FileFormat
from app.bank.validate import BankInvalid
from app.models import User
from app.web.api.exports import attachment
from app.web.auth import NowDep
from app.web.deps import SessionDep
from app.web.pages.admin.common import PREFIX, AdminPage, page

router = APIRouter(prefix=PREFIX)


async def uploaded_files(request: Request) -> list[tuple[str, str]] | AdminError:
    """Uploaded ``files`` (YAML or zip), or the texts a preview page carries forward."""
    form = await request.form()
    found: list[tuple[str, str]] = []
    try:
        for upload in form.getlist("files"):
            if not isinstance(upload, str) and upload.filename:
                data = await upload.read(bank_io.MAX_UPLOAD_BYTES + 1)
                await upload.close()
                # Unzipping and decoding up to 2 MB is CPU work: off the event loop.
                found.extend(await run_in_threadpool(bank_io.read_upload, upload.filename, data))
    except AdminError as exc:
        return exc
    names, texts = form.getlist("file_name"), form.getlist("file_text")
    # Browsers send form values with CRLF line ends; YAML reads either, hashes should not differ.
    found.extend((str(n), str(t).replace("\r\n", "\n")) for n, t in zip(names, texts, strict=False))
    return found


Uploads = Annotated[list[tuple[str, str]] | AdminError, Depends(uploaded_files)]


def _bank(request: Request, user: User, status_code: int = 200, **context: Any) -> HTMLResponse:
    context = {"preview": None, "uploads": [], "problems": [], "error": None, **context}
    return page(request, user, "admin/bank.html", "bank", context, status_code=status_code)


@router.get("/bank", response_class=HTMLResponse, name="admin_bank")
def bank_page(request: Request, user: AdminPage) -> HTMLResponse:
    """Download the bank; upload topic files to preview, then apply."""
    return _bank(request, user)


@router.get("/bank/export", name="admin_bank_export")
def bank_export(db: SessionDep) -> Response:
    """The bank as a zip of topic YAML files."""
    headers = {"Content-Disposition": 'attachment; filename="backprop-bank.zip"'}
    return Response(bank_io.export_zip(db), media_type="application/zip", headers=headers)


@router.get("/bank/export/{fmt}", name="admin_bank_export_file")
def bank_export_file(fmt: FileFormat, db: SessionDep) -> Response:
    """The bank as an Anki deck, Moodle XML or GIFT (app.bank.downloads)."""
    exported = ExportFormat(fmt.value)
    return attachment(downloads.bank_file(db, exported), exported)


def _run_bank(
    request: Request,
    user: User,
    uploads: list[tuple[str, str]] | AdminError,
    action: Callable[[list[tuple[str, str]]], bank_io.Preview],
    *,
    applied: bool,
) -> HTMLResponse:
    try:
        if isinstance(uploads, AdminError):
            raise uploads
        result = action(uploads)
    except BankInvalid as exc:
        return _bank(request, user, 422, problems=[str(p) for p in exc.problems])
    except AdminError as exc:
        return _bank(request, user, exc.status, error=exc.detail)
    return _bank(request, user, preview=result, uploads=uploads, applied=applied)


@router.post("/bank/preview", response_class=HTMLResponse, name="admin_bank_preview")
def bank_preview(
    request: Request, db: SessionDep, user: AdminPage, uploads: Uploads
) -> HTMLResponse:
    """Validate the upload and show what applying it would change."""
    return _run_bank(request, user, uploads, lambda f: bank_io.preview(db, f), applied=False)


@router.post("/bank/apply", response_class=HTMLResponse, name="admin_bank_apply")
def bank_apply(
    request: Request,
    db: SessionDep,
    user: AdminPage,
    now: NowDep,
    uploads: Uploads,
    token: Annotated[str, Form(max_length=100)],
) -> HTMLResponse:
    """Apply the previewed upload in one transaction."""

    def apply(files: list[tuple[str, str]]) -> bank_io.Preview:
        return bank_io.apply(db, files, token=token, author=user, now=now)

    return _run_bank(request, user, uploads, apply, applied=True)
