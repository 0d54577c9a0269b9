"""MkDocs hook: front-matter values that templates print are escaped once, here.

MkDocs templates do not autoescape: Material prints `page.meta.title`, `page.meta.description` and the
navigation titles as they are. Each such value (title, description, tags, references[].title) becomes
escaped Markup, which Jinja's `| e` leaves alone, so nothing is escaped twice. scripts/hooks/csp.py
checks the result on every built page.
"""
from __future__ import annotations

import html

from markupsafe import Markup


def escaped(value):
    if isinstance(value, Markup) or not isinstance(value, (str, int, float)):
        return value
    return Markup(html.escape(str(value), quote=True))


def on_page_markdown(markdown, page, config, files):
    meta = page.meta
    for key in ("title", "description"):
        if key in meta:
            meta[key] = escaped(meta[key])
    if isinstance(meta.get("tags"), list):
        meta["tags"] = [escaped(tag) for tag in meta["tags"]]
    if isinstance(meta.get("references"), list):
        meta["references"] = [{**r, "title": escaped(r.get("title"))} if isinstance(r, dict) else r
                              for r in meta["references"]]
    return markdown
