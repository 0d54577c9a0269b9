"""MkDocs hook: render the glossary page from data/glossary.yml, in the page's language.

A page with `glossary: true` in its front matter gets the `<!-- glossary -->` marker replaced by
one table per category, each row with an anchor (`#g-<English term>`: the search box links to it).
The data file stays the single source for translators, search and checks.
"""
from __future__ import annotations

from qbank import data
from sitesearch.lexicon import anchor

MARKER = "<!-- glossary -->"
TOOLING = {"zh": "工具与平台", "en": "Tools & platforms"}


def _categories(lang: str) -> dict[str, str]:
    topics = data.topics()["topics"]
    return {**{t["id"]: t[lang] for t in topics}, "tooling": TOOLING[lang]}


def _cell(text: str) -> str:
    """A term as plain text: HTML and Markdown syntax become character references (seen as written)."""
    return "".join(c if c.isalnum() or c in " -'’" else f"&#{ord(c)};" for c in str(text))


def render(entries: list[dict], lang: str) -> str:
    names = _categories(lang)
    head = {
        "zh": "| 中文 | English | 缩写 | 同义词与变体 |",
        "en": "| English | 中文 | Abbr. | Synonyms and variants |",
    }[lang]
    out = []
    for category, name in names.items():
        rows = [e for e in entries if e["category"] == category]
        if not rows:
            continue
        out += [f"## {name} {{#{category}}}", "", head, "|---|---|---|---|"]
        for e in sorted(rows, key=lambda e: e["en"].lower()):
            alt = ", ".join([*e.get("zh_alt", []), *e.get("en_alt", [])])
            first, second = (e["zh"], e["en"]) if lang == "zh" else (e["en"], e["zh"])
            out.append(f'| <span id="{anchor(e)}"></span>{_cell(first)} | {_cell(second)} | '
                       f"{_cell(e.get('abbr', ''))} | {_cell(alt)} |")
        out.append("")
    return "\n".join(out)


def on_page_markdown(markdown, page, config, files):
    if not page.meta.get("glossary") or MARKER not in markdown:
        return markdown
    entries = data.glossary()
    lang = "en" if page.file.src_uri.endswith(".en.md") or getattr(page.file, "locale", "zh") == "en" else "zh"
    return markdown.replace(MARKER, render(entries, lang))
