"""Every page links to its source file for editing and shows its last-updated date from git."""
from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from conftest import ROOT
from hooks.git_dates import last_commit_dates
from qbank.pages import question_pages
from qbank.harness import mkdocs_build as run_mkdocs_build

EDIT = "https://github.com/llm-interview-questions/llm-interview-questions/edit/main/docs/"
PAGE = question_pages(ROOT / "docs")[0].path.with_suffix("").as_posix()  # any real page with its twin


def edit_link(html: str) -> str:
    return re.search(r'<a href="([^"]+)"[^>]*rel="edit"', html).group(1)


def test_one_git_log_dates_every_committed_page():
    dates = last_commit_dates(str(ROOT / "docs"))
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", dates[f"{PAGE}.md"]) and f"{PAGE}.en.md" in dates


def test_a_shallow_clone_still_dates_every_page(tmp_path):
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{ROOT}", str(tmp_path / "clone")], check=True)
    tracked = subprocess.run(["git", "ls-files", "docs"], cwd=tmp_path / "clone", capture_output=True, text=True).stdout
    dates = last_commit_dates(str(tmp_path / "clone" / "docs"))
    assert {line.removeprefix("docs/") for line in tracked.split()} <= set(dates)


def test_no_git_history_means_no_date(tmp_path):
    assert last_commit_dates(str(tmp_path)) == {}


def test_built_pages_show_edit_link_and_date_in_both_languages(built_site):
    zh = (built_site / PAGE / "index.html").read_text(encoding="utf-8")
    en = (built_site / "en" / PAGE / "index.html").read_text(encoding="utf-8")
    assert edit_link(zh) == f"{EDIT}{PAGE}.md" and edit_link(en) == f"{EDIT}{PAGE}.en.md"
    assert re.search(r'最后更新：<time datetime="\d{4}-\d{2}-\d{2}">', zh)
    assert re.search(r'Last updated: <time datetime="\d{4}-\d{2}-\d{2}">', en)


def test_fallback_page_edits_the_chinese_source_and_a_build_without_git_has_no_dates(tmp_path):
    """A question without an English twin is shown in Chinese under /en/: its edit link opens the Chinese file."""
    shutil.copytree(ROOT / "docs", tmp_path / "docs")
    (tmp_path / "docs" / f"{PAGE}.en.md").unlink()
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("docs_dir: docs", f"docs_dir: {tmp_path / 'docs'}")
    config = config.replace("custom_dir: overrides", f"custom_dir: {ROOT / 'overrides'}")
    config = re.sub(r"^(\s+- )(scripts/\S+\.py)", rf"\g<1>{ROOT}/\2", config, flags=re.M)
    assert str(tmp_path / "docs") in config and f"{ROOT}/scripts/hooks/git_dates.py" in config
    (tmp_path / "mkdocs.yml").write_text(config, encoding="utf-8")
    result = run_mkdocs_build(tmp_path / "site", tmp_path / "mkdocs.yml")
    assert result.returncode == 0, result.stderr[-3000:]
    en = (tmp_path / "site" / "en" / PAGE / "index.html").read_text(encoding="utf-8")
    assert edit_link(en) == f"{EDIT}{PAGE}.md"
    assert "md-source-file" not in en  # the copy is no git repository: no date, and no warning (strict build)


@pytest.fixture(autouse=True)
def _fresh_cache():
    last_commit_dates.cache_clear()
