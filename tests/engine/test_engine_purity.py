"""The engine is pure: only the standard library, NumPy and app.engine itself."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

ENGINE = Path(__file__).resolve().parents[2] / "app" / "engine"
ALLOWED_THIRD_PARTY = {"numpy"}


def _imported_modules(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            names.append("app.engine" if node.level else node.module or "")
    return names


def _allowed(module: str) -> bool:
    root = module.split(".")[0]
    if module == "app.engine" or module.startswith("app.engine."):
        return True
    return root in sys.stdlib_module_names or root in ALLOWED_THIRD_PARTY


def test_engine_imports_only_numpy_stdlib_and_itself() -> None:
    files = sorted(ENGINE.rglob("*.py"))
    assert len(files) >= 10
    bad = [
        (f.relative_to(ENGINE), m) for f in files for m in _imported_modules(f) if not _allowed(m)
    ]
    assert bad == []


def test_engine_does_not_use_global_numpy_random_state() -> None:
    for path in ENGINE.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        for forbidden in (
            "np.random.seed",
            "np.random.rand(",
            "np.random.randint",
            "np.random.uniform",
            "np.random.choice",
            "import random",
        ):
            assert forbidden not in text, (path, forbidden)


def test_engine_modules_stay_small() -> None:
    for path in ENGINE.rglob("*.py"):
        assert len(path.read_text(encoding="utf-8").splitlines()) <= 320, path
