"""First-start preparation: migrate, and load the bank into an empty database."""

from sqlalchemy import func, select

from app.bank import service as bank_service
from app.config import Settings
from app.db import make_engine, make_session_factory, session_scope
from app.migrate import upgrade
from app.models import Question


def prepare_database(settings: Settings) -> str:
    """Bring the schema up to date; load the bank when there are no questions yet."""
    upgrade(settings.database_url)
    engine = make_engine(settings.database_url)
    try:
        sessions = make_session_factory(engine)
        with session_scope(sessions) as session:
            if session.scalar(select(func.count()).select_from(Question)):
                return "Database ready."
            report = bank_service.load(session, settings.bank_dir)
            return f"First start: {report.summary()}"
    finally:
        engine.dispose()
