"""Formulas (issue 16): KaTeX, served by the site, is fetched only when a formula comes near the screen, and
every formula a reader reaches is rendered."""
from __future__ import annotations

import pytest

QUESTION = "/fundamentals/attention-mechanism-explained/"  # its answer holds formulas


@pytest.mark.browser
def test_formulas_render_when_the_reader_opens_the_folded_answer(page, site_url):
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(site_url + QUESTION, wait_until="networkidle")
    formula = page.locator("details.study-answer .arithmatex").first
    assert not formula.is_visible()  # study mode: the answer is folded
    assert not [u for u in requests if "/katex/" in u]  # nothing of KaTeX for formulas nobody sees
    page.locator("details.study-answer > summary").first.click()
    formula.scroll_into_view_if_needed()
    formula.locator(".katex").first.wait_for()
    assert "\\(" not in formula.inner_text() and "\\[" not in formula.inner_text()
    page.wait_for_function("() => [...document.querySelectorAll('.arithmatex')].every(f => f.querySelector('.katex'))")
