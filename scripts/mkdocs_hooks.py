"""MkDocs hook: the navigation comes from the folders, ordered and named from the pages' data.

- top-level topic sections follow the order of data/topics.yml and take the title of their
  index page (so they are named in the language being built);
- questions inside a topic follow their source order (article, then question number).
Nobody keeps a list of questions by hand.
"""
from __future__ import annotations

from pathlib import Path

from mkdocs.structure.nav import _add_previous_and_next_links
from mkdocs.structure.pages import Page as NavPage
from markupsafe import escape


from qbank import data
from qbank.pages import Page, split_front_matter
from qbank.write import source_order

ROOT = Path(__file__).resolve().parents[1]


def _meta(item) -> dict:
    path = Path(item.file.abs_src_path)
    chinese = path.with_name(path.name.replace(".en.md", ".md"))  # order by the Chinese source
    own, _ = split_front_matter(path.read_text(encoding="utf-8"))
    if chinese == path or not chinese.exists():
        return own
    meta, _ = split_front_matter(chinese.read_text(encoding="utf-8"))
    return {**meta, "title": own.get("title", meta.get("title"))}


def on_nav(nav, config, files):
    topics = [t["id"] for t in data.topics()["topics"]]
    rank = {topic: n for n, topic in enumerate(topics)}
    sections = [item for item in nav.items if item.is_section]
    for section in sections:
        pages = [c for c in section.children if c.is_page]
        index = next((p for p in pages if p.file.name == "index"), None)
        if index is not None:
            section.title = escape(str(_meta(index).get("title", section.title)))  # templates print it raw
        questions = sorted((p for p in pages if p is not index), key=lambda p: source_order(Page(Path(), _meta(p), "")))
        section.children = ([index] if index else []) + questions + [c for c in section.children if not c.is_page]
    def topic_rank(section) -> int:
        first = section.children[0] if section.children else None
        folder = Path(first.file.src_uri).parts[0] if first is not None and first.is_page else ""
        return rank.get(folder, len(rank))

    nav.items = [i for i in nav.items if not i.is_section] + sorted(sections, key=topic_rank)
    # MkDocs linked previous/next before this hook reordered the pages: link them again, in sidebar order
    nav.pages = list(_pages(nav.items))
    _add_previous_and_next_links(nav.pages)
    return nav


def _pages(items):
    for item in items:
        if isinstance(item, NavPage):
            yield item
        elif item.children:
            yield from _pages(item.children)
