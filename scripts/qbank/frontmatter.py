"""The one page model: a question page's front matter as a typed record, with its rules.

The importer and the scaffolder build a `FrontMatter` and `dump()` it; the checker, the answer standard
and the parity checker validate raw YAML with `problems()` / `review_problems()` before `load()`;
CONTRIBUTING (R2, A1) and design/answer-standard.md describe the same fields.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from .model import DIFFICULTIES

TYPES = ("concept", "coding", "system-design", "open-ended")
MIN_ASKED_AS = 3  # A1: a reviewed page says how its question is asked, so search finds it by those words
REQUIRED = ("id", "title", "topic", "type", "tags", "sources")
SHARED = ("id", "topic", "type", "sources", "difficulty", "reviewed", "references")  # equal in both languages
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
HTTPS = re.compile(r"https://[^\s/]+\.[^\s]+$")

Finding = tuple[str, str, str]  # (field, what is wrong, how to fix it)


@dataclass(frozen=True)
class Source:
    article: str  # file name under sources/
    number: str  # the question's number in the article; "" when unnumbered


@dataclass(frozen=True)
class Reference:
    title: str  # plain text
    url: str  # https://


@dataclass
class FrontMatter:
    id: str
    title: str
    topic: str
    type: str
    tags: list[str] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    difficulty: int | None = None  # 1–3 (model.DIFFICULTIES)
    references: list[Reference] | None = None
    reviewed: dt.date | None = None
    untranslated: bool = False  # an English twin that only holds the Chinese text
    source_hash: str | None = None  # English twin: hash of the Chinese page it translates
    description: str = ""  # the answer's first sentence, plain text, written by `qbank generate` (description.py)
    asked_as: list[str] = field(default_factory=list)  # other ways candidates and interviewers ask it (search)

    def dump(self) -> dict:
        """The YAML mapping, in page order; optional fields only when set."""
        meta = {"id": self.id, "title": self.title}
        if self.description:
            meta["description"] = self.description
        meta.update({"topic": self.topic, "type": self.type})
        if self.difficulty is not None:
            meta["difficulty"] = self.difficulty
        meta["tags"] = list(self.tags)
        if self.asked_as:
            meta["asked_as"] = list(self.asked_as)
        meta["sources"] = [{"article": s.article, "number": s.number} for s in self.sources]
        if self.references is not None:
            meta["references"] = [{"title": r.title, "url": r.url} for r in self.references]
        if self.reviewed is not None:
            meta["reviewed"] = self.reviewed
        if self.untranslated:
            meta["untranslated"] = True
        if self.source_hash:
            meta["source_hash"] = self.source_hash
        return meta

    @classmethod
    def load(cls, meta: dict) -> FrontMatter:
        """The record of a mapping that `problems()` found nothing wrong with."""
        refs = meta.get("references")
        return cls(
            id=meta["id"], title=meta["title"], topic=meta["topic"], type=meta["type"], tags=list(meta["tags"]),
            asked_as=list(meta.get("asked_as") or []),
            sources=[Source(str(s["article"]), str(s["number"])) for s in meta["sources"]],
            difficulty=meta.get("difficulty"),
            references=None if refs is None else [Reference(r["title"], r["url"]) for r in refs],
            reviewed=meta.get("reviewed"), untranslated=bool(meta.get("untranslated")),
            source_hash=meta.get("source_hash"), description=meta.get("description") or "")


def problems(meta: dict) -> list[Finding]:
    """R2: every required field, each of the right shape (the page's folder and file name aside)."""
    out = [(key, f"front matter lacks '{key}'", f"add a line '{key}: ...' to the front matter")
           for key in REQUIRED if key not in meta]
    ident, title, sources = meta.get("id"), meta.get("title"), meta.get("sources")
    if "id" in meta and not (isinstance(ident, str) and SLUG.match(ident)):
        out.append(("id", f"id '{ident}' is not an ASCII slug", "use lower-case ASCII words joined by '-'"))
    if "title" in meta and not (isinstance(title, str) and title.strip()):
        out.append(("title", "the title is empty", "write the question as the title"))
    if "type" in meta and meta["type"] not in TYPES:
        out.append(("type", f"unknown type '{meta['type']}'", f"use one of {', '.join(TYPES)}"))
    if "tags" in meta and not isinstance(meta["tags"], list):
        out.append(("tags", "tags is not a list", "write 'tags: []' or one '- tag' line per tag"))
    if "asked_as" in meta and not isinstance(meta["asked_as"], list):
        out.append(("asked_as", "asked_as is not a list",
                    "write one '- …' line per way the question is asked, or leave asked_as out"))
    if "sources" in meta and not (isinstance(sources, list) and all(
            isinstance(s, dict) and {"article", "number"} <= s.keys() for s in sources)):
        out.append(("sources", "sources is not a list of {article, number}",
                    "write 'sources: []' for a contributed question"))
    return out


def review_problems(meta: dict, today: dt.date | None = None) -> list[Finding]:
    """A1: a reviewed page's `reviewed` date, `difficulty`, `asked_as` and `references`."""
    out = []
    reviewed = meta.get("reviewed")
    if not isinstance(reviewed, dt.date) or reviewed > (today or dt.date.today()):
        out.append(("reviewed", f"reviewed '{reviewed}' is not a past date",
                    "write the day of the review as YYYY-MM-DD"))
    if meta.get("difficulty") not in DIFFICULTIES:
        levels = ", ".join(f"{k} = {zh} / {en}" for k, (zh, en) in DIFFICULTIES.items())
        out.append(("difficulty", f"difficulty '{meta.get('difficulty')}' is not 1, 2 or 3",
                    f"set difficulty: {levels}"))
    asked = meta.get("asked_as")
    if not (isinstance(asked, list) and len([a for a in asked if isinstance(a, str) and a.strip()]) >= MIN_ASKED_AS):
        out.append(("asked_as", f"asked_as lists fewer than {MIN_ASKED_AS} ways the question is asked",
                    "add 'asked_as:' with 3–6 '- …' lines: how candidates and interviewers ask it (spoken, a symptom, "
                    "a synonym, the abbreviation), each answered by this page"))
    refs = meta.get("references")
    if not isinstance(refs, list) or not refs:
        fix = "list at least one primary source: '- title: …' and '  url: https://…'"
        return out + [("references", "no references", fix)]
    for ref in refs:
        title, url = (ref.get("title"), ref.get("url")) if isinstance(ref, dict) else (None, None)
        if not (isinstance(title, str) and title.strip() and "\n" not in title):
            out.append(("references", f"reference {ref!r} has no one-line title",
                        "give each reference a plain-text title"))
        if not (isinstance(url, str) and HTTPS.match(url)):
            out.append(("references", f"reference url {url!r} is not an https:// address",
                        "link the paper (https://arxiv.org/abs/…, ACL Anthology) or the official documentation"))
    return out
