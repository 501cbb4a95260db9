"""A real HTTP server on loopback serving a copy of the shared lists folder, laid out as a mirror
(`<list-id>/<file>`), that a test may alter: change a file, take one away, or make a path answer
with an error, slowly, or cut short. It answers conditional requests (ETag and Last-Modified,
304) as a publisher's server does, and logs every request.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.utils import formatdate, parsedate_to_datetime
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from listfiles import WATCHLISTS

# The lists the service knows; the other folders of the shared mirror are for loader tests.
MIRRORED = ("us-ofac-sdn", "us-ofac-cons", "un-sc", "uk-ofsi", "au-dfat", "ca-sema")


@dataclass(frozen=True)
class Request:
    path: str
    headers: dict[str, str]
    status: int


@dataclass
class Faults:
    """What a path answers instead of its file: an HTTP status, a delay, or a body cut short."""

    status: dict[str, int] = field(default_factory=dict)
    status_times: dict[str, int] = field(default_factory=dict)  # answer the status this often
    delay: dict[str, float] = field(default_factory=dict)
    cut_after: dict[str, int] = field(default_factory=dict)  # bytes sent of a full length


class MirrorServer:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.faults = Faults()
        self.requests: list[Request] = []
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"

    def start(self) -> None:
        threading.Thread(target=self._server.serve_forever, args=(0.05,), daemon=True).start()

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def file(self, list_id: str, name: str) -> Path:
        return self.root / list_id / name

    def replace(self, list_id: str, name: str, data: bytes) -> None:
        """A new release of a file: new content and a later modification time."""
        path = self.file(list_id, name)
        path.write_bytes(data)
        later = time.time() + 2
        os.utime(path, (later, later))

    def paths_requested(self) -> list[str]:
        with self._lock:
            return [request.path for request in self.requests]

    def clear(self) -> None:
        with self._lock:
            self.requests.clear()
        self.faults = Faults()

    def _log(self, request: Request) -> None:
        with self._lock:
            self.requests.append(request)

    def _handler(self) -> type[SimpleHTTPRequestHandler]:
        server = self

        class Handler(SimpleHTTPRequestHandler):
            def __init__(self, *args: Any, **kwargs: Any) -> None:
                super().__init__(*args, directory=str(server.root), **kwargs)

            def do_GET(self) -> None:
                path = self.path.split("?", 1)[0]
                faults = server.faults
                if path in faults.delay:
                    time.sleep(faults.delay[path])
                if path in faults.status and faults.status_times.get(path, 1) > 0:
                    faults.status_times[path] = faults.status_times.get(path, 1) - 1
                    server._log(Request(path, dict(self.headers.items()), faults.status[path]))
                    self.send_error(faults.status[path])
                    return
                local = server.root / path.lstrip("/")
                if not local.is_file():
                    server._log(Request(path, dict(self.headers.items()), 404))
                    self.send_error(404)
                    return
                data = local.read_bytes()
                etag = '"' + hashlib.sha256(data).hexdigest()[:16] + '"'
                modified = local.stat().st_mtime
                if self._not_modified(etag, modified):
                    server._log(Request(path, dict(self.headers.items()), 304))
                    self.send_response(304)
                    self.send_header("ETag", etag)
                    self.end_headers()
                    return
                server._log(Request(path, dict(self.headers.items()), 200))
                self.send_response(200)
                self.send_header("Content-Length", str(len(data)))
                self.send_header("ETag", etag)
                self.send_header("Last-Modified", formatdate(modified, usegmt=True))
                self.end_headers()
                cut = faults.cut_after.get(path)
                self.wfile.write(data if cut is None else data[:cut])
                if cut is not None:
                    self.close_connection = True

            def _not_modified(self, etag: str, modified: float) -> bool:
                if "If-None-Match" in self.headers:
                    return self.headers["If-None-Match"] == etag
                since = self.headers.get("If-Modified-Since")
                if since:
                    return int(modified) <= parsedate_to_datetime(since).timestamp()
                return False

            def log_message(self, format: str, *args: object) -> None:
                return

        return Handler


def copy_mirror(target: Path, list_ids: tuple[str, ...] = MIRRORED) -> Path:
    """A writable copy of the shared mirror's folders of `list_ids`."""
    for list_id in list_ids:
        shutil.copytree(WATCHLISTS / list_id, target / list_id, copy_function=shutil.copyfile)
    return target


@contextmanager
def serving_mirror(root: Path) -> Iterator[MirrorServer]:
    server = MirrorServer(root)
    server.start()
    try:
        yield server
    finally:
        server.stop()
