"""Commands that do not extract load no NLP code: each runs in a fresh process on a real store,
then the process reports which modules it imported."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import SEED

# Runs `kg ARGS...` in this process, then prints the top-level packages and kg modules it loaded.
_DRIVER = """
import json, sys
sys.argv = ["kg", *sys.argv[1:]]
import kg.cli
try:
    kg.cli.main()
except SystemExit:
    pass
loaded = sorted({name.split(".")[0] for name in sys.modules} | {
    name for name in sys.modules if name.startswith("kg.")})
print(json.dumps(loaded), file=sys.stderr)
"""

NLP = {"spacy", "thinc", "pyshacl", "kg.extract"}


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("imports") / "store"
    subprocess.run([sys.executable, "-m", "kg", "ingest", str(SEED), "--store", str(path)],
                   check=True, capture_output=True)
    return path


def _loaded(*args: str) -> tuple[int, set[str]]:
    done = subprocess.run([sys.executable, "-c", _DRIVER, *args], capture_output=True,
                          text=True, check=False)
    return done.returncode, set(json.loads(done.stderr.strip().splitlines()[-1]))


@pytest.mark.parametrize("args", [
    ("--help",),
    ("stats",),
    ("query", "--name", "list_actors"),
    ("query", "SELECT ?s WHERE { ?s ?p ?o } LIMIT 1"),
    ("timeline", "--actor", "Assad"),
    ("timeline", "--format", "json"),
    ("export", "--format", "turtle"),
    ("export", "--format", "graphml"),
    ("remove", "no-such-article"),
    ("schema",),
])
def test_reading_commands_load_no_nlp_and_no_shacl(store: Path, args: tuple[str, ...]) -> None:
    store_args = ("--store", str(store)) if args[0] not in ("--help", "schema") else ()
    _, loaded = _loaded(*args, *store_args)
    assert "kg.cli" in loaded  # the driver ran the command
    assert not loaded & NLP


def test_validate_loads_shacl_but_no_nlp(store: Path) -> None:
    code, loaded = _loaded("validate", "--store", str(store))
    assert code == 0
    assert "pyshacl" in loaded
    assert not loaded & {"spacy", "thinc", "kg.extract"}


def test_import_kg_loads_no_nlp_and_names_resolve_on_use() -> None:
    code = ("import sys, kg; before = set(sys.modules); from kg import Pipeline, validate; "
            "print(sorted({'spacy', 'pyshacl'} & before), Pipeline.__name__, "
            "'Pipeline' in dir(kg))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert done.stdout.split() == ["[]", "Pipeline", "True"]
