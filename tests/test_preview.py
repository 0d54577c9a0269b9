"""`make serve`: after several edits of a page, the preview's search is that of a clean build with the edit.

The preview runs as `make serve` runs it (`mkdocs serve --dirty --no-strict`) on a copy of the project;
how fast each edit shows is a figure of `make bench` (qbank.preview_bench), not asserted here.
"""
from __future__ import annotations

import json
from collections import Counter

import pytest
from conftest import ROOT
from qbank.pages import question_pages
from qbank.preview_bench import Preview, copy_project, edit
from sitesearch import dirty
from sitesearch.searchbox import SearchBox

PAGE = question_pages(ROOT / "docs")[0].path  # any real question page; only its copy is edited
WORDS = ["plumbquartzite", "glyphvortexine", "zephyrquillion"]  # one new word per edit, found nowhere else


def index(site_or_preview, lang: str) -> list[dict]:
    if isinstance(site_or_preview, Preview):
        return json.loads(site_or_preview.get(f"/search/{lang}.json"))["docs"]
    return json.loads((site_or_preview / "search" / f"{lang}.json").read_text(encoding="utf-8"))["docs"]


@pytest.mark.browser
def test_the_preview_index_after_several_edits_is_a_clean_builds_with_the_edit(tmp_path, built_site, page):
    project = copy_project(tmp_path / "project")
    source = project / "docs" / PAGE
    original = source.read_text(encoding="utf-8")
    path = "/" + PAGE.with_suffix("").as_posix() + "/"
    with Preview(project, log=tmp_path / "serve.log") as preview:
        for word in WORDS:
            source.write_text(original, encoding="utf-8")
            edit(source, f"预览中的修改：{word}。")
            preview.wait_for(path, word, timeout=240)

        for lang in ("zh", "en"):
            docs, clean = index(preview, lang), index(built_site, lang)
            twice = [location for location, n in Counter(d["location"] for d in docs).items() if n > 1]
            assert twice == [], f"{lang}: entries indexed more than once: {twice[:5]}"
            assert {d["location"] for d in docs} == {d["location"] for d in clean}
            same = {d["location"]: d for d in clean}  # every page but the edited one: as a clean build has it
            edited = (path[1:], f"en{path}")
            assert [d["location"] for d in docs if d["location"].split("#")[0] not in edited
                    and d != same[d["location"]]] == []
            assert [d["location"] for d in docs if "<mark" in d["text"] or "ark>" in d["text"]] == []
        docs = index(preview, "zh")
        answer = next(d for d in docs if d["location"] == f"{path[1:]}#answer")
        assert WORDS[-1] in answer["text"]
        assert [d["location"] for d in docs for w in WORDS[:-1] if w in d["text"]] == []  # nothing stale

        box = SearchBox(page).open(preview.base + path)
        result = box.search(WORDS[-1], timeout=30_000)
        assert result.paths == [path]
        shown = page.locator(".md-search-result").inner_text()
        assert WORDS[-1] in shown and "ark>" not in shown and "<mark" not in shown


def test_a_dirty_rebuild_replaces_the_entries_of_the_pages_it_rendered_and_keeps_the_others(monkeypatch):
    monkeypatch.setattr(dirty, "_kept", {})
    monkeypatch.setitem(dirty.serving, "dirty", True)
    first = [{"location": "a/", "text": "old"}, {"location": "a/#gone", "text": "old"}, {"location": "b/", "text": "b"}]
    assert dirty.merged(first) == first
    assert dirty.merged([{"location": "a/", "text": "new"}]) == [{"location": "a/", "text": "new"},
                                                                {"location": "b/", "text": "b"}]
    monkeypatch.setitem(dirty.serving, "dirty", False)  # `mkdocs build`, or serve without --dirty: all pages
    assert dirty.merged([{"location": "c/", "text": "c"}]) == [{"location": "c/", "text": "c"}]
