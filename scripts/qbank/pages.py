"""Read and write page files: YAML front matter plus Markdown body."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

LANGS = ("zh", "en")
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml: a site build reads every front matter 4 times


@dataclass
class Page:
    path: Path  # relative to the docs folder, e.g. coding/t5-text-generation-model.md
    meta: dict
    body: str

    @property
    def lang(self) -> str:
        return "en" if self.path.name.endswith(".en.md") else "zh"


def split_front_matter(text: str) -> tuple[dict, str]:
    if text.startswith("---\n"):
        end = text.find("\n---\n", 4)
        if end != -1:
            return yaml.load(text[4:end], Loader=_LOADER) or {}, text[end + 5 :]
    return {}, text


def dump_front_matter(meta: dict) -> str:
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=1000) + "---\n"


def question_pages(docs: Path, lang: str = "zh") -> list[Page]:
    """Every question page of one language: docs/<topic>/<slug>[.en].md, index pages excluded."""
    pages = []
    for path in sorted(docs.glob("*/*.md")):
        is_en = path.name.endswith(".en.md")
        if path.name.startswith("index.") or is_en != (lang == "en"):
            continue
        meta, body = split_front_matter(path.read_text(encoding="utf-8"))
        if "id" in meta:
            pages.append(Page(path.relative_to(docs), meta, body))
    return pages


def twin_path(path: Path, lang: str) -> Path:
    """coding/x.md -> coding/x.en.md for English; the Chinese page keeps its path."""
    stem = path.name.removesuffix(".md").removesuffix(".en")
    return path.with_name(f"{stem}.en.md" if lang == "en" else f"{stem}.md")
