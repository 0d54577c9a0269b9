"""Decide what to write, without ever overwriting a page that was edited after import.

The manifest (data/imported.json) records, per page id, the hash of what the importer last wrote.
A page whose text no longer has that hash was edited by someone: it is kept as it is.

- Identity, not slugs: a question's page is the one holding its title or one of its numbered sources;
  a new question whose slug belongs to another question's page gets a distinct slug (reported).
- Whole files: every file is written to a temporary file and renamed, moved pages are deleted only after
  their new copy is written, and the manifest is written last. A page an earlier crash left empty or cut
  short (a proper prefix of what the importer writes) is restored and reported.
"""
from __future__ import annotations

import hashlib
import json
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from . import languages
from .build import Catalogue
from .classify import Taxonomy
from .model import InputError, Question
from .pages import Page, question_pages, read_page, read_text, split_front_matter, twin_path, write_atomic
from .parse import normalise
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
    """{page id: hash}; a manifest that is not that raises InputError naming the file."""
    if not path.exists():
        return {}
    fix = "restore it with 'git checkout data/imported.json' (it protects pages edited after import)"
    try:
        manifest = json.loads(read_text(path))
    except json.JSONDecodeError as e:
        raise InputError(str(path), e.lineno, f"the import manifest is not valid JSON ({e.msg}); {fix}") from e
    if not isinstance(manifest, dict) or not all(isinstance(v, str) for v in manifest.values()):
        raise InputError(str(path), 1, f"the import manifest is not a mapping of page id to hash; {fix}")
    return manifest


def same_question(page: Page, q: Question) -> bool:
    """Whether a page holds question q: q's title, or one of q's numbered sources (article, number)."""
    ours = {(o.article, str(o.number)) for o in q.occurrences if o.number}
    theirs = {(s.get("article"), str(s.get("number"))) for s in page.meta.get("sources") or [] if isinstance(s, dict)}
    return normalise(str(page.meta.get("title", ""))) == normalise(q.title) or bool(ours & theirs)


def assign_pages(cat: Catalogue, pages: list[Page], plan: Plan) -> dict[str, Page]:
    """Each question's existing page (found by identity, keeping its id) and a slug no other question holds."""
    held = {p.meta["id"]: p for p in pages}
    found: dict[str, Page] = {}
    for q in cat.questions:
        page = held.get(q.id) if q.id in held and same_question(held[q.id], q) else next(
            (p for p in pages if same_question(p, q) and p.meta["id"] not in found), None)
        if page is not None:
            q.id = page.meta["id"]
            found[q.id] = page
    taken = set(held) | {q.id for q in cat.questions if q.id in found}
    for q in (q for q in cat.questions if q.id not in found):
        if q.id in held:
            base, n = re.sub(r"-\d+$", "", q.id), 2
            while f"{base}-{n}" in taken:
                n += 1
            plan.note("given a distinct slug (slug of another question)",
                      f"{q.title}: {q.id} holds {held[q.id].path} ({held[q.id].meta.get('title')}) -> {base}-{n}")
            q.id = f"{base}-{n}"
        taken.add(q.id)
    return found


def unreadable_pages(docs: Path) -> dict[Path, InputError]:
    out = {}
    for path in sorted(docs.glob("*/*.md")):
        try:
            read_page(path)
        except InputError as e:
            out[path.relative_to(docs)] = e
    return out


def cut_short(raw: bytes, text: str) -> bool:
    """A file that is a proper prefix of the text meant for it (empty included): an interrupted write."""
    whole = text.encode("utf-8")
    return len(raw) < len(whole) and whole.startswith(raw)


def plan_import(cat: Catalogue, docs: Path, manifest: dict[str, str], taxonomy: Taxonomy,
                articles: set[str] | None = None) -> Plan:
    """What to write for the catalogue's questions; with `articles`, only for the questions asked in them
    (the catalogue still holds every article, so slugs, merges and related links stay those of a full run)."""
    plan = Plan(manifest=dict(manifest))
    unreadable = unreadable_pages(docs) if docs.exists() else {}
    existing = assign_pages(cat, question_pages(docs, skip=frozenset(unreadable)), plan)
    by_id = {q.id: q for q in cat.questions}
    for q in cat.questions:
        if articles is not None and not {o.article for o in q.occurrences} & articles:
            continue
        text = render_question(q, [by_id[r] for r in q.related])
        page = existing.get(q.id)
        path = page.path if page else Path(q.path)
        if page is None and (docs / path).exists():
            if not cut_short((docs / path).read_bytes(), text):
                if path in unreadable:
                    raise unreadable[path]
                plan.note("kept (edited after import)", str(path))
                continue
            plan.writes[path] = text
            plan.note("restored (empty or cut short by an interrupted run)", str(path))
        elif page is None:
            if q.id in manifest:
                plan.note("skipped (deleted after import)", q.path)
                continue
            plan.writes[path] = text
            plan.note("written", str(path))
        else:
            current = read_text(docs / path)
            if current == text:
                plan.note("unchanged", str(path))
            elif manifest.get(q.id) != sha(current) and cut_short(current.encode("utf-8"), text):
                plan.writes[path] = text
                plan.note("restored (empty or cut short by an interrupted run)", str(path))
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
        twin = read_text(docs / old_en)
        plan.writes[new_en] = re.sub(r"^topic: .*$", f"topic: {new.parent.name}", twin, count=1, flags=re.M)
        plan.deletes.append(old_en)


def plan_indexes(plan: Plan, docs: Path, taxonomy: Taxonomy, titles_en: dict[str, str]) -> None:
    """Topic index pages and the home page's topic list, from the pages as they will be."""
    pages = {p.path: p for p in question_pages(docs, skip=frozenset(plan.writes)) if p.path not in plan.deletes}
    for path, text in plan.writes.items():
        if languages.lang(path) != languages.DEFAULT or path.name.startswith("index."):
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
        for lang in languages.LANGS:
            path = languages.twin_path(Path(topic_id) / "index.md", lang)
            plan_generated(plan, docs, path, render_topic_index(topic, items, lang, titles))
    for lang in languages.LANGS:
        name = languages.twin_path(Path("index.md"), lang)
        path = docs / name
        home = read_text(path) if path.exists() else (TEMPLATES / f"home.{lang}.md").read_text("utf-8")
        block = render_home_topics(taxonomy, counts, lang)
        plan_generated(plan, docs, Path(name), replace_home_topics(home, block, str(path)))


def source_order(page: Page) -> tuple:
    first = (page.meta.get("sources") or [{}])[0]
    number = tuple(int(n) for n in str(first.get("number") or "0").split(".") if n.isdigit())
    return (first.get("article", "~"), number, page.meta.get("id", ""))


def plan_generated(plan: Plan, docs: Path, path: Path, text: str) -> None:
    raw = (docs / path).read_bytes() if (docs / path).exists() else None
    current = raw.decode("utf-8", errors="replace") if raw is not None else None  # generated: rewritten anyway
    if current == text:
        plan.note("index unchanged", str(path))
    else:
        plan.writes[path] = text
        plan.note("index written" if current is None else "index updated", str(path))


def check_writable(plan: Plan, docs: Path, manifest_path: Path) -> None:
    """Before writing anything: every folder to be written can take a new file; else InputError naming it."""
    folders = {(docs / p).parent for p in [*plan.writes, *plan.deletes]} | {manifest_path.parent}
    for folder in sorted(folders):
        existing = next(f for f in (folder, *folder.parents) if f.exists())
        try:
            with tempfile.TemporaryFile(dir=existing):
                pass
        except OSError as e:
            raise InputError(str(existing), 1, f"cannot write here ({e.strerror}); make the folder writable "
                             "(nothing was written)") from e


def apply(plan: Plan, docs: Path, manifest_path: Path) -> None:
    """New files first (each whole, by rename), then the pages moved away, and the manifest last."""
    check_writable(plan, docs, manifest_path)
    for stale in [*docs.rglob(".*.tmp"), *manifest_path.parent.glob(f".{manifest_path.name}.*.tmp")]:
        stale.unlink(missing_ok=True)  # left by a run that was killed while writing
    for path, text in plan.writes.items():
        write_atomic(docs / path, text)
    for path in plan.deletes:
        (docs / path).unlink(missing_ok=True)
    manifest_text = json.dumps(dict(sorted(plan.manifest.items())), ensure_ascii=False, indent=1) + "\n"
    if not manifest_path.exists() or manifest_path.read_bytes() != manifest_text.encode("utf-8"):
        write_atomic(manifest_path, manifest_text)
