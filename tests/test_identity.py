"""Identity, not slugs: a question whose slug is already another question's page gets a distinct slug (and
the report says so); no page is replaced or moved by a different question; an English twin stays with its own."""
from __future__ import annotations

from pathlib import Path

import pytest
import split_articles
from qbank.pages import question_pages

FIRST = "什么是注意力机制（Attention Mechanism）？"  # data/titles_en.yml: slug attention-mechanism-explained


def run(tmp: Path, title: str, answer: str, capsys) -> str:
    article = tmp / f"{abs(hash(title))}.md"
    article.write_text(f"#### 1. {title}\n\n答：{answer}\n", encoding="utf-8")
    args = [str(article), "--docs", str(tmp / "docs"), "--manifest", str(tmp / "imported.json")]
    capsys.readouterr()
    assert split_articles.main(args) == 0
    return capsys.readouterr().out


def pages(tmp: Path) -> dict[str, tuple[str, str]]:
    """Page id -> (title, body) of every Chinese question page."""
    return {p.meta["id"]: (p.meta["title"], p.body) for p in question_pages(tmp / "docs")}


@pytest.mark.parametrize("first, second", [
    (FIRST, "Attention mechanism explained?"),  # an English title slugifies to the first page's slug
    ("什么是红队？", "什么是洪队？"),  # homophones: the same pinyin
    ("请解释大语言模型中的注意力机制的计算过程？", "请解释大语言模型中的注意力机制的优化方法？"),  # 10 syllables agree
])
def test_a_colliding_slug_gets_a_distinct_one_and_the_first_page_is_untouched(tmp_path, capsys, first, second):
    run(tmp_path, first, "第一题的答案。", capsys)
    (only,) = pages(tmp_path)
    page = next((tmp_path / "docs").glob(f"*/{only}.md"))
    twin = page.with_name(f"{only}.en.md")
    twin.write_text(page.read_text(encoding="utf-8").replace("第一题的答案。", "The first answer."), encoding="utf-8")
    before, twin_before = page.read_text(encoding="utf-8"), twin.read_text(encoding="utf-8")

    report = run(tmp_path, second, "第二题的答案。", capsys)
    found = pages(tmp_path)
    assert page.read_text(encoding="utf-8") == before and twin.read_text(encoding="utf-8") == twin_before
    (other,) = set(found) - {only}
    assert other.startswith(only) and found[other][0] == second and "第二题的答案。" in found[other][1]
    assert "Pages given a distinct slug (slug of another question): 1" in report
    assert f"{second}: {only} holds" in report and f"-> {other}" in report
    assert "Pages moved: 0" in report
    assert not list((tmp_path / "docs").glob(f"*/{other}.en.md"))  # the twin did not follow the wrong question

    again = run(tmp_path, second, "第二题的答案。", capsys)  # the same article again: the same page, unchanged
    assert pages(tmp_path) == found and "Pages unchanged: 1" in again and "Pages written: 0" in again
