"""Old URLs of merged pages keep working: a static redirect stub per old page and language.

`data/redirects.yml` maps an old page (docs-relative, e.g. `fundamentals/old.md`) to the page that now
answers its question. Each old page gets `docs/<topic>/<old>/index.html` (Chinese) and `index.en.html`
(English: mkdocs-static-i18n serves it under /en/): a plain meta refresh, no script, committed like
the topic index pages and checked for staleness in CI.
"""
from __future__ import annotations

import html
import posixpath
from pathlib import Path

from . import data
from .languages import LANGS, twin_path

DATA = data.DATA / "redirects.yml"
STUB = """<!doctype html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<title>{title}</title>
<meta name="robots" content="noindex">
<link rel="canonical" href="{url}">
<meta http-equiv="refresh" content="0; url={url}">
</head>
<body>
<p>{moved} <a href="{url}">{url}</a></p>
</body>
</html>
"""
WORDS = {"zh": ("页面已移动", "本题已合并到"), "en": ("Page moved", "This question now lives at")}


def load(path: Path = DATA) -> dict[str, str]:
    raw = data.load(path)
    if raw is None:
        return {}
    if not isinstance(raw, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in raw.items()):
        raise ValueError(f"{path}: expected a mapping 'old/page.md: new/page.md' per line")
    return dict(raw)  # a copy: the parsed file is shared (qbank.data caches it)


def stubs(redirects: dict[str, str]) -> dict[Path, str]:
    """Docs-relative path -> text of every redirect stub."""
    out = {}
    for old, new in redirects.items():
        folder = old.removesuffix(".md")
        url = posixpath.relpath(new.removesuffix(".md"), folder) + "/"
        for lang in LANGS:
            name = twin_path(Path("index.html"), lang)
            title, moved = WORDS[lang]
            out[Path(folder) / name] = STUB.format(lang=lang, title=title, moved=moved, url=html.escape(url))
    return out


def problems(docs: Path, redirects: dict[str, str]) -> list[str]:
    """What is wrong with the redirect map: an old page that still exists, a target that does not."""
    out = []
    for old, new in redirects.items():
        if (docs / old).exists():
            out.append(f"data/redirects.yml: '{old}' still exists; delete it or drop its redirect")
        if not (docs / new).exists():
            out.append(f"data/redirects.yml: target '{new}' of '{old}' does not exist")
    return out
