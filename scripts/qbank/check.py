"""Content checks of the pages under docs/: every problem with its file, line and how to fix it.

Rules are numbered as in CONTRIBUTING.md (R1, R2, ...) so a reviewer can cite them. Question pages
(docs/<topic>/<slug>[.en].md) get every rule; index, home and other generated pages only the rules
that apply to any page (code, artifacts, scripts, links).
"""
from __future__ import annotations

import ast
import posixpath
import re
import textwrap
import warnings
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import yaml
from markdown.extensions.toc import slugify

from . import frontmatter, safety
from .classify import Taxonomy
from .model import PAGE_SECTIONS
from .pages import read_text
from .markdown import code_mask, fences, language
from .parse import ARTIFACT, atx_heading, normalise, split_lines

FIELDS, TYPES = frontmatter.REQUIRED, frontmatter.TYPES
HEADINGS = PAGE_SECTIONS  # section id -> (zh, en) heading, in page order
HEADING_ID = re.compile(r"\{:?\s*#([\w-]+)[^}]*\}")  # matched from the last '{' only: linear time
ANY_ID = re.compile(r"\{:?[^}\n]*?#([A-Za-z][\w-]*)[^}\n]*\}|\sid=[\"']([^\"']+)[\"']")
INLINE_CODE = re.compile(r"(`+).+?\1")
COMMENT = re.compile(r"<!--.*?-->", re.S)
LINK = re.compile(r"!?\[(?:[^\[\]]|\[[^\[\]]*\])*\]\(\s*<?([^)\s>]+)>?(?:\s+[\"'][^\"']*[\"'])?\s*\)")
EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//)", re.I)


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
        return "en" if self.rel.name.endswith(".en.md") else "zh"

    @property
    def stem(self) -> str:
        return self.rel.name.removesuffix(".md").removesuffix(".en")

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
    doc = Doc(path.relative_to(docs), split_lines(read_text(path)))
    lines = doc.lines
    if lines and lines[0].strip() == "---":
        end = next((i for i in range(1, len(lines)) if lines[i].strip() == "---"), None)
        if end is None:
            doc.problems.append(Problem(doc.rel, 1, "front matter never closed", "end it with a line '---' (R2)"))
        else:
            doc.body = end + 1
            try:
                meta = yaml.safe_load("\n".join(lines[1:end])) or {}
                doc.meta = meta if isinstance(meta, dict) else {}
            except yaml.YAMLError as e:
                line = 2 + getattr(getattr(e, "problem_mark", None), "line", -1)
                reason = getattr(e, "problem", None) or "syntax error"
                doc.problems.append(Problem(doc.rel, max(line, 1), f"front matter is not valid YAML ({reason})",
                                            "fix the YAML syntax; quote a title that holds ':' or '#' (R2)"))
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


def check(docs: Path, taxonomy: Taxonomy, only: set[Path] | None = None) -> list[Problem]:
    """Problems of the pages in `only` (docs-relative paths; default: every page), judged against all pages."""
    from .standard import standard  # the answer standard builds on this module's Doc

    all_docs = load_docs(docs)
    problems = safety.check_files(docs, Problem)  # R7 in what is not a page: the glossary, HTML and SVG files
    topics = [t.id for t in [*taxonomy.topics, taxonomy.fallback]]
    problems += duplicates(all_docs)
    for doc in all_docs.values():
        problems += doc.problems + python_code(doc) + text_hygiene(doc) + links(doc, all_docs, docs)
        if only is None or doc.rel in only:  # no cross-page rule: only the pages asked for
            problems += safety.check_page(doc, lambda line, message, fix: Problem(doc.rel, line, message, fix))
        if doc.is_question:
            problems += front_matter(doc, topics) + title_heading(doc) + sections(doc) + standard(doc)
    return sorted((p for p in problems if only is None or p.path in only), key=lambda p: (str(p.path), p.line))


def meta_line(doc: Doc, key: str) -> int:
    pattern = re.compile(rf"^{re.escape(key)}\s*:")
    return next((i + 1 for i in range(1, doc.body) if pattern.match(doc.lines[i])), 1)


def front_matter(doc: Doc, topics: list[str]) -> list[Problem]:
    """R2: the fields, a slug id equal to the file name, a known topic equal to the folder, a known type."""
    if doc.body == 0:
        fix = f"start the page with a '---' block holding {', '.join(FIELDS)}; scripts/new_question.py writes one (R2)"
        return [Problem(doc.rel, 1, "no front matter", fix)]
    meta, folder, out = doc.meta, doc.rel.parts[0], []

    def bad(key: str, message: str, fix: str) -> None:
        out.append(Problem(doc.rel, meta_line(doc, key), message, fix + " (R2)"))

    for key, message, fix in frontmatter.problems(meta):
        bad(key, message, fix)
    ident, topic = meta.get("id"), meta.get("topic")
    if "id" in meta and isinstance(ident, str) and frontmatter.SLUG.match(ident) and ident != doc.stem:
        bad("id", f"id '{ident}' differs from the file name '{doc.stem}'",
            f"rename the file to {ident}.md or set id: {doc.stem}")
    if "topic" in meta and topic not in topics:
        bad("topic", f"unknown topic '{topic}'", f"use a topic id of data/topics.yml: {', '.join(topics)}")
    elif "topic" in meta and topic != folder:
        bad("topic", f"topic '{topic}' differs from the folder '{folder}'",
            f"move the page to docs/{topic}/ or set topic: {folder}")
    return out


def title_heading(doc: Doc) -> list[Problem]:
    """R3: one '# ' heading, the title."""
    title = str(doc.meta.get("title", "")).strip()
    h1 = next(((i, text) for i, level, text, _ in doc.headings() if level == 1), None)
    if h1 is None:
        fix = f"add a line '# {title}' after the front matter (R3)"
        return [Problem(doc.rel, doc.first_line, "no '# ' heading", fix)]
    if h1[1] != title:
        return [Problem(doc.rel, h1[0] + 1, f"heading '# {h1[1]}' differs from the title '{title}'",
                        "make the '# ' heading and the front-matter title the same (R3)")]
    return []


def sections(doc: Doc) -> list[Problem]:
    """R4: known sections carry their id and their name in the page's language; none is empty; an answer."""
    out, found = [], set()
    names = {name: key for key, pair in HEADINGS.items() for name in pair}
    own = 0 if doc.lang == "zh" else 1  # index into HEADINGS' (zh, en); an untranslated twin may keep Chinese
    h2 = [(i, text, ident) for i, level, text, ident in doc.headings() if level == 2]
    for n, (i, text, ident) in enumerate(h2):
        key = ident if ident in HEADINGS else names.get(text)
        if key is None:
            continue
        found.add(key)
        right = f"'## {HEADINGS[key][own]} {{#{key}}}' (R4)"
        if ident != key:
            out.append(Problem(doc.rel, i + 1, f"section heading '{text}' lacks its id {{#{key}}}", f"write {right}"))
        elif text != HEADINGS[key][own] and not (doc.meta.get("untranslated") and text == HEADINGS[key][0]):
            out.append(Problem(doc.rel, i + 1, f"section {{#{key}}} is headed '{text}'", f"write {right}"))
        end = h2[n + 1][0] if n + 1 < len(h2) else len(doc.lines)
        if not COMMENT.sub("", "\n".join(doc.lines[i + 1 : end])).strip():
            out.append(Problem(doc.rel, i + 1, f"section '{text}' is empty", "write it, or delete the heading (R4)"))
    order = [key for _, text, ident in h2 if (key := ident if ident in HEADINGS else names.get(text))]
    if order != sorted(order, key=list(HEADINGS).index):
        expected = ", ".join(f"{{#{k}}}" for k in sorted(order, key=list(HEADINGS).index))
        out.append(Problem(doc.rel, doc.first_line, "sections out of order", f"order them: {expected} (R4)"))
    if not found & {"answer", "analysis"}:
        answer, analysis = HEADINGS["answer"][own], HEADINGS["analysis"][own]
        out.append(Problem(doc.rel, doc.first_line, "no answer section",
                           f"add '## {answer} {{#answer}}' or '## {analysis} {{#analysis}}' (R4)"))
    return out


def python_code(doc: Doc) -> list[Problem]:
    """R5: every ```python block parses."""
    out = []
    for start, end, info in doc.blocks:
        if language(info) != "python":
            continue
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # e.g. SyntaxWarning for an invalid escape: not our rule
                ast.parse(textwrap.dedent("\n".join(doc.lines[start + 1 : end])))
        except SyntaxError as e:
            out.append(Problem(doc.rel, start + 1 + (e.lineno or 1), f"Python code does not parse: {e.msg}",
                               "fix the code; mark pseudo-code or output as ```text instead of ```python (R5)"))
    return out


def text_hygiene(doc: Doc) -> list[Problem]:
    """R6, outside code: no generation artifacts (R7, no scripts: safety.py)."""
    out = []
    for i, line in doc.text_lines():
        if m := ARTIFACT.search(line):
            out.append(Problem(doc.rel, i + 1, f"generation artifact '{m.group()}'", "delete it (R6)"))
    return out


def links(doc: Doc, all_docs: dict[Path, Doc], docs: Path) -> list[Problem]:
    """R8: relative links reach an existing file, and an anchor of that page."""
    out = []
    for i, line in doc.text_lines():
        for target in LINK.findall(line):
            if not EXTERNAL.match(target) and (why := broken(doc, target, all_docs, docs)):
                out.append(Problem(doc.rel, i + 1, f"broken link '{target}': {why[0]}", f"{why[1]} (R8)"))
    return out


def broken(doc: Doc, target: str, all_docs: dict[Path, Doc], docs: Path) -> tuple[str, str] | None:
    """Why a relative link does not resolve, and the fix; None when it does."""
    path, _, anchor = target.partition("#")
    page = doc
    if path:
        rel = Path(posixpath.normpath(posixpath.join(doc.rel.parent.as_posix(), path)))
        if rel.parts[0] == ".." or not (rel in all_docs or (docs / rel).exists()):
            return "no such file", "link to an existing file with a path relative to this page, e.g. ../coding/x.md"
        if rel not in all_docs:
            return None
        twin = rel.with_name(rel.name.removesuffix(".md") + ".en.md")  # an English page links to the English twin
        page = all_docs[twin] if doc.lang == "en" and twin in all_docs else all_docs[rel]
    if anchor and anchor not in page.anchors:
        return f"no anchor '#{anchor}' in {page.rel}", "link to an explicit {#id} or a heading of that page"
    return None


def duplicates(all_docs: dict[Path, Doc]) -> list[Problem]:
    """R1 and R2: the same normalised title, or the same id, on two question pages of one language."""
    out = []
    for key, what, rule in (("title", "question (same title)", "R1"), ("id", "id", "R2")):
        groups: dict[tuple[str, str], list[Doc]] = {}
        for doc in all_docs.values():
            value = doc.meta.get(key)
            if doc.is_question and isinstance(value, str) and value.strip():
                groups.setdefault((doc.lang, normalise(value) if key == "title" else value), []).append(doc)
        for group in (g for g in groups.values() if len(g) > 1):
            for doc in group:
                others = ", ".join(f"docs/{o.rel.as_posix()}" for o in group if o is not doc)
                out.append(Problem(doc.rel, meta_line(doc, key), f"duplicate {what}: also in {others}",
                                   f"merge the pages into one, or change the {key} ({rule})"))
    return out
