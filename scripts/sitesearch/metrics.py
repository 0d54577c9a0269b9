"""Search quality figures for one language: recall@1, recall@5, MRR, empty and foreign-language results,
honest answers to questions the bank does not cover (no result; or a word of the query named as on no page),
latency; per category and overall; and the acceptance check of issue #15. Pure functions of the result lists:
no browser, no files."""
from __future__ import annotations

import statistics
from dataclasses import dataclass


def page_id(path: str) -> str:
    """/en/inference/llm-model-pruning-optimization/ -> llm-model-pruning-optimization"""
    return path.rstrip("/").rsplit("/", 1)[-1]


HOMES = {"zh": "/", "en": "/en/"}  # where each language's pages live
UNCOVERED = "none"  # `expect: none` in a query set: no page answers it, the honest result list is empty
OVERALL = "all"
ACCEPT_RECALL5 = 0.95  # issue #15: recall@5 per language on a set nobody tuned on, no empty, no foreign result


def is_language(path: str, lang: str) -> bool:
    """Whether a site path belongs to a language: its home is the longest one the path starts with."""
    return max((h for h in HOMES.values() if path.startswith(h)), key=len) == HOMES[lang]


@dataclass
class Scored:
    query: str
    expect: list[str] | None  # None: a topic no page covers
    found: list[str]          # page ids, best first
    foreign: int              # results in another language
    latency_ms: float | None
    category: str = "-"
    told: bool = False        # the page named a word of the query that no page has (not on any page: kalman)

    @property
    def covered(self) -> bool:
        return self.expect is not None

    def recall_at(self, k: int) -> float:
        """Share of the expected pages (at most k of them) among the first k results."""
        return len(set(self.expect) & set(self.found[:k])) / min(len(self.expect), k)

    @property
    def recall(self) -> float:
        return self.recall_at(5)

    @property
    def reciprocal_rank(self) -> float:
        return next((1 / n for n, pid in enumerate(self.found, 1) if pid in self.expect), 0.0)

    @property
    def ok(self) -> bool:
        """Nothing to report: all expected pages in the top 5, or no result for an uncovered topic; no foreign page."""
        return not self.foreign and (self.recall == 1 if self.covered else not self.found)


def score(query: str, expect: list[str] | str | None, paths: list[str], lang: str, latency_ms: float | None,
          category: str = "-", told: bool = False) -> Scored:
    expect = None if expect in (None, UNCOVERED) else list(expect)
    return Scored(query, expect, [page_id(p) for p in paths], sum(not is_language(p, lang) for p in paths),
                  latency_ms, category, told)


def _mean(values: list[float]) -> float | None:
    return round(statistics.fmean(values), 3) if values else None


def summary(rows: list[Scored]) -> dict:
    """recall@1, recall@5, MRR and empty over the covered queries; honest = uncovered ones with no result;
    told = uncovered ones with no result or with a query word named as on no page; foreign = queries with a
    result in the other language (all queries)."""
    covered = [r for r in rows if r.covered]
    uncovered = [r for r in rows if not r.covered]
    latencies = [r.latency_ms for r in rows if r.latency_ms is not None]
    return {
        "queries": len(rows),
        "covered": len(covered),
        "recall@1": _mean([r.recall_at(1) for r in covered]),
        "recall@5": _mean([r.recall for r in covered]),
        "mrr": _mean([r.reciprocal_rank for r in covered]),
        "empty": sum(not r.found for r in covered),
        "foreign": sum(r.foreign > 0 for r in rows),
        "uncovered": len(uncovered),
        "honest": sum(not r.found for r in uncovered),
        "told": sum(not r.found or r.told for r in uncovered),
        "median_ms": round(statistics.median(latencies), 1) if latencies else None,
    }


def by_category(rows: list[Scored]) -> dict[str, dict]:
    """The summary of each category (in order of first appearance), then of all queries under OVERALL."""
    categories = list(dict.fromkeys(r.category for r in rows))
    report = {c: summary([r for r in rows if r.category == c]) for c in categories}
    report[OVERALL] = summary(rows)
    return report


def acceptance(overall: dict) -> list[tuple[str, bool]]:
    """Issue #15's acceptance checks on one language's overall summary: (what, passed)."""
    recall = overall["recall@5"]
    return [
        (f"recall@5 {recall} >= {ACCEPT_RECALL5}", recall is not None and recall >= ACCEPT_RECALL5),
        (f"{overall['empty']} empty results for covered topics", overall["empty"] == 0),
        (f"{overall['foreign']} queries with a result in the other language", overall["foreign"] == 0),
    ]
