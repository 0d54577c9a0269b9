"""Every bad input, in the importer, the checker, the parity checker and the scaffolder: a message naming
file and line, exit status 1, nothing written, no traceback."""
from __future__ import annotations

import time
from pathlib import Path

import check_content
import check_parity
import new_question
import pytest
import split_articles
from conftest import SOURCES
from qbank import check as content_check
from qbank import safety
from qbank.parse import parse_article

ARTICLE = SOURCES / "002_7c6bb8774ea5ccbe.txt"  # five questions: a quick import
PAGE = """---
id: x
title: {title}
topic: coding
type: concept
tags: []
sources: []
---

# 什么是 X？

## 答案 {{#answer}}

X 是一个例子。
"""
NOT_UTF8 = "---\nid: x\ntitle: 什么是 X？\n".encode() + b"tags: [\xe4\xbb]\n---\n"  # cut inside a character: line 4


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def docs_with(tmp_path: Path, raw: bytes, name: str = "coding/x.md") -> Path:
    (tmp_path / "docs" / name).parent.mkdir(parents=True)
    (tmp_path / "docs" / name).write_bytes(raw)
    return tmp_path / "docs"


def import_(tmp_path: Path) -> int:
    return split_articles.main([str(ARTICLE), "--docs", str(tmp_path / "docs"), "--manifest",
                                str(tmp_path / "imported.json")])


@pytest.mark.parametrize("manifest, line", [("{\n  \"a\": ", 2), ("[1, 2, 3]", 1), ("null", 1), ('{"a": 1}', 1)])
def test_importer_names_a_corrupt_or_wrong_shaped_manifest(tmp_path, capsys, manifest, line):
    (tmp_path / "imported.json").write_text(manifest, encoding="utf-8")
    assert import_(tmp_path) == 1
    assert f"imported.json:{line}: the import manifest is not" in capsys.readouterr().err
    assert not (tmp_path / "docs").exists() and (tmp_path / "imported.json").read_text() == manifest


@pytest.mark.parametrize("raw, message", [
    (NOT_UTF8, "x.md:4: not valid UTF-8"),
    (PAGE.format(title="!!python/object/apply:os.system [echo]").encode(), "x.md:3: front matter is not plain YAML"),
    (b"---\n[1, 2, 3]\n---\n", "x.md:2: front matter is not a mapping"),
])
def test_importer_names_a_page_it_cannot_read_and_writes_nothing(tmp_path, capsys, raw, message):
    docs = docs_with(tmp_path, raw)
    before = snapshot(tmp_path)
    assert import_(tmp_path) == 1
    assert message in capsys.readouterr().err
    assert snapshot(tmp_path) == before and docs.exists()


def refuse_docs(monkeypatch, docs: Path) -> None:
    """A read-only docs folder (the tests run as root, whom chmod does not stop): creating a file there fails."""
    import tempfile

    real = tempfile.TemporaryFile

    def temporary_file(*args, dir=None, **kwargs):
        if dir is not None and Path(dir).resolve().is_relative_to(docs.resolve()):
            raise PermissionError(13, "Permission denied")
        return real(*args, dir=dir, **kwargs)

    monkeypatch.setattr(tempfile, "TemporaryFile", temporary_file)


def test_importer_finds_a_read_only_docs_folder_before_writing(tmp_path, capsys, monkeypatch):
    docs = tmp_path / "docs"
    docs.mkdir()
    refuse_docs(monkeypatch, docs)
    assert import_(tmp_path) == 1
    assert f"{docs}:1: cannot write here (Permission denied)" in capsys.readouterr().err
    assert snapshot(tmp_path) == {}


@pytest.mark.parametrize("raw, message", [
    (NOT_UTF8, "x.md:4: not valid UTF-8"),
    (PAGE.format(title="!!python/object/apply:os.system [echo]").encode(), "x.md:3: YAML tag or anchor"),
    (PAGE.format(title="42").encode(), "x.md:3: the title is not text (42)"),
    (PAGE.format(title='"什么是\\nX？"').encode(), "x.md:3: title '什么是\nX？' is not one line of text"),
])
def test_checker_names_bad_pages(tmp_path, capsys, raw, message):
    docs = docs_with(tmp_path, raw)
    assert check_content.main(["--docs", str(docs)]) == 1
    captured = capsys.readouterr()
    assert message in captured.out + captured.err and "Traceback" not in captured.err


@pytest.mark.parametrize("raw, message", [
    (NOT_UTF8, "x.en.md:4: not valid UTF-8"),
    (PAGE.format(title="!!python/object/apply:os.system [echo]").encode(), "x.en.md:3: front matter is not plain"),
])
def test_parity_checker_names_bad_twins(tmp_path, capsys, raw, message):
    docs = docs_with(tmp_path, PAGE.format(title="什么是 X？").encode())
    (docs / "coding" / "x.en.md").write_bytes(raw)
    before = snapshot(tmp_path)
    assert check_parity.main(["--docs", str(docs)]) == 1
    assert message in capsys.readouterr().err
    assert check_parity.main(["--docs", str(docs), "--stamp", str(docs / "coding" / "x.en.md")]) == 1
    assert message in capsys.readouterr().err and snapshot(tmp_path) == before


def scaffold(tmp_path: Path, *args: str) -> int:
    return new_question.main(["--topic", "coding", *args, "--docs", str(tmp_path / "docs"),
                              "--manifest", str(tmp_path / "imported.json")])


@pytest.mark.parametrize("title, message", [
    ("什么是\nX？", "line break"), ("什么是\u2028X？", "line break"), ("42", "is not a question"),
    ("什么是 <b>X</b>？", "holds HTML"),
])
def test_scaffolder_refuses_bad_titles_and_writes_nothing(tmp_path, capsys, title, message):
    (tmp_path / "docs").mkdir()
    assert scaffold(tmp_path, "--title", title) == 1
    assert message in capsys.readouterr().err and snapshot(tmp_path) == {}


def test_scaffolder_names_an_unreadable_page_and_a_read_only_docs_folder(tmp_path, capsys, monkeypatch):
    docs = docs_with(tmp_path, NOT_UTF8)
    before = snapshot(tmp_path)
    assert scaffold(tmp_path, "--title", "什么是 Y？") == 1
    assert "x.md:4: not valid UTF-8" in capsys.readouterr().err and snapshot(tmp_path) == before
    (docs / "coding" / "x.md").unlink()
    refuse_docs(monkeypatch, docs)
    assert scaffold(tmp_path, "--title", "什么是 Y？") == 1
    assert "cannot write here (Permission denied)" in capsys.readouterr().err
    assert not list(docs.rglob("*.md"))


def test_line_separators_and_form_feeds_in_code_are_kept(tmp_path, capsys):
    article = tmp_path / "a.md"
    code = "x = '\u2028'  # U+2028\n\x0cy = 2  # a form feed\n"
    article.write_text(f"#### 1. 什么是 X？\n\nX 是一个例子。\n\n```python\n{code}```\n", encoding="utf-8")
    assert split_articles.main([str(article), "--docs", str(tmp_path / "docs"), "--manifest",
                                str(tmp_path / "m.json")]) == 0
    (page,) = [p for p in (tmp_path / "docs").glob("*/*.md") if not p.name.startswith("index.")]
    assert f"```python\n{code}```" in page.read_text(encoding="utf-8")
    doc = content_check.read_doc(tmp_path / "docs", page)
    assert doc.lines[doc.in_code.index(True) + 1] == "x = '\u2028'  # U+2028"


LONG = 30_000


@pytest.mark.parametrize("line", ["#" + " " * LONG + "x", "# x" + " " * LONG + "y", "#" + " " * LONG,
                                  "## a {" + " " * LONG + "x", "**" + " " * LONG + "x"])
def test_heading_patterns_take_linear_time(tmp_path, line):
    start = time.perf_counter()
    parse_article("a.md", f"#### 1. 什么是 X？\n\n{line}\n\nX 是一个例子。\n")
    page = tmp_path / "docs" / "coding" / "x.md"
    page.parent.mkdir(parents=True)
    page.write_text(PAGE.format(title="什么是 X？") + line + "\n", encoding="utf-8")
    doc = content_check.read_doc(tmp_path / "docs", page)
    list(doc.headings())
    safety.check_page(doc, lambda *problem: problem)
    assert time.perf_counter() - start < 0.5
