#!/usr/bin/env python3
"""Check question pages: front matter, title, sections and ids, code, artifacts, scripts, links, duplicates.

    python scripts/check_content.py                          # every page under docs/
    python scripts/check_content.py docs/coding/x.md docs/coding/x.en.md

Each problem is printed as `path:line: problem — how to fix` (rules R1… are in CONTRIBUTING.md);
the exit status is 1 when there is any. Cross-page rules (duplicates, links) always look at all of docs/.
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path


from qbank.check import check
from qbank.classify import Taxonomy
from qbank.model import InputError

ROOT = Path(__file__).resolve().parents[1]


def shown(path: Path) -> str:
    """A path as the reader can open it: relative to the current folder when under it."""
    path = Path(os.path.normpath(path))  # docs/../data/glossary.yml -> data/glossary.yml
    relative = os.path.relpath(path)
    return path.as_posix() if relative.startswith("..") else Path(relative).as_posix()


def selected(paths: list[Path], docs: Path) -> set[Path] | None:
    """Docs-relative .md files named by the arguments (files or folders); None for every page."""
    if not paths:
        return None
    chosen = set()
    for path in (p.resolve() for p in paths):
        if not path.exists():
            raise ValueError(f"{path}: no such file or folder")
        if not path.is_relative_to(docs):
            raise ValueError(f"{path}: not under {docs}; only pages under the docs folder are checked")
        files = sorted(path.rglob("*.md")) if path.is_dir() else [path] if path.suffix == ".md" else []
        chosen.update(f.relative_to(docs) for f in files)
    return chosen


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path, help="pages or folders to check (default: all of docs/)")
    parser.add_argument("--docs", type=Path, default=ROOT / "docs", help="site source folder (default: docs/)")
    args = parser.parse_args(argv)
    docs = args.docs.resolve()
    try:
        only = selected(args.paths, docs)
    except ValueError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    try:
        problems = check(docs, Taxonomy(), only)
    except InputError as e:  # a page that cannot be read at all (not UTF-8)
        print(f"error: {e}", file=sys.stderr)
        return 1
    for problem in problems:
        print(problem.format(shown(docs / problem.path)))
    count = len(only) if only is not None else sum(1 for _ in docs.rglob("*.md"))
    if problems:
        print(f"\n{len(problems)} problem(s) in {len({p.path for p in problems})} of {count} page(s); "
              "the rules R1… are explained in CONTRIBUTING.md.", file=sys.stderr)
        return 1
    print(f"{count} page(s) checked: no problem found.", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
