"""The README's Python example runs as written."""

from __future__ import annotations

import json
import re

import pytest

from tests.conftest import ROOT


@pytest.mark.slow
def test_readme_python_example_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    blocks = re.findall(r"```python\n(.*?)```", (ROOT / "README.md").read_text("utf-8"), re.S)
    assert blocks, "the README has no Python example"
    monkeypatch.chdir(ROOT)
    for block in blocks:
        exec(compile(block, "README.md", "exec"), {})  # noqa: S102 - our own documentation


def test_readme_eval_example_runs_on_data_the_repository_ships(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The README's `kg eval` example uses gold data a user has (gold/), not a private corpus,
    and the gold format it describes is the one of that data."""
    from typer.testing import CliRunner

    from kg.cli import app

    readme = (ROOT / "README.md").read_text("utf-8")
    assert "shared/eval" not in readme
    assert "`kg eval gold`" in readme
    seed = json.loads(next((ROOT / "gold" / "seed").glob("*.json")).read_text("utf-8"))
    for field in ("text", "dct", "layers", "timex", "events", "participants", "time_value"):
        assert f"`{field}`" in readme, field
    assert {"text", "dct", "layers", "timex", "events"} <= seed.keys()
    assert all("participants" in event and "time_value" in event for event in seed["events"])
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(app, ["eval", "gold", "--json"])
    assert result.exit_code == 0, result.stderr
    (corpus,) = json.loads(result.stdout)["corpora"]
    assert (corpus["corpus"], corpus["docs"], corpus["failures"]) == ("seed", 1, [])
    assert {task["task"] for task in corpus["tasks"]} >= {"timex", "events"}
