"""Search quality figures for one language: recall@5, MRR, empty and foreign-language results, latency."""
from __future__ import annotations

import statistics
from dataclasses import dataclass


def page_id(path: str) -> str:
    """/en/inference/llm-model-pruning-optimization/ -> llm-model-pruning-optimization"""
    return path.rstrip("/").rsplit("/", 1)[-1]


HOMES = {"zh": "/", "en": "/en/"}  # where each language's pages live


def is_language(path: str, lang: str) -> bool:
    """Whether a site path belongs to a language: its home is the longest one the path starts with."""
    return max((h for h in HOMES.values() if path.startswith(h)), key=len) == HOMES[lang]


@dataclass
class Scored:
    query: str
    expect: list[str]
    found: list[str]          # page ids, best first
    foreign: int              # results in another language
    latency_ms: float | None

    @property
    def recall(self) -> float:
        """Share of the expected pages (at most 5 of them) found in the first 5 results."""
        return len(set(self.expect) & set(self.found[:5])) / min(len(self.expect), 5)

    @property
    def reciprocal_rank(self) -> float:
        return next((1 / n for n, pid in enumerate(self.found, 1) if pid in self.expect), 0.0)


def score(query: str, expect: list[str], paths: list[str], lang: str, latency_ms: float | None) -> Scored:
    return Scored(query, expect, [page_id(p) for p in paths], sum(not is_language(p, lang) for p in paths), latency_ms)


def summary(rows: list[Scored]) -> dict:
    latencies = [r.latency_ms for r in rows if r.latency_ms is not None]
    return {
        "queries": len(rows),
        "recall@5": round(statistics.fmean(r.recall for r in rows), 3),
        "mrr": round(statistics.fmean(r.reciprocal_rank for r in rows), 3),
        "empty": sum(not r.found for r in rows),
        "foreign": sum(r.foreign > 0 for r in rows),
        "median_ms": round(statistics.median(latencies), 1) if latencies else None,
    }
