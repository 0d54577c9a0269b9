"""The content checker: the real docs pass; a broken page of each kind is rejected with its file and line."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import check_content
import pytest
from conftest import ROOT
from qbank.classify import Taxonomy
from qbank.parity import stamp

PAGE = Path("fundamentals/softmax-temperature.md")  # the fixture pair (tests/fixtures), never a real page
TWIN = Path("fundamentals/softmax-temperature.en.md")
FIXTURES = ROOT / "tests" / "fixtures"
TITLE = "温度如何改变 softmax 的输出分布？"


@pytest.fixture
def docs(tmp_path) -> Path:
    """A copy of docs/ with the fixture pair added (its twin stamped): the tests break the fixture."""
    shutil.copytree(ROOT / "docs", tmp_path / "docs")
    shutil.copy(FIXTURES / "reviewed-page.md", tmp_path / "docs" / PAGE)
    shutil.copy(FIXTURES / "reviewed-page.en.md", tmp_path / "docs" / TWIN)
    assert stamp(tmp_path / "docs", tmp_path / "docs" / TWIN)
    return tmp_path / "docs"


def run(docs: Path, *paths: Path, capsys) -> tuple[int, str]:
    status = check_content.main([*(str(docs / p) for p in paths), "--docs", str(docs)])
    return status, capsys.readouterr().out


def line_of(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if needle in line)


def test_the_real_docs_pass():
    result = subprocess.run([sys.executable, "scripts/check_content.py"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-3000:]
    assert "no problem found" in result.stderr


A = "## 解析 {#analysis}\n"  # new text goes under this heading

# (case, old text, new text, the line to be named: a number, a text on it or (text, offset); words of the message)
LAST = "    软标签的梯度随温度的平方缩小，乘回去可以让软标签损失和硬标签损失的量级保持可比。\n"
CASES = [
    ("missing field", "type: concept\n", "", 1, "lacks 'type'"),
    ("unknown topic", "topic: fundamentals", "topic: cooking", "topic: cooking", "unknown topic 'cooking'"),
    ("topic not folder", "topic: fundamentals", "topic: training", "topic: training",
     "differs from the folder 'fundamentals'"),
    ("id not stem", "id: softmax-temperature", "id: softmax-t", "id: softmax-t", "differs from the file name"),
    ("id not slug", "id: softmax-temperature", "id: Softmax T", "id: Softmax T", "not an ASCII slug"),
    ("bad yaml", f"title: {TITLE}", "title: 温度: 一个: 问题", "title: 温度", "not plain YAML data"),
    ("no front matter", "---\nid:", "id:", 1, "no front matter"),
    ("no h1", f"# {TITLE}\n", "", "## 答案", "no '# ' heading"),
    ("h1 not title", f"# {TITLE}\n", "# 温度\n", "# 温度", "differs from the title"),
    ("heading without id", "## 答案 {#answer}", "## 答案", "## 答案", "lacks its id {#answer}"),
    ("empty section", LAST, f"{LAST}\n## 相关问题 {{#related}}\n\n<!-- 待补充 -->\n", "## 相关问题", "is empty"),
    ("unclosed fence", "[0] > torch.softmax(logits / 2.0, -1)[0]\n```\n", "[0] > torch.softmax(logits / 2.0, -1)[0]\n",
     ("import torch", -1), "never closed"),
    ("python syntax", "for t in (0.5, 1.0, 2.0):", "for t in (0.5, 1.0, 2.0)", "for t in (0.5, 1.0, 2.0)",
     "Python code does not parse"),
    ("artifact", "实现时通常先减去", "<|endoftext|>实现时通常先减去", "<|endoftext|>",
     "generation artifact '<|endoftext|>'"),
    ("script", A, f"{A}\n<script>alert(1)</script>\n", "<script>", "raw HTML '<script>'"),
    ("event handler", A, f'{A}\n<img src="a.png" onerror="alert(1)">\n', "onerror", "event handler 'onerror='"),
    ("javascript link", A, f"{A}\n[点我](javascript:alert(1))\n", "点我", "javascript:, vbscript: or data: URL"),
    ("missing page", A, f"{A}\n见 [BERT](../coding/no-such-page.md)。\n", "no-such-page",
     "broken link '../coding/no-such-page.md': no such file"),
    ("missing anchor", A, f"{A}\n见 [主题](index.md#nowhere)。\n", "#nowhere", "no anchor '#nowhere'"),
    ("missing own anchor", A, f"{A}\n见[上文](#answer-9)。\n", "#answer-9", "no anchor '#answer-9'"),
]


@pytest.mark.parametrize("old, new, where, message", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_a_broken_page_is_named_with_its_line(docs, capsys, old, new, where, message):
    text = (docs / PAGE).read_text(encoding="utf-8")
    assert old in text
    broken = text.replace(old, new, 1)
    (docs / PAGE).write_text(broken, encoding="utf-8")
    line = where if isinstance(where, int) else line_of(broken, where) if isinstance(where, str) else line_of(
        broken, where[0]) + where[1]
    status, out = run(docs, PAGE, capsys=capsys)
    assert status == 1
    assert re.search(rf"^{re.escape(str(docs / PAGE))}:{line}: .*{re.escape(message)}.* — .+", out, re.M), out


def test_good_links_and_anchors_pass(docs, capsys):
    page, twin = docs / PAGE, docs / TWIN
    links = "[上文](#answer) [主题](index.md) [首页](../index.md) [同页](softmax-temperature.md#pitfalls)\n"
    page.write_text(page.read_text(encoding="utf-8") + links, encoding="utf-8")
    twin.write_text(twin.read_text(encoding="utf-8") + links, encoding="utf-8")
    assert run(docs, PAGE, TWIN, capsys=capsys) == (0, "")


def test_a_page_without_answer_or_analysis_is_named(docs, capsys):
    page = docs / PAGE
    text = page.read_text(encoding="utf-8").replace("## 答案 {#answer}", "## 回答").replace(A, "## 讨论\n")
    page.write_text(text, encoding="utf-8")
    status, out = run(docs, PAGE, capsys=capsys)
    assert status == 1 and f"{page}:{line_of(text, '# 温度')}: no answer section — add '## 答案 {{#answer}}'" in out


def test_unknown_topic_lists_the_topics(docs, capsys):
    page = docs / PAGE
    page.write_text(page.read_text(encoding="utf-8").replace("topic: fundamentals", "topic: cooking"), encoding="utf-8")
    _, out = run(docs, PAGE, capsys=capsys)
    listed = out.split("use a topic id of data/topics.yml: ")[1].split(" (R2)")[0].split(", ")
    assert {t.id for t in Taxonomy().topics} | {"uncategorized"} == set(listed)


def test_duplicate_question_is_found_anywhere(docs, capsys):
    text = (docs / PAGE).read_text(encoding="utf-8")
    copy = Path("training/softmax-t.md")
    (docs / copy).write_text(text.replace("id: softmax-temperature", "id: softmax-t")
                             .replace("topic: fundamentals", "topic: training")
                             .replace("softmax 的输出分布？", "Softmax 的输出分布！"), encoding="utf-8")
    status, out = run(docs, copy, capsys=capsys)
    assert status == 1
    assert f"{docs / copy}:3: duplicate question (same title): also in docs/{PAGE}" in out


def test_duplicate_id_is_found_in_another_folder(docs, capsys):
    text = (docs / PAGE).read_text(encoding="utf-8")
    copy = Path("training") / PAGE.name
    (docs / copy).write_text(text.replace("topic: fundamentals", "topic: training").replace("温度如何", "温度怎样"),
                             encoding="utf-8")
    status, out = run(docs, copy, capsys=capsys)
    assert status == 1 and f"{docs / copy}:2: duplicate id: also in docs/{PAGE}" in out


def test_english_twin_needs_english_headings_unless_untranslated(docs, capsys):
    twin = docs / TWIN
    text = twin.read_text(encoding="utf-8").replace("## Answer {#answer}", "## 答案 {#answer}")
    twin.write_text(text, encoding="utf-8")
    status, out = run(docs, TWIN, capsys=capsys)
    assert status == 1 and f"{twin}:{line_of(text, '## 答案')}: section {{#answer}} is headed '答案'" in out
    twin.write_text(text.replace("---\n\n", "untranslated: true\n---\n\n", 1), encoding="utf-8")
    assert run(docs, TWIN, capsys=capsys)[0] == 0


def test_tokens_and_html_inside_code_are_not_flagged(docs, capsys):
    page = docs / PAGE
    code = "logits = torch.tensor([2.0, 1.0, 0.1])"
    text = page.read_text(encoding="utf-8").replace(code, f'prompt = "<|endoftext|> <script>"\n{code}')
    page.write_text(text + "\n行内代码 `<|im_end|>` 与 `<a onclick=\"x\">` 不算。\n", encoding="utf-8")
    assert run(docs, PAGE, capsys=capsys) == (0, "")


def test_generated_index_pages_skip_question_rules(docs, capsys):
    status, out = run(docs, Path("coding/index.md"), Path("index.md"), capsys=capsys)
    assert status == 0, out
