"""Fresh databases for tests: migrated once per run into a template, cloned per test.

SQLite templates are files copied per test; PostgreSQL templates are databases cloned
with ``CREATE DATABASE … TEMPLATE …``, each run under its own random prefix.
"""

import shutil
import uuid
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

Prepare = Callable[[str], None]


class SQLiteDatabases:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.templates: dict[str, Path] = {}
        self.counter = 0

    def clone(self, name: str, prepare: Prepare) -> str:
        if name not in self.templates:
            path = self.root / f"template-{name}.db"
            prepare(f"sqlite:///{path}")
            self.templates[name] = path
        self.counter += 1
        target = self.root / f"test-{self.counter}.db"
        shutil.copyfile(self.templates[name], target)
        return f"sqlite:///{target}"

    def close(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)


class PostgresDatabases:
    def __init__(self, admin_url: str) -> None:
        self.admin_url = make_url(admin_url)
        self.prefix = f"bp_{uuid.uuid4().hex[:8]}"
        self.admin = create_engine(self.admin_url, isolation_level="AUTOCOMMIT")
        self.templates: set[str] = set()
        self.created: list[str] = []
        self.counter = 0

    def _url(self, database: str) -> str:
        return self.admin_url.set(database=database).render_as_string(hide_password=False)

    def _create(self, database: str, template: str | None = None) -> None:
        clause = f" TEMPLATE {template}" if template else ""
        with self.admin.connect() as conn:
            conn.execute(text(f"CREATE DATABASE {database}{clause}"))
        self.created.append(database)

    def clone(self, name: str, prepare: Prepare) -> str:
        template = f"{self.prefix}_tpl_{name}"
        if template not in self.templates:
            self._create(template)
            prepare(self._url(template))
            self.templates.add(template)
        self.counter += 1
        database = f"{self.prefix}_{self.counter}"
        self._create(database, template)
        return self._url(database)

    def drop(self, url: str) -> None:
        database = make_url(url).database
        with self.admin.connect() as conn:
            conn.execute(text(f"DROP DATABASE IF EXISTS {database} WITH (FORCE)"))
        if database in self.created:
            self.created.remove(database)

    def close(self) -> None:
        with self.admin.connect() as conn:
            for database in reversed(self.created):
                conn.execute(text(f"DROP DATABASE IF EXISTS {database} WITH (FORCE)"))
        self.admin.dispose()
