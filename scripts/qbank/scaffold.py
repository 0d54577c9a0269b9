"""A new question's Chinese page, in the shape of the answer standard, ready to fill in.

No English twin is written: until someone translates the page, the English site shows the Chinese page
with the "not translated yet" banner (mkdocs-static-i18n's fallback), and the parity check lists it.
"""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from .frontmatter import FrontMatter
from .classify import Taxonomy, pinyin_slug, question_type
from .model import PAGE_SECTIONS
from .pages import dump_front_matter, question_pages
from .parse import normalise
from .safety import HTML_IN_TEXT

# What each section of a new page holds (design/answer-standard.md); a section left empty fails `make check`.
PLACEHOLDERS = {
    "question": "可选：题目的完整表述；标题已经说清楚时，删去本节。",
    "answer": "面试时前 30 秒说的话：3–6 句，第一句直接回答问题。",
    "analysis": "机制：一步步讲清楚，有公式就写公式（$...$、$$...$$）。",
    "code": "可选：能离线运行的 ```python 代码，用 assert 检查结果；不需要时删去本节。",
    "pitfalls": "2–5 条常见误区：错误的说法，然后是正确的说法。",
    "follow-ups": '2–4 个追问，每个写成 ??? question "……？"，答案缩进 4 个空格。',
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
    """Docs-relative path -> text of the new Chinese page; raises ScaffoldError."""
    topics = [t.id for t in [*taxonomy.topics, taxonomy.fallback]]
    title, title_en = title.strip(), (title_en or "").strip() or None
    if topic not in topics:
        raise ScaffoldError(f"unknown topic '{topic}'; choose one of: {', '.join(topics)}")
    if not title:
        raise ScaffoldError("the title is empty; write the question in Chinese, e.g. --title \"什么是注意力机制？\"")
    for name, text in (("--title", title), ("--title-en", title_en or "x")):
        if any(unicodedata.category(c) in ("Cc", "Zl", "Zp") for c in text):
            raise ScaffoldError(f"{name} holds a line break or control character; write the question on one line")
        if not any(c.isalpha() for c in text):
            raise ScaffoldError(f"{name} '{text}' is not a question (no word in it); write the question itself")
        if HTML_IN_TEXT.search(text):
            raise ScaffoldError(f"{name} holds HTML ('<…>' or '&…;'); write it as plain text (R7)")
    if duplicate := existing_page(docs, title, title_en):
        raise ScaffoldError(f"this question already exists: {duplicate}; improve that page instead")
    taken = {p.meta["id"] for p in question_pages(docs)}
    ident = unique_id(english_slug(title_en) if title_en else pinyin_slug(title), taken)
    kind = kind or question_type(title)
    meta = FrontMatter(ident, title, topic, kind, difficulty=2, references=[]).dump()
    at = list(meta).index("tags") + 1  # an empty asked_as list after the tags, for the writer to fill in (A1)
    meta = dict([*list(meta.items())[:at], ("asked_as", []), *list(meta.items())[at:]])
    body = f"\n# {title}\n" + "".join(f"\n## {PAGE_SECTIONS[key][0]} {{#{key}}}\n\n<!-- {hint} -->\n"
                                      for key, hint in PLACEHOLDERS.items())
    return {Path(topic) / f"{ident}.md": dump_front_matter(meta) + body}
