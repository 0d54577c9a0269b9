"""The checker's records: a page as lines with its front matter and code spans (`Doc`), and a finding with
its file, line and fix (`Problem`). The checker (check.py), the answer standard (standard.py), the R7
rules (safety.py) and the code runner share them; this module imports none of those.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from markdown.extensions.toc import slugify

from . import languages
from .markdown import code_mask, fences
from .model import InputError
from .pages import front_matter_lines, parse_page, read_text
from .parse import atx_heading, split_lines

HEADING_ID = re.compile(r"\{:?\s*#([\w-]+)[^}]*\}")  # matched from the last '{' only: linear time
ANY_ID = re.compile(r"\{:?[^}\n]*?#([A-Za-z][\w-]*)[^}\n]*\}|\sid=[\"']([^\"']+)[\"']")
INLINE_CODE = re.compile(r"(`+).+?\1")


@dataclass
class Problem:
    path: Path  # relative to the docs folder
    line: int
    message: str
    fix: str

    def format(self, shown: str) -> str:
        return f"{shown}:{self.line}: {self.message} — {self.fix}"


@dataclass
class Doc:
    """One Markdown file: front matter, lines and which of them are code."""

    rel: Path
    lines: list[str]
    meta: dict = field(default_factory=dict)
    body: int = 0  # index of the first line after the front matter
    in_code: list[bool] = field(default_factory=list)
    blocks: list[tuple[int, int, str]] = field(default_factory=list)  # (open, close, info) line indexes
    problems: list[Problem] = field(default_factory=list)  # found while reading

    @property
    def lang(self) -> str:
        return languages.lang(self.rel)

    @property
    def stem(self) -> str:
        return languages.stem(self.rel)

    @property
    def first_line(self) -> int:
        """Number of the first non-blank line after the front matter: where page-wide problems are shown."""
        return next((i + 1 for i in range(self.body, len(self.lines)) if self.lines[i].strip()), self.body + 1)

    @property
    def is_question(self) -> bool:
        return len(self.rel.parts) == 2 and self.stem != "index" and not self.meta.get("generated")

    def text_lines(self):
        """(index, line) of every line outside code and front matter, inline code blanked out."""
        for i in range(self.body, len(self.lines)):
            if not self.in_code[i]:
                yield i, INLINE_CODE.sub(lambda m: " " * len(m.group()), self.lines[i])

    def headings(self):
        """(index, level, text, explicit id or None) of every Markdown heading."""
        for i, line in self.text_lines():
            if heading := atx_heading(line, empty=True):
                text, ident, brace = heading[1], None, heading[1].rfind("{")
                if brace >= 0 and (idm := HEADING_ID.fullmatch(text, brace)):
                    text, ident = text[:brace].strip(), idm.group(1)
                yield i, heading[0], text, ident

    @cached_property
    def anchors(self) -> set[str]:
        found, seen = set(), {}
        for _, _, text, ident in self.headings():
            if ident is None:
                base = slugify(re.sub(r"[*_`]|\[([^\]]*)\]\([^)]*\)", r"\1", text), "-")
                ident = base if base not in seen else f"{base}_{seen[base]}"
                seen[base] = seen.get(base, 0) + 1
            found.add(ident)
        for _, line in self.text_lines():
            found.update(a or b for a, b in ANY_ID.findall(line))
        return found


def read_doc(docs: Path, path: Path) -> Doc:
    """A page as the checker reads it; its front matter through the one reader (qbank.pages.parse_page)."""
    text = read_text(path)
    doc = Doc(path.relative_to(docs), split_lines(text))
    size = front_matter_lines(text)
    doc.body = max(size, 0)
    try:
        doc.meta = parse_page(text, str(path))[0]
    except InputError as e:
        message, _, fix = e.message.partition("; ")
        doc.problems.append(Problem(doc.rel, e.line, message, f"{fix} (R2)"))
    scan_fences(doc)
    return doc


def scan_fences(doc: Doc) -> None:
    blocks = fences(doc.lines, doc.body)
    doc.in_code = code_mask(doc.lines, blocks)
    doc.blocks = [(b.open, b.close, b.info) for b in blocks if b.close is not None]
    for b in blocks:
        if b.close is None:
            doc.problems.append(Problem(doc.rel, b.open + 1, f"code fence '{b.marker}' opened here is never closed",
                                        f"close the block with a line '{b.marker}' (R5)"))


def load_docs(docs: Path) -> dict[Path, Doc]:
    return {d.rel: d for d in (read_doc(docs, p) for p in sorted(docs.rglob("*.md")))}


def meta_line(doc: Doc, key: str) -> int:
    pattern = re.compile(rf"^{re.escape(key)}\s*:")
    return next((i + 1 for i in range(1, doc.body) if pattern.match(doc.lines[i])), 1)
