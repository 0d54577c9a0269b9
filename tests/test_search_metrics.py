"""The search figures (scripts/sitesearch/metrics.py) on tiny hand-made result lists with known answers,
and the query sets' shape (scripts/bench_search.py reads them)."""
from __future__ import annotations

import pytest
from bench_search import SETS, QueryFileError, load_set
from conftest import ROOT
from qbank.pages import question_pages
from sitesearch.metrics import OVERALL, acceptance, by_category, score, summary

ZH = ["/fundamentals/a/", "/fundamentals/b/", "/training/c/"]


def test_recall_and_reciprocal_rank_of_one_ranking():
    r = score("q", ["b", "c", "x"], ZH, "zh", 5.0, "term")
    assert r.recall_at(1) == 0            # a is first, not expected
    assert r.recall_at(5) == pytest.approx(2 / 3)
    assert r.reciprocal_rank == 0.5       # b is second
    assert (r.foreign, r.covered, r.ok) == (0, True, False)


def test_recall_at_k_counts_at_most_k_expected_pages():
    r = score("q", ["a", "b", "c"], ZH, "zh", None)
    assert r.recall_at(1) == 1 and r.recall_at(5) == 1 and r.reciprocal_rank == 1


def test_results_in_the_other_language_are_foreign():
    assert score("q", ["a"], ["/en/fundamentals/a/", "/fundamentals/a/"], "zh", None).foreign == 1
    assert score("q", ["a"], ["/en/fundamentals/a/", "/fundamentals/a/"], "en", None).foreign == 1
    assert score("q", ["a"], ["/en/fundamentals/a/"], "en", None).foreign == 0


def test_an_uncovered_topic_is_honest_only_when_nothing_comes_back():
    honest = score("q", "none", [], "zh", None, "uncovered")
    dishonest = score("q", "none", ZH[:1], "zh", None, "uncovered")
    assert not honest.covered and honest.ok and not dishonest.ok
    told = score("q", "none", ZH[:1], "zh", None, "uncovered", told=True)  # listed, but "not on any page: q"
    figures = summary([honest, dishonest, told])
    assert (figures["uncovered"], figures["honest"], figures["told"], figures["covered"], figures["empty"]) == \
        (3, 1, 2, 0, 0)
    assert figures["recall@5"] is None and figures["mrr"] is None


def test_summary_per_category_and_overall():
    rows = [
        score("hit", ["a"], ZH, "zh", 10.0, "term"),                 # r@1 1, r@5 1, rr 1
        score("second", ["b"], ZH, "zh", 20.0, "term"),              # r@1 0, r@5 1, rr 1/2
        score("empty", ["a"], [], "zh", 30.0, "typo"),               # empty: 0, 0, 0
        score("none", "none", [], "zh", 40.0, "uncovered"),          # honest
    ]
    report = by_category(rows)
    assert list(report) == ["term", "typo", "uncovered", OVERALL]
    assert report["term"] == {"queries": 2, "covered": 2, "recall@1": 0.5, "recall@5": 1.0, "mrr": 0.75, "empty": 0,
                              "foreign": 0, "uncovered": 0, "honest": 0, "told": 0, "median_ms": 15.0}
    overall = report[OVERALL]
    assert (overall["queries"], overall["covered"], overall["empty"], overall["honest"]) == (4, 3, 1, 1)
    assert overall["recall@1"] == 0.333 and overall["recall@5"] == 0.667 and overall["mrr"] == 0.5


def test_acceptance_needs_recall_no_empty_and_no_foreign_result():
    good = summary([score("q", ["a"], ZH, "zh", None)])
    assert all(ok for _, ok in acceptance(good))
    low = summary([score("q", ["a"], ZH, "zh", None), score("q2", ["x"], ZH, "zh", None)])
    assert [ok for _, ok in acceptance(low)] == [False, True, True]
    empty = summary([score("q", ["a"], [], "zh", None)])
    assert [ok for _, ok in acceptance(empty)] == [False, False, True]
    foreign = summary([score("q", ["a"], ["/fundamentals/a/", "/en/fundamentals/a/"], "zh", None)])
    assert [ok for _, ok in acceptance(foreign)] == [True, True, False]


@pytest.mark.parametrize("path", SETS, ids=lambda p: p.name)
def test_every_query_set_expects_pages_that_exist(path):
    name = path.name
    pages = {p.meta["id"] for p in question_pages(ROOT / "docs")}
    for lang, queries in load_set(path).items():
        assert queries, f"{name}: no {lang} queries"
        unknown = [(q["q"], p) for q in queries if q["expect"] != "none" for p in q["expect"] if p not in pages]
        assert unknown == [], f"{name} {lang}: expected pages that do not exist"


@pytest.mark.parametrize("text, where", [
    ("zh:\n  - {q: a, expect: [a}\n", "queries.yml:2: not valid YAML"),
    ("zh:\n  - {q: lora, expect: lora-explained}\n", "queries.yml:2: a query needs"),
    ("en:\n  - {expect: [a]}\n", "queries.yml: en query 1: a query needs"),
    ("- just a list\n", "queries.yml: no `zh:` or `en:`"),
])
def test_a_broken_query_set_is_named_with_its_line(tmp_path, text, where):
    path = tmp_path / "queries.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(QueryFileError) as error:
        load_set(path)
    assert str(error.value).startswith(f"{path.parent}/{where}")


# Issue #15, requirement 7: our own query set has at least 150 queries per language, in every category it names
MIN_QUERIES = 150
CATEGORIES = {"term", "synonym", "abbreviation", "cross-language", "partial", "form", "hyphen-digit", "full-width",
              "typo", "colloquial", "long", "uncovered", "syntax"}


def test_our_own_query_set_has_enough_queries_of_every_category_in_each_language():
    main = ROOT / "tests" / "search_queries.yml"
    assert main in SETS
    for lang, queries in load_set(main).items():
        assert len(queries) >= MIN_QUERIES, f"{lang}: {len(queries)} queries in {main.name}"
        assert CATEGORIES - {q.get("category") for q in queries} == set(), f"{lang}: categories without a query"
