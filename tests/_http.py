"""A real HTTP server on 127.0.0.1 for tests: it records every request and answers as told
(valid SPARQL results, RDF, HTML, garbage, a one-byte-at-a-time trickle, or nothing at all).

It runs in a daemon thread and stops when its `with` block ends; a handler never runs longer
than `LONGEST` seconds, so nothing outlives a test for long even if a client walks away.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Literal

Behaviour = Literal["sparql", "turtle", "html", "garbage", "trickle", "hang"]
LONGEST = 20.0
_SPARQL = (b'{"head": {"vars": ["s"]}, "results": {"bindings": [{"s": {"type": "uri", '
           b'"value": "http://leak.example/fetched"}}]}}')
_TURTLE = b"<http://leak.example/s> <http://leak.example/p> <http://leak.example/fetched> .\n"


@dataclass
class Server:
    url: str
    requests: list[str] = field(default_factory=list)
    stop: threading.Event = field(default_factory=threading.Event)


@contextlib.contextmanager
def http_server(behaviour: Behaviour) -> Iterator[Server]:
    """Run a server answering every request with `behaviour`; yield its URL and request log."""
    server_box: list[Server] = []

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - quiet
            pass

        def _answer(self) -> None:
            state = server_box[0]
            state.requests.append(f"{self.command} {self.path}")
            length = int(self.headers.get("Content-Length") or 0)
            if length:
                self.rfile.read(length)
            if behaviour == "hang":
                state.stop.wait(LONGEST)
                return
            if behaviour == "trickle":
                reply = (b"HTTP/1.1 200 OK\r\nContent-Type: application/sparql-results+json\r\n"
                         b"Content-Length: 100000\r\n\r\n" + b" " * 100000)
                ends = time.monotonic() + LONGEST
                for byte in reply:
                    if state.stop.wait(0.2) or time.monotonic() > ends:
                        return
                    try:
                        self.wfile.write(bytes([byte]))
                        self.wfile.flush()
                    except OSError:
                        return
                return
            body, kind = {
                "sparql": (_SPARQL, "application/sparql-results+json"),
                "turtle": (_TURTLE, "text/turtle"),
                "html": (b"<html><body><h1>Welcome to nginx!</h1></body></html>", "text/html"),
                "garbage": (b"\x00\xffnot json {{{", "application/sparql-results+json"),
            }[behaviour]
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        do_GET = do_POST = do_DELETE = do_PUT = _answer

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    server_box.append(Server(f"http://127.0.0.1:{httpd.server_address[1]}"))
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05},
                              daemon=True)
    thread.start()
    try:
        yield server_box[0]
    finally:
        server_box[0].stop.set()
        httpd.shutdown()
        httpd.server_close()
        thread.join(5)
