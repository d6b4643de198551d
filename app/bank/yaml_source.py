"""YAML parsing that remembers the line of every value, for `file:line: message` errors."""

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

Path_ = tuple[str | int, ...]

# The schema nests 8 levels at most (file → questions → question → key points → …); a few
# spare levels, then refuse, long before the composer's recursion could overflow.
MAX_DEPTH = 12


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


# libyaml (C) when PyYAML was built with it: the pure-Python composer was most of `bank check`.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _refuse_aliases_and_depth(text: str) -> None:
    """One linear pass over the parser's events, before anything is composed: anchors and
    aliases are refused (an alias bomb of a few hundred bytes expands to gigabytes), and so is
    nesting deeper than :data:`MAX_DEPTH` (long before the composer's recursion could
    overflow)."""
    depth = 0
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise YamlSyntaxError(
                event.start_mark.line + 1,
                "anchors and aliases (&name, *name, <<) are not allowed: write the value out",
            )
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise YamlSyntaxError(
                    event.start_mark.line + 1, f"nested deeper than {MAX_DEPTH} levels"
                )
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


class _Constructor(yaml.SafeLoader):
    """Builds values from composed nodes; a scalar the resolver accepts can still fail to
    build (2026-02-30, a 5 000-digit int): that is a :class:`YamlSyntaxError` with its line."""

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        try:
            return super().construct_object(node, deep)
        except YamlSyntaxError:
            raise
        except ValueError as exc:
            raise YamlSyntaxError(node.start_mark.line + 1, f"invalid value: {exc}") from None


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
            if not isinstance(key_node, yaml.ScalarNode):
                problems.append((key_node.start_mark.line + 1, "keys must be plain text"))
                continue
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
        _refuse_aliases_and_depth(text)
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        if "maximum nesting depth" in str(exc.problem):  # libyaml's own limit, met first
            raise YamlSyntaxError(line, f"nested deeper than {MAX_DEPTH} levels") from None
        raise YamlSyntaxError(line, f"invalid YAML: {exc.problem or exc}") from exc
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1
        code = exc.character if isinstance(exc.character, int) else ord(exc.character)
        raise YamlSyntaxError(line, f"invalid YAML: character #x{code:04x} is not allowed") from exc
    if node is None:
        return SourceDocument(path, None)
    problems: list[tuple[int, str]] = []
    _duplicate_keys(node, problems)
    if problems:
        raise YamlSyntaxError(*problems[0])
    loader = _Constructor("")
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
