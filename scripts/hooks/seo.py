"""MkDocs hook: search-engine and social metadata, kept free of off-site requests.

- every page gets a ``description`` (unless its front matter has one): the first sentence of its
  answer (the section under ``## 答案 {#answer}`` / ``## Answer {#answer}``), or of its first section
  when it has no answer, as plain text; base.html writes it to ``<meta name="description">`` and
  overrides/partials/seo.html to the Open Graph tags;
- the per-page ``<link rel="alternate" hreflang>`` tags are dropped from the HTML head: Material's
  JavaScript fetches ``<alternate>/sitemap.xml`` for each of them, which does not exist for a page
  URL (a 404 logged to the console on every page).  The language alternates stay in sitemap.xml
  (absolute URLs, written by mkdocs-static-i18n) and in the language selector;
- an English page that falls back to the Chinese text marks its article ``lang="zh"``;
- accessibility: Material's search overlay is a ``role="dialog"`` without a name (axe-core:
  aria-dialog-name, serious); it is labelled here rather than by copying partials/search.html.
"""
from __future__ import annotations

import html
import re
from pathlib import Path

from markupsafe import Markup
from qbank.markdown import code_mask, fences

MAX_CHARS = 300  # a description longer than this is cut at a word or character boundary

_HEADING = re.compile(r"#{1,6}\s")  # a heading line (matched at its start: linear time)
_ANSWER = re.compile(r"^##\s+.*\{\s*#answer\s*\}\s*$")
_SENTENCE_END = re.compile(r"[。！？!?](?:[”’」』）)]*)|\.(?=\s|$)(?:[\"')\]]*)")


def _sections(markdown: str) -> tuple[list[str] | None, list[list[str]]]:
    """The answer section (or None) and every section of the page, as lists of lines."""
    answer, sections, current = None, [], []
    sections.append(current)
    lines = markdown.splitlines()
    in_code = code_mask(lines, fences(lines))
    for line, fenced in zip(lines, in_code):
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
        if re.match(r"^([-*+]|\d+[.)])\s+", stripped) and block:  # a list starts a new paragraph
            paragraphs.append(" ".join(block))
            block = []
        block.append(stripped)
    return [p for p in (strip_markdown(p) for p in paragraphs) if p]


def strip_markdown(text: str) -> str:
    """Inline Markdown and HTML to plain text."""
    text = re.sub(r"<!--.*?-->", " ", text)
    text = re.sub(r"^(>\s*)+", "", text)
    text = re.sub(r"^([-*+]|\d+[.)])\s+", "", text)
    text = re.sub(r"!\[([^\]]*)\]\([^)]*\)", r"\1", text)  # images
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)  # links
    text = re.sub(r"\[([^\]]+)\]\[[^\]]*\]", r"\1", text)  # reference links
    text = re.sub(r"\[\^[^\]]+\]", "", text)  # footnote references
    text = re.sub(r"\{:?\s*[#.][^}]*\}", "", text)  # attribute lists
    text = re.sub(r"<[^>]+>", "", text)  # inline HTML
    text = re.sub(r"`+([^`]*)`+", r"\1", text)  # inline code
    text = re.sub(r"(\*\*|__|\*|~~|==|\^\^)(?=\S)(.+?)(?<=\S)\1", r"\2", text)  # emphasis
    text = re.sub(r"(?<![\w])_(?=\S)(.+?)(?<=\S)_(?![\w])", r"\1", text)
    text = re.sub(r"\\([\\`*_{}\[\]()#+\-.!|])", r"\1", text)  # escapes
    text = html.unescape(text)
    return re.sub(r"\s+", " ", text).strip()


_ABBREVIATION = re.compile(r"(?:\b(?:e\.g|i\.e|vs|cf|approx|esp|incl|Fig|No|Dr|Mr|Mrs|Ms|St)|\b[A-Za-z])$", re.I)
_LABEL = 24  # a first paragraph narrower than this (a CJK character counts 2) ending with a colon is a label


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


def describe(markdown: str) -> str:
    """The first sentence of the answer, else of the first section with prose, as plain text."""
    answer, sections = _sections(markdown)
    for lines in ([answer] if answer is not None else []) + sections:
        paragraphs = _paragraphs(lines)
        if not paragraphs:
            continue
        sentence = first_sentence(paragraphs[0])
        if _width(sentence) < _LABEL and sentence.endswith((":", "：")) and len(paragraphs) > 1:
            glue = " " if sentence.endswith(":") else ""
            sentence = first_sentence(sentence + glue + paragraphs[1])
        return sentence
    return ""


def _languages(config) -> tuple[str, str]:
    """(language being built, default language)."""
    i18n = config.plugins.get("i18n")
    default = getattr(i18n, "default_language", None) or "zh"
    return str(config.theme.get("language") or default), default


def on_page_markdown(markdown, page, config, files):
    if not page.meta.get("description"):
        description = describe(markdown)
        if description:
            # base.html prints it without escaping (MkDocs templates do not autoescape)
            page.meta["description"] = Markup(html.escape(description, quote=True))
    return markdown


_HREFLANG_LINK = re.compile(r'[ \t]*<link rel="alternate" href="[^"]*" hreflang="[^"]*">\n?')
_ARTICLE = '<article class="md-content__inner md-typeset">'
_SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
_SEARCH_LABEL = {"zh": "搜索", "en": "Search"}


def _label_search(output: str, language: str) -> str:
    label = _SEARCH_LABEL.get(language, "Search")
    return output.replace(_SEARCH_DIALOG, f'{_SEARCH_DIALOG[:-1]} aria-label="{label}">', 1)


def on_post_template(output, template_name, config):  # 404.html
    if not template_name.endswith(".html"):
        return output
    return _label_search(_HREFLANG_LINK.sub("", output), _languages(config)[0])


def on_post_page(output, page, config):
    output = _HREFLANG_LINK.sub("", output)
    language, default = _languages(config)
    output = _label_search(output, language)
    source = Path(page.file.abs_src_path or "").name
    if language != default and source.endswith(".md") and not source.endswith(f".{language}.md"):
        output = output.replace(_ARTICLE, f'{_ARTICLE[:-1]} lang="{default}">', 1)
    return output
