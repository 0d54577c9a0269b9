"""The pages' search entries, kept across the rebuilds of one `mkdocs serve --dirty` (`make serve`).

A dirty rebuild renders only the pages whose source changed, so Material's search plugin sees only
their entries. scripts/hooks/search_index.py hands every build's entries to `merged`, which keeps each
page's latest entries: after any number of edits the index holds every page once, with its current
text, as a clean build's does. The state lives as long as the process (`mkdocs serve` keeps its
plugins and hook modules across rebuilds).
"""
from __future__ import annotations

from .index import pages

_kept: dict[str, list[dict]] = {}  # page location -> its entries as Material wrote them
serving = {"dirty": False}  # set at startup: True under `mkdocs serve --dirty`


def merged(docs: list[dict]) -> list[dict]:
    """Every page's entries: those of `docs` (the pages this build rendered), and under --dirty those of
    the pages an earlier build rendered and this one did not. Copies, so the caller may change them."""
    if not serving["dirty"]:
        _kept.clear()
    _kept.update(pages(docs))
    return [dict(entry) for entries in _kept.values() for entry in entries]
