"""Run one query on an embedded Oxigraph store, read-only, in a process of its own: the worker
that `OxigraphStore.query` starts when a timeout is given, and kills when it runs out.

Run as a script (`python _oxigraph_worker.py`), it imports nothing but pyoxigraph. It reads a JSON
request (`path`, `query`, `limit`) on stdin and writes the kind of result on the first line
(`ask`, `graph`, `select`), then the answer: `true`/`false`, N-Triples, or SPARQL TSV results,
with at most `limit + 1` rows (so the caller can tell that rows were cut). Exit codes: 2 the query
is malformed, 3 the engine failed while evaluating it, 4 the store cannot be read.
"""

from __future__ import annotations

import itertools
import json
import sys
from typing import BinaryIO

import pyoxigraph as ox

MALFORMED, FAILED, UNREADABLE = 2, 3, 4


def answer(request: dict[str, object], out: BinaryIO) -> None:
    """Run the query of `request` and write its answer to the binary stream `out`."""
    store = ox.Store.read_only(str(request["path"]))
    result = store.query(str(request["query"]), use_default_graph_as_union=True)
    limit = request.get("limit")
    take = None if limit is None else int(str(limit)) + 1
    if isinstance(result, ox.QueryBoolean):
        out.write(b"ask\n" + (b"true" if bool(result) else b"false"))
    elif isinstance(result, ox.QueryTriples):
        out.write(b"graph\n")
        ox.serialize(itertools.islice(result, take), out, ox.RdfFormat.N_TRIPLES)
    else:
        names = [variable.value for variable in result.variables]
        out.write(b"select\n" + "\t".join(f"?{name}" for name in names).encode() + b"\n")
        for solution in itertools.islice(result, take):
            cells = ("" if solution[name] is None else str(solution[name]) for name in names)
            out.write("\t".join(cells).encode() + b"\n")


def main() -> int:
    """Answer the request on stdin; return the exit code."""
    request = json.loads(sys.stdin.buffer.read())
    try:
        answer(request, sys.stdout.buffer)
    except SyntaxError as exc:
        sys.stderr.write(str(exc))
        return MALFORMED
    except RuntimeError as exc:
        sys.stderr.write(str(exc))
        return FAILED
    except OSError as exc:
        sys.stderr.write(str(exc))
        return UNREADABLE
    sys.stdout.buffer.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
