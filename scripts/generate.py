#!/usr/bin/env python3
"""Write the generated files from the pages and data: topic index pages, the home pages' topic list,
the tag index pages, redirect stubs for merged pages (data/redirects.yml), the glossary tables (data/glossary.yml), the
navigation in mkdocs.yml, the question pages' descriptions (their answers' first sentences) and how the Chinese terms
sound for the site search (data/search-sounds.json).

Each generated output is one small function `(docs folder) -> {docs-relative path: text}` in GENERATORS
(a path outside the docs folder, such as mkdocs.yml, is absolute);
adding an output is adding a function to that list.

    python scripts/generate.py            # write what is out of date
    python scripts/generate.py --check    # CI: exit 1, naming each stale file, when anything is out of date
    python scripts/generate.py --study DIR  # study data and Anki decks (the build writes them to assets/study/)
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path


from qbank import description, glossary, navigation, redirects, study, tags
from qbank.classify import Taxonomy
from qbank.model import InputError
from qbank.pages import write_atomic
from sitesearch import sounds
from qbank.write import Plan, plan_indexes

ROOT = Path(__file__).resolve().parents[1]


def topic_indexes(docs: Path) -> dict[Path, str]:
    """Topic index pages and the home pages' topic list."""
    plan = Plan()
    plan_indexes(plan, docs, Taxonomy(), {})
    return plan.writes


def redirect_stubs(docs: Path) -> dict[Path, str]:
    return redirects.stubs(redirects.load())


def glossary_tables(docs: Path) -> dict[Path, str]:
    return glossary.pages(docs)


def navigation_config(docs: Path) -> dict[Path, str]:
    """The `nav` of mkdocs.yml (beside the docs folder) and its English section names."""
    return navigation.config(docs)


def descriptions(docs: Path) -> dict[Path, str]:
    """`description:` in every question page's front matter: its answer's first sentence."""
    return description.pages(docs)


def tag_indexes(docs: Path) -> dict[Path, str]:
    """docs/tags.md and docs/tags.en.md: every tag with its questions."""
    return tags.files(docs)


def search_sounds(docs: Path) -> dict[Path, str]:
    """data/search-sounds.json (beside the docs folder): the Chinese terms and character readings with which
    the search hears a word typed with the right sound and wrong characters (sitesearch.sounds)."""
    return sounds.file(docs)


GENERATORS = [topic_indexes, tag_indexes, redirect_stubs, glossary_tables, navigation_config, descriptions,
              search_sounds]


def stale(docs: Path) -> dict[Path, str]:
    """Docs-relative path -> new text, for every generated file that differs from what is on disk."""
    wanted = {}
    for generator in GENERATORS:
        wanted.update(generator(docs))
    return {p: t for p, t in wanted.items()
            if not (docs / p).is_file() or (docs / p).read_text(encoding="utf-8") != t}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report stale files (exit 1 when any)")
    parser.add_argument("--docs", type=Path, default=ROOT / "docs", help="site source folder (default: docs/)")
    parser.add_argument("--study", type=Path, metavar="DIR",
                        help="only write questions.json, deck-zh.txt and deck-en.txt (Anki) into DIR")
    args = parser.parse_args(argv)
    if args.study:
        for path in study.write(args.docs, args.study):
            print(f"wrote {path.as_posix()}")
        return 0
    try:
        problems = redirects.problems(args.docs, redirects.load())
        changes = stale(args.docs)
    except (ValueError, InputError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    for problem in problems:
        print(problem, file=sys.stderr)
    if args.check:
        for path in changes:
            print(f"{(args.docs / path).as_posix()}: out of date — run 'make generated' and commit the result")
        return 1 if changes or problems else 0
    if problems:
        return 1
    for target in write(args.docs, changes):
        print(f"wrote {target.as_posix()}")
    return 0


def write(docs: Path, changes: dict[Path, str] | None = None) -> list[Path]:
    """Write every stale generated file (each whole, by rename); the paths written."""
    changes = stale(docs) if changes is None else changes
    for path, text in changes.items():
        write_atomic(docs / path, text)
    return [docs / path for path in changes]


if __name__ == "__main__":
    sys.exit(main())
