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
from pathlib import Path

from . import frontmatter, languages, safety
from .classify import Taxonomy
from .doc import Doc, Problem, load_docs, meta_line, read_doc  # noqa: F401 (read_doc: the checker's page reader)
from .markdown import language
from .model import PAGE_SECTIONS as HEADINGS  # section id -> (zh, en) heading, in page order
from .parse import ARTIFACT, normalise
from .standard import standard

FIELDS, TYPES = frontmatter.REQUIRED, frontmatter.TYPES
COMMENT = re.compile(r"<!--.*?-->", re.S)
LINK = re.compile(r"!?\[(?:[^\[\]]|\[[^\[\]]*\])*\]\(\s*<?([^)\s>]+)>?(?:\s+[\"'][^\"']*[\"'])?\s*\)")
EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//)", re.I)


def check(docs: Path, taxonomy: Taxonomy, only: set[Path] | None = None) -> list[Problem]:
    """Problems of the pages in `only` (docs-relative paths; default: every page), judged against all pages."""
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
        twin = languages.twin_path(rel, "en")  # an English page links to the English twin
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
