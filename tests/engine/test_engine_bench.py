"""The benchmark runs and prints one line per template."""

from __future__ import annotations

import pytest

from app.engine import bench, list_templates


def test_bench_main_prints_rates(capsys: pytest.CaptureFixture[str]) -> None:
    bench.main(seconds=0.002)
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == 1 + len(list_templates())
    assert all(line.split()[-1].replace(",", "").isdigit() for line in lines[1:])
