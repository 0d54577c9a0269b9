"""The site's search box as a reader uses it, in a Playwright page: type a query, read the results.

Material reads the query on `keyup`, so after filling the box we press a key, as a person would.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlsplit

INPUT = "input.md-search__input"
META = ".md-search-result__meta"
ITEMS = ".md-search-result__list > .md-search-result__item"
MISSING = ".md-search-result__missing"

# Sets window.__searchLatency to the milliseconds from the next keyup in the search box to the next
# update of the results.
_WATCH = """() => {
  const input = document.querySelector("%s"), meta = document.querySelector("%s")
  let start
  window.__searchLatency = undefined
  input.addEventListener("keyup", () => { start = performance.now() }, {capture: true, once: true})
  new MutationObserver((_, observer) => {
    if (start === undefined) return
    observer.disconnect()
    window.__searchLatency = performance.now() - start
  }).observe(meta, {childList: true, characterData: true, subtree: true})
}""" % (INPUT, META)


@dataclass
class Result:
    query: str
    urls: list[str] = field(default_factory=list)    # one per result item (page), best first
    titles: list[str] = field(default_factory=list)
    latency_ms: float = 0.0

    @property
    def paths(self) -> list[str]:
        return [urlsplit(u).path for u in self.urls]


class SearchBox:
    def __init__(self, page):
        self.page = page
        self.placeholder = ""

    def open(self, url: str) -> "SearchBox":
        """Open a page, click into the search box and wait until the index is loaded."""
        self.page.goto(url)
        self.page.click(INPUT)
        self.placeholder = self.page.evaluate(
            "JSON.parse(document.querySelector('#__config').textContent).translations['search.result.placeholder']")
        self.search(self.page.evaluate("document.title.split(' ')[0]"), timeout=30_000)  # waits for the index
        return self

    def search(self, query: str, timeout: int = 5_000) -> Result:
        self._clear()
        self.page.evaluate(_WATCH)
        box = self.page.locator(INPUT)
        box.fill(query)
        box.press("End")
        # a function, not an expression: Playwright would eval an expression, which the pages' CSP forbids
        self.page.wait_for_function("() => window.__searchLatency !== undefined", timeout=timeout)
        latency = self.page.evaluate("window.__searchLatency")
        items = self.page.locator(ITEMS)
        articles = [items.nth(i).locator("a.md-search-result__link").first for i in range(items.count())]
        return Result(query, [a.evaluate("a => a.href") for a in articles],
                      [a.locator("h1, h2").first.inner_text().replace("\u200b", "") for a in articles], latency)

    def missing(self, timeout: int = 1_000) -> str:
        """The line naming the query's words that no listed page has (not on any page: kalman), '' if none
        shows within `timeout` ms: it comes on its own channel, after or before the results."""
        from playwright.sync_api import TimeoutError as PlaywrightTimeout
        note = self.page.locator(MISSING)
        try:
            note.wait_for(state="visible", timeout=timeout)
        except PlaywrightTimeout:
            return ""
        return note.inner_text()

    def _clear(self) -> None:
        box = self.page.locator(INPUT)
        if box.input_value():
            box.fill("")
            box.press("End")
            self.page.wait_for_function("([sel, text]) => document.querySelector(sel).textContent === text",
                                        arg=[META, self.placeholder], timeout=5_000)
