"""Read and write page files: YAML front matter plus Markdown body."""
from __future__ import annotations

import copy
import functools
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

import yaml

from . import languages
from .languages import LANGS, twin_path  # noqa: F401 (the language rules live in qbank.languages)
from .model import InputError

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml: a site build reads every front matter 4 times


@dataclass
class Page:
    path: Path  # relative to the docs folder, e.g. coding/t5-text-generation-model.md
    meta: dict
    body: str

    @property
    def lang(self) -> str:
        return languages.lang(self.path)


def front_matter_lines(text: str) -> int:
    """How many lines the front-matter block at the top of a page takes (its two '---' lines included);
    0 when the page has none, -1 when its block is never closed."""
    text = text.replace("\r\n", "\n")
    if not text.startswith("---\n"):
        return 0
    end = (text if text.endswith("\n") else text + "\n").find("\n---\n", 3)
    return -1 if end == -1 else text.count("\n", 0, end) + 2


def parse_page(text: str, where: str = "page") -> tuple[dict, str]:
    """Front matter and body of a page's text: the one front-matter reader of every tool and the checker.

    Bad front matter (never closed, not plain YAML data, not a mapping) raises InputError naming `where` and
    the line; a page without front matter is ({}, text)."""
    size = front_matter_lines(text)
    if size == 0:
        return {}, text
    if size == -1:
        raise InputError(where, 1, "front matter never closed; end it with a line '---'")
    lines = text.replace("\r\n", "\n").split("\n")
    try:
        meta = copy.deepcopy(_parsed("\n".join(lines[1:size - 1])))
    except yaml.YAMLError as e:
        line = 2 + getattr(getattr(e, "problem_mark", None), "line", -1)
        raise InputError(where, max(line, 1), f"front matter is not plain YAML data ({getattr(e, 'problem', e)});"
                         " remove tags such as '!!python/…' and quote titles holding ':' or '#'") from e
    if not isinstance(meta, dict):
        raise InputError(where, 2, "front matter is not a mapping of 'key: value' lines;"
                         " write one 'key: value' line per field")
    return meta, "\n".join(lines[size:])


def split_front_matter(text: str) -> tuple[dict, str]:
    return parse_page(text)


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
    return parse_page(read_text(path), str(path))


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
        if path.name.startswith("index.") or languages.lang(path) != lang or path.relative_to(docs) in skip:
            continue
        meta, body = read_page(path)
        if "id" in meta:
            pages.append(Page(path.relative_to(docs), meta, body))
    return pages

