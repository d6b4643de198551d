"""How many requests of a process do database work at once (Settings.request_slots)."""

from app.config import POSTGRES_REQUEST_SLOTS, SQLITE_REQUEST_SLOTS, Settings
from app.db import PoolLimits
from app.web.app import create_app


def test_request_slots_default_by_database_and_follow_db_pool_size_when_set():
    sqlite = Settings(database_url="sqlite:////tmp/x.db")
    postgres = Settings(database_url="postgresql+psycopg://u@localhost/db")
    assert (sqlite.request_slots, postgres.request_slots) == (2, 4)
    assert (SQLITE_REQUEST_SLOTS, POSTGRES_REQUEST_SLOTS) == (2, 4)
    assert Settings(database_url="sqlite:////tmp/x.db", db_pool_size=7).request_slots == 7


def test_request_slots_size_both_the_slots_and_the_connection_pool(tmp_path):
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'x.db'}")
    app = create_app(settings)
    try:
        assert app.state.slots.size == settings.request_slots
        assert app.state.engine.pool.size() == PoolLimits.from_settings(settings).size == 2
    finally:
        app.state.engine.dispose()
