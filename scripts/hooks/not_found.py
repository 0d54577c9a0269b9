"""MkDocs hook: the site's one 404 page (site/404.html) has the Chinese chrome.

mkdocs-static-i18n builds each language into the same site directory and every build writes the
theme's static 404.html to its root, so the last build (English) used to win. Only the default
language's build writes it now: a Chinese reader who mistypes a URL gets the Chinese header, search and
language switcher (which leads to both home pages, overrides/partials/alternate.html), and the page's own
text is in both languages (overrides/404.html). Static hosts (GitHub Pages) serve this one file for every
missing URL, so no /en/404.html is written.
"""
from __future__ import annotations

PAGE = "404.html"


def on_config(config):
    i18n = config.plugins.get("i18n")
    language = getattr(i18n, "current_language", None)
    default = getattr(i18n, "default_language", None)
    templates = config.theme.static_templates  # one set for every language's build: restore it each time
    if language in (None, default):
        templates.add(PAGE)
    else:
        templates.discard(PAGE)
    return config
