"""The reader's side: find Chromium, serve a folder like GitHub Pages, record every request.

Shared by the browser tests (tests/browser/, through tests/browser/harness.py) and
bench/bench.py, which imports nothing from tests/.
"""

from __future__ import annotations

import functools
import http.server
import os
import threading
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

#: Debian's chromium; the first skips a wrapper script and starts faster.
CANDIDATES = ("/usr/lib/chromium/chromium", "/usr/bin/chromium")
FLAGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)
REQUIRE_ENV = "NN11_REQUIRE_BROWSER"  # "1" in CI: a missing browser fails, never skips
PATH_ENV = "NN11_CHROMIUM"  # use this executable instead of the candidates


def find_chromium(
    env: Mapping[str, str] = os.environ, candidates: tuple[str, ...] = CANDIDATES
) -> str | None:
    """Path of an executable Chromium, or None."""
    wanted = env.get(PATH_ENV)
    for path in (wanted,) if wanted else candidates:
        if os.path.isfile(path) and os.stat(path).st_mode & 0o111 and os.access(path, os.X_OK):
            return path
    return None


def launch(playwright: Any, executable: str) -> Any:
    return playwright.chromium.launch(executable_path=executable, headless=True, args=list(FLAGS))


class _Quiet(http.server.SimpleHTTPRequestHandler):
    prefix = "/"

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        # Like GitHub Pages: a missing path gets the site's own 404.html, with status 404.
        page = Path(str(self.directory), "404.html")
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def translate_path(self, path: str) -> str:
        # Only the site's own path exists, as on GitHub Pages: /nn11/... -> site/...
        if not path.startswith(self.prefix):
            return os.path.join(str(self.directory), ".outside-the-site-path", "missing")
        return super().translate_path("/" + path[len(self.prefix) :])


class _Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a browser that navigates away drops its connections: nothing to report


@contextmanager
def serve(root: Path, prefix: str = "/") -> Iterator[str]:
    """Serve ``root`` at http://127.0.0.1:<free port><prefix>; yields that URL."""
    handler = type("Handler", (_Quiet,), {"prefix": prefix})
    server = _Server(("127.0.0.1", 0), functools.partial(handler, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    finally:
        server.shutdown()
        server.server_close()


@dataclass
class Record:
    """What a browser context did: requests to other hosts, failures, console errors, bytes."""

    origin: str
    offsite: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    console: list[str] = field(default_factory=list)
    finished: list[Any] = field(default_factory=list)
    inflight: int = 0

    def problems(self) -> list[str]:
        return (
            [f"request to another host: {u}" for u in self.offsite]
            + [f"failed request: {f}" for f in self.failed]
            + [f"console: {c}" for c in self.console]
        )

    def clear(self) -> None:
        self.offsite.clear()
        self.failed.clear()
        self.console.clear()
        self.finished.clear()

    def weight(self) -> dict[str, int]:
        """Bytes per URL loaded so far (headers and body; Chromium reports 0 for a worker's script
        body, so the body's own length counts when larger)."""
        out = {}
        for request in self.finished:
            sizes, response = request.sizes(), request.response()
            body = len(response.body()) if response is not None else 0
            out[request.url] = sizes["responseHeadersSize"] + max(sizes["responseBodySize"], body)
        return out

    def settle(self, page: Any, quiet_ms: int = 100, limit_s: float = 10.0) -> None:
        """Wait until no request has been in flight for ``quiet_ms``."""
        end = time.monotonic() + limit_s
        calm = 0
        while calm < quiet_ms and time.monotonic() < end:
            page.wait_for_timeout(25)
            calm = calm + 25 if self.inflight == 0 else 0


def watch(context: Any, base: str) -> Record:
    """Record everything ``context`` does; block (and record) every request to another origin."""
    origin = _origin(base)
    record = Record(origin)

    def route(r: Any) -> None:
        url = r.request.url
        if _origin(url) == origin:
            r.continue_()
        else:
            record.offsite.append(url)
            r.abort("blockedbyclient")

    def started(request: Any) -> None:
        record.inflight += 1

    def finished(request: Any) -> None:
        record.inflight -= 1
        record.finished.append(request)

    def failed(request: Any) -> None:
        record.inflight -= 1
        # ERR_ABORTED: cancelled because the page navigated away, not refused by the server.
        if request.url not in record.offsite and request.failure != "net::ERR_ABORTED":
            record.failed.append(f"{request.url} ({request.failure})")

    def response(resp: Any) -> None:
        if resp.status >= 400:
            record.failed.append(f"{resp.url} (HTTP {resp.status})")

    def console(msg: Any) -> None:
        if msg.type == "error":
            record.console.append(f"{msg.text} at {msg.location.get('url', '?')}")

    def weberror(err: Any) -> None:
        record.console.append(f"uncaught: {err.error}")

    context.route("**/*", route)
    context.on("request", started)
    context.on("requestfinished", finished)
    context.on("requestfailed", failed)
    context.on("response", response)
    context.on("console", console)
    context.on("weberror", weberror)
    return record


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"
