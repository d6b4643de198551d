"""The `backprop` command line: bank check/load/export and db upgrade."""

import shutil

from typer.testing import CliRunner

from app.cli import cli
from app.config import get_settings
from tests.conftest import BANK_DIR, bank_size

runner = CliRunner()


def _env(url: str) -> dict[str, str]:
    get_settings.cache_clear()
    return {"BACKPROP_DATABASE_URL": url}


def test_cli_bank_check_passes_on_the_real_bank():
    result = runner.invoke(cli, ["bank", "check", str(BANK_DIR)])
    assert result.exit_code == 0, result.output
    questions, files = bank_size()
    assert f"Bank is valid: {questions} questions in {files} files." in result.output


def test_cli_bank_check_prints_file_line_problems(tmp_path):
    folder = tmp_path / "bank"
    shutil.copytree(BANK_DIR, folder)
    (folder / "cnn.yaml").write_text(
        (folder / "cnn.yaml").read_text().replace("difficulty: easy", "difficulty: simple", 1)
    )
    result = runner.invoke(cli, ["bank", "check", str(folder)])
    assert result.exit_code == 1
    assert "cnn.yaml:8: " in result.output and "difficulty" in result.output
    assert "nothing was loaded" in result.output


def test_cli_bank_load_twice_then_export(tmp_path):
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    first = runner.invoke(cli, ["bank", "load", str(BANK_DIR)], env=_env(url))
    assert first.exit_code == 0, first.output
    assert f"{bank_size()[0]} created" in first.output
    second = runner.invoke(cli, ["bank", "load", str(BANK_DIR)], env=_env(url))
    assert f"Bank is up to date: {bank_size()[0]} questions unchanged." in second.output
    exported = runner.invoke(cli, ["bank", "export", str(tmp_path / "out")], env=_env(url))
    assert exported.exit_code == 0
    assert sorted(p.name for p in (tmp_path / "out").glob("*.yaml")) == sorted(
        p.name for p in BANK_DIR.glob("*.yaml")
    )
    get_settings.cache_clear()


def test_cli_db_upgrade_creates_tables(tmp_path):
    url = f"sqlite:///{tmp_path / 'up.db'}"
    result = runner.invoke(cli, ["db", "upgrade"], env=_env(url))
    assert result.exit_code == 0, result.output
    assert (tmp_path / "up.db").exists()
    get_settings.cache_clear()


def test_cli_db_backup_copies_a_live_sqlite_database(tmp_path):
    import sqlite3

    url = f"sqlite:///{tmp_path / 'live.db'}"
    assert runner.invoke(cli, ["bank", "load", str(BANK_DIR)], env=_env(url)).exit_code == 0
    result = runner.invoke(cli, ["db", "backup", str(tmp_path / "copy.db")], env=_env(url))
    assert result.exit_code == 0, result.output
    with sqlite3.connect(tmp_path / "copy.db") as copy:
        assert copy.execute("select count(*) from questions").fetchone() == (bank_size()[0],)
        assert copy.execute("pragma integrity_check").fetchone() == ("ok",)
    again = runner.invoke(cli, ["db", "backup", str(tmp_path / "copy.db")], env=_env(url))
    assert again.exit_code == 2
    get_settings.cache_clear()
