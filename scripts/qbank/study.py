"""Study mode (issue 14): the data the reader's browser needs, the folded answer, the flashcard decks.

- `questions_data`: every question's id, topic, type, difficulty, version and titles in both languages
  (assets/study/questions.json, read by overrides/assets/javascripts/study.js for progress, the
  "review later" list, random questions and mock interviews);
- `fold_answer`: the answer and what gives it away (analysis, code, pitfalls, follow-ups) inside one native
  <details>, so a question page can be used for self-test with or without JavaScript;
- `deck`: an Anki deck per language, tab-separated (front = question, back = the answer section as
  HTML with every value escaped), one card per question.

The version of a question is its `reviewed` date (the same in both languages): a mark made on a page
remembers it, and a later review of the answer shows "updated since you marked it".
Written by scripts/hooks/study.py at build time (derived from every page, like the search index) and by
`qbank generate --study DIR` (scripts/generate.py).
"""
from __future__ import annotations

import functools
import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import markdown

from . import languages
from .classify import Taxonomy
from .model import InputError
from .pages import Page, read_page, twin_path
from .write import source_order

TYPES = ("concept", "coding", "system-design", "open-ended")
FOLDED = ("answer", "analysis", "code", "pitfalls", "follow-ups")  # sections that give the answer away
SUMMARY = {"zh": "答案与解析", "en": "Answer and analysis"}
H2 = re.compile(r'<h2 id="([^"]*)"')
DECK_TAGS = ("p", "br", "ul", "ol", "li", "strong", "em", "b", "i", "code", "pre", "sub", "sup", "kbd",
             "blockquote", "table", "thead", "tbody", "tr", "th", "td", "h3", "h4")


def version(meta: dict) -> str:
    """What a progress mark remembers: the page's `reviewed` date ('' while unreviewed)."""
    return str(meta.get("reviewed") or "")


def _readable(docs: Path, lang: str) -> list[Page]:
    """Question pages of one language that can be read (`make check` and the build report the others)."""
    pages = []
    for path in sorted(docs.glob("*/*.md")):
        if path.name.startswith("index.") or languages.lang(path) != lang:
            continue
        try:
            meta, body = read_page(path)
        except InputError:
            continue
        if isinstance(meta.get("id"), str) and meta["id"]:
            pages.append(Page(path.relative_to(docs), meta, body))
    return pages


def _order(page: Page) -> tuple:
    try:
        return source_order(page)
    except (AttributeError, TypeError, ValueError):  # malformed sources: `make check` reports them
        return ("~", (), str(page.meta.get("id")))


def _pages(docs: Path) -> list[tuple[Page, Page | None]]:
    """(Chinese page, English twin or None) of every question, in topic order then source order."""
    taxonomy = Taxonomy(docs.parent / "data" / "topics.yml") if (docs.parent / "data").is_dir() else Taxonomy()
    rank = {t.id: n for n, t in enumerate([*taxonomy.topics, taxonomy.fallback])}
    twins = {p.path: p for p in _readable(docs, "en")}
    pages = sorted(_readable(docs, "zh"), key=lambda p: (rank.get(p.path.parent.name, len(rank)), _order(p)))
    return [(p, twins.get(twin_path(p.path, "en"))) for p in pages]


def questions_data(docs: Path, pages: list[tuple[Page, Page | None]] | None = None) -> dict:
    """`pages`: those of _pages(docs), when the caller has read them already."""
    taxonomy = Taxonomy(docs.parent / "data" / "topics.yml") if (docs.parent / "data").is_dir() else Taxonomy()
    questions = []
    for zh, en in _pages(docs) if pages is None else pages:
        meta = zh.meta
        level = meta.get("difficulty")
        questions.append({
            "id": str(meta["id"]), "topic": zh.path.parent.name, "type": str(meta.get("type") or ""),
            "difficulty": level if level in (1, 2, 3) else 0, "version": version(meta),
            "zh": str(meta.get("title", "")), "en": str((en.meta if en else meta).get("title", "")),
            "path": f"{zh.path.parent.name}/{zh.path.stem}/",
        })
    used = {q["topic"] for q in questions}
    topics = [{"id": t.id, "zh": t.zh, "en": t.en} for t in [*taxonomy.topics, taxonomy.fallback] if t.id in used]
    return {"topics": topics, "questions": questions}


def fold_answer(page_html: str, lang: str) -> str:
    """Wrap the answer sections (FOLDED, from `## answer` to the first other h2) in one closed <details>."""
    heads = [(m.start(), m.group(1)) for m in H2.finditer(page_html)]
    start = next((i for i, (_, ident) in enumerate(heads) if ident == "answer"), None)
    if start is None:
        return page_html
    end = next((pos for pos, ident in heads[start:] if ident not in FOLDED), len(page_html))
    begin = heads[start][0]
    label = SUMMARY.get(lang, SUMMARY["en"])
    return (f'{page_html[:begin]}<details class="study-answer"><summary>{label}</summary>\n'
            f"{page_html[begin:end]}</details>\n{page_html[end:]}")


class _Clean(HTMLParser):
    """HTML with only DECK_TAGS, no attributes, every text escaped; newlines inside <pre> become <br>."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out, self.pre, self.skip = [], 0, 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self.skip += 1
        elif tag in DECK_TAGS:
            self.pre += tag == "pre"
            self.out.append(f"<{tag}>")

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.skip = max(0, self.skip - 1)
        elif tag in DECK_TAGS and tag != "br":
            self.pre -= tag == "pre"
            self.out.append(f"</{tag}>")

    def handle_data(self, data):
        if not self.skip:
            text = html.escape(data, quote=False)
            self.out.append(text.replace("\n", "<br>") if self.pre else re.sub(r"\s+", " ", text))


def clean_html(fragment: str) -> str:
    parser = _Clean()
    parser.feed(fragment)
    parser.close()
    return "".join(parser.out).replace("\t", " ").strip()


def answer_markdown(body: str) -> str:
    """The text of a page's `{#answer}` section (up to the next level-2 heading)."""
    match = re.search(r"^## [^\n]*\{#answer\}[^\n]*\n(.*?)(?=^## |\Z)", body, re.S | re.M)
    return match.group(1).strip() if match else ""


_MARKDOWN = markdown.Markdown(extensions=["tables", "fenced_code"])  # one converter, reset for each answer


@functools.lru_cache(maxsize=4096)  # `make serve` writes the decks again on every rebuild
def _card_back(answer: str) -> str:
    return clean_html(_MARKDOWN.reset().convert(answer))


def deck(docs: Path, lang: str, pages: list[tuple[Page, Page | None]] | None = None) -> str:
    """An Anki text deck: one card per question, front and back as escaped HTML, tab-separated
    (`pages`: as for questions_data)."""
    name = "大模型面试题库" if lang == "zh" else "LLM Interview Questions"
    lines = ["#separator:tab", "#html:true", "#notetype:Basic", f"#deck:{name}", "#guid column:1",
             "#tags column:4", "#columns:id\tFront\tBack\tTags"]
    for zh, en in _pages(docs) if pages is None else pages:
        page = en if lang == "en" and en is not None and not en.meta.get("untranslated") else zh
        back = _card_back(answer_markdown(page.body))
        level = zh.meta.get("difficulty")
        kind = zh.meta.get("type") if zh.meta.get("type") in TYPES else ""
        tags = [zh.path.parent.name, kind] + ([f"difficulty-{level}"] if level in (1, 2, 3) else [])
        front = html.escape(" ".join(str(page.meta.get("title", "")).split()), quote=False)
        guid = "qbank-" + re.sub(r"[^\w-]", "-", str(zh.meta["id"]))
        lines.append("\t".join([guid, front, back or front, " ".join(t for t in tags if t)]))
    return "\n".join(lines) + "\n"


def write(docs: Path, out: Path) -> list[Path]:
    """questions.json and deck-zh.txt / deck-en.txt into `out`; the paths written."""
    out.mkdir(parents=True, exist_ok=True)
    pages = _pages(docs)  # read once for the three files
    files = {"questions.json": json.dumps(questions_data(docs, pages), ensure_ascii=False, separators=(",", ":")),
             "deck-zh.txt": deck(docs, "zh", pages), "deck-en.txt": deck(docs, "en", pages)}
    for name, text in files.items():
        (out / name).write_text(text, encoding="utf-8")
    return [out / name for name in files]
