#!/usr/bin/env python3
"""Benchmark the site search: type each query of the query sets into the built site's search box in
Chromium, and print per set, language and category: recall@1, recall@5, MRR, empty results (covered
topics), results in the other language, honest answers to topics no page covers (honest: no result; told:
no result, or a word of the query named as on no page above the results) and median latency;
then issue #15's acceptance check per language (ok / FAIL), and the queries that missed on stderr.

    .venv/bin/python scripts/bench_search.py                 # build into a temp dir; main, holdout, acceptance sets
    .venv/bin/python scripts/bench_search.py --site /tmp/s-site --queries tests/search_queries.yml --lang zh -v

A result is a result item in Material's list (`.md-search-result__item`): a page that shows a message
instead of items counts as empty.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

import yaml
from qbank.data import load
from qbank.harness import ROOT, launch_chromium, mkdocs_build, serve
from sitesearch.metrics import HOMES, OVERALL, UNCOVERED, acceptance, by_category, score
from sitesearch.searchbox import SearchBox

SETS = [ROOT / "tests" / f"search_queries{suffix}.yml"
        for suffix in ("", "_holdout", "_acceptance", "_acceptance2", "_acceptance3", "_acceptance4",
                       "_acceptance5", "_acceptance6")]
COLUMNS = ["queries", "recall@1", "recall@5", "mrr", "empty", "foreign", "honest", "told", "median_ms"]


class QueryFileError(Exception):
    pass


def load_set(path: Path) -> dict[str, list[dict]]:
    """A query set: for each language, queries {q, expect: [page ids] or `none`, category?}."""
    if not path.is_file():
        raise QueryFileError(f"{path}: no such file")
    try:
        data = load(path)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark else str(path)
        raise QueryFileError(f"{where}: not valid YAML ({getattr(e, 'problem', e)}) — fix the quoting") from None
    if not isinstance(data, dict) or not any(lang in data for lang in HOMES):
        raise QueryFileError(f"{path}: no `zh:` or `en:` list of queries")
    text = path.read_text(encoding="utf-8").splitlines()
    for lang in (lang for lang in HOMES if lang in data):
        for n, q in enumerate(data[lang] or [], 1):
            q = q if isinstance(q, dict) else {}
            expect = q.get("expect")
            pages = isinstance(expect, list) and expect and all(isinstance(p, str) for p in expect)
            good = isinstance(q.get("q"), str) and q["q"].strip() and (expect == UNCOVERED or pages)
            if not good:
                line = next((i for i, t in enumerate(text, 1) if q.get("q") and str(q["q"]) in t), None)
                where = f"{path}:{line}" if line else f"{path}: {lang} query {n}"
                raise QueryFileError(f"{where}: a query needs `q: text` and `expect: [page ids]` or `expect: none`")
    return {lang: data.get(lang) or [] for lang in HOMES}


def build(site: Path) -> None:
    result = mkdocs_build(site, quiet=True)
    if result.returncode:
        sys.exit(f"mkdocs build failed:\n{result.stderr[-3000:]}")


def measure(url: str, sets: dict[str, dict], langs: list[str], verbose: bool) -> dict[str, dict[str, list]]:
    """{set name: {language: scored rows}}; one page per language, its index loaded once for all sets."""
    from playwright.sync_api import sync_playwright
    rows: dict[str, dict[str, list]] = {name: {} for name in sets}
    with sync_playwright() as p:
        browser = launch_chromium(p)
        for lang in langs:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            box = SearchBox(page).open(url + HOMES[lang])
            for name, queries in sets.items():
                scored = rows[name][lang] = []
                for q in queries[lang]:
                    result = box.search(q["q"])
                    told = q["expect"] == UNCOVERED and bool(result.paths) and bool(box.missing())
                    scored.append(score(q["q"], q["expect"], result.paths, lang, result.latency_ms,
                                        q.get("category", "-"), told))
                for r in scored:
                    if verbose or not r.ok:
                        what = (f"recall@5 {r.recall:.2f} rr {r.reciprocal_rank:.2f}" if r.covered
                                else "uncovered, honest" if not r.found
                                else "uncovered, not empty, a word named as on no page" if r.told
                                else "uncovered, not empty")
                        print(f"  {name} {lang} [{r.category}] {r.query!r}: {what} foreign {r.foreign} "
                              f"top5 {r.found[:5]} expect {r.expect or UNCOVERED}", file=sys.stderr)
            page.close()
        browser.close()
    return rows


def table(name: str, report: dict[str, dict[str, dict]]) -> str:
    """A Markdown table: one row per language and category, then the language's overall row."""
    head = ["set", "lang", "category", *COLUMNS]
    lines = ["| " + " | ".join(head) + " |", "|" + " --- |" * len(head)]
    for lang, categories in report.items():
        for category, figures in categories.items():
            shown = {**figures, **{c: f"{figures[c]}/{figures['uncovered']}" if figures["uncovered"] else None
                                   for c in ("honest", "told")}}
            cells = [name, lang, f"**{category}**" if category == OVERALL else category]
            cells += ["–" if shown[c] is None else str(shown[c]) for c in COLUMNS]
            lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, help="a built site (default: build one into a temp dir)")
    parser.add_argument("--queries", type=Path, action="append",
                        help="a query set (repeatable; default: main, holdout and acceptance sets of tests/)")
    parser.add_argument("--lang", action="append", choices=sorted(HOMES), help="only this language (repeatable)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON instead of tables")
    parser.add_argument("--check", action="store_true", help="exit 1 when an acceptance check fails")
    parser.add_argument("-v", "--verbose", action="store_true", help="list every query, not only the misses")
    args = parser.parse_args(argv)
    paths = {p.stem.removeprefix("search_queries").lstrip("_") or "main": p
             for p in args.queries or [p for p in SETS if p.exists()]}
    try:
        sets = {name: load_set(path) for name, path in paths.items()}
    except (QueryFileError, OSError) as e:
        print(f"bench-search: {e}", file=sys.stderr)
        return 1
    langs = args.lang or sorted(HOMES, reverse=True)
    with tempfile.TemporaryDirectory() as tmp:
        site = args.site or Path(tmp) / "site"
        if not args.site:
            build(site)
        with serve(site) as server:
            rows = measure(server.url, sets, langs, args.verbose)
    reports = {name: {lang: by_category(r) for lang, r in per_lang.items()} for name, per_lang in rows.items()}
    if args.json:
        print(json.dumps(reports, ensure_ascii=False, indent=2))
    out = sys.stderr if args.json else sys.stdout
    failed = False
    for name, report in reports.items():
        if not args.json:
            print(f"\n{name} ({paths[name].name})\n\n{table(name, report)}\n")
        for lang, categories in report.items():
            checks = acceptance(categories[OVERALL])
            passed = all(ok for _, ok in checks)
            failed |= not passed
            details = "; ".join(f"{what}: {'ok' if ok else 'FAIL'}" for what, ok in checks)
            print(f"{name} set, {lang}: acceptance {'ok' if passed else 'FAIL'} ({details})", file=out)
    return 1 if failed and args.check else 0


if __name__ == "__main__":
    sys.exit(main())
