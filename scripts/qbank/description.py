"""Page descriptions: the first sentence of a question's answer, as plain safe text, kept in its front matter.

`qbank generate` writes `description:` into every question page (both languages) from its body, so
search engines and link previews get one without a build hook; an edited answer makes the description
stale and `qbank generate --check` (CI) names the page with the command to run.

- the sentence is taken from the section under `## 答案 {#answer}` / `## Answer {#answer}`, or from the
  first section with prose when there is no answer; code blocks (the one fence scanner,
  qbank.markdown), tables, HTML blocks and admonition headers are skipped; a short label ending with a
  colon is joined to the next paragraph;
- Markdown and HTML become plain text, at most MAX_CHARS characters, on one line;
- the theme prints the description unescaped into <meta>: what the checker refuses in a description
  (`<tag`, `&…;`, a script URL) is defused here, at the source, and scripts/hooks/escape.py escapes it
  again at build time.
"""
from __future__ import annotations

import html
import re
from pathlib import Path

import yaml

from .markdown import code_mask, fences
from .pages import question_pages, read_text, split_front_matter

MAX_CHARS = 300  # a description longer than this is cut at a word or character boundary

_HEADING = re.compile(r"#{1,6}\s")  # a heading line (matched at its start: linear time)
_ANSWER = re.compile(r"^##\s+.*\{\s*#answer\s*\}\s*$")
_SENTENCE_END = re.compile(r"[。！？!?](?:[”’」』）)]*)|\.(?=\s|$)(?:[\"')\]]*)")
_ABBREVIATION = re.compile(r"(?:\b(?:e\.g|i\.e|vs|cf|approx|esp|incl|Fig|No|Dr|Mr|Mrs|Ms|St)|\b[A-Za-z])$", re.I)
_LABEL = 24  # a first paragraph narrower than this (a CJK character counts 2) ending with a colon is a label
_LIST_ITEM = re.compile(r"^([-*+]|\d+[.)])\s+")
_SCRIPT_URL = re.compile(r"(?:javascript|vbscript):", re.I)
_CONTROL = re.compile(r"[\x00-\x20\x7f-\x9f]+")  # what a browser drops from a URL


def _sections(markdown: str) -> tuple[list[str] | None, list[list[str]]]:
    """The answer section (or None) and every section of the page, as lists of lines."""
    answer, sections, current = None, [], []
    sections.append(current)
    lines = markdown.splitlines()
    for line, fenced in zip(lines, code_mask(lines, fences(lines))):
        if not fenced and _HEADING.match(line):
            current = []
            sections.append(current)
            if _ANSWER.match(line):
                answer = current
            continue
        current.append(line)
    return answer, sections


def _paragraphs(lines: list[str]) -> list[str]:
    """Prose paragraphs of a section: no code blocks, tables, HTML blocks or admonition headers."""
    paragraphs, block = [], []
    in_code = code_mask(lines, fences(lines))
    for line, fenced in zip(lines + [""], in_code + [False]):
        if fenced:
            continue
        stripped = line.strip()
        if not stripped or stripped.startswith(("|", "!!!", "???", "<!--", "</", "<div", "{:", "---", "***")):
            if block:
                paragraphs.append(" ".join(block))
                block = []
            continue
        if _LIST_ITEM.match(stripped) and block:  # a list starts a new paragraph
            paragraphs.append(" ".join(block))
            block = []
        block.append(stripped)
    return [p for p in (strip_markdown(p) for p in paragraphs) if p]


def strip_markdown(text: str) -> str:
    """Inline Markdown and HTML to plain text; inline code is kept as written."""
    codes: list[str] = []

    def keep(match: re.Match) -> str:
        codes.append(match.group(2).strip())
        return f"\ue000{len(codes) - 1}\ue001"

    text = re.sub(r"(`+)(.+?)\1", keep, text)  # inline code: out of the way of the rules below
    text = re.sub(r"<!--.*?-->", " ", text)
    text = re.sub(r"^(>\s*)+", "", text)
    text = _LIST_ITEM.sub("", text)
    text = re.sub(r"!\[([^\]]*)\]\([^)]*\)", r"\1", text)  # images
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)  # links
    text = re.sub(r"\[([^\]]+)\]\[[^\]]*\]", r"\1", text)  # reference links
    text = re.sub(r"\[\^[^\]]+\]", "", text)  # footnote references
    text = re.sub(r"\{:?\s*[#.][^}]*\}", "", text)  # attribute lists
    text = re.sub(r"<[^>]+>", "", text)  # inline HTML
    text = re.sub(r"(\*\*|__|\*|~~|==|\^\^)(?=\S)(.+?)(?<=\S)\1", r"\2", text)  # emphasis
    text = re.sub(r"(?<![\w])_(?=\S)(.+?)(?<=\S)_(?![\w])", r"\1", text)
    text = re.sub(r"\\([\\`*_{}\[\]()#+\-.!|])", r"\1", text)  # escapes
    text = html.unescape(text)
    text = re.sub("\ue000(\\d+)\ue001", lambda m: codes[int(m.group(1))], text)
    return re.sub(r"\s+", " ", text).strip()


def first_sentence(text: str) -> str:
    """Text up to the first full stop, question or exclamation mark (Chinese or English)."""
    end = len(text)
    for match in _SENTENCE_END.finditer(text):
        before, after = text[: match.start()], text[match.end():]
        if match.group().startswith(".") and (_ABBREVIATION.search(before) or re.match(r"\s+[a-z(]", after)):
            continue  # "e.g. queries", "A. Smith", "such as A, B, etc. and"
        end = match.end()
        break
    sentence = text[:end].strip()
    if len(sentence) > MAX_CHARS:
        cut = sentence[:MAX_CHARS]
        if " " in cut[MAX_CHARS // 2:] and cut[-1].isascii():
            cut = cut[: cut.rfind(" ")]
        sentence = cut.rstrip(" ,，、;；:：") + "…"
    return sentence


def _width(text: str) -> int:
    return sum(1 if ch.isascii() else 2 for ch in text)


def safe(text: str) -> str:
    """Plain text nothing can read as HTML or a script URL (what the checker's R7 refuses in a description)."""
    text = re.sub(r"<(?=[A-Za-z/!?])", "< ", text)
    text = re.sub(r"&(?=#|[A-Za-z]+;)", "& ", text)
    if _SCRIPT_URL.search(_CONTROL.sub("", html.unescape(text))):
        text = text.replace(":", "：")  # "javascript:" however spelt, as the checker reads it
    return "".join(c for c in text if c.isprintable())


def describe(markdown: str) -> str:
    """The first sentence of the answer, else of the first section with prose, as plain safe text."""
    answer, sections = _sections(markdown)
    for lines in ([answer] if answer is not None else []) + sections:
        paragraphs = _paragraphs(lines)
        if not paragraphs:
            continue
        sentence = first_sentence(paragraphs[0])
        if _width(sentence) < _LABEL and sentence.endswith((":", "：")) and len(paragraphs) > 1:
            glue = " " if sentence.endswith(":") else ""
            sentence = first_sentence(sentence + glue + paragraphs[1])
        return safe(sentence)
    return ""


def with_description(text: str, description: str) -> str:
    """A page's text with `description:` set (right after the title) or, when empty, removed."""
    end = text.find("\n---\n", 4) if text.startswith("---\n") else -1
    if end == -1:
        return text
    lines, kept, skipping = text[4:end + 1].splitlines(keepends=True), [], False
    for line in lines:
        if skipping and line[:1] in (" ", "\t"):
            continue  # a continuation line of the old value
        skipping = line.startswith("description:")
        if not skipping:
            kept.append(line)
    if description:
        at = next((i + 1 for i, line in enumerate(kept) if line.startswith("title:")), len(kept))
        while at < len(kept) and kept[at][:1] in (" ", "\t"):
            at += 1
        kept.insert(at, yaml.safe_dump({"description": description}, allow_unicode=True, width=100_000))
    return "---\n" + "".join(kept) + text[end + 1:]


def pages(docs: Path) -> dict[Path, str]:
    """Docs-relative path -> text with its description, for every question page of both languages."""
    out = {}
    for page in [*question_pages(docs, "zh"), *question_pages(docs, "en")]:
        text = read_text(docs / page.path)
        out[page.path] = with_description(text, describe(split_front_matter(text)[1]))
    return out
