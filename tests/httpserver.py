"""A threaded HTTP server on 127.0.0.1 for tests: real sockets, no network.

Tests across the project serve pages from here instead of the internet.  A server
holds a table of routes (path -> handler) and, optionally, a directory whose files
are served as they are.  Handlers are small callables built by the factories
below, one per hostile behaviour real sites show: an error status, a 500 that
recovers, a stall, a redirect loop, binary bytes, megabytes of junk, a wrong or
missing charset, conditional GET (ETag / Last-Modified -> 304).

Text files and routes may contain the placeholder ``{{base}}``; it is replaced by
the server's base URL (``http://127.0.0.1:PORT``) so that feeds and sitemaps can
hold absolute links although the port is random.

Every request is recorded in ``server.requests`` (method, path, headers) so a test
can assert what a crawler asked for — e.g. that a known article was never
requested again, or that a feed was fetched with If-None-Match.

    with LocalServer({"/a.html": page("<h1>Hi</h1>")}) as srv:
        urlopen(srv.url("/a.html"))
"""
from __future__ import annotations

import gzip
import mimetypes
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from email.utils import formatdate, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

PLACEHOLDER = b"{{base}}"

# Content types for files served from a directory (mimetypes misses some).
EXTENSION_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".htm": "text/html; charset=utf-8",
    ".xml": "application/xml; charset=utf-8",
    ".rss": "application/rss+xml; charset=utf-8",
    ".atom": "application/atom+xml; charset=utf-8",
    ".json": "application/json; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".gz": "application/gzip",
}


@dataclass
class Reply:
    """What a handler answers: status, headers and body bytes."""

    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class Request:
    """One request as the server saw it."""

    method: str
    path: str
    headers: dict[str, str]
    body: bytes = b""


Handler = Callable[[Request, "LocalServer"], Reply]


def _bytes(body: str | bytes, encoding: str = "utf-8") -> bytes:
    return body.encode(encoding) if isinstance(body, str) else body


# --- route factories -------------------------------------------------------------------------------


def page(body: str | bytes, content_type: str = "text/html; charset=utf-8", status: int = 200,
         headers: dict[str, str] | None = None, encoding: str = "utf-8") -> Handler:
    """A fixed reply. ``content_type=None`` sends no Content-Type at all."""
    data = _bytes(body, encoding)

    def handler(req: Request, srv: LocalServer) -> Reply:
        h = dict(headers or {})
        if content_type:
            h["Content-Type"] = content_type
        return Reply(status, srv.expand(data), h)

    return handler


def status(code: int, body: str = "") -> Handler:
    """An error (or any) status with a short body."""
    return page(body or f"status {code}", "text/plain; charset=utf-8", status=code)


def flaky(then: Handler, failures: int = 1, code: int = 500) -> Handler:
    """Answer ``code`` to the first ``failures`` requests, then behave like ``then``."""
    lock = threading.Lock()
    seen = {"n": 0}

    def handler(req: Request, srv: LocalServer) -> Reply:
        with lock:
            seen["n"] += 1
            n = seen["n"]
        if n <= failures:
            return Reply(code, b"temporarily broken", {"Content-Type": "text/plain"})
        return then(req, srv)

    return handler


def stall(seconds: float, then: Handler | None = None) -> Handler:
    """Wait before answering: with a short client timeout this is a stalled server."""

    def handler(req: Request, srv: LocalServer) -> Reply:
        srv.wait(seconds)
        return then(req, srv) if then else Reply(200, b"late", {"Content-Type": "text/plain"})

    return handler


def redirect(to: str, code: int = 302) -> Handler:
    """A redirect; ``to`` may use ``{{base}}``."""

    def handler(req: Request, srv: LocalServer) -> Reply:
        return Reply(code, b"", {"Location": srv.expand(to.encode()).decode()})

    return handler


def redirect_loop(other: str) -> Handler:
    """Redirects to ``other``, which should redirect back here: a loop with no end."""
    return redirect(other, 302)


def binary(size: int = 4096, content_type: str | None = "application/octet-stream") -> Handler:
    """Non-text bytes (e.g. a PDF or image served under an article URL)."""
    data = bytes((i * 7 + 3) % 256 for i in range(size))
    return page(data, content_type)


def junk(megabytes: float = 8, content_type: str = "text/html; charset=utf-8") -> Handler:
    """A multi-megabyte page of repeated junk markup (tests DOWNLOAD_MAXSIZE)."""
    data = b"<div>" + b"x" * int(megabytes * 1024 * 1024) + b"</div>"
    return page(data, content_type)


def gzipped(then: Handler) -> Handler:
    """Serve ``then``'s body gzip-compressed with Content-Encoding: gzip."""

    def handler(req: Request, srv: LocalServer) -> Reply:
        r = then(req, srv)
        return Reply(r.status, gzip.compress(r.body), {**r.headers, "Content-Encoding": "gzip"})

    return handler


def conditional(body: str | bytes, etag: str | None = '"v1"', last_modified: float | None = 1_700_000_000,
                content_type: str = "application/rss+xml; charset=utf-8") -> Handler:
    """A resource with validators: 304 when the client's If-None-Match / If-Modified-Since match."""
    data = _bytes(body)
    lm = formatdate(last_modified, usegmt=True) if last_modified is not None else None

    def handler(req: Request, srv: LocalServer) -> Reply:
        inm = req.headers.get("if-none-match")
        ims = req.headers.get("if-modified-since")
        fresh = False
        if etag and inm:
            fresh = etag in [t.strip() for t in inm.split(",")]
        elif lm and ims:
            try:
                fresh = parsedate_to_datetime(ims) >= parsedate_to_datetime(lm)
            except (TypeError, ValueError):
                fresh = False
        headers = {}
        if etag:
            headers["ETag"] = etag
        if lm:
            headers["Last-Modified"] = lm
        if fresh:
            return Reply(304, b"", headers)
        return Reply(200, srv.expand(data), {**headers, "Content-Type": content_type})

    return handler


def webhook(code: int = 200) -> Handler:
    """A receiver for POSTed JSON (notifications); read what arrived from ``server.requests_for(path)``."""
    return page("ok", "text/plain; charset=utf-8", status=code)


def robots(text: str) -> Handler:
    """A robots.txt."""
    return page(text, "text/plain; charset=utf-8")


# --- the server ---------------------------------------------------------------------------------


class _RequestHandler(BaseHTTPRequestHandler):
    server_version = "vnpolicy-test/1.0"
    protocol_version = "HTTP/1.1"

    def log_message(self, format, *args):  # noqa: A002 - quiet: tests read server.requests instead
        pass

    def _serve(self, head: bool = False) -> None:
        srv: LocalServer = self.server.owner  # type: ignore[attr-defined]
        headers = {k.lower(): v for k, v in self.headers.items()}
        length = int(headers.get("content-length") or 0)
        body = self.rfile.read(length) if length else b""
        req = Request(self.command, self.path, headers, body)
        srv.record(req)
        try:
            reply = srv.dispatch(req)
        except Exception as exc:  # a broken handler is a 500, never a hung test
            reply = Reply(500, f"handler error: {exc!r}".encode(), {"Content-Type": "text/plain"})
        try:
            self.send_response(reply.status)
            headers = {"Content-Length": str(len(reply.body)), **reply.headers}
            for k, v in headers.items():
                self.send_header(k, v)
            self.end_headers()
            if not head and reply.status not in (204, 304):
                self.wfile.write(reply.body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (timeout, max size): nothing to do

    def do_GET(self):  # noqa: N802 - http.server naming
        self._serve()

    def do_HEAD(self):  # noqa: N802
        self._serve(head=True)

    def do_POST(self):  # noqa: N802 - webhooks: the body is kept in server.requests
        self._serve()


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        import sys

        exc = sys.exc_info()[1]
        if isinstance(exc, (ConnectionError, TimeoutError, OSError)):
            return  # the client hung up (timeout, max size): expected in hostile tests
        super().handle_error(request, client_address)


class LocalServer:
    """A loopback server on a random port serving ``routes`` and, optionally, a directory."""

    def __init__(self, routes: dict[str, Handler] | None = None, root: str | Path | None = None,
                 host: str = "127.0.0.1"):
        self.routes: dict[str, Handler] = dict(routes or {})
        self.root = Path(root) if root else None
        self.requests: list[Request] = []
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._httpd = _Server((host, 0), _RequestHandler)
        self._httpd.owner = self  # type: ignore[attr-defined]
        self.port = self._httpd.server_address[1]
        self.base = f"http://{host}:{self.port}"
        self._thread: threading.Thread | None = None

    # lifecycle
    def start(self) -> LocalServer:
        self._thread = threading.Thread(target=self._httpd.serve_forever, name=f"httpserver:{self.port}",
                                        daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()  # wakes stalled handlers
        self._httpd.shutdown()
        self._httpd.server_close()

    def __enter__(self) -> LocalServer:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    # configuration
    def add(self, path: str, handler: Handler | str | bytes) -> str:
        """Add a route; a str/bytes body becomes an HTML page. Returns the full URL."""
        if not callable(handler):
            handler = page(handler)
        self.routes[path] = handler
        return self.url(path)

    def url(self, path: str = "/") -> str:
        return self.base + path

    def expand(self, data: bytes) -> bytes:
        return data.replace(PLACEHOLDER, self.base.encode())

    def wait(self, seconds: float) -> None:
        self._stop.wait(seconds)

    # bookkeeping
    def record(self, req: Request) -> None:
        with self._lock:
            self.requests.append(req)

    def hits(self, path: str | None = None) -> Counter | int:
        """Request counts by path (query included), or the count for one path."""
        with self._lock:
            counts = Counter(r.path for r in self.requests)
        return counts if path is None else counts.get(path, 0)

    def requests_for(self, path: str) -> list[Request]:
        with self._lock:
            return [r for r in self.requests if r.path == path]

    # dispatch
    def dispatch(self, req: Request) -> Reply:
        path = req.path
        if path in self.routes:
            return self.routes[path](req, self)
        bare = urlsplit(path).path
        if bare in self.routes:
            return self.routes[bare](req, self)
        if self.root is not None:
            return self._file(bare)
        return Reply(404, b"not found", {"Content-Type": "text/plain"})

    def _file(self, bare: str) -> Reply:
        root = self.root.resolve()
        target = (root / bare.lstrip("/")).resolve()
        if root not in target.parents and target != root:
            return Reply(403, b"outside root", {"Content-Type": "text/plain"})
        if target.is_dir():
            target = target / "index.html"
        if not target.is_file():
            return Reply(404, b"not found", {"Content-Type": "text/plain"})
        ctype = EXTENSION_TYPES.get(target.suffix) or mimetypes.guess_type(target.name)[0] or "text/html"
        data = target.read_bytes()
        if target.suffix != ".gz":
            data = self.expand(data)
        return Reply(200, data, {"Content-Type": ctype, "Last-Modified": formatdate(time.time(), usegmt=True)})


def serve(root: str | Path | None = None, routes: dict[str, Handler] | None = None) -> LocalServer:
    """Start a server and return it (call ``.stop()`` when done)."""
    return LocalServer(routes, root).start()
