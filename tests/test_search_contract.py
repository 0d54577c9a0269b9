"""What our search relies on in Material's own search, read from the installed Material package.

overrides/assets/javascripts/search/worker.js runs Material's search worker and changes its messages;
box.js reads Material's search box. A Material upgrade that changes any of this fails here, naming what
changed and where we rely on it, instead of breaking search silently in the reader's browser.
"""
from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

import material
import pytest

THEME = Path(material.__file__).parent / "templates"
SCRIPTS = THEME / "assets" / "javascripts"
WORKER = "overrides/assets/javascripts/search/worker.js"
BOX = "overrides/assets/javascripts/search/box.js"
PARTIAL = "overrides/partials/search-worker.html"


def _version() -> str:
    return getattr(material, "__version__", "?")


def _fail(what: str, where: str, detail: str) -> None:
    pytest.fail(f"Material {_version()} changed {what}; our worker relies on it in {where}: {detail}")


def _one(pattern: str) -> Path:
    found = sorted(SCRIPTS.glob(pattern))
    if len(found) != 1:
        _fail(f"its files ({pattern}: {[f.name for f in found]})", WORKER, "exactly one such file is expected")
    return found[0]


@cache
def _sources(bundle: str) -> dict[str, str]:
    """The TypeScript sources of a minified bundle, from its source map: {path: text}."""
    mapping = json.loads(_one(bundle + ".map").read_text(encoding="utf-8"))
    return dict(zip(mapping["sources"], mapping["sourcesContent"]))


def _source(bundle: str, path_end: str, what: str, where: str) -> str:
    texts = [t for p, t in _sources(bundle).items() if p.endswith(path_end)]
    if not texts:
        _fail(what, where, f"no source {path_end} in {bundle}")
    return texts[0]


def _expect(text: str, needles: list[tuple[str, str]], what: str, where: str = WORKER) -> None:
    """Fail naming the first (needle, why) whose needle `text` lacks."""
    for needle, why in needles:
        if needle not in text:
            _fail(f"{what} ({needle})", where, why)


def test_the_worker_file_name_and_the_config_field_that_points_to_it():
    _one("workers/search.*.min.js")
    base = (THEME / "base.html").read_text(encoding="utf-8")
    if not re.search(r'"search":\s*"assets/javascripts/workers/search\.[0-9a-f]+\.min\.js"\s*\|\s*url', base):
        _fail("the `search` field of the page's __config (the worker's URL)", PARTIAL,
              "config.search is replaced by our worker, which loads Material's from it")
    for key in ["search.result.none", "search.result.placeholder"]:
        if f'"{key}"' not in base:
            _fail(f"the translation {key} in __config", BOX, "an empty result is recognised by its text")


def test_the_message_types():
    enum = _source("bundle.*.min.js", "search/worker/message/index.ts", "the search messages", WORKER)
    names = re.search(r"enum SearchMessageType \{(.*?)\}", enum, re.S)
    found = re.findall(r"^\s*([A-Z]+)\b", re.sub(r"/\*.*?\*/", "", names.group(1) if names else ""), re.M)
    if found != ["SETUP", "READY", "QUERY", "RESULT"]:
        _fail("SearchMessageType", WORKER, f"SETUP = 0, READY = 1, QUERY = 2, RESULT = 3 expected, found {found}")


def test_the_worker_handles_messages_as_ours_expects():
    main = _source("workers/search.*.min.js", "search/worker/main/index.ts", "its worker's message handler", WORKER)
    _expect(main, [
        ('addEventListener("message"', "our listener, registered first, changes a query before Material reads it"),
        ("postMessage(await handler(ev.data))", "we wrap self.postMessage to read READY and RESULT"),
        ("case SearchMessageType.SETUP", "setup is held back until the reader searches"),
    ], "its worker's messages")


def test_lunr_as_our_worker_uses_it():
    minified = _one("workers/search.*.min.js").read_text(encoding="utf-8")
    _expect(minified, [
        ("Builder.prototype.build", "we wrap lunr.Builder.prototype.build to read the index's terms"),
        ("invertedIndex", "the index's terms are the keys of index.invertedIndex"),
        ("tokenizer.separator", "lunr.tokenizer.separator is Material's search separator"),
        ("stopWordFilter", "lunr.stopWordFilter tells English stop words"),
        ("stemmer", "lunr.stemmer gives an English word's stem"),
    ], "lunr")


def test_the_query_transformation_our_expanded_queries_rely_on():
    search = _source("workers/search.*.min.js", "integrations/search/_/index.ts", "its search", WORKER)
    if "segment(value, this.index.invertedIndex)" not in search:
        _fail("its Chinese query segmentation", WORKER, "we answer its `term in invertedIndex` with a Proxy")
    transform = _source("workers/search.*.min.js", "query/transform/index.ts", "its query transformation", WORKER)
    if r"/(^[+-]|[~^]\d+$)/.test(term) ? term : `${term}*`" not in transform:
        _fail("when it appends * to a query term", WORKER,
              "query.js sends term~1 (fuzzy), term*^10 (boosted prefix) and term~1^8, to be passed on unchanged")


def test_the_search_box_markup_our_page_script_reads():
    search = (THEME / "partials" / "search.html").read_text(encoding="utf-8")
    for cls in ["md-search__input", "md-search-result__meta"]:
        if f'class="{cls}"' not in search:
            _fail(f"the search box markup (.{cls})", BOX, "the page script finds the input and the result count")


def test_a_result_item_has_the_score_and_the_matched_terms_our_worker_weighs():
    source = _source("workers/search.*.min.js", "integrations/search/_/index.ts", "its search result items", WORKER)
    item = re.search(r"interface SearchItem\b.*?\n\}", source, re.S)
    why = ("a weak result (low score, or no page matching every query term) is answered with none, and pages are "
           "re-ranked by the query words they match")
    _expect(item.group(0) if item else "", [("score: number", why), ("terms: SearchQueryTerms", why)], "SearchItem")
