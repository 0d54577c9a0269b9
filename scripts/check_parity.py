#!/usr/bin/env python3
"""Check that every Chinese question page has an English twin in parity with it.

    python scripts/check_parity.py                       # table of problems; exit 1 if any blocks
    python scripts/check_parity.py --stamp docs/x/y.en.md  # after translating: record the source hash

Parity: same front-matter id/topic/type/sources, same section ids, same code blocks (only
comments and strings on lines with Chinese may differ), and a source_hash equal to the
Chinese page's current hash (else the twin is outdated).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path


from qbank.model import InputError
from qbank.pages import question_pages
from qbank.parity import check, stamp

ROOT = Path(__file__).resolve().parents[1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=Path, default=ROOT / "docs")
    parser.add_argument("--stamp", nargs="+", type=Path, metavar="TWIN", help="English twins to stamp as up to date")
    args = parser.parse_args(argv)
    docs = args.docs.resolve()
    try:
        return report(docs, args.stamp)
    except (InputError, OSError) as e:  # a page missing, not UTF-8, or whose front matter is not plain YAML data
        print(f"error: {e}", file=sys.stderr)
        return 1


def report(docs: Path, stamps: list[Path] | None) -> int:
    if stamps:
        refused = [p for p in stamps if not stamp(docs, p.resolve())]
        for p in refused:
            print(f"{p}: not stamped: not in parity with its Chinese page (run without --stamp to see why)",
                  file=sys.stderr)
        return 1 if refused else 0
    problems, translated = check(docs)
    blocking = [p for p in problems if p.blocking]
    if problems:
        print("| page | problem | how to fix |\n|---|---|---|")
        for p in problems:
            print(f"| {p.path} | {p.problem} | {p.fix} |")
    pages = len(question_pages(docs))
    print(f"\n{translated} of {pages} pages translated and in parity; {len(blocking)} blocking problems, "
          f"{len(problems) - len(blocking)} untranslated.")
    return 1 if blocking else 0


if __name__ == "__main__":
    sys.exit(main())
