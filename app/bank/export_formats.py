"""The bank's export formats by name: what the CLI and the download routes dispatch on."""

from pathlib import Path

from sqlalchemy.orm import Session

from app.bank.export_apkg import apkg_bytes, write_apkg
from app.bank.export_content import ExportBank, collect_bank
from app.bank.export_gift import gift_text
from app.bank.export_moodle import moodle_xml
from app.bank.export_names import ExportFormat

# A file of the whole bank per format (yaml is a folder, or a zip when downloaded).
FILE_NAMES = {
    ExportFormat.apkg: "backprop.apkg",
    ExportFormat.moodle: "backprop-moodle.xml",
    ExportFormat.gift: "backprop.gift.txt",
}
MEDIA_TYPES = {
    ExportFormat.apkg: "application/octet-stream",
    ExportFormat.moodle: "application/xml",
    ExportFormat.gift: "text/plain; charset=utf-8",
}


def render(bank: ExportBank, fmt: ExportFormat, *, weak: bool = False) -> bytes:
    """The bytes of one file of ``bank`` in ``fmt`` (not yaml: that is a folder of files)."""
    if fmt is ExportFormat.apkg:
        return apkg_bytes(bank, weak=weak)
    if fmt is ExportFormat.moodle:
        return moodle_xml(bank)
    if fmt is ExportFormat.gift:
        return gift_text(bank).encode("utf-8")
    raise ValueError(f"format: {fmt} is written as a folder, not one file")


def write_export(session: Session, fmt: ExportFormat, path: Path) -> str:
    """Write the live bank to ``path`` in ``fmt`` (a file); returns a one-line summary."""
    bank = collect_bank(session)
    path.parent.mkdir(parents=True, exist_ok=True)
    if fmt is ExportFormat.apkg:
        notes = write_apkg(bank, path)
    else:
        path.write_bytes(render(bank, fmt))
        notes = len(bank.questions) + len(bank.variants)
    return (
        f"Wrote {path} ({fmt}): {len(bank.questions)} questions and "
        f"{len(bank.variants)} template variants, {notes} items."
    )
