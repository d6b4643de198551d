"""Write the database back to the bank's YAML layout, one file per topic."""

from pathlib import Path
from typing import Any

import yaml
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.bank.convert import canonical_entry, entry_from_question
from app.models import Question, Topic


class _BankDumper(yaml.SafeDumper):
    """Block scalars for multi-line text, indented lists, short lists inline: readable files."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    if "\n" in value:
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|")
    return dumper.represent_scalar("tag:yaml.org,2002:str", value)


def _represent_list(dumper: yaml.SafeDumper, value: list[Any]) -> yaml.Node:
    # Lists of scalars (phrases, siblings, vectors, matrix rows) read best on one line.
    inline = all(not isinstance(item, dict) for item in value) and not any(
        isinstance(item, str) and "\n" in item for item in value
    )
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=inline)


_BankDumper.add_representer(str, _represent_str)
_BankDumper.add_representer(list, _represent_list)


def dump_yaml(data: dict[str, Any]) -> str:
    """YAML in the bank's house style (a whole topic file, or one entry for a diff)."""
    return yaml.dump(data, Dumper=_BankDumper, sort_keys=False, allow_unicode=True, width=100)


def dump_topic(topic: Topic, entries: list[dict[str, Any]]) -> str:
    """The YAML text of one topic file."""
    document = {
        "topic": topic.slug,
        "title": topic.title,
        "order": topic.position,
        "questions": entries,
    }
    return dump_yaml(document)


def export_bank(session: Session) -> dict[str, str]:
    """Every topic as ``{file name: YAML text}``."""
    files: dict[str, str] = {}
    for topic in session.scalars(select(Topic).order_by(Topic.position, Topic.slug)):
        questions = session.scalars(
            select(Question)
            .where(Question.topic == topic.slug)
            .order_by(Question.position, Question.id)
        )
        entries = [canonical_entry(entry_from_question(q)) for q in questions]
        files[f"{topic.slug}.yaml"] = dump_topic(topic, entries)
    return files


def write_bank(session: Session, directory: Path) -> list[Path]:
    """Export into ``directory``; returns the files written."""
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in export_bank(session).items():
        path = directory / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
