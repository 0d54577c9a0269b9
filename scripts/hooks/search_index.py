"""MkDocs hook: a search index per language that knows the domain's words (design/search.md).

- on_page_markdown: pages that are not questions get a lower search boost; a question's `asked_as`
  phrasings are kept for its index entry (for the life of the process: a dirty rebuild renders only the
  edited pages);
- on_config: jieba learns the domain dictionary (the glossary's Chinese terms, the terms the titles
  explain and the pages' tags), so Material's search plugin keeps 多模态 or 自注意力机制 whole when it
  segments the pages; title pairs the glossary lacks become concepts (sitesearch.lexicon.title_concepts);
- on_page_content (last) / on_page_context (after Material's search plugin): the plugin reads the page's
  content with its code blocks' highlighting left out (sitesearch.index.plain_code: same text, a quarter of
  the tags), then the page gets its highlighted content back for the theme; the index is the same, the
  plugin's parsing about half as long (issue #16: build CPU);
- on_pre_build: every build starts from no search entries. Under `mkdocs serve` the plugins live across
  rebuilds: Material's search plugin would merge each build's entries into the previous build's index
  (a merge meant for one language, which mkdocs-static-i18n's builds of every language in one process
  turn into copies of every page), and mkdocs-static-i18n would add each build's entries to those of
  all the builds before. Copies of a page with the same location make the browser's search mark words
  at another copy's offsets (`ark>量化` in the results) and the index grow with every rebuild;
- on_post_build, after mkdocs-static-i18n has written one index for all languages: one index per
  language (search/zh.json, search/en.json), whose page entries carry the glossary synonyms and inner
  words of what they talk about (sitesearch.index), the Chinese one also how its terms sound (data/search-sounds.json,
  written by `qbank generate`: sitesearch.sounds); search/search_index.json, which Material's page
  script loads on every page, keeps its settings and no pages. Under `mkdocs serve --dirty` a rebuild
  renders only the edited pages: sitesearch.dirty keeps the other pages' entries.

overrides/partials/search-worker.html starts overrides/assets/javascripts/search/worker.js with the
index of the page's language; the worker segments queries against the same vocabulary.
"""
from __future__ import annotations

import hashlib
import json
from functools import cache
from pathlib import Path

import jieba
from mkdocs import plugins


from qbank import data
from qbank.pages import split_front_matter
from sitesearch import index as search_index
from sitesearch import sounds
from sitesearch.dirty import merged, serving
from sitesearch.lexicon import is_word, titles_and_tags, vocabulary

ROOT = Path(__file__).resolve().parents[2]
OTHER_PAGES_BOOST = 0.1
_state = {"concepts": [], "words": set()}
_asked: dict[str, list[str]] = {}  # page URL -> the ways its question is asked (front matter asked_as)


def on_startup(command, dirty):  # once per process, before the first build
    serving["dirty"] = command == "serve" and dirty


def on_config(config):
    i18n = config.plugins.get("i18n")
    if i18n is not None and i18n.building:  # another language's build, inside the first one's: same words
        return
    glossary = (ROOT / "data" / "glossary.yml").read_text(encoding="utf-8")
    metas = [split_front_matter(p.read_text(encoding="utf-8"))[0] for p in sorted(Path(config.docs_dir).rglob("*.md"))]
    source = [glossary, *titles_and_tags(metas)]
    if _state.get("source") == source:  # a rebuild under `mkdocs serve` that changed no title or tag
        return
    _state["source"] = source
    _state["version"] = hashlib.sha256(json.dumps(source).encode()).hexdigest()
    _state["concepts"], _state["words"] = vocabulary(data.glossary(), metas, jieba.lcut)
    for word in sorted(_state["words"]):
        jieba.add_word(word)


def on_page_markdown(markdown, page, config, files):
    """Question pages (those with an id) rank above the home, topic and glossary pages."""
    if "id" not in page.meta:
        page.meta["search"] = {"boost": OTHER_PAGES_BOOST, **(page.meta.get("search") or {})}
    _asked[page.url] = [str(p) for p in page.meta.get("asked_as") or []]
    return markdown


_highlighted: dict[str, str] = {}  # page URL -> its content, while Material's search plugin reads the plain one


@plugins.event_priority(-200)  # after every other hook has changed the content (study mode folds the answer)
def on_page_content(html, page, config, files):
    _highlighted[page.url] = html
    return search_index.plain_code(html)


@plugins.event_priority(-200)  # after Material's search plugin (0) has indexed the page: the theme renders this
def on_page_context(context, page, config, nav):
    page.content = _highlighted.pop(page.url, page.content)
    return context


def on_pre_build(config):
    search, i18n = config.plugins.get("material/search"), config.plugins.get("i18n")
    if search is not None:
        search.is_dirty = False  # no merge with the previous build's index (sitesearch.dirty does it)
        search.search_index_prev = None
    if i18n is not None and not i18n.building:  # the first language of a build
        i18n.search_entries.clear()


@cache  # every rebuild under `mkdocs serve` cuts every page's asked_as again, with the same vocabulary `version`
def _cut(version: str, text: str) -> tuple[str, ...]:
    return tuple(jieba.lcut(text))


def _languages(config) -> dict[str, str]:
    """{locale: folder of its pages in the site ('' for the default language)}"""
    i18n = config.plugins.get("i18n")
    if i18n is None:
        return {config.theme.get("language", "en"): ""}
    return {lang.locale: "" if lang.default else f"{lang.locale}/" for lang in i18n.config.languages if lang.build}


@plugins.event_priority(-150)  # after mkdocs-static-i18n (-100) has written the index of every language
def on_post_build(config):
    i18n = config.plugins.get("i18n")
    if i18n is not None and i18n.building:  # a language's own build, before mkdocs-static-i18n joins them
        return
    folder = Path(config.site_dir) / "search"
    combined = json.loads((folder / "search_index.json").read_text(encoding="utf-8"))
    languages = _languages(config)
    docs = merged(combined["docs"])
    search_index.add_asked(docs, _asked, lambda text: _cut(_state["version"], text))
    docs = search_index.split_languages(docs, languages)
    files = {"search_index.json": {"config": combined["config"], "docs": []},  # settings for the page script
             "glossary.json": search_index.glossary_names(data.glossary())}  # for the page's empty results
    for lang in languages:
        pages = search_index.add_terms(docs[lang], _state["concepts"], is_word(jieba.dt.FREQ, _state["words"]),
                                       _state["version"], combined["config"]["separator"])
        files[f"{lang}.json"] = search_index.language_index(combined, search_index.trim(pages))
    heard = ROOT / sounds.NAME  # how the Chinese terms sound: written by `qbank generate` (sitesearch.sounds)
    if heard.is_file():
        table = json.loads(heard.read_text(encoding="utf-8"))
        index = files.get(f"{table.pop('lang', '')}.json")
        if index is not None:
            index["sounds"] = table
    for name, content in files.items():
        (folder / name).write_text(json.dumps(content, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
