"""The code keeps its shape: one-way imports between layers, and lint-clean sources."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

from tests.conftest import ROOT


def _tool(name: str) -> str:
    found = Path(sys.executable).parent / name
    return str(found) if found.exists() else shutil.which(name) or name


def test_architecture_layers_import_one_way() -> None:
    done = subprocess.run([_tool("lint-imports")], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout[-2000:]


def test_architecture_ruff_is_clean() -> None:
    done = subprocess.run([_tool("ruff"), "check", "kg", "tests"], cwd=ROOT, capture_output=True,
                          text=True)
    assert done.returncode == 0, done.stdout[-2000:]


def test_architecture_wheel_lists_every_package_and_data_folder() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"]
    on_disk = {".".join(path.parent.relative_to(ROOT).parts)
               for path in (ROOT / "kg").rglob("*") if path.is_file()
               and path.suffix in {".py", ".rq", ".tsv", ".txt", ".toml"}
               and "__pycache__" not in path.parts}
    assert on_disk | {"kg.ontology"} == set(config["packages"])
    assert config["package-dir"]["kg.ontology"] == "ontology"
    shipped = config["package-data"]["kg.ontology"]
    assert all(any(path.match(pattern) for pattern in shipped)
               for path in (ROOT / "ontology").iterdir())
