"""YAML parsing that remembers the line of every value, for `file:line: message` errors."""

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

Path_ = tuple[str | int, ...]


@dataclass
class SourceDocument:
    """A parsed YAML file and the line (1-based) where each value starts."""

    path: Path
    data: Any
    lines: dict[Path_, int] = field(default_factory=dict)

    def line_of(self, path: Path_) -> int:
        """The line of ``path``, or of its nearest ancestor that has one."""
        for end in range(len(path), -1, -1):
            line = self.lines.get(tuple(path[:end]))
            if line is not None:
                return line
        return 1


class YamlSyntaxError(ValueError):
    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


def _index_lines(node: yaml.Node, path: Path_, lines: dict[Path_, int]) -> None:
    lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = key_node.value
            lines[(*path, key)] = key_node.start_mark.line + 1
            _index_lines(value_node, (*path, key), lines)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _index_lines(item, (*path, index), lines)


def _duplicate_keys(node: yaml.Node, problems: list[tuple[int, str]]) -> None:
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            if key_node.value in seen:
                problems.append((key_node.start_mark.line + 1, f"duplicate key '{key_node.value}'"))
            seen.add(key_node.value)
            _duplicate_keys(value_node, problems)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            _duplicate_keys(item, problems)


def parse_yaml(path: Path, text: str) -> SourceDocument:
    """Parse ``text``; raise :class:`YamlSyntaxError` with a line for bad YAML."""
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        raise YamlSyntaxError(line, f"invalid YAML: {exc.problem or exc}") from exc
    if node is None:
        return SourceDocument(path, None)
    problems: list[tuple[int, str]] = []
    _duplicate_keys(node, problems)
    if problems:
        raise YamlSyntaxError(*problems[0])
    loader = yaml.SafeLoader("")
    try:
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        raise YamlSyntaxError(mark.line + 1 if mark else 1, f"invalid YAML: {exc.problem}") from exc
    finally:
        loader.dispose()
    lines: dict[Path_, int] = {}
    _index_lines(node, (), lines)
    return SourceDocument(path, data, lines)
