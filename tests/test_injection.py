"""The injection corpus (tests/injection_corpus.py): the checker names every vector, the build's scan names
every one that reaches HTML and fails a strict build, and none runs in Chromium."""
from __future__ import annotations

import re
import subprocess
from pathlib import Path

import check_content
import pytest
from injection_corpus import VECTORS, write_project
from qbank.harness import MKDOCS_ENV, mkdocs_command, serve
from sitesearch.searchbox import SearchBox

# Vectors that Markdown itself turns into harmless HTML (escaped, or a tag no browser runs), and the
# front-matter and glossary vectors, which the build escapes: the scan finds nothing of them.
HARMLESS_IN_HTML = {"autolink-js"}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("injection")
    return folder, write_project(folder)


def build(folder: Path, strict: bool) -> subprocess.Popen:
    command = mkdocs_command(folder / ("strict-site" if strict else "site"), folder / "mkdocs.yml", strict=strict)
    return subprocess.Popen(command, cwd=folder, env=MKDOCS_ENV, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True)


@pytest.fixture(scope="module")
def builds(corpus):
    """(strict build's status and output, lenient build's output): both built at once."""
    folder, _ = corpus
    strict, lenient = build(folder, True), build(folder, False)
    lenient_err = lenient.communicate(timeout=300)[0]
    strict_err = strict.communicate(timeout=300)[0]
    assert lenient.returncode == 0, lenient_err[-3000:]
    return strict.returncode, strict_err, lenient_err


def test_the_corpus_has_at_least_25_vectors_in_pages_and_glossary():
    assert len(VECTORS) >= 25 and len({v.name for v in VECTORS}) == len(VECTORS)
    assert {v.where for v in VECTORS} >= {"body", "title", "description", "tags", "references", "glossary"}


def test_the_checker_names_every_vector_at_its_file_and_line(corpus, capsys):
    folder, expected = corpus
    assert check_content.main(["--docs", str(folder / "docs")]) == 1
    out = capsys.readouterr().out
    missed = [f"{v.name} ({check_content.shown(path)}:{line})" for v, (path, line) in expected.items()
              if not re.search(rf"^{re.escape(check_content.shown(path))}:{line}: .+ — .+\(R\d", out, re.M)]
    assert not missed, out


def test_the_build_scan_names_every_vector_that_reaches_html_and_fails_a_strict_build(builds):
    strict_status, strict_err, lenient_err = builds
    assert strict_status == 1 and "Aborted with" in strict_err
    named = set(re.findall(r"WARNING -  docs/coding/([\w-]+)\.md: (?:script|element|handler|url) that is not the "
                           r"theme's own", lenient_err))
    in_pages = {v.name for v in VECTORS if v.where == "body"} | {"title-svg", "title-breaks-out"}  # title is the h1
    assert named == in_pages - HARMLESS_IN_HTML
    copied = set(re.findall(r"WARNING -  docs/coding/([\w.-]+): \w+ in a file copied into the site", lenient_err))
    assert copied == {v.name for v in VECTORS if v.where == "file"}


@pytest.fixture(scope="module")
def corpus_url(corpus, builds):
    with serve(corpus[0] / "site") as server:
        yield server.url


PROVOKE = """() => {
  for (const el of document.querySelectorAll("*"))
    for (const type of ["mouseover", "mouseenter", "focus"]) el.dispatchEvent(new MouseEvent(type, {bubbles: true}));
  for (const a of document.querySelectorAll("article a")) if (!/^https?:$/.test(a.protocol || ""))
    a.dispatchEvent(new MouseEvent("click", {bubbles: true, cancelable: true}));
}"""


@pytest.mark.browser
def test_no_vector_runs_in_chromium(corpus, corpus_url, browser):
    context = browser.new_context(locale="zh-CN")
    ran, violations = [], []

    page = context.new_page()
    page.on("dialog", lambda d: (ran.append(f"{page.url}: {d.message}"), d.dismiss()))
    page.on("console", lambda m: "Content Security Policy" in m.text and violations.append(m.text))
    # files copied as they are get no policy: the checker and the strict build refuse them (tests above)
    paths = ["", "glossary/", "en/glossary/", "en/"] + [f"{p}coding/{v.name}/" for v in VECTORS
                                                       if v.where not in ("glossary", "file")
                                                       for p in ("", "en/")[: 2 if v.where == "title" else 1]]
    try:
        for path in paths:
            page.goto(f"{corpus_url}/{path}", wait_until="load")
            page.evaluate(PROVOKE)
            page.wait_for_timeout(50)
        # the theme's own scripts still run under the policy: search finds the corpus, whose titles show as text
        result = SearchBox(page).open(f"{corpus_url}/").search("注入样例")
        assert result.paths and all("/coding/" in path for path in result.paths), result.paths
        page.evaluate(PROVOKE)
        page.wait_for_timeout(200)
    finally:
        context.close()
    assert not ran, ran
    assert violations, "the Content-Security-Policy <meta> blocked nothing: is it in the pages?"


def test_the_policy_lists_only_the_theme_scripts_and_is_left_out_under_serve():
    from hooks import csp

    own = ('<script>var target=document.getElementById(location.hash.slice(1));target&&target.name&&'
           '(target.checked=target.name.startsWith("__tabbed_"))</script>')  # Material's partials/javascripts/content
    page = f"<html><head>{own}</head><body><p>x</p></body></html>"
    injected = page.replace("<p>x</p>", "<script>alert(1)</script>")
    try:
        csp.on_startup("build", dirty=False)
        assert "Content-Security-Policy" in csp.secured(page) and csp.csp_meta(page).count("'sha256-") == 1
        assert csp.csp_meta(injected) == csp.csp_meta(page)  # an injected script never gets a hash
        csp.on_startup("serve", dirty=False)
        assert "Content-Security-Policy" not in csp.secured(page)
    finally:
        csp.on_startup("build", dirty=False)


def test_the_scan_skips_only_text_that_cannot_hold_a_finding(monkeypatch):
    from qbank import htmlscan

    texts = [v.payload for v in VECTORS] + [
        '<a href="&#106;avascript:x">', '<a href="java&#x09;script:x">', '<A HREF="JaVaScRiPt:x">x</A>',
        '<a href="&amp;#106;avascript:x">', '<a href=" da\tta:text/html,x">', '<a href=data:text/html,x>',
        '<a href="javascript&colon;x">',
        '<img src=x onerror=y>', "<svg/onload=x>", "<p\nonclick='x'>", '<iframe srcdoc="x">', "<SCRIPT>x",
        '<meta content="0;url=vbscript:x">', '<p class="x">on the data: <code>a = 1</code> &para; &amp; b</p>']
    quick = [htmlscan.scan(text) for text in texts]
    assert all(quick[len(VECTORS):-1]) and not htmlscan.suspect(texts[-1])  # a harmless page is not parsed at all
    monkeypatch.setattr(htmlscan, "suspect", lambda text: True)  # the parser on every text
    assert quick == [htmlscan.scan(text) for text in texts]
