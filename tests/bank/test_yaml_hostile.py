"""Bank YAML refuses alias bombs, deep nesting and unbuildable values with file:line."""

from pathlib import Path

import pytest

from app.bank.validate import parse_file
from app.bank.yaml_source import MAX_DEPTH


def _bomb(levels: int) -> str:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, levels + 1):
        refs = ", ".join([f"*a{level - 1}"] * 9)
        lines.append(f"a{level}: &a{level} [{refs}]")
    return "topic: cnn\n" + "\n".join(lines) + "\n"


def _problems(text: str) -> list[str]:
    loaded, problems = parse_file(Path("cnn.yaml"), text)
    assert loaded is None
    return [str(p) for p in problems]


def test_yaml_alias_bomb_is_refused_at_its_first_anchor():
    [problem] = _problems(_bomb(8))
    assert problem.startswith("cnn.yaml:2: anchors and aliases")


def test_yaml_merge_key_is_refused_with_its_line():
    [problem] = _problems("topic: cnn\nbase: &b {x: 1}\nq:\n  <<: *b\n")
    assert problem.startswith("cnn.yaml:2: anchors and aliases")


@pytest.mark.parametrize(
    "text, line",
    [
        ("topic: cnn\ntitle: " + "[" * 2000 + "]" * 2000 + "\n", 2),
        ("topic: cnn\n" + "".join("  " * i + "k:\n" for i in range(300)), 2 + MAX_DEPTH),
    ],
    ids=["flow", "block"],
)
def test_yaml_deep_nesting_is_refused_with_a_line(text, line):
    [problem] = _problems(text)
    assert problem == f"cnn.yaml:{line}: nested deeper than {MAX_DEPTH} levels"


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "topic: cnn\ntitle: a\x00b\n",
            "cnn.yaml:2: invalid YAML: character #x0000 is not allowed",
        ),
        ("topic: cnn\ntitle: 2026-02-30\n", "cnn.yaml:2: invalid value: day is out of range"),
        ("topic: cnn\norder: " + "9" * 5000 + "\n", "cnn.yaml:2: invalid value: Exceeds the limit"),
        ("topic: cnn\n? [a, b]\n: 1\n", "cnn.yaml:2: keys must be plain text"),
    ],
    ids=["control-character", "impossible-date", "huge-int", "complex-key"],
)
def test_yaml_unbuildable_values_are_problems_with_a_line(text, expected):
    [problem] = _problems(text)
    assert problem.startswith(expected)


def test_yaml_alias_bomb_through_the_admin_preview_is_422(client, session):
    from tests.admin.helpers import login_admin

    login_admin(client, session)
    response = client.post(
        "/api/v1/admin/bank/preview", json={"files": [{"name": "cnn.yaml", "text": _bomb(8)}]}
    )
    assert response.status_code == 422
    assert response.json()["problems"][0].startswith("cnn.yaml:2: anchors and aliases")
