"""Alembic, driven from code: the only thing that creates or changes tables."""

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, inspect

from app.config import PROJECT_ROOT


def alembic_config(url: str) -> Config:
    """An alembic configuration for ``url`` pointing at ``migrations/``."""
    config = Config()
    config.set_main_option("script_location", str(PROJECT_ROOT / "migrations"))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def upgrade(url: str, revision: str = "head") -> None:
    """Migrate the database at ``url`` to ``revision``."""
    command.upgrade(alembic_config(url), revision)


def is_empty(engine: Engine) -> bool:
    """True when the database has no tables at all (a first start)."""
    return not inspect(engine).get_table_names()
