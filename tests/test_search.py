"""Site search, as a reader uses it: type into the search box, read and follow the results.

The queries marked `ci: true` in tests/search_queries.yml run here; scripts/bench_search.py runs all.
"""
from __future__ import annotations

import gzip
import json
import re

import pytest
import yaml
from conftest import ROOT
from qbank.pages import question_pages
from sitesearch.metrics import HOMES, is_language, page_id, score
from sitesearch.searchbox import INPUT, SearchBox

QUERIES = yaml.safe_load((ROOT / "tests" / "search_queries.yml").read_text(encoding="utf-8"))
# gzipped bytes of a language's index per page it indexes: the index grows with the bank, each page must stay
# lean (the index is fetched only when a reader first focuses search, so it is not part of any first load)
MAX_INDEX_BYTES_PER_PAGE = 1_500
# gzipped bytes of the Chinese index's `sounds` (sitesearch.sounds: domain terms and character readings for
# IME homophones): a table of the vocabulary, not of the pages, so it has a budget of its own
MAX_SOUNDS_BYTES = 32_000


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_search_finds_the_questions_in_the_language_of_the_site(page, site_url, lang):
    box = SearchBox(page).open(site_url + HOMES[lang])
    recalls = []
    for q in (q for q in QUERIES[lang] if q.get("ci")):
        result = box.search(q["q"])
        scored = score(q["q"], q["expect"], result.paths, lang, result.latency_ms)
        found = scored.found
        if not scored.covered:  # no page is about it: the honest answer is no result
            assert found == [], f"{q['q']!r}: no page covers it, yet {found}"
            continue
        assert found, f"{q['q']!r}: no result"
        assert not scored.foreign, f"{q['q']!r}: {result.paths}"
        assert found[0] in q["expect"], f"{q['q']!r}: first {found[0]}, expected one of {q['expect']}"
        if q.get("first"):
            assert found[0] == q["expect"][0], f"{q['q']!r}: first {found[0]}, expected {q['expect'][0]}"
        recalls.append(scored.recall)
    assert sum(recalls) / len(recalls) >= 0.95, recalls


@pytest.mark.browser
def test_reader_types_a_term_and_opens_the_first_result_with_the_keyboard(page, site_url):
    box = SearchBox(page).open(site_url + "/")
    result = box.search("自注意力")
    first = page.locator(".md-search-result__item").first
    assert "自注意力" in first.locator("mark").first.inner_text()  # Material highlights the matched term
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(re.escape(result.urls[0].split("?")[0]) + r"(\?.*)?$"))
    assert "自注意力" in page.locator("h1").first.inner_text()


@pytest.mark.browser
def test_english_words_find_their_other_forms(page, site_url):
    box = SearchBox(page).open(site_url + "/en/")
    for query, title in [("quantize", "quantization"), ("prune", "pruning"), ("knowledge graphs", "knowledge graph")]:
        result = box.search(query)
        assert result.titles and title in result.titles[0].lower(), f"{query!r}: {result.titles[:3]}"


@pytest.mark.browser
def test_the_index_is_fetched_when_the_reader_first_searches_not_with_the_page(page, site_url):
    fetched = []
    page.on("request", lambda r: fetched.append(r.url))
    page.goto(site_url + HOMES["zh"])
    page.wait_for_load_state("networkidle")
    assert not [u for u in fetched if u.endswith("/search/zh.json")]
    page.click(INPUT)
    assert SearchBox(page).search("注意力", timeout=30_000).paths
    assert [u for u in fetched if u.endswith("/search/zh.json")]


def gzipped(data) -> int:
    """Bytes of data written as the search hook writes it, gzipped."""
    return len(gzip.compress(json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()))


def test_each_language_has_a_small_index_of_its_own(built_site):
    shared = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert shared["docs"] == []  # what Material's page script loads: settings only
    for lang in HOMES:
        index = json.loads((built_site / "search" / f"{lang}.json").read_bytes())
        sounds = index.pop("sounds", None)
        assert (sounds is not None) == (lang == "zh")  # the Chinese index hears homophones (test_search_box.py)
        docs = index["docs"]
        assert docs and all(is_language("/" + d["location"], lang) for d in docs)
        pages = {d["location"].split("#")[0] for d in docs}
        per_page = gzipped(index) / len(pages)
        assert per_page <= MAX_INDEX_BYTES_PER_PAGE, f"{lang}: {per_page:.0f} bytes gzipped per page"
        table = gzipped(sounds) if sounds else 0
        if sounds:  # what `qbank generate` wrote (sitesearch.sounds), copied as it is
            written = json.loads((ROOT / "data" / "search-sounds.json").read_text(encoding="utf-8"))
            assert {"lang": lang, **sounds} == written
        assert table <= MAX_SOUNDS_BYTES, f"{lang}: sounds {table} bytes gzipped"


def test_the_ways_a_question_is_asked_are_searched_with_its_page(built_site):
    """Every phrasing in a page's front matter `asked_as` is in that page's index entry (its words, each once)."""
    for lang in HOMES:
        docs = json.loads((built_site / "search" / f"{lang}.json").read_text(encoding="utf-8"))["docs"]
        entries = {d["location"]: d for d in docs if "#" not in d["location"]}
        for page in question_pages(ROOT / "docs", lang):
            location = ("" if lang == "zh" else "en/") + page.path.with_suffix("").as_posix().removesuffix(".en") + "/"
            for phrase in page.meta.get("asked_as") or []:
                field = entries[location].get("asked_as", "").lower()
                missing = set("".join(str(phrase).split()).lower()) - set(field)
                assert field and not missing, f"{lang} {location}: {phrase!r} not searched ({missing})"


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_each_interview_concept_finds_its_page(page, site_url, lang):
    box = SearchBox(page).open(site_url + HOMES[lang])
    missed, pages = [], {p.meta["id"] for p in question_pages(ROOT / "docs")}
    for concept in (c for c in QUERIES["concepts"] if c["page"] in pages):
        found = [page_id(p) for p in box.search(concept[lang]).paths[:5]]
        if concept["page"] not in found:
            missed.append(f"{concept[lang]!r}: {found}")
    assert missed == []


def test_code_blocks_keep_their_highlighting_on_the_page(built_site):
    """The search hook hands Material's search plugin code blocks without highlighting; the page keeps it."""
    pages = [p for p in built_site.rglob("index.html") if '<div class="highlight">' in p.read_text(encoding="utf-8")]
    assert pages
    for page in pages[:20]:
        blocks = page.read_text(encoding="utf-8").split('<div class="highlight">')[1:]
        assert all("<span" in block.split("</pre>")[0] for block in blocks), page
