"""The scaffolder, in a temporary copy of docs/: two pages, the topic index, and what it refuses."""
from __future__ import annotations

import shutil
from pathlib import Path

import check_content
import new_question
import pytest
from conftest import ROOT
from qbank.classify import Taxonomy
from qbank.pages import split_front_matter


TITLES = ("--title", "什么是位置编码？", "--title-en", "What is positional encoding?")
SLUG = "what-is-positional-encoding"


@pytest.fixture
def tmp(tmp_path) -> Path:
    shutil.copytree(ROOT / "docs", tmp_path / "docs")
    shutil.copy(ROOT / "data" / "imported.json", tmp_path / "imported.json")
    return tmp_path


def run(tmp: Path, *args: str) -> int:
    return new_question.main([*args, "--docs", str(tmp / "docs"), "--manifest", str(tmp / "imported.json")])


def snapshot(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): p.read_text(encoding="utf-8") for p in sorted(folder.rglob("*")) if p.is_file()}


def read(path: Path) -> tuple[dict, str]:
    return split_front_matter(path.read_text(encoding="utf-8"))


def test_creates_both_pages_and_updates_the_topic_index(tmp, capsys):
    docs = tmp / "docs"
    assert run(tmp, "--topic", "fundamentals", *TITLES) == 0
    out = capsys.readouterr().out
    zh, en = docs / f"fundamentals/{SLUG}.md", docs / f"fundamentals/{SLUG}.en.md"
    assert str(zh) in out and str(en) in out and str(docs / "fundamentals/index.md") in out
    meta, body = read(zh)
    assert meta == {"id": "what-is-positional-encoding", "title": "什么是位置编码？", "topic": "fundamentals",
                    "type": "concept", "tags": [], "sources": []}
    assert body.lstrip().startswith("# 什么是位置编码？\n")
    headings = [line for line in body.splitlines() if line.startswith("## ")]
    assert headings == ["## 题目 {#question}", "## 答案 {#answer}", "## 解析 {#analysis}", "## 代码 {#code}"]
    meta_en, body_en = read(en)
    assert meta_en == {**meta, "title": "What is positional encoding?", "untranslated": True}
    assert body_en.lstrip().startswith("# What is positional encoding?\n") and "## 答案 {#answer}" in body_en
    assert f"[什么是位置编码？]({SLUG}.md)" in (docs / "fundamentals/index.md").read_text(encoding="utf-8")
    index_en = (docs / "fundamentals/index.en.md").read_text(encoding="utf-8")
    assert f"[What is positional encoding?]({SLUG}.md)" in index_en


def test_pinyin_slug_and_guessed_type_without_english_title(tmp, capsys):
    assert run(tmp, "--topic", "coding", "--title", "实现一个简单的束搜索") == 0
    slug = "shi-xian-yi-ge-jian-dan-de-shu-sou-suo"
    assert read(tmp / f"docs/coding/{slug}.md")[0]["type"] == "coding"
    meta_en, _ = read(tmp / f"docs/coding/{slug}.en.md")
    assert meta_en["title"] == "实现一个简单的束搜索" and meta_en["untranslated"] is True


def test_given_type_wins(tmp, capsys):
    assert run(tmp, "--topic", "coding", "--title", "实现一个简单的束搜索", "--title-en", "Beam search", "--type",
               "system-design") == 0
    assert read(tmp / "docs/coding/beam-search.md")[0]["type"] == "system-design"


def test_filled_in_pages_pass_the_checker(tmp, capsys):
    docs = tmp / "docs"
    run(tmp, "--topic", "fundamentals", *TITLES)
    pages = [docs / f"fundamentals/{SLUG}.md", docs / f"fundamentals/{SLUG}.en.md"]
    capsys.readouterr()
    assert check_content.main([*map(str, pages), "--docs", str(docs)]) == 1  # the sections are still empty
    assert "is empty" in capsys.readouterr().out
    for page in pages:
        text = page.read_text(encoding="utf-8")
        filled = text.split("## 解析")[0].replace("<!--", "位置编码为每个位置加上一个向量。\n\n<!--")
        page.write_text(filled, encoding="utf-8")
    assert check_content.main([*map(str, pages), "--docs", str(docs)]) == 0, capsys.readouterr().out


def test_refuses_a_title_that_exists_naming_the_page(tmp, capsys):
    before = snapshot(tmp)
    assert run(tmp, "--topic", "training", "--title", "实现一个基于 t5 的文本生成模型！") == 1
    err = capsys.readouterr().err
    assert "already exists" in err and str(tmp / "docs/coding/t5-text-generation-model.md") in err
    assert snapshot(tmp) == before


def test_refuses_an_existing_english_title(tmp, capsys):
    before = snapshot(tmp)
    title_en = "Implement a T5-based text generation model!"
    assert run(tmp, "--topic", "coding", "--title", "新题", "--title-en", title_en) == 1
    assert "t5-text-generation-model" in capsys.readouterr().err
    assert snapshot(tmp) == before


def test_refuses_an_unknown_topic_listing_the_topics(tmp, capsys):
    before = snapshot(tmp)
    assert run(tmp, "--topic", "cooking", "--title", "什么是位置编码？") == 1
    err = capsys.readouterr().err
    listed = set(err.split("choose one of: ")[1].strip().split(", "))
    assert "unknown topic 'cooking'" in err and listed == {t.id for t in Taxonomy().topics} | {"uncategorized"}
    assert snapshot(tmp) == before


def test_a_taken_slug_gets_a_number(tmp, capsys):
    assert run(tmp, "--topic", "coding", "--title", "T5 生成文本的流程", "--title-en", "T5 text generation model") == 0
    assert (tmp / "docs/coding/t5-text-generation-model-2.md").exists()
