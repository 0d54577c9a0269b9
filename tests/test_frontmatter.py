"""The page model: a question page's front matter as one typed record, used by every tool."""
from __future__ import annotations

import datetime as dt

from conftest import ROOT
from qbank.frontmatter import FrontMatter, Reference, Source, problems, review_problems
from qbank.pages import question_pages


def test_dump_then_load_gives_the_same_record_in_page_order():
    meta = FrontMatter("kv-cache", "什么是 KV Cache？", "inference", "concept", ["KV 缓存"],
                       [Source("000_x.txt", "3")], difficulty=2, references=[Reference("Paper", "https://arxiv.org/abs/1")],
                       reviewed=dt.date(2026, 12, 1), asked_as=["KV cache 是干啥的"])
    dumped = meta.dump()
    assert list(dumped) == ["id", "title", "topic", "type", "difficulty", "tags", "asked_as", "sources", "references",
                            "reviewed"]
    assert FrontMatter.load(dumped) == meta


def test_every_page_of_the_site_loads_into_the_model():
    for page in question_pages(ROOT / "docs") + question_pages(ROOT / "docs", "en"):
        assert problems(page.meta) == [], page.path
        dumped = FrontMatter.load(page.meta).dump()
        assert dumped == page.meta, page.path


def test_each_field_rule_names_the_field():
    found = problems({"id": "Not A Slug", "title": " ", "topic": "x", "type": "essay", "tags": "a", "sources": [1]})
    assert [key for key, _, _ in found] == ["id", "title", "type", "tags", "sources"]
    assert [key for key, _, _ in problems({})] == ["id", "title", "topic", "type", "tags", "sources"]


def test_review_fields():
    good = {"reviewed": dt.date(2026, 1, 1), "difficulty": 3, "references": [{"title": "T", "url": "https://a.b/c"}],
            "asked_as": ["a", "b", "c"]}
    assert review_problems(good) == []
    bad = {"reviewed": dt.date(2999, 1, 1), "difficulty": 0, "references": [{"title": "", "url": "javascript:x"}]}
    assert [key for key, _, _ in review_problems(bad)] == ["reviewed", "difficulty", "asked_as", "references",
                                                           "references"]
