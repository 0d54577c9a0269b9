#!/usr/bin/env python3
"""Quality budget figures for the site (run by `make bench`; not a test). Issue 16.

Every speed or size figure is a ratio against an anchor built in the same run (the machine is shared and
noisy), printed next to its target with ok / over:

1. build CPU per page (user + sys of MkDocs and its children), ours / plain Material: a temporary copy of
   the project without what we add to the theme (hooks, custom_dir, extra CSS), same docs, same plugins;
2. ten times the questions (each question page copied 9 more times in its topic, both languages, in a
   temporary copy): build CPU, output bytes and the heaviest question page, 10x / 1x;
3. the first load of each measured page in Chromium (gzip bytes on the wire until the network is idle,
   search index included when the page loads it), and the time from typing a query into the search box
   to the first result, on a fresh page (the search index not loaded yet) and once it is loaded;
5. Lighthouse (package.json's, `npm ci`), mobile: median of five runs per page, with the total blocking
   time and the DOM size;
4. `mkdocs serve`: each of ten successive edits of one page until it is served (qbank.preview_bench).

    .venv/bin/python scripts/benchmark.py [--skip-scale] [--skip-lighthouse] [--skip-serve]
"""
from __future__ import annotations

import argparse
import gzip
import json
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from qbank import preview_bench
from qbank.harness import CHROMIUM, MKDOCS_ENV, ROOT, free_port, launch_chromium, mkdocs_build, serve_like_pages
from qbank.preview_bench import SERVE_ARGS
from qbank.pages import question_pages

PAGES = ["/", "/fundamentals/", "/fundamentals/attention-mechanism-explained/",
         "/en/", "/en/fundamentals/", "/en/fundamentals/attention-mechanism-explained/"]
EDITED_PAGE = ("docs/fundamentals/attention-mechanism-explained.md", "/fundamentals/attention-mechanism-explained/")
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
TARGETS = {
    "cpu_vs_material": 1.0,  # build CPU per page, ours / plain Material
    "scale": 10.5,           # build CPU and output bytes with ten times the questions, 10x / 1x
    "scale_question": 1.1,   # the heaviest question page, 10x / 1x
    "first_load_kib": 100,   # gzip, everything a page loads before any interaction
    "search_s": 1.0,         # typing a query until the first result
    "lighthouse": 98,
}
COPIES = 9  # ten times the questions: each question page and 9 copies
SEARCH_QUERIES = {"/": ("注意力", "微调"), "/en/": ("attention", "fine-tuning")}  # a cold, then a warm query
SEARCH_INPUT, SEARCH_RESULT = "input.md-search__input", ".md-search-result__item"
CHROME_FLAGS = "--headless --no-sandbox --disable-gpu --disable-background-networking"
ENV = MKDOCS_ENV
SEARCH_INDEX = re.compile(r"/search/[a-z]{2}\.json(\?|$)")  # the index of a language (search_index.json: settings)
PROJECT = ("docs", "overrides", "scripts", "data")
IGNORE = shutil.ignore_patterns("__pycache__", ".*.tmp", ".cache")


# ---------------------------------------------------------------- builds ----

@dataclass
class Build:
    cpu: float  # seconds of user + sys CPU, MkDocs and its children
    wall: float
    pages: int  # HTML files written
    size: int  # bytes of every file written
    heaviest: tuple[int, str]  # bytes and URL of the largest question page


def copy_project(dest: Path, copies: int = 0) -> Path:
    """A copy of the project's site sources in `dest`; with `copies`, each question page (both languages)
    copied that many more times in its topic under new ids and slugs, and the generated files rewritten."""
    for part in PROJECT:
        shutil.copytree(ROOT / part, dest / part, ignore=IGNORE)
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    if copies:
        docs = dest / "docs"
        for question in question_pages(docs):
            for source in (docs / question.path, (docs / question.path).with_suffix(".en.md")):
                if source.is_file():
                    text = source.read_text(encoding="utf-8")
                    stem, suffix = source.name.split(".", 1)
                    for n in range(2, copies + 2):
                        slug = f"{stem}-copy{n}"
                        source.with_name(f"{slug}.{suffix}").write_text(
                            re.sub(r"^id: .*$", f"id: {slug}", text, count=1, flags=re.M), encoding="utf-8")
        generate = subprocess.run([sys.executable, str(ROOT / "scripts" / "generate.py"), "--docs", str(docs)],
                                  capture_output=True, text=True, env=ENV)
        if generate.returncode:
            sys.exit(f"generate.py failed on the copy:\n{generate.stdout}{generate.stderr}")
    return dest


def plain_material(project: Path) -> Path:
    """The anchor: the project's mkdocs.yml without what we add to Material (hooks, custom_dir, extra CSS);
    same theme features, plugins (search with jieba, static-i18n), Markdown extensions and docs (a page that
    names one of our templates gets Material's)."""
    for page in (project / "docs").rglob("*.md"):
        text = page.read_text(encoding="utf-8")
        if text.startswith("---\n") and re.search(r"^template: ", text, flags=re.M):
            page.write_text(re.sub(r"^template: .*\n", "", text, count=1, flags=re.M), encoding="utf-8")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    for block in ("hooks", "extra_css"):
        text = re.sub(rf"^{block}:\n(?:[ \t]+.*\n)*", "", text, flags=re.M)
    text = re.sub(r"^[ \t]+custom_dir:.*\n", "", text, flags=re.M)
    if re.search(r"^(hooks|extra_css):|custom_dir:", text, flags=re.M):
        sys.exit("benchmark: could not take hooks, custom_dir and extra_css out of mkdocs.yml")
    config.write_text(text, encoding="utf-8")
    return project


def git_env(project: Path) -> dict[str, str]:
    """Lets the copy's build read the project's git history (last-updated dates), read-only."""
    git_dir = subprocess.run(["git", "rev-parse", "--absolute-git-dir"], cwd=ROOT, capture_output=True, text=True)
    return {"GIT_DIR": git_dir.stdout.strip(), "GIT_WORK_TREE": str(project)} if git_dir.returncode == 0 else {}


def build(project: Path, site: Path, site_url: str, strict: bool = True) -> Build:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = mkdocs_build(site, project / "mkdocs.yml", strict=strict, quiet=True,
                          env={"SITE_URL": site_url, **git_env(project)})
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode:
        sys.exit(f"mkdocs build of {project} failed:\n{result.stderr[-3000:]}")
    files = [f for f in site.rglob("*") if f.is_file()]
    docs = project / "docs"
    questions = [q.path.with_suffix("") for q in question_pages(docs)]
    pages = [site / q / "index.html" for q in questions] + [site / "en" / q / "index.html" for q in questions]
    heaviest = max((p.stat().st_size, "/" + p.parent.relative_to(site).as_posix() + "/") for p in pages
                   if p.is_file())
    return Build(cpu=after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime, wall=wall,
                 pages=sum(1 for f in files if f.suffix == ".html"), size=sum(f.stat().st_size for f in files),
                 heaviest=heaviest)


# ---------------------------------------------------------------- in Chromium ----

def first_loads(base: str) -> dict[str, tuple[int, bool]]:
    """Bytes on the wire (headers + encoded bodies) of a first visit to each page until the network is idle,
    and whether the search index was among them."""
    from playwright.sync_api import sync_playwright

    sizes = {}
    with sync_playwright() as p:
        browser = launch_chromium(p)
        for path in PAGES:
            context = browser.new_context()
            finished = []
            context.on("requestfinished", lambda request: finished.append(request))
            page = context.new_page()
            page.goto(base + path, wait_until="networkidle")
            page.wait_for_timeout(2000)  # what a page fetches when idle counts too
            total = 0
            for request in finished:
                s = request.sizes()
                total += s["responseBodySize"] + s["responseHeadersSize"]
            sizes[path] = total, any(SEARCH_INDEX.search(r.url) for r in finished)
            context.close()
        browser.close()
    return sizes


def search_latency(base: str) -> dict[str, tuple[float, float]]:
    """Seconds from the first key of a query typed into the search box to the first result shown, on a
    freshly loaded page (cold: whatever the search still has to fetch), then for a second query (warm)."""
    from playwright.sync_api import sync_playwright

    times = {}
    with sync_playwright() as p:
        browser = launch_chromium(p)
        for home, queries in SEARCH_QUERIES.items():
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            page = context.new_page()
            page.goto(base + home, wait_until="networkidle")
            box = page.locator(SEARCH_INPUT)
            box.click()
            seconds = []
            for query in queries:
                box.press("Control+a")
                box.press("Backspace")  # a person clears the box; the results go
                page.wait_for_selector(SEARCH_RESULT, state="detached")
                start = time.perf_counter()
                page.keyboard.type(query)
                box.press("End")  # typed CJK text sends no key events; Material searches on keyup
                page.wait_for_selector(SEARCH_RESULT, timeout=30_000)
                seconds.append(time.perf_counter() - start)
            times[home] = tuple(seconds)
            context.close()
        browser.close()
    return times


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


# ---------------------------------------------------------------- Lighthouse ----

def lighthouse(url: str, runs: int) -> dict:
    """Median of each category's score over `runs` runs (Lighthouse's own advice against run-to-run noise),
    with the median total blocking time and DOM size, and the audits scoring below 0.9 in any run."""
    reports = [_lighthouse_once(url) for _ in range(runs)]
    scores = {c: statistics.median(r[c] for r in reports) for c in [*CATEGORIES, "tbt_ms", "dom"]}
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
    scores = {c: report["categories"][c]["score"] * 100 for c in CATEGORIES}
    scores["tbt_ms"] = report["audits"]["total-blocking-time"]["numericValue"]
    scores["dom"] = report["audits"]["dom-size"]["numericValue"]
    scores["_below_0.9"] = [f"{a['id']} ({a['score']})" for a in report["audits"].values()
                            if a.get("scoreDisplayMode") in ("binary", "numeric", "metricSavings")
                            and a.get("score") is not None and a["score"] < 0.9]
    return scores


def verdict(ok: bool) -> str:
    return "ok" if ok else "over"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--skip-scale", action="store_true", help="no build with ten times the questions")
    parser.add_argument("--skip-lighthouse", action="store_true")
    parser.add_argument("--skip-serve", action="store_true")
    parser.add_argument("--lighthouse-runs", type=int, default=5, help="runs per page; the median is shown")
    parser.add_argument("--serve-args", default=" ".join(SERVE_ARGS),
                        help=f"arguments for `mkdocs serve` (default, as `make serve`: {' '.join(SERVE_ARGS)})")
    parser.add_argument("--full-reload", action="store_true",
                        help="also time `mkdocs serve` without --dirty (a full rebuild of both languages)")
    args = parser.parse_args(argv)
    missed = 0

    def figure(name: str, value: float, unit: str, target: float, note: str = "", at_least: bool = False) -> None:
        nonlocal missed
        shown = verdict(value >= target if at_least else value <= target)
        missed += shown != "ok"
        print(f"{name:<34} {value:9.2f} {unit:<4} target {'>=' if at_least else '<='} {target:<6} {shown:<4} {note}")

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryDirectory(prefix="q-bench-") as tmp:
        tmp = Path(tmp)
        ours = build(copy_project(tmp / "ours"), tmp / "site", base + "/")
        anchor = build(plain_material(copy_project(tmp / "material")), tmp / "material-site", base + "/", strict=False)
        for name, b in (("ours", ours), ("plain Material", anchor)):
            print(f"build, {name:<15} {b.cpu:7.2f} s CPU  {b.wall:6.2f} s wall  {b.pages} HTML pages  "
                  f"{b.size / 2**20:6.1f} MiB  {b.cpu * 1000 / b.pages:5.1f} ms CPU per page")
        figure("1. build CPU per page, ours/Material", (ours.cpu / ours.pages) / (anchor.cpu / anchor.pages), "x",
               TARGETS["cpu_vs_material"])
        if not args.skip_scale:
            big = build(copy_project(tmp / "ten", COPIES), tmp / "ten-site", base + "/")
            print(f"build, 10x questions    {big.cpu:7.2f} s CPU  {big.wall:6.2f} s wall  {big.pages} HTML pages  "
                  f"{big.size / 2**20:6.1f} MiB  {big.cpu * 1000 / big.pages:5.1f} ms CPU per page")
            figure("2. build CPU, 10x/1x questions", big.cpu / ours.cpu, "x", TARGETS["scale"])
            figure("2. output bytes, 10x/1x questions", big.size / ours.size, "x", TARGETS["scale"])
            figure("2. heaviest question page, 10x/1x", big.heaviest[0] / ours.heaviest[0], "x",
                   TARGETS["scale_question"], f"{big.heaviest[0] / 1024:.1f} KiB {big.heaviest[1]}, "
                   f"1x: {ours.heaviest[0] / 1024:.1f} KiB {ours.heaviest[1]}")
            shutil.rmtree(tmp / "ten-site")

        with serve_like_pages(tmp / "site", port):
            loads = first_loads(base)
            for path, (size, with_index) in loads.items():
                figure(f"3. first load {path}", size / 1024, "KiB", TARGETS["first_load_kib"],
                       "gzip, search index loaded" if with_index else "gzip, search index not loaded")
            sizes, source = search_index_sizes(tmp / "site")
            for lang, size in sizes.items():
                print(f"search index ({lang})   {size / 1024:7.1f} KiB gzip   ({source})")
            for home, (cold, warm) in search_latency(base).items():
                figure(f"3. search, first query {home}", cold, "s", TARGETS["search_s"], "typing to first result")
                figure(f"3. search, next query {home}", warm, "s", TARGETS["search_s"], "index loaded")
            if not args.skip_lighthouse:
                print(f"5. Lighthouse, mobile, median of {args.lighthouse_runs} runs; target >= "
                      f"{TARGETS['lighthouse']} in {', '.join(CATEGORIES)}")
                for path in PAGES:
                    try:
                        s = lighthouse(base + path, args.lighthouse_runs)
                    except FileNotFoundError as e:  # Lighthouse is an npm package: `make bench` installs it
                        print(f"5. Lighthouse: not measured: {e}")
                        missed += 1
                        break
                    low = min(s[c] for c in CATEGORIES)
                    figure(f"5. Lighthouse {path}", low, "min", TARGETS["lighthouse"],
                           "  ".join(f"{c} {s[c]:.0f}" for c in CATEGORIES) +
                           f"  TBT {s['tbt_ms']:.0f} ms  DOM {s['dom']:.0f}", at_least=True)
                    if low < TARGETS["lighthouse"]:
                        print(f"        audits below 0.9: {', '.join(s['_below_0.9']) or '-'}")

    if not args.skip_serve:
        missed += preview_bench.report(args.serve_args.split(), full_reload=args.full_reload)
    print(f"targets missed: {missed}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
