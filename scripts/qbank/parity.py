"""Compare each English twin with its Chinese page: same data, same sections, same code.

A twin records `source_hash`, the hash of the Chinese page it was translated from; a twin whose
hash differs from the Chinese page today is outdated. `untranslated: true` marks a twin that
only holds a copy of the Chinese text (it is listed, not counted as English).
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from . import frontmatter
from .markdown import code_text, fences
from .pages import Page, dump_front_matter, question_pages, read_page, twin_path, write_atomic

SHARED_FIELDS = frontmatter.SHARED
SECTION_ID = re.compile(r"^#{1,6} .*\{#([\w-]+)\}\s*$", re.M)
CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]")
STRING = re.compile(r"'''.*?'''|\"\"\".*?\"\"\"|\"(?:\\.|[^\"\\\n])*\"|'(?:\\.|[^'\\\n])*'", re.S)
COMMENT = re.compile(r"\s*(?:#|//).*$")


@dataclass
class Problem:
    path: str
    problem: str
    fix: str
    blocking: bool = True


def source_hash(zh: Page) -> str:
    """Hash of what a translator translates: the title and the body (not topic or tags)."""
    return hashlib.sha256(f"{zh.meta.get('title')}\n{zh.body}".encode("utf-8")).hexdigest()[:16]


def code_blocks(body: str) -> list[tuple[str, list[str]]]:
    lines = body.splitlines()
    return [(block.info, code_text(lines, block)) for block in fences(lines)]


def _without_prose(lines: list[str]) -> list[str]:
    """Code lines without comments, every string literal emptied (multi-line ones too)."""
    text = STRING.sub(lambda m: '""' + "\n" * m.group(0).count("\n"), "\n".join(lines))
    return [COMMENT.sub("", line).rstrip() for line in text.split("\n")]


def first_code_difference(zh: list[str], en: list[str]) -> int | None:
    """1-based line where the code differs: lines without Chinese must be identical, and the
    rest may differ only in comments and strings."""
    for n, (a, b) in enumerate(zip(zh, en), 1):
        if a != b and not CJK.search(a):
            return n
    for n, (a, b) in enumerate(zip(_without_prose(zh), _without_prose(en)), 1):
        if a != b:
            return n
    return None


def compare(zh: Page, en: Page) -> list[str]:
    """What differs between a Chinese page and its English twin (empty when in parity)."""
    issues = [f"front matter `{k}` differs" for k in SHARED_FIELDS if zh.meta.get(k) != en.meta.get(k)]
    zh_ids, en_ids = SECTION_ID.findall(zh.body), SECTION_ID.findall(en.body)
    if zh_ids != en_ids:
        issues.append(f"section ids differ: {zh_ids} vs {en_ids}")
    zh_code, en_code = code_blocks(zh.body), code_blocks(en.body)
    if len(zh_code) != len(en_code):
        issues.append(f"{len(zh_code)} code blocks in Chinese, {len(en_code)} in English")
    for n, ((zl, zc), (el, ec)) in enumerate(zip(zh_code, en_code), 1):
        if zl != el or len(zc) != len(ec):
            issues.append(f"code block {n}: language or line count differs")
            continue
        line = first_code_difference(zc, ec)
        if line:
            issues.append(f"code block {n}: line {line} differs beyond comments and strings")
    if en.meta.get("source_hash") != source_hash(zh):
        issues.append("outdated: the Chinese page changed since this translation (or no source_hash)")
    return issues


def check(docs: Path) -> tuple[list[Problem], int]:
    """Problems of every twin, and how many pages are really translated."""
    problems, translated = [], 0
    for zh in question_pages(docs):
        en_path = docs / twin_path(zh.path, "en")
        if not en_path.exists():  # the English site shows the Chinese page, marked "not translated yet"
            fix = f"copy it to {twin_path(zh.path, 'en')}, translate it, then run check_parity.py --stamp on it"
            problems.append(Problem(str(zh.path), "not translated yet (no English twin)", fix, blocking=False))
            continue
        meta, body = read_page(en_path)
        en = Page(twin_path(zh.path, "en"), meta, body)
        if meta.get("untranslated"):
            fix = "translate it, then run check_parity.py --stamp on it"
            problems.append(Problem(str(en.path), "not translated yet", fix, blocking=False))
            continue
        issues = compare(zh, en)
        for issue in issues:
            outdated = issue.startswith("outdated")
            fix = "translate the change, then --stamp the twin" if outdated else "match the Chinese structure"
            problems.append(Problem(str(en.path), issue, fix))
        translated += not issues
    return problems, translated


def stamp(docs: Path, en_path: Path) -> bool:
    """Record the Chinese page's current hash in a twin; False if the twin is not in parity."""
    zh_path = twin_path(en_path, "zh")
    zh_meta, zh_body = read_page(zh_path)
    zh = Page(zh_path.relative_to(docs), zh_meta, zh_body)
    if "id" not in zh_meta:
        return False  # not a question page (topic index, home)
    meta, body = read_page(en_path)
    meta = {**meta, "source_hash": source_hash(zh)}
    meta.pop("untranslated", None)
    en = Page(en_path.relative_to(docs), meta, body)
    if compare(zh, en):
        return False
    write_atomic(en_path, dump_front_matter(meta) + body)
    return True
