"""The built site: strict build, and a reader's path from the home page to an answer."""
from __future__ import annotations

import re

import pytest
from conftest import ROOT
from qbank.pages import question_pages

pytestmark = pytest.mark.browser


def heading(page, selector: str = "h1") -> str:
    """A heading as a reader sees it, without the permalink sign."""
    return page.locator(selector).first.inner_text().rstrip("¶").strip()


def test_strict_build_has_a_page_per_question_in_both_languages(built_site):
    # built_site builds with --strict: any warning fails the fixture
    questions = [p.path.with_suffix("") for p in question_pages(ROOT / "docs")]
    assert questions
    missing = [q for q in questions for lang in ("", "en/") if not (built_site / lang / q / "index.html").is_file()]
    assert missing == []


def test_reader_opens_a_topic_then_a_question_and_reads_the_answer(page, site_url):
    page.goto(site_url + "/")
    assert heading(page) == "大模型面试题库"
    card = page.locator(".grid.cards a", has_text="基础原理")
    assert re.search(r"基础原理\s*·\s*\d+ 题", card.locator("xpath=../..").inner_text())
    card.click()
    page.wait_for_url("**/fundamentals/")
    assert heading(page) == "基础原理"
    page.locator("article table a", has_text="什么是注意力机制").click()
    page.wait_for_url("**/fundamentals/attention-mechanism-explained/")
    assert heading(page).startswith("什么是注意力机制")
    answer = page.locator("h2#answer")
    assert not answer.is_visible()  # study mode: the answer is folded until the reader opens it (issue 14)
    page.locator("details.study-answer > summary", has_text="答案与解析").click()
    assert answer.is_visible() and heading(page, "h2#answer") == "答案"
    assert "注意力机制" in page.locator("h2#answer + p").inner_text()


def test_previous_and_next_follow_the_topic_table(built_site):
    """The footer's previous/next links step through a topic in the order its index table lists."""
    for lang in ("", "en/"):
        for index in sorted((built_site / lang).glob("*/index.html")):
            html = index.read_text(encoding="utf-8")
            table = html[html.find("<table"):html.find("</table>")]
            rows = [h.split("/")[0] for h in re.findall(r'<a href="([^"#]+/)"', table)]
            for before, after in zip(rows, rows[1:]):
                page = (index.parent / before / "index.html").read_text(encoding="utf-8")
                nxt = re.search(r'<a href="([^"]+)" class="md-footer__link md-footer__link--next"', page)
                assert nxt and nxt.group(1).rstrip("/").split("/")[-1] == after.rstrip("/"), (index, before)
