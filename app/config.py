"""Application settings, read once from the environment (prefix ``BACKPROP_``)."""

from functools import lru_cache
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    """Every tunable of the app; ``os.environ`` is read nowhere else."""

    model_config = SettingsConfigDict(env_prefix="BACKPROP_", extra="ignore")

    database_url: str = Field(
        default=f"sqlite:///{PROJECT_ROOT / 'data' / 'backprop.db'}",
        description="SQLAlchemy URL; postgresql+psycopg://… for PostgreSQL.",
    )
    bank_dir: Path = PROJECT_ROOT / "questions"
    templates_dir: Path = PROJECT_ROOT / "templates"
    static_dir: Path = PROJECT_ROOT / "static"
    secure_cookies: bool = False
    # FSRS spreads long intervals by ±5–15 % so cards learnt together drift apart; tests pin it off.
    srs_fuzzing: bool = True
    test_postgres_url: str | None = None
    # Serving under load (see app/web/deps.py): at most request_slots requests of a process
    # hold a database session at once; the connection pool has that many connections, so a
    # checkout never waits. A request that cannot get a slot within db_wait_seconds is
    # answered 503. db_pool_size sets request_slots; unset, it is chosen by database.
    db_pool_size: int | None = Field(default=None, ge=1, le=200)
    db_wait_seconds: float = Field(default=5.0, gt=0, le=60)
    # PostgreSQL only: a statement running longer, or waiting on a lock longer, is cancelled
    # and the request answered 503 instead of holding its slot indefinitely.
    db_statement_timeout_ms: int = Field(default=10_000, ge=100, le=600_000)
    db_lock_timeout_ms: int = Field(default=3_000, ge=50, le=600_000)
    # Diagnostics: when set, asyncio's debug mode logs every event-loop step longer than this
    # ("Executing … took 0.2 seconds"): something blocking ran on the loop.
    loop_slow_callback_ms: int | None = Field(default=None, ge=1, le=60_000)
    # Abuse limits (issue 12): a session ends this long after its login however active it
    # is; the server prunes expired sessions and idle guests every prune_interval_minutes
    # (0: never; `backprop db prune` does it by hand); a guest idle this long with no review
    # is deleted.
    session_max_age_days: int = Field(default=90, ge=1, le=3650)
    prune_interval_minutes: int = Field(default=60, ge=0, le=10_080)
    guest_idle_days: int = Field(default=30, ge=1, le=3650)

    @property
    def request_slots(self) -> int:
        """``db_pool_size``, or by database: the services' work is CPU-bound Python, and
        every runnable thread beyond a couple only fights the others for the GIL. Measured
        with wrk at 32 connections (POST review req/s): SQLite 10 slots 229-240, 4: 251,
        3: 277-313, 2: 373-379; PostgreSQL 10: 192-195, 4: 239-248, 2: 260-272. SQLite
        takes 2; PostgreSQL keeps 4, so that reviews waiting on a lock there (up to
        db_lock_timeout_ms each) leave slots for everyone else."""
        if self.db_pool_size is not None:
            return self.db_pool_size
        if self.database_url.startswith("sqlite"):
            return SQLITE_REQUEST_SLOTS
        return POSTGRES_REQUEST_SLOTS


SQLITE_REQUEST_SLOTS = 2
POSTGRES_REQUEST_SLOTS = 4


@lru_cache
def get_settings() -> Settings:
    """The process-wide settings (cached; tests build their own ``Settings``)."""
    return Settings()
