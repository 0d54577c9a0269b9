"""Generated files (topic indexes, home topic lists, redirect stubs, glossary tables) are committed and current."""
from __future__ import annotations

import posixpath
import re
import shutil
from pathlib import Path

import generate
import pytest
import yaml
from conftest import ROOT
from qbank import glossary, redirects
from qbank.pages import question_pages


def test_the_committed_generated_files_are_current(capsys):
    assert generate.main(["--check"]) == 0, capsys.readouterr().out


def test_a_stale_index_is_named_with_the_command_to_run(tmp_path, capsys):
    docs = tmp_path / "docs"
    shutil.copytree(ROOT / "docs", docs)
    page = docs / next(p.path for p in question_pages(docs) if p.path.parts[0] == "fundamentals")
    text = page.read_text(encoding="utf-8")
    title = re.search(r"^title: (.*)$", text, re.M).group(1)
    page.write_text(text.replace(f"title: {title}", "title: 一个新的标题？", 1), encoding="utf-8")
    assert generate.main(["--check", "--docs", str(docs)]) == 1
    out = capsys.readouterr().out
    assert f"{docs.as_posix()}/fundamentals/index.md: out of date — run 'make generated'" in out
    assert generate.main(["--docs", str(docs)]) == 0 and generate.main(["--check", "--docs", str(docs)]) == 0


def test_every_redirect_leads_from_a_removed_page_to_a_living_one():
    mapping = redirects.load()
    assert redirects.problems(ROOT / "docs", mapping) == []
    for path, text in redirects.stubs(mapping).items():
        url = re.search(r'url=([^"]+)"', text).group(1)
        target = posixpath.normpath(posixpath.join(path.parent.as_posix(), url)) + ".md"
        assert (ROOT / "docs" / target).exists() and "<script" not in text


def test_a_bad_redirect_map_is_refused(tmp_path):
    bad = tmp_path / "redirects.yml"
    bad.write_text("- a\n- b\n", encoding="utf-8")
    with pytest.raises(ValueError, match="redirects.yml: expected a mapping"):
        redirects.load(bad)
    assert redirects.problems(ROOT / "docs", {"fundamentals/index.md": "nowhere/gone.md"}) == [
        "data/redirects.yml: 'fundamentals/index.md' still exists; delete it or drop its redirect",
        "data/redirects.yml: target 'nowhere/gone.md' of 'fundamentals/index.md' does not exist",
    ]


def test_the_built_site_redirects_old_urls_in_both_languages(built_site):
    for old, new in redirects.load().items():
        for lang in ("", "en/"):
            stub = (built_site / lang / old.removesuffix(".md") / "index.html").read_text(encoding="utf-8")
            url = re.search(r'url=([^"]+)"', stub).group(1)
            landing = (built_site / lang / old.removesuffix(".md") / url / "index.html").resolve()
            assert landing == (built_site / lang / new.removesuffix(".md") / "index.html").resolve()
            assert landing.exists()


def test_the_glossary_tables_show_every_term_as_written_and_never_as_markup(tmp_path):
    shutil.copytree(ROOT / "data", tmp_path / "data")
    docs = tmp_path / "docs"
    docs.mkdir()
    for name in ("glossary.md", "glossary.en.md"):
        shutil.copy(ROOT / "docs" / name, docs / name)
    term = '<img src=x onerror=alert(1)> | [x](javascript:alert(1)) **bold**'
    with (tmp_path / "data" / "glossary.yml").open("a", encoding="utf-8") as f:
        f.write(yaml.safe_dump([{"zh": term, "en": "zz injected", "category": "coding"}], allow_unicode=True))
    pages = glossary.pages(docs, tmp_path / "data")
    assert set(pages) == {Path("glossary.md"), Path("glossary.en.md")}
    for text in pages.values():
        row = next(line for line in text.splitlines() if "zz injected" in line)
        assert row.count("|") == 5 and not set(row) & set("<>[]()*") and "&#60;img" in row
    assert glossary.cell("a|b") == "a&#124;b" and glossary.cell("Top-k 采样") == "Top-k 采样"


def test_a_glossary_page_without_its_markers_is_named(tmp_path):
    (tmp_path / "glossary.md").write_text("---\ntitle: 术语表\n---\n\n# 术语表\n", encoding="utf-8")
    with pytest.raises(ValueError, match="glossary.md: the markers .* are missing"):
        glossary.pages(tmp_path)
