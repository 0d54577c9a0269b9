"""Read and write page files: YAML front matter plus Markdown body."""
from __future__ import annotations

import copy
import functools
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

import yaml

from .model import InputError

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
            return copy.deepcopy(_parsed(text[4:end])), text[end + 5 :]
    return {}, text


@functools.lru_cache(maxsize=4096)
def _parsed(front_matter: str):
    """A front matter parsed once per text: a build reads each page's several times (navigation, search
    words, study files) and `make serve` all of them again on every rebuild. Callers get a copy."""
    return yaml.load(front_matter, Loader=_LOADER) or {}


def read_text(path: Path) -> str:
    """A page's text; a file that is not UTF-8 raises InputError naming the file and the line."""
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        raise InputError(str(path), line, "not valid UTF-8 text; save the file as UTF-8") from e


def read_page(path: Path) -> tuple[dict, str]:
    """Front matter and body of a page file; bad text or front matter raises InputError (file:line)."""
    text = read_text(path)
    try:
        meta, body = split_front_matter(text)
    except yaml.YAMLError as e:
        line = 2 + getattr(getattr(e, "problem_mark", None), "line", -1)
        raise InputError(str(path), max(line, 1), f"front matter is not plain YAML data ({getattr(e, 'problem', e)});"
                         " remove tags such as '!!python/…' and quote titles holding ':' or '#'") from e
    if not isinstance(meta, dict):
        raise InputError(str(path), 2, "front matter is not a mapping of 'key: value' lines")
    return meta, body


def write_atomic(path: Path, text: str) -> None:
    """Write a file whole or not at all: a temporary file in the same folder, then a rename.

    Whole against a killed process (the rename is atomic); no fsync, which only a power cut would need and
    which would make an import of 200 pages several times slower."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            f.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def dump_front_matter(meta: dict) -> str:
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=1000) + "---\n"


def question_pages(docs: Path, lang: str = "zh", skip: frozenset[Path] = frozenset()) -> list[Page]:
    """Every question page of one language: docs/<topic>/<slug>[.en].md, index pages and `skip` excluded."""
    pages = []
    for path in sorted(docs.glob("*/*.md")):
        is_en = path.name.endswith(".en.md")
        if path.name.startswith("index.") or is_en != (lang == "en") or path.relative_to(docs) in skip:
            continue
        meta, body = read_page(path)
        if "id" in meta:
            pages.append(Page(path.relative_to(docs), meta, body))
    return pages


def twin_path(path: Path, lang: str) -> Path:
    """coding/x.md -> coding/x.en.md for English; the Chinese page keeps its path."""
    stem = path.name.removesuffix(".md").removesuffix(".en")
    return path.with_name(f"{stem}.en.md" if lang == "en" else f"{stem}.md")
