"""`backprop admin create --email E --password-stdin`: the first admin, password from stdin only."""

from sqlalchemy import select
from typer.testing import CliRunner

from app.accounts.passwords import verify_password
from app.cli import cli
from app.config import get_settings
from app.db import make_engine, make_session_factory
from app.models import AuditEntry, User

runner = CliRunner()


def _invoke(args: list[str], url: str, stdin: str | None = None):
    get_settings.cache_clear()
    try:
        return runner.invoke(cli, args, input=stdin, env={"BACKPROP_DATABASE_URL": url})
    finally:
        get_settings.cache_clear()


def test_admin_cli_create_reads_the_password_from_stdin(tmp_path):
    url = f"sqlite:///{tmp_path / 'admin.db'}"
    result = _invoke(
        ["admin", "create", "--email", "Boss@Example.com", "--password-stdin"],
        url,
        "a long passphrase\n",
    )
    assert result.exit_code == 0, result.output
    assert "boss@example.com is an admin." in result.output
    engine = make_engine(url)
    with make_session_factory(engine)() as session:
        user = session.scalars(select(User)).one()
        assert (user.email, user.role, user.is_guest) == ("boss@example.com", "admin", False)
        assert verify_password(user.password_hash, "a long passphrase")
        entry = session.scalars(select(AuditEntry)).one()
        assert (entry.action, entry.target, entry.actor_id) == (
            "user.create-admin",
            f"user:{user.id}",
            None,
        )
    engine.dispose()


def test_admin_cli_create_refuses_a_short_password_and_a_password_argument(tmp_path):
    url = f"sqlite:///{tmp_path / 'admin.db'}"
    short = _invoke(
        ["admin", "create", "--email", "boss@example.com", "--password-stdin"], url, "short\n"
    )
    assert short.exit_code == 1 and "password: expected 8 to 128 characters" in short.output
    argv = _invoke(
        ["admin", "create", "--email", "boss@example.com", "--password", "a long passphrase"], url
    )
    assert argv.exit_code == 2
