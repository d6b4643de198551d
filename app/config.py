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


@lru_cache
def get_settings() -> Settings:
    """The process-wide settings (cached; tests build their own ``Settings``)."""
    return Settings()
