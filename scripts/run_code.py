#!/usr/bin/env python3
"""Check and run the Python blocks of question pages, as CI does.

    python scripts/run_code.py                      # every reviewed page under docs/
    python scripts/run_code.py docs/inference/kv-cache-explained.md docs/inference/kv-cache-explained.en.md

First a static check of each page (syntax, undefined names, imports and module attributes that do not
exist in the pinned libraries), then a run: blocks of one page in order, in one namespace, on CPU,
offline. A block starting with `# norun: <reason>` is only checked statically. Prints `path:line: error`;
exit status 1 when any page fails. Without arguments, pages not reviewed yet are counted, not checked.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from qbank.runcode import preload, python_blocks, run_pages, static_problems
from qbank.standard import reviewed_pages

ROOT = Path(__file__).resolve().parents[1]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("pages", nargs="*", type=Path, help="question pages (default: every reviewed page)")
    args = parser.parse_args(argv)
    missing = [p for p in args.pages if not p.is_file()]
    if missing:
        for path in missing:
            print(f"{path}: no such page — give the path of a question page, e.g. docs/<topic>/<slug>.md",
                  file=sys.stderr)
        return 1
    docs = ROOT / "docs"
    paths = args.pages or reviewed_pages(docs)
    pages = [python_blocks(p, p) for p in paths]
    preload()
    failures = [f for blocks in pages for f in static_problems(blocks)]
    unsound = {f.path for f in failures}  # a page whose code is not real is not run
    failures += run_pages([p for p in pages if p and p[0].path not in unsound])
    for f in failures:
        print(f.format())
    ran = sum(1 for p in pages for b in p if not b.norun)
    print(f"{ran} block(s) on {len(paths)} page(s) checked and run: {len(failures)} problem(s).", file=sys.stderr)
    if not args.pages:
        backlog = sum(1 for _ in docs.glob("*/*.md")) - len(paths)
        print(f"{backlog} page(s) not reviewed yet: their code is neither checked nor run.", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
