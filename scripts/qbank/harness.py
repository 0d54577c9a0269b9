"""One harness for the tests and the benchmarks (issue 11): build the site with MkDocs, serve a built site on
127.0.0.1, and launch Debian's Chromium through Playwright.

`serve()` serves plain files by default, as the tests always have; `gzip=True, not_found_page=True` and a
`Cache-Control` header make it behave like GitHub Pages (what the benchmark measures).
"""
from __future__ import annotations

import functools
import gzip as gzip_module
import http.server
import os
import socket
import subprocess
import sys
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]
MKDOCS_ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
COMPRESSIBLE = (".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".map")
PAGES_HEADERS = {"Cache-Control": "max-age=600"}  # what GitHub Pages sends with every file


def mkdocs_command(site_dir: Path, config: Path = ROOT / "mkdocs.yml", *, strict: bool = True,
                   quiet: bool = False) -> list[str]:
    """The `mkdocs build` command line that builds `config` into `site_dir`."""
    return [sys.executable, "-m", "mkdocs", "build", "-f", str(config), "-d", str(site_dir),
            "--strict" if strict else "--no-strict", *(["-q"] if quiet else [])]


def mkdocs_build(site_dir: Path, config: Path = ROOT / "mkdocs.yml", *, strict: bool = True, quiet: bool = False,
                 env: dict | None = None) -> subprocess.CompletedProcess:
    """Build `config` into `site_dir`, from the project folder; output captured, never raises."""
    return subprocess.run(mkdocs_command(site_dir, config, strict=strict, quiet=quiet), cwd=ROOT,
                          capture_output=True, text=True, env={**MKDOCS_ENV, **(env or {})})


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """A built site's files, quietly. Options (set by serve()): gzip text files when the client accepts it,
    answer a missing path with the site's 404.html and status 404, extra headers on every answer."""

    gzip = False
    not_found_page = False
    extra_headers: dict[str, str] = {}

    def log_message(self, *args):
        pass

    def end_headers(self):
        for name, value in self.extra_headers.items():
            self.send_header(name, value)
        super().end_headers()

    def send_head(self):
        if not self.gzip:
            return super().send_head()
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # redirect to the slash form
            path = path / "index.html"
        if not path.is_file():
            self.send_error(404)
            return None
        self._send_file(200, path)
        return None

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code != 404 or not self.not_found_page or not page.is_file():
            return super().send_error(code, message, explain)
        self._send_file(404, page)

    def _send_file(self, status: int, path: Path) -> None:
        body = path.read_bytes()
        encode = self.gzip and path.suffix in COMPRESSIBLE and "gzip" in self.headers.get("Accept-Encoding", "")
        if encode:
            body = gzip_module.compress(body, 6)
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8" if status == 404 else self.guess_type(str(path)))
        if encode:
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


class Server:
    """A running static server; `url` has no trailing slash. Use as a context manager or call shutdown()."""

    def __init__(self, httpd: http.server.ThreadingHTTPServer):
        self.httpd = httpd
        self.url = f"http://127.0.0.1:{httpd.server_address[1]}"

    def shutdown(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def __enter__(self) -> "Server":
        return self

    def __exit__(self, *exc) -> None:
        self.shutdown()


def serve(site: Path, *, port: int = 0, gzip: bool = False, not_found_page: bool = False,
          headers: dict[str, str] | None = None) -> Server:
    """Serve `site` on 127.0.0.1 (a free port unless `port` is given) in a background thread."""
    handler = type("Handler", (SiteHandler,), {"gzip": gzip, "not_found_page": not_found_page,
                                               "extra_headers": dict(headers or {})})
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", port), functools.partial(handler, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return Server(httpd)


def serve_like_pages(site: Path, port: int = 0) -> Server:
    """As GitHub Pages serves a site: gzip, its 404 page for a missing path, Cache-Control."""
    return serve(site, port=port, gzip=True, not_found_page=True, headers=PAGES_HEADERS)


def free_port() -> int:
    """A TCP port free on 127.0.0.1 now (for a server started by another process, e.g. `mkdocs serve`)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def launch_chromium(playwright, args: list[str] | None = None):
    """Debian's Chromium (`playwright install` is not used), with the flags every test and benchmark needs."""
    if not Path(CHROMIUM).exists():
        raise FileNotFoundError(f"{CHROMIUM} is missing: run 'make browser' (Debian package chromium)")
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS + list(args or []))
