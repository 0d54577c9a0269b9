"""Group occurrences of the same question and find near duplicates."""
from __future__ import annotations

import itertools
import re

from .model import Occurrence
from .parse import normalise

NEAR_THRESHOLD = 0.7  # Jaccard similarity of character bigrams
_COMMON = ("大语言模型", "大模型")  # words in almost every title say nothing about the question
_VERSIONED = re.compile(r"[a-z]+-?\d+[a-z0-9]*")  # GPT-2 vs GPT-3 are different questions


def group_exact(occurrences: list[Occurrence]) -> list[list[Occurrence]]:
    """Occurrences whose titles are equal once normalised, in first-seen order."""
    groups: dict[str, list[Occurrence]] = {}
    for occ in occurrences:
        groups.setdefault(normalise(occ.title), []).append(occ)
    return list(groups.values())


def _bigrams(title: str) -> set[str]:
    text = normalise(title)
    for word in _COMMON:
        text = text.replace(word, "")
    return {text[i : i + 2] for i in range(len(text) - 1)}


def similarity(a: str, b: str) -> float:
    if set(_VERSIONED.findall(normalise(a))) != set(_VERSIONED.findall(normalise(b))):
        return 0.0
    ga, gb = _bigrams(a), _bigrams(b)
    return len(ga & gb) / len(ga | gb) if ga | gb else 0.0


def near_pairs(titles: list[str]) -> list[tuple[int, int, float]]:
    """Index pairs of distinct titles that ask nearly the same thing."""
    pairs = []
    for (i, a), (j, b) in itertools.combinations(enumerate(titles), 2):
        score = similarity(a, b)
        if score >= NEAR_THRESHOLD:
            pairs.append((i, j, score))
    return pairs
