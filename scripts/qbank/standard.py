"""The answer standard's mechanical rules (A1–A5 in CONTRIBUTING.md), on reviewed question pages.

A page joins the standard when it carries a `reviewed` date (design/answer-standard.md); pages
without one are shown to readers with an "not reviewed yet" banner and are held to R1–R8 only.
"""
from __future__ import annotations

import re

from . import frontmatter
from .doc import Doc, Problem, meta_line, read_doc
from .model import PAGE_SECTIONS as HEADINGS
from .model import REQUIRED_WHEN_REVIEWED

FLOOR_ZH = 400  # Chinese characters of prose outside code, on a Chinese page
FOLLOW_UPS = (2, 4)
HAN = re.compile(r"[\u4e00-\u9fff]")
FOLLOW_UP = re.compile(r"^\?\?\?\+?\s+question\s+\"[^\"]+\"\s*$")


def is_reviewed(doc: Doc) -> bool:
    return doc.is_question and "reviewed" in doc.meta


def standard(doc: Doc) -> list[Problem]:
    if not is_reviewed(doc):
        return []
    return review_fields(doc) + required_sections(doc) + follow_ups(doc) + prose_floor(doc)


def review_fields(doc: Doc) -> list[Problem]:
    """A1: `reviewed` is a date, `difficulty` is 1–3, `references` lists titled https sources."""
    return [Problem(doc.rel, meta_line(doc, key), message, f"{fix} (A1)")
            for key, message, fix in frontmatter.review_problems(doc.meta)]


def sections_found(doc: Doc) -> dict[str, int]:
    """Section key -> index of its '## ' heading line, for the known sections of the page."""
    return {ident: i for i, level, _, ident in doc.headings() if level == 2 and ident in HEADINGS}


def required_sections(doc: Doc) -> list[Problem]:
    """A2: the answer, the analysis, the pitfalls and the follow-ups are there."""
    found, own = sections_found(doc), 0 if doc.lang == "zh" else 1
    return [Problem(doc.rel, doc.first_line, f"a reviewed page needs the section {{#{key}}}",
                    f"add '## {HEADINGS[key][own]} {{#{key}}}' (A2; see design/answer-standard.md)")
            for key in REQUIRED_WHEN_REVIEWED if key not in found]


def section_lines(doc: Doc, key: str) -> range:
    """Indexes of the lines inside one '## ' section (empty when the page lacks it)."""
    found = sections_found(doc)
    if key not in found:
        return range(0)
    start = found[key]
    later = [i for i, level, _, _ in doc.headings() if level <= 2 and i > start]
    return range(start + 1, later[0] if later else len(doc.lines))


def follow_ups(doc: Doc) -> list[Problem]:
    """A3: two to four follow-up questions, each a folded `??? question "…"` block."""
    lines = section_lines(doc, "follow-ups")
    if not lines:
        return []
    count = sum(1 for i in lines if FOLLOW_UP.match(doc.lines[i]))
    low, high = FOLLOW_UPS
    if low <= count <= high:
        return []
    return [Problem(doc.rel, lines.start, f"{count} follow-up question(s) in {{#follow-ups}}",
                    f"write {low}–{high}, each as '??? question \"…？\"' with its answer indented 4 spaces (A3)")]


def prose_floor(doc: Doc) -> list[Problem]:
    """A4: a Chinese page holds at least FLOOR_ZH Chinese characters outside code."""
    if doc.lang != "zh":
        return []
    count = sum(len(HAN.findall(line)) for _, line in doc.text_lines())
    if count >= FLOOR_ZH:
        return []
    return [Problem(doc.rel, doc.first_line, f"{count} Chinese characters of prose outside code",
                    f"a reviewed answer needs at least {FLOOR_ZH}: explain the mechanism, pitfalls, follow-ups (A4)")]


def reviewed_pages(docs) -> list:
    """Paths of the reviewed question pages (both languages) under a docs folder."""

    return [p for p in sorted(docs.glob("*/*.md")) if is_reviewed(read_doc(docs, p))]
