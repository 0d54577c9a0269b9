"""Decide what to write, without ever overwriting a page that was edited after import.

The manifest (data/imported.json) records, per page id, the hash of what the importer last wrote.
A page whose text no longer has that hash was edited by someone: it is kept as it is.
"""
from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from .build import Catalogue
from .classify import Taxonomy
from .pages import Page, question_pages, split_front_matter, twin_path
from .render import (
    english_titles,
    render_home_topics,
    render_question,
    render_topic_index,
    replace_home_topics,
)


TEMPLATES = Path(__file__).resolve().parent / "templates"  # a new docs folder starts from these home pages


def sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass
class Plan:
    writes: dict[Path, str] = field(default_factory=dict)  # docs-relative path -> new text
    deletes: list[Path] = field(default_factory=list)  # docs-relative paths (pages moved away)
    status: dict[str, list[str]] = field(default_factory=dict)  # status -> paths or notes
    manifest: dict[str, str] = field(default_factory=dict)

    def note(self, status: str, item: str) -> None:
        self.status.setdefault(status, []).append(item)


def load_manifest(path: Path) -> dict[str, str]:
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def plan_import(cat: Catalogue, docs: Path, manifest: dict[str, str], taxonomy: Taxonomy) -> Plan:
    plan = Plan(manifest=dict(manifest))
    existing = {p.meta["id"]: p for p in question_pages(docs)}
    by_id = {q.id: q for q in cat.questions}
    for q in cat.questions:
        text = render_question(q, [by_id[r] for r in q.related])
        page = existing.get(q.id)
        path = page.path if page else Path(q.path)
        if page is None:
            if q.id in manifest:
                plan.note("skipped (deleted after import)", q.path)
                continue
            plan.writes[path] = text
            plan.note("written", str(path))
        else:
            current = (docs / path).read_text(encoding="utf-8")
            if current == text:
                plan.note("unchanged", str(path))
            elif manifest.get(q.id) != sha(current):
                plan.note("kept (edited after import)", str(path))
                continue
            elif path != Path(q.path):
                plan_move(plan, docs, path, Path(q.path), text)
            else:
                plan.writes[path] = text
                plan.note("updated", str(path))
        plan.manifest[q.id] = sha(text)
    plan_indexes(plan, docs, taxonomy, {q.id: q.title_en for q in cat.questions if q.title_en})
    return plan


def plan_move(plan: Plan, docs: Path, old: Path, new: Path, text: str) -> None:
    """An unedited page whose topic changed moves to its new folder, with its English twin."""
    plan.writes[new] = text
    plan.deletes.append(old)
    plan.note("moved", f"{old} -> {new}")
    old_en, new_en = twin_path(old, "en"), twin_path(new, "en")
    if (docs / old_en).exists():
        twin = (docs / old_en).read_text(encoding="utf-8")
        plan.writes[new_en] = re.sub(r"^topic: .*$", f"topic: {new.parent.name}", twin, count=1, flags=re.M)
        plan.deletes.append(old_en)


def plan_indexes(plan: Plan, docs: Path, taxonomy: Taxonomy, titles_en: dict[str, str]) -> None:
    """Topic index pages and the home page's topic list, from the pages as they will be."""
    pages = {p.path: p for p in question_pages(docs) if p.path not in plan.deletes}
    for path, text in plan.writes.items():
        if path.name.endswith(".en.md") or path.name.startswith("index."):
            continue
        meta, body = split_front_matter(text)
        pages[path] = Page(path, meta, body)
    by_topic: dict[str, list[Page]] = {}
    for page in sorted(pages.values(), key=source_order):
        by_topic.setdefault(page.path.parent.name, []).append(page)
    titles = english_titles([p for p in question_pages(docs, "en") if p.path not in plan.deletes], titles_en)
    counts = {topic: len(items) for topic, items in by_topic.items()}
    for topic_id, items in by_topic.items():
        topic = taxonomy.get(topic_id)
        for lang, name in (("zh", "index.md"), ("en", "index.en.md")):
            plan_generated(plan, docs, Path(topic_id) / name, render_topic_index(topic, items, lang, titles))
    for lang, name in (("zh", "index.md"), ("en", "index.en.md")):
        path = docs / name
        home = path.read_text(encoding="utf-8") if path.exists() else (TEMPLATES / f"home.{lang}.md").read_text("utf-8")
        block = render_home_topics(taxonomy, counts, lang)
        plan_generated(plan, docs, Path(name), replace_home_topics(home, block, str(path)))


def regenerate_indexes(docs: Path, taxonomy: Taxonomy, manifest_path: Path) -> Plan:
    """Rewrite topic index pages and the home topic list from the pages on disk (e.g. after a new page)."""
    plan = Plan(manifest=load_manifest(manifest_path))
    plan_indexes(plan, docs, taxonomy, {})
    apply(plan, docs, manifest_path)
    return plan


def source_order(page: Page) -> tuple:
    first = (page.meta.get("sources") or [{}])[0]
    number = tuple(int(n) for n in str(first.get("number") or "0").split(".") if n.isdigit())
    return (first.get("article", "~"), number, page.meta.get("id", ""))


def plan_generated(plan: Plan, docs: Path, path: Path, text: str) -> None:
    current = (docs / path).read_text(encoding="utf-8") if (docs / path).exists() else None
    if current == text:
        plan.note("index unchanged", str(path))
    else:
        plan.writes[path] = text
        plan.note("index written" if current is None else "index updated", str(path))


def apply(plan: Plan, docs: Path, manifest_path: Path) -> None:
    for path in plan.deletes:
        (docs / path).unlink()
    for path, text in plan.writes.items():
        target = docs / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    manifest_text = json.dumps(dict(sorted(plan.manifest.items())), ensure_ascii=False, indent=1) + "\n"
    if not manifest_path.exists() or manifest_path.read_text(encoding="utf-8") != manifest_text:
        manifest_path.parent.mkdir(parents=True, exist_ok=True)
        manifest_path.write_text(manifest_text, encoding="utf-8")
