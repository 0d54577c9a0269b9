"""MkDocs hook: the few changes to built HTML no template override or generated file can make.

Page descriptions are not made here: `qbank generate` writes them into the pages' front matter
(scripts/qbank/description.py). What is left are three string operations on each page, each bounded
(str.find, and a regular expression only over the tags it finds), far cheaper than a
regular expression over the whole page (0.04 ms a page instead of 0.7–3.4 ms, measured on the built pages):

- the per-page ``<link rel="alternate" hreflang>`` tags are dropped from the HTML head: Material's
  JavaScript fetches ``<alternate>/sitemap.xml`` for each of them, which does not exist for a page
  URL (a 404 logged to the console on every page).  The language alternates stay in sitemap.xml
  (absolute URLs, written by mkdocs-static-i18n) and in the language selector.  Material prints them in
  its ``site_meta`` block, which cannot be overridden without copying it;
- an English page that falls back to the Chinese text marks its article ``lang="zh"`` (Material's
  base.html prints the article tag itself);
- accessibility: Material's search overlay is a ``role="dialog"`` without a name (axe-core:
  aria-dialog-name, serious); it is labelled here rather than by copying partials/search.html.
"""
from __future__ import annotations

import re

from qbank import languages

_ALTERNATE = '<link rel="alternate" href="'
_HREFLANG_LINK = re.compile(r'[ \t]*<link rel="alternate" href="[^"]*" hreflang="[^"]*">\n?')
_ARTICLE = '<article class="md-content__inner md-typeset">'
_SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
_SEARCH_LABEL = {"zh": "搜索", "en": "Search"}


def without_hreflang_links(output: str) -> str:
    """The page without the hreflang <link> tags of its head: each found with str.find, then matched where it
    stands, so a regular expression reads only those tags (and the spaces before them)."""
    head, kept, done = output.find("</head>"), [], 0
    at = output.find(_ALTERNATE, 0, head) if head != -1 else -1
    while at != -1:
        start = at
        while start > done and output[start - 1] in " \t":
            start -= 1
        if match := _HREFLANG_LINK.match(output, start):
            kept.append(output[done:start])
            done = match.end()
        at = output.find(_ALTERNATE, max(at + 1, done), head)
    return "".join(kept) + output[done:] if kept else output


def _languages(config) -> tuple[str, str]:
    """(language being built, default language)."""
    i18n = config.plugins.get("i18n")
    default = getattr(i18n, "default_language", None) or "zh"
    return str(config.theme.get("language") or default), default


def _label_search(output: str, language: str) -> str:
    label = _SEARCH_LABEL.get(language, "Search")
    return output.replace(_SEARCH_DIALOG, f'{_SEARCH_DIALOG[:-1]} aria-label="{label}">', 1)


def on_post_template(output, template_name, config):  # 404.html
    if not template_name.endswith(".html"):
        return output
    return _label_search(without_hreflang_links(output), _languages(config)[0])


def on_post_page(output, page, config):
    language, default = _languages(config)
    output = _label_search(without_hreflang_links(output), language)
    source = page.file.abs_src_path or ""
    if language != default and source.endswith(".md") and languages.lang(source) != language:
        output = output.replace(_ARTICLE, f'{_ARTICLE[:-1]} lang="{default}">', 1)
    return output
