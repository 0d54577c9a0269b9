#!/usr/bin/env python3
"""Start a new question: its Chinese page (in the shape of the answer standard), the topic index and the nav.

    .venv/bin/python scripts/new_question.py --topic fundamentals --title "什么是位置编码？" \
        --title-en "What is positional encoding?"

Refuses, writing nothing, a title that already exists anywhere and an unknown topic. No English twin is
written: the English site shows the Chinese page marked "not translated yet" until someone translates it.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path


from qbank.frontmatter import TYPES
from qbank.classify import Taxonomy
from qbank.scaffold import ScaffoldError, new_question
from qbank.model import InputError
from qbank.pages import write_atomic
from generate import write as write_generated
from qbank.write import Plan, check_writable

ROOT = Path(__file__).resolve().parents[1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--topic", required=True, help="topic id of data/topics.yml, e.g. fundamentals")
    parser.add_argument("--title", required=True, help="the question in Chinese")
    parser.add_argument("--title-en", help="the question in English (gives the page its URL slug)")
    parser.add_argument("--type", choices=TYPES, help="question type (default: guessed from the title)")
    parser.add_argument("--docs", type=Path, default=ROOT / "docs", help="site source folder (default: docs/)")
    parser.add_argument("--manifest", type=Path, default=ROOT / "data" / "imported.json", help="import manifest")
    args = parser.parse_args(argv)
    taxonomy = Taxonomy()
    try:
        pages = new_question(args.docs, taxonomy, args.topic, args.title, args.title_en, args.type)
        if clash := [str(args.docs / p) for p in pages if (args.docs / p).exists()]:
            raise ScaffoldError(f"{', '.join(clash)} already exists")
        check_writable(Plan(writes=pages), args.docs, args.manifest)  # before anything is written
        for path, text in pages.items():
            write_atomic(args.docs / path, text)
        updated = write_generated(args.docs)  # topic index, navigation …
    except (ScaffoldError, InputError, ValueError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    print("Created:")
    print("".join(f"  {args.docs / p}\n" for p in pages), end="")
    print("Updated:")
    print("".join(f"  {p}\n" for p in updated), end="")
    first = args.docs / next(iter(pages))
    print(f"\nNext: write the sections of {first}, its tags and the ways the question is asked (asked_as),\n"
          "then run 'make generated' and 'make check' (see CONTRIBUTING.md).\n"
          "The English site shows the page as not translated yet until someone translates it.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
