"""Generated files (topic indexes, home topic lists, redirect stubs, glossary tables) are committed and current."""
from __future__ import annotations

import posixpath
import re
import shutil
from pathlib import Path

import check_content
import generate
import pytest
import yaml
from conftest import ROOT
from qbank import glossary, navigation, redirects
from qbank.pages import question_pages, read_page
from qbank.markdown import literal


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
        anchor = "**{: #g-zz-injected }"  # the term, in bold, carries its row's id (a-z, 0-9 and '-')
        assert row.startswith("| **") and row.count(anchor) == 1
        row = row.replace("| **", "| ", 1).replace(anchor, "")
        assert row.count("|") == 5 and not set(row) & set("<>[]()*{}") and "&#60;img" in row
    assert literal("a|b") == "a&#124;b" and literal("Top-k 采样") == "Top-k 采样"


def test_a_glossary_page_without_its_markers_is_named(tmp_path):
    (tmp_path / "glossary.md").write_text("---\ntitle: 术语表\n---\n\n# 术语表\n", encoding="utf-8")
    with pytest.raises(ValueError, match="glossary.md: the markers .* are missing"):
        glossary.pages(tmp_path)


def test_the_navigation_lists_every_page_in_topic_table_order_and_goes_stale_with_them(tmp_path, capsys):
    shutil.copytree(ROOT / "docs", tmp_path / "docs")
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    sections = {k: v for item in config["nav"] if isinstance(item, dict) for k, v in item.items()}
    index = (ROOT / "docs/fundamentals/index.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| \d+ \| \[.*?\]\(([^)]+)\)", index, re.M)
    assert sections["基础原理"] == ["fundamentals/index.md"] + [f"fundamentals/{row}" for row in rows]
    english = next(lang for lang in config["plugins"][1]["i18n"]["languages"] if lang["locale"] == "en")
    assert english["nav_translations"]["基础原理"] == "Fundamentals"
    assert set(english["nav_translations"]) == set(sections)
    page = tmp_path / "docs/fundamentals/attention-mechanism-explained.md"
    shutil.copy(page, page.with_name("zz-new-question.md"))
    text = page.with_name("zz-new-question.md").read_text(encoding="utf-8")
    page.with_name("zz-new-question.md").write_text(text.replace("id: attention-mechanism-explained",
                                                                 "id: zz-new-question", 1), encoding="utf-8")
    assert generate.main(["--check", "--docs", str(tmp_path / "docs")]) == 1
    config_path = (tmp_path / "mkdocs.yml").resolve().as_posix()
    assert f"{config_path}: out of date — run 'make generated'" in capsys.readouterr().out
    assert generate.main(["--docs", str(tmp_path / "docs")]) == 0
    assert "fundamentals/zz-new-question.md" in (tmp_path / "mkdocs.yml").read_text(encoding="utf-8")


def test_a_config_without_the_navigation_markers_is_named(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    with pytest.raises(ValueError, match="mkdocs.yml: the lines '# nav: generated .* are missing"):
        navigation.config(tmp_path / "docs")


def test_an_edited_answer_makes_its_description_stale_until_make_generated(tmp_path, capsys):
    docs = tmp_path / "docs"
    shutil.copytree(ROOT / "docs", docs)
    page = docs / "fundamentals/attention-mechanism-explained.en.md"
    text = page.read_text(encoding="utf-8")
    answer = text.index("## Answer {#answer}\n\n") + len("## Answer {#answer}\n\n")
    page.write_text(text[:answer] + "Attention <kbd>weighs</kbd> the `<values>`. More.\n\n" + text[answer:], "utf-8")
    assert generate.main(["--check", "--docs", str(docs)]) == 1
    out = capsys.readouterr().out
    assert out == f"{page.as_posix()}: out of date — run 'make generated' and commit the result\n"
    assert generate.main(["--docs", str(docs)]) == 0 and generate.main(["--check", "--docs", str(docs)]) == 0
    meta = read_page(page)[0]
    assert meta["description"] == "Attention weighs the < values>." and meta["title"].startswith("What is")
    assert check_content.main(["--docs", str(docs)]) == 0, capsys.readouterr().out
