"""A new question's two pages (Chinese, and its English twin marked untranslated), ready to fill in."""
from __future__ import annotations

import re
from pathlib import Path

from .classify import Taxonomy, pinyin_slug, question_type
from .model import SECTIONS
from .pages import dump_front_matter, question_pages
from .parse import normalise

PLACEHOLDERS = {
    "question": "题目的完整表述；标题已经说清楚时，删去本节。",
    "answer": "简明、准确的答案（本节与“解析”至少保留一节）。",
    "analysis": "为什么：原理、推导、常见误区。",
    "code": "可选：能运行的示例代码，写在 ```python 代码块里；不需要时删去本节。",
}
STOP_WORDS = {"a", "an", "the"}


class ScaffoldError(Exception):
    pass


def english_slug(title_en: str) -> str:
    words = [w for w in re.findall(r"[a-z0-9]+", title_en.lower()) if w not in STOP_WORDS]
    return "-".join(words[:10]) or "question"


def unique_id(slug: str, taken: set[str]) -> str:
    ident, n = slug, 2
    while ident in taken:
        ident, n = f"{slug}-{n}", n + 1
    return ident


def existing_page(docs: Path, *titles: str) -> Path | None:
    """The page (either language) whose title is one of `titles`, compared with normalise()."""
    wanted = {normalise(t) for t in titles if t}
    pages = question_pages(docs, "zh") + question_pages(docs, "en")
    return next((docs / p.path for p in pages if normalise(str(p.meta.get("title", ""))) in wanted), None)


def new_question(docs: Path, taxonomy: Taxonomy, topic: str, title: str, title_en: str | None = None,
                 kind: str | None = None) -> dict[Path, str]:
    """Docs-relative path -> text of the Chinese page and its English twin; raises ScaffoldError."""
    topics = [t.id for t in [*taxonomy.topics, taxonomy.fallback]]
    title, title_en = title.strip(), (title_en or "").strip() or None
    if topic not in topics:
        raise ScaffoldError(f"unknown topic '{topic}'; choose one of: {', '.join(topics)}")
    if not title:
        raise ScaffoldError("the title is empty; write the question in Chinese, e.g. --title \"什么是注意力机制？\"")
    if duplicate := existing_page(docs, title, title_en):
        raise ScaffoldError(f"this question already exists: {duplicate}; improve that page instead")
    taken = {p.meta["id"] for p in question_pages(docs)}
    ident = unique_id(english_slug(title_en) if title_en else pinyin_slug(title), taken)
    kind = kind or question_type(title)
    meta = {"id": ident, "title": title, "topic": topic, "type": kind, "tags": [], "sources": []}
    body = f"\n# {title}\n" + "".join(f"\n## {zh} {{#{key}}}\n\n<!-- {PLACEHOLDERS[key]} -->\n"
                                      for key, (zh, _) in SECTIONS.items())
    twin_title = title_en or title
    twin_meta = {**meta, "title": twin_title, "untranslated": True}
    twin_body = body.replace(f"\n# {title}\n", f"\n# {twin_title}\n", 1)
    return {
        Path(topic) / f"{ident}.md": dump_front_matter(meta) + body,
        Path(topic) / f"{ident}.en.md": dump_front_matter(twin_meta) + twin_body,
    }
