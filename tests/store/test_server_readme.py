"""The README's server commands (the block after `<!-- server-commands -->`) run as written:
they start an Oxigraph and a Virtuoso server on 127.0.0.1, ingest the sample and print its
counts; only the ports (in the commands and in the copied `virtuoso.ini`) and the server
folders are changed, to free ones."""

from __future__ import annotations

import contextlib
import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import VIRTUOSO_INI, free_port

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[2]


def _block(marker: str) -> str:
    readme = (ROOT / "README.md").read_text("utf-8")
    found = re.search(rf"<!-- {marker} -->\n```bash\n(.*?)```", readme, re.S)
    assert found, f"the README has no {marker} block"
    return found.group(1)


def test_readme_server_commands_run(tmp_path: Path) -> None:
    script = _block("server-commands")
    ports = {"7878": str(free_port()), "8890": str(free_port()), "1111": str(free_port())}
    # the Virtuoso settings the script copies, with the same ports changed
    ini = tmp_path / "virtuoso.ini"
    settings = VIRTUOSO_INI.read_text("utf-8")
    for default in ("127.0.0.1:8890", "127.0.0.1:1111"):
        assert default in settings, default
        settings = settings.replace(default, f"127.0.0.1:{ports[default[-4:]]}")
    ini.write_text(settings, "utf-8")
    for default, value in (*ports.items(), ("tests/store/virtuoso.ini", str(ini)),
                           ("/tmp/kg-oxigraph", str(tmp_path / "oxigraph")),
                           ("/tmp/kg-virtuoso", str(tmp_path / "virtuoso"))):
        assert default in script, default
        script = script.replace(default, value)
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}"}
    log = tmp_path / "out.log"
    # a file, not a pipe: the servers the script leaves running hold its output open
    with log.open("w") as sink:
        process = subprocess.Popen(["bash", "-euo", "pipefail", "-c", script], cwd=ROOT,
                                   env=env, stdout=sink, stderr=subprocess.STDOUT,
                                   start_new_session=True)
    try:
        process.wait(timeout=900)
    finally:
        with contextlib.suppress(ProcessLookupError):  # the servers the script left running
            os.killpg(process.pid, signal.SIGTERM)
    out = log.read_text("utf-8", "replace")
    assert process.returncode == 0, out[-2000:]
    counts = re.findall(r"^\d+\s+5\s+\d+", out, re.M)  # graphs, 5 articles, actors ...
    assert len(counts) == 2, out[-2000:]  # kg stats on each server
