"""The scaffolder, in a temporary copy of docs/: two pages, the topic index, and what it refuses."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import check_content
import generate
import new_question
import pytest
from conftest import ROOT
from qbank.classify import Taxonomy
from qbank.pages import question_pages, split_front_matter, twin_path
from qbank.parity import check as parity_check
from qbank.harness import mkdocs_build as run_mkdocs_build


TITLES = ("--title", "什么是位置编码？", "--title-en", "What is positional encoding?")
SLUG = "what-is-positional-encoding"
EXISTING = next(p for p in question_pages(ROOT / "docs") if len(p.meta["id"].split("-")) <= 10)  # a real page


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


def test_creates_the_chinese_page_in_the_standard_shape_and_updates_the_topic_index(tmp, capsys):
    docs = tmp / "docs"
    assert run(tmp, "--topic", "fundamentals", *TITLES) == 0
    out = capsys.readouterr().out
    zh = docs / f"fundamentals/{SLUG}.md"
    assert str(zh) in out and str(docs / "fundamentals/index.md") in out
    assert not (docs / f"fundamentals/{SLUG}.en.md").exists()  # the English site falls back, marked untranslated
    meta, body = read(zh)
    assert meta == {"id": "what-is-positional-encoding", "title": "什么是位置编码？", "topic": "fundamentals",
                    "type": "concept", "difficulty": 2, "tags": [], "asked_as": [], "sources": [], "references": []}
    assert body.lstrip().startswith("# 什么是位置编码？\n")
    headings = [line for line in body.splitlines() if line.startswith("## ")]
    assert headings == ["## 题目 {#question}", "## 答案 {#answer}", "## 解析 {#analysis}", "## 代码 {#code}",
                        "## 常见误区 {#pitfalls}", "## 追问 {#follow-ups}"]
    assert f"[什么是位置编码？]({SLUG}.md)" in (docs / "fundamentals/index.md").read_text(encoding="utf-8")
    assert f"({SLUG}.md)" in (docs / "fundamentals/index.en.md").read_text(encoding="utf-8")


def test_pinyin_slug_and_guessed_type_without_english_title(tmp, capsys):
    assert run(tmp, "--topic", "coding", "--title", "实现一个简单的束搜索") == 0
    slug = "shi-xian-yi-ge-jian-dan-de-shu-sou-suo"
    assert read(tmp / f"docs/coding/{slug}.md")[0]["type"] == "coding"


def test_given_type_wins(tmp, capsys):
    assert run(tmp, "--topic", "coding", "--title", "实现一个简单的束搜索", "--title-en", "Beam search", "--type",
               "system-design") == 0
    assert read(tmp / "docs/coding/beam-search.md")[0]["type"] == "system-design"


def test_filled_in_page_passes_the_checker(tmp, capsys):
    docs = tmp / "docs"
    run(tmp, "--topic", "fundamentals", *TITLES)
    page = docs / f"fundamentals/{SLUG}.md"
    capsys.readouterr()
    assert check_content.main([str(page), "--docs", str(docs)]) == 1  # the sections are still empty
    assert "is empty" in capsys.readouterr().out
    page.write_text(page.read_text(encoding="utf-8").replace("<!--", "位置编码为每个位置加上一个向量。\n\n<!--"),
                    encoding="utf-8")
    assert check_content.main([str(page), "--docs", str(docs)]) == 0, capsys.readouterr().out


def test_refuses_a_title_that_exists_naming_the_page(tmp, capsys):
    before, page = snapshot(tmp), EXISTING
    title = " " + page.meta["title"].upper().replace("？", "?") + "！"  # spaces, case, width and punctuation differ
    assert run(tmp, "--topic", "training", "--title", title) == 1
    err = capsys.readouterr().err
    assert "already exists" in err and str(tmp / "docs" / page.path) in err
    assert snapshot(tmp) == before


def test_refuses_an_existing_english_title(tmp, capsys):
    before = snapshot(tmp)
    twin = split_front_matter((ROOT / "docs" / twin_path(EXISTING.path, "en")).read_text(encoding="utf-8"))[0]
    assert run(tmp, "--topic", "coding", "--title", "新题", "--title-en", twin["title"] + "!") == 1
    assert EXISTING.meta["id"] in capsys.readouterr().err
    assert snapshot(tmp) == before


def test_refuses_an_unknown_topic_listing_the_topics(tmp, capsys):
    before = snapshot(tmp)
    assert run(tmp, "--topic", "cooking", "--title", "什么是位置编码？") == 1
    err = capsys.readouterr().err
    listed = set(err.split("choose one of: ")[1].strip().split(", "))
    assert "unknown topic 'cooking'" in err and listed == {t.id for t in Taxonomy().topics} | {"uncategorized"}
    assert snapshot(tmp) == before


def test_a_taken_slug_gets_a_number(tmp, capsys):
    taken = EXISTING.meta["id"]
    assert run(tmp, "--topic", "coding", "--title", "一个全新的问题", "--title-en", taken.replace("-", " ")) == 0
    assert (tmp / f"docs/coding/{taken}-2.md").exists()


def test_the_contributor_path_stays_green(tmp_path, capsys):
    """Scaffold a question, write the Chinese page, leave it untranslated: every check passes and the strict
    build shows the English page as not translated yet."""
    project = tmp_path / "project"
    for name in ("docs", "overrides", "scripts", "data"):
        shutil.copytree(ROOT / name, project / name)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    docs = project / "docs"
    assert new_question.main(["--topic", "fundamentals", *TITLES, "--docs", str(docs),
                              "--manifest", str(project / "data/imported.json")]) == 0
    page = docs / f"fundamentals/{SLUG}.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(re.sub(r"<!--.*?-->", "位置编码让注意力区分词的先后顺序。", text, flags=re.S), encoding="utf-8")
    assert generate.main(["--docs", str(docs)]) == 0  # make generated: what the new answer changes (nav, …)
    assert check_content.main(["--docs", str(docs)]) == 0, capsys.readouterr().out
    assert [p for p in parity_check(docs)[0] if p.blocking] == []
    assert generate.main(["--check", "--docs", str(docs)]) == 0, capsys.readouterr().out
    result = run_mkdocs_build(project / "site", project / "mkdocs.yml")
    assert result.returncode == 0, result.stderr[-3000:]
    english = (project / f"site/en/fundamentals/{SLUG}/index.html").read_text(encoding="utf-8")
    assert "This page has not been translated yet" in english and "位置编码让注意力" in english
