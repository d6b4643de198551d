"""Export files for downloads: the whole bank per format, and a learner's weak-card deck.

Rendering the whole bank takes about a second of CPU, so the files of the current bank
are kept (a few, per process) and rebuilt when the bank changes: a learner pressing
"download" repeatedly costs one cheap fingerprint query each time.
"""

import threading
from collections import OrderedDict
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.bank.export_content import collect_bank
from app.bank.export_formats import render
from app.bank.export_names import ExportFormat
from app.models import Question, Topic, User
from app.srs.weak_cards import weak_cards

_CACHE_SIZE = 6
_cache: OrderedDict[tuple[str, str], bytes] = OrderedDict()
_lock = threading.Lock()


def bank_fingerprint(session: Session) -> str:
    """Changes whenever a question or topic is added, edited or retired."""
    count, latest, versions = session.execute(
        select(func.count(), func.max(Question.updated_at), func.sum(Question.version))
    ).one()
    topics = session.scalar(select(func.count()).select_from(Topic))
    return f"{count}:{latest}:{versions}:{topics}"


def bank_file(session: Session, fmt: ExportFormat) -> bytes:
    """The whole live bank as one file in ``fmt`` (apkg, moodle or gift)."""
    key = (str(fmt), bank_fingerprint(session))
    with _lock:
        if key in _cache:
            _cache.move_to_end(key)
            return _cache[key]
    data = render(collect_bank(session), fmt)
    with _lock:
        _cache[key] = data
        while len(_cache) > _CACHE_SIZE:
            _cache.popitem(last=False)
    return data


def weak_deck(session: Session, *, user: User, now: datetime, limit: int) -> bytes | None:
    """An Anki deck of the learner's ``limit`` weakest cards, or None when none are weak yet
    (nothing reviewed). A template card brings its fixed variants."""
    weak = weak_cards(session, user=user, now=now, limit=limit)
    if not weak:
        return None
    bank = collect_bank(
        session,
        question_ids=[w.question_id for w in weak if w.question_id],
        template_ids=[w.template_id for w in weak if w.template_id],
    )
    return render(bank, ExportFormat.apkg, weak=True)
