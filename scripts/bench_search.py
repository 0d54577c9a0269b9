#!/usr/bin/env python3
"""Benchmark the site search: type each query of tests/search_queries.yml into the built site's search
box in Chromium, and print recall@5, MRR, empty results, foreign-language results and median latency
per language, then the queries that missed.

    .venv/bin/python scripts/bench_search.py                 # build into a temp dir, then measure
    .venv/bin/python scripts/bench_search.py --site /tmp/s-site --lang zh -v
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

import yaml
from qbank.harness import ROOT, launch_chromium, mkdocs_build, serve
from sitesearch.metrics import HOMES, score, summary
from sitesearch.searchbox import SearchBox


def build(site: Path) -> None:
    result = mkdocs_build(site, quiet=True)
    if result.returncode:
        sys.exit(f"mkdocs build failed:\n{result.stderr[-3000:]}")


def measure(url: str, queries: dict, langs: list[str], verbose: bool) -> dict:
    from playwright.sync_api import sync_playwright
    report = {}
    with sync_playwright() as p:
        browser = launch_chromium(p)
        for lang in langs:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            box = SearchBox(page).open(url + HOMES[lang])
            rows = []
            for q in queries[lang]:
                result = box.search(q["q"])
                rows.append(score(q["q"], q["expect"], result.paths, lang, result.latency_ms))
            report[lang] = summary(rows)
            for r in rows:
                if verbose or r.recall < 1 or r.foreign or not r.found:
                    print(f"  {lang} {r.query!r}: recall {r.recall:.2f} rr {r.reciprocal_rank:.2f} foreign {r.foreign} "
                          f"top5 {r.found[:5]} expect {r.expect}", file=sys.stderr)
            page.close()
        browser.close()
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, help="a built site (default: build one into a temp dir)")
    parser.add_argument("--queries", type=Path, default=ROOT / "tests" / "search_queries.yml")
    parser.add_argument("--lang", action="append", choices=sorted(HOMES), help="only this language (repeatable)")
    parser.add_argument("-v", "--verbose", action="store_true", help="list every query, not only the misses")
    args = parser.parse_args(argv)
    queries = yaml.safe_load(args.queries.read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        site = args.site or Path(tmp) / "site"
        if not args.site:
            build(site)
        with serve(site) as server:
            report = measure(server.url, queries, args.lang or sorted(HOMES, reverse=True), args.verbose)
    print(json.dumps(report, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
