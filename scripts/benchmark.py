#!/usr/bin/env python3
"""Quality budget figures for the site (run by `make bench`; not a test).

Builds the whole bilingual site, serves it on 127.0.0.1 with gzip (as GitHub Pages does) and prints:
build time, pages, ms per page, heaviest first page load (gzip, without the search index), the search
index per language (gzip), Lighthouse scores for the home, a topic and a question page in both
languages, and how long `mkdocs serve` takes to show each of ten successive edits of one page
(qbank.preview_bench). Each figure is printed next to its target. Lighthouse comes from the project's
package.json (`npm ci`).

    .venv/bin/python scripts/benchmark.py [--skip-lighthouse] [--skip-serve] [--serve-args=--dirty]
"""
from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from qbank import preview_bench
from qbank.preview_bench import SERVE_ARGS, free_port

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
CHROME_FLAGS = "--headless --no-sandbox --disable-gpu --disable-background-networking"
PAGES = ["/", "/fundamentals/", "/fundamentals/attention-mechanism-explained/",
         "/en/", "/en/fundamentals/", "/en/fundamentals/attention-mechanism-explained/"]
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
TARGETS = {"lighthouse": 98, "first_load_kib": 250, "ms_per_page": 15}
COMPRESSIBLE = (".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".map")
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
SEARCH_INDEX = re.compile(r"/search/[^/?]+\.json(\?|$)")  # search_index.json, or one index per language


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, gzip-encoded for text types when the client accepts it; 404.html for misses."""

    def log_message(self, *args):
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # redirect to the slash form
            path = path / "index.html"
        status = 200
        if not path.is_file():
            path, status = Path(self.directory) / "404.html", 404
        body = path.read_bytes()
        gzipped = path.suffix in COMPRESSIBLE and "gzip" in self.headers.get("Accept-Encoding", "")
        if gzipped:
            body = gzip.compress(body, 6)
        self.send_response(status)
        self.send_header("Content-Type", self.guess_type(str(path)))
        if gzipped:
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")  # as GitHub Pages sends
        self.end_headers()
        self.wfile.write(body) if self.command != "HEAD" else None
        return None


def serve(site: Path, port: int) -> http.server.ThreadingHTTPServer:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), functools.partial(GzipHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def build(site: Path, site_url: str) -> tuple[float, int]:
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)], cwd=ROOT,
                            env={**ENV, "SITE_URL": site_url}, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if result.returncode:
        sys.exit(f"mkdocs build failed:\n{result.stderr[-3000:]}")
    return seconds, sum(1 for _ in site.rglob("*.html"))


def first_loads(base: str) -> dict[str, int]:
    """Bytes on the wire (headers + encoded bodies) for a first visit to each page, search index left out."""
    from playwright.sync_api import sync_playwright

    sizes = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu",
                                                                    "--disable-background-networking"])
        for path in PAGES:
            context = browser.new_context()
            page = context.new_page()
            finished = []
            page.on("requestfinished", lambda request: finished.append(request))
            page.goto(base + path, wait_until="networkidle")
            total = 0
            for request in finished:
                if SEARCH_INDEX.search(request.url):
                    continue
                s = request.sizes()
                total += s["responseBodySize"] + s["responseHeadersSize"]
            sizes[path] = total
            context.close()
        browser.close()
    return sizes


def search_index_sizes(site: Path) -> tuple[dict[str, int], str]:
    """Gzip bytes of the search index of each language: search/<lang>.json where the site writes one per
    language, else the single search_index.json split by location (en/ or not)."""
    folder = site / "search"
    own = {lang: folder / f"{lang}.json" for lang in ("zh", "en")}
    if all(path.is_file() for path in own.values()):
        return {lang: len(gzip.compress(path.read_bytes(), 6)) for lang, path in own.items()}, "search/<lang>.json"
    index = json.loads((folder / "search_index.json").read_text(encoding="utf-8"))
    parts = {"zh": [], "en": []}
    for doc in index["docs"]:
        parts["en" if doc["location"].startswith("en/") else "zh"].append(doc)
    return {lang: len(gzip.compress(json.dumps({"config": index["config"], "docs": docs}, ensure_ascii=False,
                                               separators=(",", ":")).encode(), 6))
            for lang, docs in parts.items()}, "search_index.json split by location"


def lighthouse(url: str, runs: int) -> dict[str, int]:
    """Median score of each category over `runs` runs (Lighthouse's own advice against run-to-run noise)."""
    reports = [_lighthouse_once(url) for _ in range(runs)]
    scores = {c: int(statistics.median(r[c] for r in reports)) for c in CATEGORIES}
    scores["_below_0.9"] = sorted({a for r in reports for a in r["_below_0.9"]})
    return scores


def _lighthouse_once(url: str) -> dict:
    binary = ROOT / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        raise FileNotFoundError("node_modules/.bin/lighthouse is missing: run `npm ci` (make bench does)")
    result = subprocess.run([str(binary), url, "--quiet", "--output=json", "--output-path=stdout",
                             f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={CHROME_FLAGS}"],
                            env={**ENV, "CHROME_PATH": CHROMIUM}, capture_output=True, text=True, timeout=300)
    if result.returncode:
        raise RuntimeError(f"lighthouse failed on {url}: {result.stderr[-2000:]}")
    report = json.loads(result.stdout)
    scores = {c: round(report["categories"][c]["score"] * 100) for c in CATEGORIES}
    failed = [f"{a['id']} ({a['score']})" for a in report["audits"].values()
              if a.get("scoreDisplayMode") in ("binary", "numeric", "metricSavings") and a.get("score") is not None
              and a["score"] < 0.9]
    scores["_below_0.9"] = failed
    return scores


def verdict(ok: bool) -> str:
    return "ok" if ok else "MISSED"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--skip-lighthouse", action="store_true")
    parser.add_argument("--skip-serve", action="store_true")
    parser.add_argument("--lighthouse-runs", type=int, default=3, help="runs per page; the median is shown")
    parser.add_argument("--serve-args", default=" ".join(SERVE_ARGS),
                        help=f"arguments for `mkdocs serve` (default, as `make serve`: {' '.join(SERVE_ARGS)})")
    parser.add_argument("--full-reload", action="store_true",
                        help="also time `mkdocs serve` without --dirty (a full rebuild of both languages)")
    args = parser.parse_args(argv)
    missed = 0

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryDirectory(prefix="q-bench-") as tmp:
        site = Path(tmp) / "site"
        seconds, pages = build(site, base + "/")
        ms = seconds * 1000 / pages
        missed += ms > TARGETS["ms_per_page"]
        print(f"build time          {seconds:7.2f} s   ({pages} HTML pages, both languages)")
        ok = ms <= TARGETS["ms_per_page"]
        print(f"ms per page         {ms:7.1f} ms  target <= {TARGETS['ms_per_page']} ms   {verdict(ok)}")

        server = serve(site, port)
        try:
            loads = first_loads(base)
            heaviest = max(loads, key=loads.get)
            kib = loads[heaviest] / 1024
            missed += kib > TARGETS["first_load_kib"]
            ok = kib <= TARGETS["first_load_kib"]
            print(f"first load          {kib:7.1f} KiB gzip, heaviest of {len(loads)} pages ({heaviest}), without the "
                  f"search index; target <= {TARGETS['first_load_kib']} KiB   {verdict(ok)}")
            for path, size in loads.items():
                print(f"    {size / 1024:7.1f} KiB  {path}")
            sizes, source = search_index_sizes(site)
            for lang, size in sizes.items():
                print(f"search index ({lang})   {size / 1024:7.1f} KiB gzip   ({source})")

            if not args.skip_lighthouse:
                print(f"lighthouse          target >= {TARGETS['lighthouse']} in {', '.join(CATEGORIES)} "
                      f"(median of {args.lighthouse_runs} runs, mobile emulation, simulated throttling)")
                for path in PAGES:
                    scores = lighthouse(base + path, args.lighthouse_runs)
                    low = [c for c in CATEGORIES if scores[c] < TARGETS["lighthouse"]]
                    missed += bool(low)
                    shown = "  ".join(f"{c} {scores[c]:3d}" for c in CATEGORIES)
                    print(f"    {shown}   {verdict(not low)}  {path}")
                    if low:
                        print(f"        audits below 0.9: {', '.join(scores['_below_0.9']) or '-'}")
        finally:
            server.shutdown()

    if not args.skip_serve:
        missed += preview_bench.report(args.serve_args.split(), full_reload=args.full_reload)
    print(f"targets missed: {missed}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
