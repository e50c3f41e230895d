"""Tests for kg.ingest.progress: the input estimate and when a bar is shown."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.ingest.progress import Bar, estimate, wanted


@pytest.mark.parametrize(("files", "expected"), [
    ({"a.txt": "x", "b.html": "<p>y</p>"}, 2),
    ({"wire.jsonl": '{"id": "1"}\n{"id": "2"}\n\n{"id": "3"}\n'}, 3),
    ({"a.txt": "x", "wire.jsonl": '{"id": "1"}\n'}, 2),
])
def test_progress_estimate_counts_files_and_jsonl_lines(files: dict[str, str], expected: int,
                                                        tmp_path: Path) -> None:
    for name, text in files.items():
        (tmp_path / name).write_text(text, "utf-8")
    assert estimate([str(tmp_path)]) == expected


def test_progress_estimate_is_unknown_for_stdin() -> None:
    assert estimate(["-"]) is None


@pytest.mark.parametrize(("asked", "env", "expected"), [
    (True, None, True),
    (False, None, False),
    (None, "true", False),  # CI: quiet
    (None, None, False),  # pytest captures stderr: not a terminal
])
def test_progress_wanted_follows_flag_then_terminal(asked: bool | None, env: str | None,
                                                    expected: bool,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    if env is None:
        monkeypatch.delenv("CI", raising=False)
    else:
        monkeypatch.setenv("CI", env)
    assert wanted(asked) is expected


@pytest.mark.parametrize("enabled", [True, False])
def test_progress_bar_accepts_counts(enabled: bool) -> None:
    with Bar(10, enabled=enabled) as bar:
        for done in range(1, 11):
            bar(done)
    assert (bar._progress is not None) is enabled
