"""The answer standard's mechanical rules (A1–A4) on a reviewed page; unreviewed pages are not held to them."""
from __future__ import annotations

import shutil
from pathlib import Path

import check_content
import pytest
from conftest import ROOT

FIXTURE = ROOT / "tests/fixtures/reviewed-page.md"
PAGE = Path("fundamentals/softmax-temperature.md")


@pytest.fixture
def docs(tmp_path) -> Path:
    """A docs folder holding one reviewed page that meets the standard."""
    (tmp_path / "docs/fundamentals").mkdir(parents=True)
    shutil.copy(FIXTURE, tmp_path / "docs" / PAGE)
    return tmp_path / "docs"


def problems(docs: Path, capsys) -> tuple[int, str]:
    status = check_content.main([str(docs / PAGE), "--docs", str(docs)])
    return status, capsys.readouterr().out


def edit(docs: Path, old: str, new: str) -> None:
    path = docs / PAGE
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_page_that_meets_the_standard_passes(docs, capsys):
    assert problems(docs, capsys) == (0, "")


CASES = [
    ("no review date", "reviewed: 2026-12-01\n", "reviewed: soon\n", "reviewed: soon", "not a past date"),
    ("no difficulty", "difficulty: 1\n", "", "---", "not 1, 2 or 3"),
    ("difficulty out of range", "difficulty: 1", "difficulty: 5", "difficulty: 5", "not 1, 2 or 3"),
    ("too few ways asked", "- temperature 设成 0 是啥效果\n- 采样温度怎么影响多样性\n", "", "asked_as:",
     "fewer than 3 ways"),
    ("no references", "references:\n- title: \"Hinton et al., Distilling the Knowledge in a Neural Network (2015)\"\n"
     "  url: https://arxiv.org/abs/1503.02531\n", "references: []\n", "references: []", "no references"),
    ("http reference", "url: https://arxiv.org", "url: http://arxiv.org", "references:", "not an https:// address"),
    ("no pitfalls", "## 常见误区 {#pitfalls}", "## 误区", "# 温度", "needs the section {#pitfalls}"),
    ("one follow-up", "??? question \"温度和 Top-p", "温度和 Top-p", "## 追问", "1 follow-up question(s)"),
    ("out of order", "## 常见误区 {#pitfalls}", "## 常见误区 {#pitfalls}\n\n- x\n\n## 题目 {#question}\n\n题目。\n",
     "# 温度", "sections out of order"),
]


@pytest.mark.parametrize("old, new, where, message", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_each_rule_names_the_page_and_line(docs, capsys, old, new, where, message):
    edit(docs, old, new)
    status, out = problems(docs, capsys)
    text = (docs / PAGE).read_text(encoding="utf-8")
    line = next(n for n, x in enumerate(text.splitlines(), 1) if x.startswith(where))
    assert status == 1
    assert any(f"{PAGE.name}:{line}:" in x and message in x for x in out.splitlines()), out


def test_a_chinese_page_under_the_prose_floor_is_named(docs, capsys):
    path = docs / PAGE
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join(x[:40] if x.startswith(("温度", "softmax 的")) else x for x in lines), encoding="utf-8")
    status, out = problems(docs, capsys)
    assert status == 1 and "Chinese characters of prose outside code" in out


def test_an_unreviewed_page_is_held_to_the_basic_rules_only(docs, capsys):
    edit(docs, "reviewed: 2026-12-01\n", "")
    edit(docs, "## 常见误区 {#pitfalls}", "## 误区")
    assert problems(docs, capsys) == (0, "")
