#!/usr/bin/env python3
"""Import source articles: one Chinese page per question, plus topic and home page lists.

    python scripts/split_articles.py                 # every article in sources/
    python scripts/split_articles.py sources/003_*.txt --dry-run

Idempotent: a second run changes nothing. A page edited after import is never overwritten.
Bad input (unreadable file, no question, unbalanced code fence) stops with file:line and
writes nothing.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path


from qbank.build import Catalogue, build_catalogue
from qbank.classify import Taxonomy, Vocabulary
from qbank.model import Article, InputError
from qbank.parse import parse_article
from qbank.write import Plan, apply, load_manifest, plan_import

ROOT = Path(__file__).resolve().parents[1]
ARTICLE_SUFFIXES = (".txt", ".md")


def read_article(path: Path) -> Article:
    try:
        raw = path.read_bytes()
    except OSError as e:
        raise InputError(str(path), 1, f"cannot read the file: {e.strerror}") from e
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        raise InputError(str(path), line, "not valid UTF-8 text; save the article as UTF-8") from e
    return parse_article(path.name, text)


def article_paths(args: list[str]) -> list[Path]:
    if args:
        return [Path(a) for a in args]
    return sorted(p for p in (ROOT / "sources").iterdir() if p.suffix in ARTICLE_SUFFIXES)


def report(articles: list[Article], cat: Catalogue, plan: Plan, seconds: float, dry_run: bool) -> str:
    out = ["# Import report" + (" (dry run: nothing written)" if dry_run else ""), ""]
    out.append(f"Articles read: {len(articles)}")
    for a in articles:
        out.append(f"- {a.name}: {a.line_count} lines, {len(a.occurrences)} questions, {len(a.dropped)} lines dropped")
    total = sum(len(a.occurrences) for a in articles)
    out += ["", f"Questions found: {total} occurrences -> {len(cat.questions)} pages", ""]
    statuses = ("written", "updated", "moved", "unchanged", "kept (edited after import)",
                "skipped (deleted after import)", "restored (empty or cut short by an interrupted run)",
                "given a distinct slug (slug of another question)")
    for status in statuses:
        items = plan.status.get(status, [])
        out.append(f"Pages {status}: {len(items)}")
        if status.startswith(("kept", "skipped", "restored", "given")) or (status != "unchanged" and len(items) <= 20):
            out += [f"  - {item}" for item in items]
    index = {s: len(plan.status.get(f"index {s}", [])) for s in ("written", "updated", "unchanged")}
    out.append("Index pages (topic lists, home): " + ", ".join(f"{n} {s}" for s, n in index.items()))
    out += ["", f"Merged duplicates: {len(cat.merged)}"]
    for q in cat.merged:
        where = ", ".join(f"{o.article} #{o.number}" for o in q.occurrences)
        out.append(f"  - {q.path}: {q.title} ({where})")
    out += ["", f"Near duplicates (kept apart, linked under 相关问题): {len(cat.near)}"]
    out += [f"  - {a.path} ~ {b.path} ({score:.2f})" for a, b, score in cat.near]
    if cat.unclassified:
        out += ["", f"No topic rule matched (put in '{cat.unclassified[0].topic}'; add a keyword to data/topics.yml):"]
        out += [f"  - {q.path}: {q.title}" for q in cat.unclassified]
    if cat.unnamed:
        out += ["", "No English title in data/titles_en.yml (pinyin slug used; add an entry to get a readable one):"]
        out += [f"  - {q.path}: {q.title}" for q in cat.unnamed]
    dropped = [d for a in articles for d in a.dropped]
    out += ["", f"Lines in no page: {len(dropped)}"]
    out += [f"  - {d.article}:{d.line}: [{d.reason}] {d.text.strip()[:70]}" for d in dropped]
    out += ["", f"Time: {seconds:.2f} s"]
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("articles", nargs="*", help="article files (default: every .txt/.md file in sources/)")
    parser.add_argument("--docs", type=Path, default=ROOT / "docs", help="site source folder (default: docs/)")
    parser.add_argument("--manifest", type=Path, default=ROOT / "data" / "imported.json", help="import manifest")
    parser.add_argument("--dry-run", action="store_true", help="report what would change, write nothing")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    try:
        articles = [read_article(p) for p in article_paths(args.articles)]
        named = {a.name for a in articles}
        # a partial run over sources/ still reads every article there, so that it names, merges and links the
        # questions as a full run does and leaves the other articles' pages alone
        own = args.articles and all(Path(p).resolve().parent == (ROOT / "sources").resolve() for p in args.articles)
        others = [read_article(p) for p in article_paths([]) if p.name not in named] if own else []
        taxonomy = Taxonomy()
        cat = build_catalogue(articles + others, taxonomy, Vocabulary())
        plan = plan_import(cat, args.docs, load_manifest(args.manifest), taxonomy, named if own else None)
        if not args.dry_run:
            apply(plan, args.docs, args.manifest)  # checks first that every folder can be written
    except (InputError, ValueError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    print(report(articles, cat, plan, time.perf_counter() - start, args.dry_run))
    return 0


if __name__ == "__main__":
    sys.exit(main())
