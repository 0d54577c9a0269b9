"""The sidebar of a question page (issue 16): the topics, its topic's index page and a window of neighbouring
questions, so a page does not grow with its topic; a reader can still step to the previous and next question
(footer) and back to the topic."""
from __future__ import annotations

import pytest

TOPIC = "/fundamentals/"
WINDOW = 3  # questions shown before and after the page in the sidebar (overrides/partials/nav.html)


def _topic_table(page, url: str) -> list[str]:
    """The question URLs of a topic, in the order its index page's table lists them."""
    page.goto(url)
    return page.locator("article table tbody tr").evaluate_all(
        "rows => rows.map(r => r.querySelector('a').href)")


def _sidebar(page):
    return page.locator("nav.md-nav--primary")


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["", "/en"])
def test_question_sidebar_shows_its_neighbours_and_the_topic(page, site_url, lang):
    topic_url = site_url + lang + TOPIC
    questions = _topic_table(page, topic_url)
    assert len(questions) >= 3
    at = len(questions) // 2  # a question in the middle of its topic
    page.goto(questions[at])
    sidebar = _sidebar(page)
    links = sidebar.locator("a.md-nav__link").evaluate_all("links => links.map(a => a.href)")
    # its neighbours, in table order, and itself
    for neighbour in questions[max(0, at - 1):at + 2]:
        assert neighbour in links
    shown = [q for q in questions if q in links]
    assert shown == sorted(shown, key=questions.index)
    assert len(shown) <= 2 * WINDOW + 1  # not the whole topic
    if len(shown) < len(questions):  # the others are one click away, on the topic page
        more = sidebar.locator(".md-nav__item--more a")
        assert more.is_visible()
        assert str(len(questions) - len(shown)) in more.inner_text()
        assert more.evaluate("a => a.href") == topic_url
    # the other topics are still listed, and the topic link leads back to the topic
    assert sidebar.locator("a.md-nav__link[href$='/inference/']").count() == 1
    sidebar.locator(".md-nav__item--active > .md-nav__container > a").click()
    page.wait_for_url(topic_url)


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["", "/en"])
def test_footer_next_follows_the_topic_table(page, site_url, lang):
    questions = _topic_table(page, site_url + lang + TOPIC)
    page.goto(questions[0])
    for expected in questions[1:4]:
        page.locator("a.md-footer__link--next").click()
        page.wait_for_url(expected)
    page.locator("a.md-footer__link--prev").click()
    page.wait_for_url(questions[2])


@pytest.mark.browser
def test_sidebar_is_usable_from_the_keyboard(page, site_url):
    questions = _topic_table(page, site_url + TOPIC)
    page.goto(questions[len(questions) // 2])
    sidebar = _sidebar(page)
    target = sidebar.locator(".md-nav__item--active ul a.md-nav__link:not(.md-nav__link--active)").first
    href = target.evaluate("a => a.href")
    target.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(href)


@pytest.mark.browser
@pytest.mark.parametrize("lang, home", [("", "首页"), ("/en", "Home")])
def test_the_sidebar_names_the_site_once_and_leads_home(page, site_url, lang, home):
    """On a top-level page the sidebar's heading is the site's name; the home page's entry says 首页 / Home."""
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(site_url + lang + "/glossary/")
    names = _sidebar(page).locator(":scope > ul > li > a.md-nav__link").all_inner_texts()
    assert names[0].strip() == home
    title = _sidebar(page).locator(":scope > .md-nav__title").inner_text().strip()
    assert title not in [n.strip() for n in names]
    _sidebar(page).get_by_role("link", name=home, exact=True).click()
    page.wait_for_url(site_url + lang + "/")
