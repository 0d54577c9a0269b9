"""The site's languages and how a file says which one it is in: the one place for these rules.

mkdocs-static-i18n's suffix structure: `x.md` is Chinese (the default language), `x.en.md` its English
twin; generated files follow it too (`index.html` / `index.en.html`).
"""
from __future__ import annotations

from pathlib import PurePath

LANGS = ("zh", "en")
DEFAULT = "zh"


def lang(path: PurePath | str) -> str:
    """'en' for x.en.md (any extension), else the default language."""
    name = PurePath(path).name
    stem, dot, _ = name.rpartition(".")
    return next((code for code in LANGS if code != DEFAULT and dot and stem.endswith(f".{code}")), DEFAULT)


def stem(path: PurePath | str) -> str:
    """The file name without its language suffix and extension: x for x.md and x.en.md."""
    name = PurePath(path).name
    base = name.rpartition(".")[0] or name
    code = lang(path)
    return base if code == DEFAULT else base.removesuffix(f".{code}")


def twin_path(path: PurePath, language: str):
    """The same file in a language: coding/x.md -> coding/x.en.md for 'en'; coding/x.en.md -> coding/x.md for 'zh'."""
    extension = PurePath(path).name.rpartition(".")[2]
    suffix = "" if language == DEFAULT else f".{language}"
    return path.with_name(f"{stem(path)}{suffix}.{extension}")
