"""One 404 page for both languages, as a static host (GitHub Pages) serves it for any missing URL: its text in
both languages, its chrome (header, search, switcher) the Chinese site's."""
from __future__ import annotations

import re

import pytest
from qbank.harness import serve


@pytest.fixture(scope="module")
def pages_url(built_site):
    with serve(built_site, not_found_page=True) as server:  # like GitHub Pages: /404.html for a missing path
        yield server.url


def test_the_built_404_page_is_bilingual_in_the_chinese_chrome(built_site):
    assert not (built_site / "en" / "404.html").exists()  # one page serves every missing URL
    text = (built_site / "404.html").read_text(encoding="utf-8")
    for words in ("页面不存在", "返回中文首页", "Page not found", "Go to the English home page", 'name="robots"'):
        assert words in text
    assert '<html lang="zh"' in text and 'placeholder="搜索"' in text and "LLM Interview Questions" not in text


@pytest.mark.browser
@pytest.mark.parametrize("link,home,language",
                         [("返回中文首页", "/", "zh"), ("Go to the English home page", "/en/", "en")])
def test_a_missing_url_shows_both_languages_and_links_to_both_homes(page, pages_url, link, home, language):
    missing, failed = pages_url + "/fundamentals/no-such-question/", []
    page.on("response", lambda r: r.status >= 400 and r.url != missing and failed.append(r.url))
    response = page.goto(missing, wait_until="networkidle")
    assert response.status == 404
    assert failed == [], f"the 404 page's own files must load from any depth: {failed}"
    assert "页面不存在" in page.title() and "Page not found" in page.title()
    content = page.locator("article")
    assert content.get_by_role("heading", name="页面不存在").is_visible()
    assert content.get_by_role("heading", name="Page not found").is_visible()
    zh_link = content.get_by_role("link", name="返回中文首页")
    en_link = content.get_by_role("link", name="Go to the English home page")
    assert zh_link.is_visible() and en_link.is_visible()
    assert content.locator("[lang=zh]").get_by_text("你要找的页面不存在").is_visible()
    assert content.locator("[lang=en]").get_by_text("does not exist").is_visible()

    # the chrome is the Chinese site's: its name in the header, Chinese search
    assert page.evaluate("document.documentElement.lang") == "zh"
    assert page.locator("header").get_by_text("大模型面试题库").first.is_visible()
    assert page.get_by_role("dialog", name="搜索").count() == 1

    content.get_by_role("link", name=link).click()
    page.wait_for_load_state()
    assert page.url == pages_url + home
    assert page.evaluate("document.documentElement.lang") == language
    assert page.locator("article h1").is_visible()


def test_the_404_language_switcher_leads_to_the_two_home_pages(built_site):
    text = (built_site / "404.html").read_text(encoding="utf-8")
    switcher = re.findall(r'href="([^"]*)" hreflang="([a-z]+)" class="md-select__link"', text)
    assert switcher == [("/", "zh"), ("/en/", "en")]
