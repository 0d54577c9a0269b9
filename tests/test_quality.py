"""Quality budget: no off-site request, no console error, accessibility, links and anchors, SEO metadata.

Figures that are measured rather than asserted (build time, page weight, Lighthouse, serve reload) are
printed by scripts/benchmark.py (`make bench`) and recorded in benchmarks.md.
"""
from __future__ import annotations

import csv
import html
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import ROOT, mkdocs_config, site_pages
from qbank.description import describe
from qbank.harness import serve

PAGES = ["/", "/fundamentals/", "/fundamentals/attention-mechanism-explained/",
         "/en/", "/en/fundamentals/", "/en/fundamentals/attention-mechanism-explained/"]
QUESTION = "fundamentals/attention-mechanism-explained"
SITE_URL = "https://llm-interview-questions.github.io/"


def _head(html_text: str) -> str:
    return html_text.split("</head>", 1)[0]


def _meta(html_text: str, attribute: str, name: str) -> list[str]:
    pattern = rf'<meta {attribute}="{re.escape(name)}" content="([^"]*)"'
    return [html.unescape(v) for v in re.findall(pattern, _head(html_text))]


def _built(built_site: Path, path: str) -> str:
    return (built_site / path / "index.html").read_text(encoding="utf-8")


# ---------------------------------------------------------------- no request leaves the site ----

@pytest.mark.browser
@pytest.mark.parametrize("path", PAGES)
def test_page_loads_only_from_its_own_origin_without_console_errors(page, site_url, path):
    requests, errors = [], []
    page.on("request", lambda r: requests.append(r.url))
    page.on("requestfailed", lambda r: errors.append(f"request failed: {r.url} {r.failure}"))
    page.on("console", lambda m: m.type == "error" and errors.append(f"console: {m.text} {m.location}"))
    page.on("pageerror", lambda e: errors.append(f"page error: {e}"))
    response = page.goto(site_url + path, wait_until="networkidle")
    assert response.status == 200
    page.wait_for_timeout(300)  # the search worker loads its lunr languages after the page

    origin = urlsplit(site_url)[:2]
    offsite = [u for u in requests if urlsplit(u).scheme in ("http", "https", "ws", "wss")
               and urlsplit(u)[:2] != origin]
    assert offsite == [], f"{path} made off-site requests: {offsite}"
    assert any(u.endswith(".css") for u in requests) and any(u.endswith(".js") for u in requests)
    assert errors == [], f"{path}: {errors}"
    # the reader sees the page in a system font that has Chinese glyphs, not a downloaded web font
    font = page.evaluate("getComputedStyle(document.querySelector('.md-typeset')).fontFamily")
    assert "PingFang SC" in font and "Noto Sans CJK SC" in font and "Segoe UI" in font, font
    # the only web fonts are KaTeX's, served by the site (see above), on pages that show formulas
    families = page.evaluate("[...document.fonts].map(f => f.family)")
    has_math = page.locator(".arithmatex").count() > 0
    assert all(f.strip('"').startswith("KaTeX_") for f in families) and (has_math or not families), families


EXTERNAL_LOAD = re.compile(
    r"""<(?:script|img|iframe|audio|video|source|embed)\b[^>]*\bsrc=["']?(?:https?:)?//"""
    r"""|<link\b(?=[^>]*\brel=["']?(?:stylesheet|preload|modulepreload|preconnect|dns-prefetch|prefetch|icon|manifest))"""
    r"""[^>]*\bhref=["']?(?:https?:)?//"""
    r"""|@import\s+(?:url\()?["']?(?:https?:)?//""", re.I)


def test_no_built_file_loads_anything_from_another_site(built_site):
    """Every page (not only the ones opened in Chromium): no script, style, font, image or frame from a CDN."""
    offenders = []
    for file in built_site.rglob("*"):
        if file.suffix in (".html", ".css") and file.is_file():
            for match in EXTERNAL_LOAD.finditer(file.read_text(encoding="utf-8", errors="replace")):
                offenders.append(f"{file.relative_to(built_site)}: {match.group()[:120]}")
    assert offenders == []
    css = "\n".join(f.read_text(encoding="utf-8") for f in (built_site / "assets").rglob("*.css"))
    assert "fonts.googleapis" not in css and "fonts.gstatic" not in css


# ---------------------------------------------------------------- accessibility (axe-core) ----

AXE_CASES = [(p, "light") for p in PAGES] + [(PAGES[2], "dark"), (PAGES[5], "dark")]


@pytest.mark.browser
@pytest.mark.parametrize("path,scheme", AXE_CASES)
def test_axe_finds_no_serious_or_critical_violation(page, site_url, path, scheme):
    from axe_playwright_python.sync_playwright import Axe

    page.emulate_media(color_scheme=scheme)
    page.goto(site_url + path, wait_until="networkidle")
    results = Axe().run(page)
    assert results.response["testEngine"]["name"] == "axe-core" and results.response["passes"]
    serious = [f"{v['impact']} {v['id']}: {v['help']} at {[n['target'] for n in v['nodes'][:3]]}"
               for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert serious == [], f"{path} ({scheme}): " + "\n".join(serious)


# ---------------------------------------------------------------- links and anchors (LinkChecker) ----

LINKCHECKER_HEADERS = {"LinkChecker": "localhost test server"}  # lets LinkChecker skip its politeness delay


def _linkchecker(urls: list[str], no_follow: str) -> subprocess.Popen:
    """LinkChecker's CSV of every URL it checked (--verbose); anchor problems are warnings."""
    binary = Path(sys.executable).parent / "linkchecker"
    args = [str(binary), "-f", str(ROOT / "tests" / "linkcheckerrc"), "-o", "csv", "--verbose", "--no-status",
            "--no-follow-url", no_follow, *urls]
    return subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8")


def test_no_broken_internal_link_or_anchor(built_site):
    if not (Path(sys.executable).parent / "linkchecker").exists():
        pytest.fail("LinkChecker is missing: pip install -r requirements.txt")
    server = serve(built_site, headers=LINKCHECKER_HEADERS)
    base = server.url
    try:
        # one process per language, so both cores work; each also checks the links into the other language
        runs = [_linkchecker([f"{base}/"], rf"^{re.escape(base)}/en/"),
                _linkchecker([f"{base}/en/"], rf"^{re.escape(base)}/(?!en/)")]
        outputs = [run.communicate(timeout=1800) for run in runs]  # a check per anchor: 10+ min a language here
    finally:
        server.shutdown()
    problems, pages_seen = [], set()
    for (stdout, stderr), run in zip(outputs, runs):
        assert run.returncode in (0, 1), stderr[-2000:]  # 1: errors found, reported below
        lines = [line for line in stdout.splitlines() if line and not line.startswith("#")]
        for row in csv.DictReader(lines, delimiter=";"):
            if row["valid"] != "True" or row["warningstring"]:
                problems.append(f"{row['url']} (linked from {row['parentname']}): {row['result']} "
                                f"{row['warningstring']}")
            elif row["url"].startswith(base) and row["result"].startswith("200"):
                pages_seen.add(row["url"].split("#")[0])
    assert problems == []
    pages = {f"{base}/{p.parent.relative_to(built_site).as_posix()}/".replace("/./", "/")
             for p in site_pages(built_site)}
    assert pages - pages_seen == set(), "pages LinkChecker never reached"


# ---------------------------------------------------------------- SEO ----

def _answer_first_sentence(source: Path, heading: str, end: str) -> str:
    text = source.read_text(encoding="utf-8")
    answer = text.split(heading, 1)[1].strip().split("\n\n", 1)[0]
    return re.sub(r"\*\*|`", "", answer)[: answer.index(end) + len(end)].strip()


def test_question_page_description_is_the_first_sentence_of_its_answer(built_site):
    zh = _answer_first_sentence(ROOT / "docs" / f"{QUESTION}.md", "## 答案 {#answer}", "。")
    en = _answer_first_sentence(ROOT / "docs" / f"{QUESTION}.en.md", "## Answer {#answer}", ". ").strip()
    assert zh.startswith("注意力机制") and zh.endswith("。") and len(zh) > 20
    assert _meta(_built(built_site, QUESTION), "name", "description") == [zh]
    assert _meta(_built(built_site, f"en/{QUESTION}"), "name", "description") == [en]


def test_every_page_has_its_own_description(built_site):
    config = mkdocs_config()
    generic = {config["site_description"]} | {lang.get("site_description") for lang in
                                               config["plugins"][1]["i18n"]["languages"]}
    missing = []
    for file in site_pages(built_site):
        descriptions = _meta(file.read_text(encoding="utf-8"), "name", "description")
        if len(descriptions) != 1 or descriptions[0] in generic or len(descriptions[0]) < 5:
            missing.append(f"{file.relative_to(built_site)}: {descriptions}")
    assert missing == []


def test_the_hreflang_links_leave_the_head_and_nothing_else_changes():
    import importlib.util

    spec = importlib.util.spec_from_file_location("seo_hook", ROOT / "scripts" / "hooks" / "seo.py")
    seo = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(seo)
    head = ('<head>\n  <link rel="prev" href="../">\n    <link rel="alternate" href="/" hreflang="zh">\n  \n'
            '    <link rel="alternate" href="../en/x/" hreflang="en">\n  <link rel="alternate" type="a" href="/f">'
            '<link rel="alternate" href="/y" hreflang="en">\n</head>')
    body = '<body><a><link rel="alternate" href="/z" hreflang="en"></a></body>'
    kept = '<head>\n  <link rel="prev" href="../">\n  \n  <link rel="alternate" type="a" href="/f"></head>'
    assert seo.without_hreflang_links(head + body) == kept + body
    assert seo.without_hreflang_links(body) == body


@pytest.mark.parametrize("prefix,locale,alternate", [("", "zh_CN", "en_US"), ("en/", "en_US", "zh_CN")])
def test_open_graph_and_canonical_tags(built_site, prefix, locale, alternate):
    page = _built(built_site, prefix + QUESTION)
    title = re.search(r"<h1[^>]*>(.*?)<", page).group(1)
    url = f"{SITE_URL}{prefix}{QUESTION}/"
    assert re.findall(r'<link rel="canonical" href="([^"]+)"', page) == [url]
    assert _meta(page, "property", "og:title") == [html.unescape(title)]
    assert _meta(page, "property", "og:description") == _meta(page, "name", "description")
    assert _meta(page, "property", "og:url") == [url]
    assert _meta(page, "property", "og:type") == ["article"]
    assert _meta(page, "property", "og:locale") == [locale]
    assert _meta(page, "property", "og:locale:alternate") == [alternate]
    home = _built(built_site, prefix)
    assert _meta(home, "property", "og:type") == ["website"]
    assert _meta(home, "property", "og:url") == [f"{SITE_URL}{prefix}"]


def test_sitemap_lists_every_page_with_absolute_zh_and_en_alternates(built_site):
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    root = ET.parse(built_site / "sitemap.xml").getroot()
    entries = {}
    for url in root.findall("s:url", ns):
        alternates = {link.get("hreflang"): link.get("href") for link in url.findall("x:link", ns)
                      if link.get("rel") == "alternate"}
        entries[url.find("s:loc", ns).text] = alternates
    question = {"zh": f"{SITE_URL}{QUESTION}/", "en": f"{SITE_URL}en/{QUESTION}/"}
    assert entries[question["zh"]] == question and entries[question["en"]] == question
    assert entries[SITE_URL] == {"zh": SITE_URL, "en": f"{SITE_URL}en/"}
    pages = {f"{SITE_URL}{p.parent.relative_to(built_site).as_posix()}/".replace("/./", "/")
             for p in site_pages(built_site)}
    assert set(entries) == pages
    assert all(set(alt) == {"zh", "en"} and all(h.startswith(SITE_URL) for h in alt.values())
               for alt in entries.values())


# ---------------------------------------------------------------- the description rule ----

@pytest.mark.parametrize("markdown,expected", [
    ("# T\n\n## 题目 {#question}\n\n问题？\n\n## 答案 {#answer}\n\n**注意力**是一种机制。它很有用。\n",
     "注意力是一种机制。"),
    ("# T\n\n## Question {#question}\n\nWhy?\n\n## Answer {#answer}\n\nIt works, e.g. in "
     "[BERT](bert.md) and `GPT`. More text.\n", "It works, e.g. in BERT and GPT."),
    ("# T\n\n## Analysis {#analysis}\n\n```python\nx = 1. # code\n```\n\nThe *first* section wins. Not this.\n",
     "The first section wins."),
    ("# T\n\n## 解析 {#analysis}\n\n- **系统架构**：\n  - **数据存储**：使用分布式数据库。\n",
     "系统架构：数据存储：使用分布式数据库。"),
    ("# T\n\n<!-- generated -->\n\nNo full stop at all\n", "No full stop at all"),
    ("# T\n\n## Answer {#answer}\n\nUse `&lt;script&gt;` or `<img onerror=x>` and `javascript:go()`.\n",
     "Use & lt;script& gt; or < img onerror=x> and javascript：go()."),  # code as written, defused
    ("# T\n\n## Answer {#answer}\n\nA `&amp;` B, a &lt; b & c.\n", "A & amp; B, a < b & c."),
])
def test_describe_takes_the_first_sentence_as_plain_text(markdown, expected):
    assert describe(markdown) == expected


def test_a_description_is_one_line_of_at_most_300_characters_the_checker_accepts():
    from qbank.safety import HTML_IN_TEXT, SCRIPT_WORD, decoded

    text = describe("## Answer {#answer}\n\n" + "word " * 200 + "<b>x</b> &#60;script&#62; java\tscript:x.\n")
    assert len(text) <= 301 and "\n" not in text and text.endswith("…")
    for sentence in (text, describe("## 答案 {#answer}\n\n`&#60;svg&#62;` `java script:alert(1)` 可以。\n")):
        assert not HTML_IN_TEXT.search(sentence) and not SCRIPT_WORD.search(decoded(sentence)), sentence
