"""Each data file is read by one loader: data/*.yml parsed with libyaml's C loader where available, once
per process and file version (a build reads the glossary and the topics from several places)."""
from __future__ import annotations

from pathlib import Path

import yaml

DATA = Path(__file__).resolve().parents[2] / "data"
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_CACHE: dict[tuple[Path, int, int], object] = {}


def load(path: Path):
    """The parsed YAML of one file (None when it does not exist), re-read only when the file changed."""
    if not path.exists():
        return None
    stat = path.stat()
    key = (path.resolve(), stat.st_mtime_ns, stat.st_size)
    if key not in _CACHE:
        _CACHE[key] = yaml.load(path.read_text(encoding="utf-8"), Loader=LOADER)
    return _CACHE[key]


def topics(folder: Path = DATA) -> dict:
    return load(folder / "topics.yml")


def glossary(folder: Path = DATA) -> list[dict]:
    return load(folder / "glossary.yml") or []


def titles_en(folder: Path = DATA) -> dict:
    return load(folder / "titles_en.yml") or {}
