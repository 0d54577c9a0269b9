"""Typed data shared by the importer's modules."""
from __future__ import annotations

from dataclasses import dataclass, field

# Canonical page sections, in page order: key -> (Chinese heading, English heading).
SECTIONS: dict[str, tuple[str, str]] = {
    "question": ("题目", "Question"),
    "answer": ("答案", "Answer"),
    "analysis": ("解析", "Analysis"),
    "code": ("代码", "Code"),
}


# Every section a question page may have, in page order: key -> (Chinese heading, English heading).
# The answer standard (design/answer-standard.md) requires some of them on a reviewed page.
PAGE_SECTIONS: dict[str, tuple[str, str]] = {
    **SECTIONS,
    "pitfalls": ("常见误区", "Pitfalls"),
    "follow-ups": ("追问", "Follow-up questions"),
    "related": ("相关问题", "Related questions"),
    "errata": ("勘误", "Errata"),
}
PAGE_SECTIONS = {k: PAGE_SECTIONS[k] for k in
                 ("question", "answer", "analysis", "code", "pitfalls", "follow-ups", "related", "errata")}
REQUIRED_WHEN_REVIEWED = ("answer", "analysis", "pitfalls", "follow-ups")
DIFFICULTIES = {1: ("基础", "Basic"), 2: ("进阶", "Intermediate"), 3: ("深入", "Advanced")}


class InputError(Exception):
    """Bad input: carries the file and line so the message can name them."""

    def __init__(self, path: str, line: int, message: str):
        super().__init__(f"{path}:{line}: {message}")
        self.path, self.line, self.message = path, line, message


@dataclass
class Dropped:
    """A line of an article that went into no page, and why."""

    article: str
    line: int  # 1-based
    text: str
    reason: str


@dataclass
class Occurrence:
    """One question as it stands in one article."""

    article: str  # file name, e.g. 000_a2e4c2152e7f1f5c.txt
    number: str  # as numbered in the article, e.g. "5.1"; "" when unnumbered
    title: str  # heading text without its number
    line: int  # 1-based line of the heading
    sections: dict[str, list[tuple[int, str]]] = field(default_factory=dict)  # key -> (line, text)
    structure: list[int] = field(default_factory=list)  # heading and label lines

    def add(self, key: str, text: str, line: int) -> None:
        if text.strip() or key in self.sections:  # blank lines alone open no section
            self.sections.setdefault(key, []).append((line, text))

    def section_text(self, key: str) -> str:
        return "\n".join(text for _, text in self.sections.get(key, [])).strip("\n")

    @property
    def lines(self) -> set[int]:
        """Every article line this occurrence holds (1-based)."""
        return set(self.structure) | {n for body in self.sections.values() for n, _ in body}


@dataclass
class Article:
    name: str
    occurrences: list[Occurrence]
    dropped: list[Dropped]
    line_count: int


@dataclass
class Question:
    """One page: a question with every occurrence that asks it."""

    id: str
    title: str
    title_en: str
    topic: str
    type: str
    tags: list[str]
    occurrences: list[Occurrence]
    related: list[str] = field(default_factory=list)  # ids of near duplicates

    @property
    def path(self) -> str:
        return f"{self.topic}/{self.id}.md"
