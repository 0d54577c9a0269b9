"""The splitter end to end on the five real articles, in a temporary docs folder."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import split_articles
from conftest import SOURCES
from qbank.description import describe
from qbank.pages import question_pages, split_front_matter
from qbank.parse import parse_article

FILLER = ["<|endoftext|>", "更多内容", "希望这些内容对您有所帮助", "希望本文对您有所帮助", "-----",
          "继续补充更多面试题",
          "由于篇幅限制", "以下是对上述面试题", "在大语言模型（LLM）相关的面试中"]


def run(tmp: Path, *args: str) -> int:
    return split_articles.main([*args, "--docs", str(tmp / "docs"), "--manifest", str(tmp / "imported.json")])


def snapshot(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): p.read_text(encoding="utf-8") for p in sorted(folder.rglob("*")) if p.is_file()}


def by_id(docs: Path, page_id: str) -> Path:
    (path,) = docs.glob(f"*/{page_id}.md")
    return path


@pytest.fixture
def imported(tmp_path, capsys) -> Path:
    assert run(tmp_path) == 0
    capsys.readouterr()
    return tmp_path


def test_every_question_of_every_article_has_its_page(imported):
    pages = question_pages(imported / "docs")
    assert len(pages) == 180
    sources = {(s["article"], str(s["number"])) for p in pages for s in p.meta["sources"]}
    occurrences = [(a.name, o.number) for a in map(lambda p: parse_article(p.name, p.read_text(encoding="utf-8")),
                                                    sorted(SOURCES.glob("*.txt"))) for o in a.occurrences]
    assert len(occurrences) == 184
    assert set(occurrences) == sources
    counts = {}
    for name, _ in occurrences:
        counts[name[:3]] = counts.get(name[:3], 0) + 1
    assert counts == {"000": 34, "001": 30, "002": 5, "003": 85, "004": 30}


def test_pages_have_front_matter_title_and_section_ids(imported):
    for page in question_pages(imported / "docs"):
        assert set(page.meta) - {"description"} == {"id", "title", "topic", "type", "tags", "sources"}, page.path
        assert page.meta.get("description", "") == describe(page.body)  # as `qbank generate` writes it
        assert page.path.parent.name == page.meta["topic"] and page.path.stem == page.meta["id"]
        assert page.meta["type"] in {"concept", "coding", "system-design", "open-ended"}
        assert page.meta["id"].isascii()
        assert page.body.lstrip().startswith(f"# {page.meta['title']}\n")
        assert not page.meta["title"][:1].isdigit(), "the number is not part of the title"
        assert "{#answer}" in page.body or "{#analysis}" in page.body, page.path


def test_no_filler_leaks_into_any_page(imported):
    for path in (imported / "docs").rglob("*.md"):
        text = path.read_text(encoding="utf-8")
        for filler in FILLER:
            assert filler not in text, f"{path}: {filler}"


def test_duplicates_merged_and_near_duplicates_linked(imported):
    docs = imported / "docs"
    meta, body = split_front_matter(by_id(docs, "t5-text-generation-model").read_text(encoding="utf-8"))
    assert [s["article"][:3] for s in meta["sources"]] == ["000", "001"]
    assert "*来源：文章 000 第 15 题*" in body and "*来源：文章 001 第 28 题*" in body  # notes, not headings
    assert "### 来源" not in body
    _, body = split_front_matter(by_id(docs, "differential-self-attention-explained").read_text(encoding="utf-8"))
    assert "## 相关问题 {#related}" in body and "(differentiable-self-attention-explained.md)" in body


def test_topics_hold_between_5_and_40_questions_and_indexes_list_them(imported):
    docs = imported / "docs"
    for topic in [d for d in docs.iterdir() if d.is_dir()]:
        questions = [p for p in topic.glob("*.md") if not p.name.startswith("index.") and not p.name.endswith(".en.md")]
        assert 5 <= len(questions) <= 40, topic.name
        index = (topic / "index.md").read_text(encoding="utf-8")
        assert all(f"]({q.name})" in index for q in questions)
    home = (docs / "index.md").read_text(encoding="utf-8")
    assert "[基础原理](fundamentals/index.md)** · " in home


def test_second_run_changes_nothing(imported):
    before = snapshot(imported)
    script = Path(split_articles.__file__)
    env = {**os.environ, "PYTHONHASHSEED": "12345"}  # another process, another set order
    result = subprocess.run([sys.executable, str(script), "--docs", str(imported / "docs"), "--manifest",
                             str(imported / "imported.json")], capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr
    report = result.stdout
    assert snapshot(imported) == before
    assert "Pages written: 0" in report and "Pages updated: 0" in report


def test_edited_page_survives_and_is_reported(imported, capsys):
    page = by_id(imported / "docs", "attention-mechanism-explained")
    edited = page.read_text(encoding="utf-8") + "\n补充：一位贡献者的修订。\n"
    page.write_text(edited, encoding="utf-8")
    assert run(imported) == 0
    assert page.read_text(encoding="utf-8") == edited
    assert f"kept (edited after import): 1\n  - {page.parent.name}/{page.name}" in capsys.readouterr().out


def test_unedited_page_follows_its_source_and_deleted_page_stays_deleted(tmp_path, capsys):
    sources = tmp_path / "sources"
    shutil.copytree(SOURCES, sources)
    articles = [str(p) for p in sorted(sources.glob("*.txt"))]
    assert run(tmp_path, *articles) == 0
    deleted = by_id(tmp_path / "docs", "llm-ethical-issues-and-solutions")
    deleted.unlink()
    article = sources / "001_0a21d9ce121fd64b.txt"
    text = article.read_text(encoding="utf-8")
    article.write_text(text.replace("ROUGE 和 BLEU 评分则分别", "ROUGE 与 BLEU 分别"), encoding="utf-8")
    capsys.readouterr()
    assert run(tmp_path, *articles) == 0
    report = capsys.readouterr().out
    assert "ROUGE 与 BLEU 分别" in by_id(tmp_path / "docs", "evaluate-llm-performance").read_text(encoding="utf-8")
    assert not deleted.exists()
    assert "Pages updated: 1" in report and "skipped (deleted after import): 1" in report


def test_dry_run_writes_nothing(tmp_path, capsys):
    assert run(tmp_path, "--dry-run") == 0
    assert not (tmp_path / "docs").exists() and not (tmp_path / "imported.json").exists()
    report = capsys.readouterr().out
    assert "Pages written: 180" in report and "Index pages (topic lists, home): 24 written" in report


@pytest.mark.parametrize("content, where, message", [
    (None, ":1:", "cannot read the file"),
    (b"#### 1. \xe4\xbb\x80\xe4 bad\n", ":1:", "not valid UTF-8"),
    ("### 总结\n\n全文完。\n".encode(), ":1:", "no question found"),
    ("#### 1. 什么是注意力？\n\n```python\nx = 1\n".encode(), ":3:", "unbalanced code fence"),
])
def test_bad_input_names_file_and_line_and_writes_nothing(tmp_path, capsys, content, where, message):
    bad = tmp_path / "bad.txt"
    if content is not None:
        bad.write_bytes(content)
    good = SOURCES / "002_7c6bb8774ea5ccbe.txt"
    assert run(tmp_path, str(good), str(bad)) == 1
    err = capsys.readouterr().err
    assert f"bad.txt{where} {message}" in err
    assert not (tmp_path / "docs").exists() and not (tmp_path / "imported.json").exists()


def test_importing_one_article_never_edits_the_pages_of_other_articles(imported, capsys):
    """The README's single-article run: pages of the other articles (and their 相关问题 links) stay as they are."""
    docs = imported / "docs"
    article = sorted(SOURCES.glob("*.txt"))[3]
    others = {p.path: (docs / p.path).read_text(encoding="utf-8") for p in question_pages(docs)
              if all(s["article"] != article.name for s in p.meta["sources"])}
    before = snapshot(docs)
    assert run(imported, str(article)) == 0
    assert {p: (docs / p).read_text(encoding="utf-8") for p in others} == others
    assert snapshot(docs) == before  # the article's own pages keep their links to the other articles' pages too
