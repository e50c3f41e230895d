"""Tests of kg.files: a file is written whole or not at all."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.files import write_whole


def test_write_whole_makes_the_folder_and_replaces_the_file(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "table.bin"
    write_whole(path, b"old")
    write_whole(path, b"new")
    assert path.read_bytes() == b"new"
    assert [p.name for p in path.parent.iterdir()] == ["table.bin"]


def test_write_whole_leaves_the_old_file_when_it_cannot_rename(tmp_path: Path) -> None:
    path = tmp_path / "table.bin"
    path.mkdir()  # a folder in the way: the rename fails
    with pytest.raises(OSError):
        write_whole(path, b"new")
    assert path.is_dir()
    assert [p.name for p in tmp_path.iterdir()] == ["table.bin"]
