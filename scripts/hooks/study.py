"""MkDocs hook for study mode (issue 14; scripts/qbank/study.py does the work).

- on_page_content: on a question page, the answer and the sections that give it away go into one native
  <details> (closed: study mode), so self-test works without JavaScript; study.js opens it in reading
  mode. This needs the rendered page, hence a hook rather than a generated file;
- on_post_build: assets/study/questions.json (what study.js needs for progress, lists, random questions
  and mock interviews) and the Anki decks assets/study/deck-zh.txt and deck-en.txt, built from the pages
  like the search index, so no committed file goes stale when a page changes. Once per build: not again
  in the build of each other language that mkdocs-static-i18n runs inside it (same files, same site_dir).
"""
from __future__ import annotations

from pathlib import Path

from qbank import study


def on_page_content(html, page, config, files):
    if page.meta.get("id") and not page.meta.get("generated"):
        return study.fold_answer(html, config.theme.get("language", "zh"))
    return html


def on_post_build(config):
    i18n = config.plugins.get("i18n")
    if i18n is not None and i18n.building:  # another language's build, inside the first one's
        return
    study.write(Path(config.docs_dir), Path(config.site_dir) / "assets" / "study")
