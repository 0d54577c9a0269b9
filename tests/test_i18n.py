"""English edition: parity of every twin, the glossary, the language switcher, untranslated pages."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import check_parity
import pytest
import yaml
from conftest import ROOT
from qbank.pages import question_pages, split_front_matter
from qbank.parity import check, first_code_difference, stamp
from qbank.harness import mkdocs_build as run_mkdocs_build

PAIR = "fundamentals/softmax-temperature"  # the fixture pair (tests/fixtures), added to a copy of docs/
FIXTURES = ROOT / "tests" / "fixtures"
REAL = [p.path.with_suffix("").as_posix() for p in question_pages(ROOT / "docs")[:2]]  # two real pages of the site


def title_of(path: Path) -> str:
    return str(split_front_matter(path.read_text(encoding="utf-8"))[0]["title"])


def test_every_page_has_an_english_twin_in_parity():
    assert check_parity.main([]) == 0
    problems, translated = check(ROOT / "docs")
    assert [p for p in problems if p.blocking] == []
    untranslated = {p.path for p in problems if not p.blocking}
    assert translated + len(untranslated) == len(question_pages(ROOT / "docs")) > 0


def test_glossary_is_data_with_at_least_100_unique_terms():
    entries = yaml.safe_load((ROOT / "data/glossary.yml").read_text(encoding="utf-8"))
    assert len(entries) >= 100
    for key in ("zh", "en"):
        values = [e[key] for e in entries]
        assert len(values) == len(set(values)), f"duplicate {key} terms"


@pytest.fixture
def docs_copy(tmp_path) -> Path:
    """A copy of docs/ with the fixture pair added, its twin stamped: tests edit the fixture, never a real page."""
    docs = tmp_path / "docs"
    shutil.copytree(ROOT / "docs", docs)
    shutil.copy(FIXTURES / "reviewed-page.md", docs / f"{PAIR}.md")
    shutil.copy(FIXTURES / "reviewed-page.en.md", docs / f"{PAIR}.en.md")
    assert stamp(docs, docs / f"{PAIR}.en.md")
    return docs


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def problems_of(docs: Path) -> list[str]:
    return [f"{p.path}: {p.problem}" for p in check(docs)[0] if p.blocking]


def test_a_missing_twin_is_listed_as_not_translated_without_blocking(docs_copy):
    (docs_copy / f"{PAIR}.en.md").unlink()
    assert problems_of(docs_copy) == []
    listed = [(p.path, p.problem) for p in check(docs_copy)[0]]
    assert listed == [(f"{PAIR}.md", "not translated yet (no English twin)")]


def test_parity_flags_changed_section_ids_and_code(docs_copy):
    twin = docs_copy / f"{PAIR}.en.md"
    edit(twin, "{#pitfalls}", "{#pitfalls-b}")
    edit(twin, "for t in (0.5, 1.0, 2.0):", "for t in (0.5, 1.0, 3.0):")
    issues = problems_of(docs_copy)
    assert any("section ids differ" in i for i in issues)
    assert any("code block 1: line" in i and "differs beyond comments and strings" in i for i in issues)


def test_code_may_differ_only_in_comments_and_strings_of_chinese_lines():
    zh = ['# 加载模型', 'print("正面回复：")', "x = 1  # 初始化"]
    assert first_code_difference(zh, ["# Load the model", 'print("Positive reply:")', "x = 1  # initialise"]) is None
    assert first_code_difference(zh, ["# Load the model", 'print("Positive reply:")', "x = 2  # initialise"]) == 3
    assert first_code_difference(["y = 'a'"], ["y = 'b'"]) == 1  # no Chinese: must be identical


def test_a_changed_chinese_page_makes_its_twin_outdated_until_stamped(docs_copy):
    edit(docs_copy / f"{PAIR}.md", "温度小于一时分布变尖", "温度低于一时分布变尖")
    outdated = "outdated: the Chinese page changed since this translation (or no source_hash)"
    assert problems_of(docs_copy) == [f"{PAIR}.en.md: {outdated}"]
    assert stamp(docs_copy, docs_copy / f"{PAIR}.en.md")
    assert problems_of(docs_copy) == []


def test_untranslated_twin_is_listed_but_not_counted(docs_copy):
    twin = docs_copy / f"{PAIR}.en.md"
    edit(twin, "topic: fundamentals\n", "topic: fundamentals\nuntranslated: true\n")
    problems, translated = check(docs_copy)
    assert translated == len(question_pages(docs_copy)) - 1
    assert [(p.path, p.problem, p.blocking) for p in problems] == [(f"{PAIR}.en.md", "not translated yet", False)]
    edit(twin, "for t in (0.5, 1.0, 2.0):", "for t in (0.5, 1.0, 3.0):")
    assert not stamp(docs_copy, twin), "a twin out of parity is never stamped"


# --- in the browser --------------------------------------------------------------------------

def heading(page) -> str:
    return page.locator("h1").first.inner_text().rstrip("¶").strip()


def switch_language(page, name: str) -> None:
    """Open the language menu in the header and pick a language, as a reader does."""
    page.locator(".md-header__option .md-select").hover()
    page.locator(".md-select__link", has_text=name).click()
    page.wait_for_load_state()


@pytest.mark.browser
@pytest.mark.parametrize("path, zh_title, en_title", [
    (f"/{REAL[0]}/", title_of(ROOT / f"docs/{REAL[0]}.md"), title_of(ROOT / f"docs/{REAL[0]}.en.md")),
    ("/fundamentals/", "基础原理", "Fundamentals"),
    ("/", "大模型面试题库", "LLM Interview Questions"),
])
def test_switcher_keeps_the_page_both_ways(page, site_url, path, zh_title, en_title):
    page.goto(site_url + path)
    assert heading(page) == zh_title
    assert page.locator("html").get_attribute("lang") == "zh"
    switch_language(page, "English")
    assert page.url == site_url + "/en" + path
    assert heading(page) == en_title
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.title() == (f"{en_title} - LLM Interview Questions" if path != "/" else "LLM Interview Questions")
    switch_language(page, "中文")
    assert page.url == site_url + path and heading(page) == zh_title


@pytest.mark.browser
def test_english_site_reads_in_english(page, site_url):
    page.goto(site_url + "/en/")
    nav = page.locator(".md-nav--primary").inner_text()
    assert "Fundamentals" in nav and "Inference & Deployment" in nav and "基础原理" not in nav
    page.get_by_role("link", name="glossary").first.click()
    assert heading(page) == "Glossary"
    assert page.locator("td", has_text="masked language model").count() >= 1
    assert not re.search(r"[\u4e00-\u9fff]", page.locator("nav.md-nav--primary").inner_text())


@pytest.fixture(scope="module")
def site_with_untranslated(tmp_path_factory):
    """A copy of the project where one twin is marked untranslated and another is missing."""
    project = tmp_path_factory.mktemp("project")
    for name in ("docs", "overrides", "scripts", "data"):
        shutil.copytree(ROOT / name, project / name)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    edit(project / "docs" / f"{REAL[0]}.en.md", "---\n", "---\nuntranslated: true\n")
    (project / "docs" / f"{REAL[1]}.en.md").unlink()
    site = project / "site"
    result = run_mkdocs_build(site, project / "mkdocs.yml")
    assert result.returncode == 0, result.stderr[-3000:]
    return site


@pytest.mark.browser
@pytest.mark.parametrize("path", [f"en/{REAL[0]}/", f"en/{REAL[1]}/"])
def test_untranslated_pages_show_a_banner_and_are_not_indexed(page, site_with_untranslated, path):
    page.goto((site_with_untranslated / path / "index.html").as_uri())
    banner = page.locator(".untranslated-banner")
    assert banner.is_visible()
    assert banner.inner_text().strip() == "本页尚未翻译 / This page has not been translated yet"
    assert page.locator('meta[name="robots"]').get_attribute("content") == "noindex"
    page.goto((site_with_untranslated / "en/coding/bert-text-classifier/index.html").as_uri())
    assert page.locator(".untranslated-banner").count() == 0
    assert page.locator('meta[name="robots"]').count() == 0
