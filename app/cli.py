"""The `backprop` command: serve, migrate, load/check/export the bank, create admins."""

import sys
from pathlib import Path
from typing import Annotated

import typer

from app.bank.export_names import ExportFormat
from app.bank.loader import BankConflict, ConflictPolicy
from app.bank.validate import BankInvalid
from app.config import get_settings

cli = typer.Typer(help="Backprop: deep-learning interview practice.", no_args_is_help=True)
db_cli = typer.Typer(help="Database schema.", no_args_is_help=True)
bank_cli = typer.Typer(help="The question bank (questions/*.yaml).", no_args_is_help=True)
dev_cli = typer.Typer(
    help="Developer tools: synthetic data, benchmarks, load tests.", no_args_is_help=True
)
cli.add_typer(db_cli, name="db")
cli.add_typer(bank_cli, name="bank")
cli.add_typer(dev_cli, name="dev")

BankDir = Annotated[
    Path | None, typer.Argument(help="Folder of topic YAML files (default: questions/).")
]


def _print_problems(exc: BankInvalid) -> None:
    for problem in exc.problems:
        typer.echo(str(problem), err=True)
    typer.echo(f"{len(exc.problems)} problem(s); nothing was loaded.", err=True)


def _progress(done: int, total: int) -> None:
    if sys.stderr.isatty() or done == total:
        typer.echo(f"\r  {done}/{total}", err=True, nl=done == total)


@db_cli.command("upgrade")
def db_upgrade() -> None:
    """Migrate the database to the newest schema."""
    from app.migrate import upgrade

    upgrade(get_settings().database_url)
    typer.echo("Database is at the newest revision.")


SeedFile = Annotated[
    Path | None,
    typer.Option(
        envvar="BACKPROP_SEED_FILE",
        exists=True,
        dir_okay=False,
        help="The seed article, to lint phrases against the seed's own wrong answers.",
    ),
]


@bank_cli.command("check")
def bank_check(
    directory: BankDir = None,
    seed: SeedFile = None,
    strict: Annotated[
        bool, typer.Option(help="Fail on phrase lint and on grading figures below the bars.")
    ] = False,
) -> None:
    """Validate the bank (schema, ids, siblings, templates, worked numbers, grading set)
    without a database; then lint the phrases and grade the grading set."""
    from app.bank import service

    folder = directory or get_settings().bank_dir
    try:
        files, grading = service.check_with_grading(folder)
    except BankInvalid as exc:
        _print_problems(exc)
        raise typer.Exit(1) from None
    count = sum(len(f.bank_file.questions) for f in files)
    typer.echo(f"Bank is valid: {count} questions in {len(files)} files.")
    review = service.review(folder, files, seed, grading)
    for problem in review.lint:
        typer.echo(str(problem), err=True)
    typer.echo(
        f"Phrase lint: {len(review.lint)} problem(s)." if review.lint else "Phrase lint: clean."
    )
    answers = sum(review.figures.answers.values())
    typer.echo(f"Grading set: {answers} answers in {review.grading_files} files.")
    for line in review.figures.lines():
        typer.echo(line)
    failures = review.figures.failures()
    for failure in failures:
        typer.echo(f"Below the bar: {failure}", err=True)
    if strict and (review.lint or failures):
        raise typer.Exit(1)


@bank_cli.command("load")
def bank_load(
    directory: BankDir = None,
    on_conflict: Annotated[
        ConflictPolicy,
        typer.Option(help="What to do with questions changed both in the bank and by an admin."),
    ] = ConflictPolicy.ABORT,
) -> None:
    """Validate, then load the bank into the database in one transaction."""
    from app.bank import service
    from app.db import make_engine, make_session_factory, session_scope
    from app.migrate import upgrade

    settings = get_settings()
    upgrade(settings.database_url)
    sessions = make_session_factory(make_engine(settings.database_url))
    try:
        with session_scope(sessions) as session:
            report = service.load(
                session, directory or settings.bank_dir, policy=on_conflict, progress=_progress
            )
    except BankInvalid as exc:
        _print_problems(exc)
        raise typer.Exit(1) from None
    except BankConflict as exc:
        for question_id in exc.report.conflicts:
            typer.echo(
                f"conflict: '{question_id}' was edited in the database and changed in the bank",
                err=True,
            )
        typer.echo(
            "Nothing was loaded. Re-run with --on-conflict keep-db (keep the edits) "
            "or --on-conflict overwrite (the bank wins).",
            err=True,
        )
        raise typer.Exit(2) from None
    typer.echo(report.summary())
    for question_id in report.conflicts:
        typer.echo(f"kept the database's version of '{question_id}' (conflict)", err=True)


@bank_cli.command("export")
def bank_export(
    path: Annotated[
        Path, typer.Argument(help="Folder for yaml; the file to write for the other formats.")
    ],
    format: Annotated[
        ExportFormat,
        typer.Option(help="yaml (topic files), apkg (Anki deck), moodle (Moodle XML) or gift."),
    ] = ExportFormat.yaml,
) -> None:
    """Write the database's bank as YAML (one file per topic), an Anki deck, Moodle XML or GIFT."""
    from app.bank.export_formats import write_export
    from app.bank.exporter import write_bank
    from app.db import make_engine, make_session_factory, session_scope

    if format is not ExportFormat.yaml and path.is_dir():
        typer.echo(f"{path} is a folder; give the file to write the {format} export to.", err=True)
        raise typer.Exit(2)
    engine = make_engine(get_settings().database_url)
    try:
        with session_scope(make_session_factory(engine)) as session:
            if format is ExportFormat.yaml:
                summary = f"Wrote {len(write_bank(session, path))} files to {path}."
            else:
                summary = write_export(session, format, path)
    finally:
        engine.dispose()
    typer.echo(summary)


@db_cli.command("backup")
def db_backup(target: Annotated[Path, typer.Argument(help="File to write the copy to.")]) -> None:
    """Copy the SQLite database safely while the app runs (SQLite's online backup API)."""
    import sqlite3

    from sqlalchemy.engine import make_url

    url = make_url(get_settings().database_url)
    if url.get_backend_name() != "sqlite" or not url.database:
        typer.echo("db backup is for SQLite; for PostgreSQL use pg_dump.", err=True)
        raise typer.Exit(2)
    if target.exists():
        typer.echo(f"{target} exists; choose a new file name.", err=True)
        raise typer.Exit(2)
    target.parent.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(url.database) as source, sqlite3.connect(target) as copy:
        source.backup(copy)
    typer.echo(f"Backed up {url.database} to {target}.")


@db_cli.command("prune")
def db_prune() -> None:
    """Delete expired sessions, guests idle for guest_idle_days that never reviewed, and old
    login counters (the server also does this every prune_interval_minutes)."""
    from app.accounts.prune import prune_by_settings
    from app.db import make_engine, make_session_factory, utcnow

    settings = get_settings()
    engine = make_engine(settings.database_url)
    with make_session_factory(engine)() as session:
        report = prune_by_settings(session, settings=settings, now=utcnow())
    engine.dispose()
    typer.echo(report.summary())


@dev_cli.command("seed-synthetic")
def dev_seed_synthetic(
    learners: Annotated[int, typer.Option(min=1, help="Learners to create.")] = 100,
    reviews: Annotated[
        int, typer.Option(min=0, help="Reviews to spread over their cards.")
    ] = 1_000_000,
) -> None:
    """Fill the database with learners and a long review history (for benchmarks)."""
    from app.db import make_engine, make_session_factory, utcnow
    from app.dev.synthetic import seed_synthetic
    from app.startup import prepare_database

    settings = get_settings()
    typer.echo(prepare_database(settings))
    sessions = make_session_factory(make_engine(settings.database_url))
    with sessions() as session:
        seed_synthetic(
            session, learners=learners, reviews=reviews, now=utcnow(), progress=_progress
        )
    typer.echo(f"Added {learners} learners and {reviews} reviews.")


@cli.command("serve")
def serve(
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    workers: Annotated[int, typer.Option(min=1, max=64, help="Worker processes.")] = 1,
) -> None:
    """Migrate, load the bank into an empty database, then serve the web app."""
    import uvicorn

    from app.startup import prepare_database

    typer.echo(prepare_database(get_settings()))
    uvicorn.run(
        "app.web.main:app",
        host=host,
        port=port,
        workers=workers,
        proxy_headers=True,  # trusts FORWARDED_ALLOW_IPS (default 127.0.0.1)
        log_level="info",
        access_log=False,  # the app logs each request as JSON, with its request id
    )


admin_cli = typer.Typer(help="Admin accounts.", no_args_is_help=True)
cli.add_typer(admin_cli, name="admin")


@admin_cli.command("create")
def admin_create(
    email: Annotated[str, typer.Option(help="The admin's e-mail address.")],
    password_stdin: Annotated[
        bool,
        typer.Option(
            "--password-stdin",
            help="Read the password from standard input (never from the command line).",
        ),
    ] = False,
) -> None:
    """Create the first admin (or make an existing account an admin)."""
    from app.accounts.service import AccountError, create_admin
    from app.admin import audit
    from app.db import make_engine, make_session_factory, utcnow
    from app.migrate import upgrade

    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    settings = get_settings()
    upgrade(settings.database_url)
    engine = make_engine(settings.database_url)
    now = utcnow()
    with make_session_factory(engine)() as session:
        try:
            user = create_admin(session, email=email, password=password, now=now)
        except AccountError as exc:
            typer.echo(exc.detail, err=True)
            raise typer.Exit(1) from None
        detail = {"email": user.email, "via": "command line"}
        audit.record(
            session, actor=None, action="user.create-admin", target=f"user:{user.id}",
            now=now, detail=detail,
        )  # fmt: skip
        session.commit()
    engine.dispose()
    typer.echo(f"{user.email} is an admin.")


def main() -> None:
    cli()


if __name__ == "__main__":
    main()
