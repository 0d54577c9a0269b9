"""Quality budget: no off-site request, no console error, accessibility, links and anchors, SEO metadata.

Figures that are measured rather than asserted (build time, page weight, Lighthouse, serve reload) are
printed by scripts/benchmark.py (`make bench`) and recorded in benchmarks.md.
"""
from __future__ import annotations

import html
import re
import posixpath
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from conftest import ROOT, mkdocs_config, site_pages
from qbank.description import describe
from qbank.htmlscan import URL_ATTRIBUTES

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


# ---------------------------------------------------------------- links and anchors ----
# Each built file is read and parsed once: its ids and the URLs it names (a link checker that fetches a page
# again for every `page#anchor` took 10-15 min a language here).

ORIGIN = "http://site.invalid"  # the built site's own URLs are resolved against this made-up origin
CSS_URL = re.compile(r"""url\(\s*(?:"([^"]*)"|'([^']*)'|([^)\s]*))\s*\)""")
CSS_COMMENT = re.compile(r"/\*.*?\*/", re.S)
REFRESH = re.compile(r"^\s*\d+\s*;\s*url=(.+)$", re.I)


def _css_urls(css: str) -> list[str]:
    """The URLs of the url(…) in a piece of CSS, quoted or not."""
    return [next(filter(None, m.groups()), "") for m in CSS_URL.finditer(css)]


class _Links(HTMLParser):
    """The ids (and <a name>) of an HTML page and every URL its elements name."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = {name: value or "" for name, value in attrs}
        self.ids.update(value for name, value in attrs.items() if name == "id" or (tag, name) == ("a", "name"))
        for name, value in attrs.items():
            if name == "srcset":
                self.urls += [candidate.split()[0] for candidate in value.split(",") if candidate.strip()]
            elif name in URL_ATTRIBUTES or name.endswith("href"):
                self.urls.append(value)
            elif name == "style":
                self.urls += _css_urls(value)
        if tag == "meta" and attrs.get("http-equiv", "").lower() == "refresh":
            self.urls += REFRESH.findall(attrs.get("content", ""))


def _read(file: Path) -> tuple[set[str], list[str]]:
    """The ids of a built HTML page and the URLs named by it, or no ids and the url()s of a stylesheet."""
    text = file.read_text(encoding="utf-8")
    if file.suffix == ".css":
        return set(), _css_urls(CSS_COMMENT.sub("", text))
    parser = _Links()
    parser.feed(text)
    parser.close()
    return parser.ids, parser.urls


def _address(site: Path, file: Path) -> str:
    """The path a browser asks for to get `file`: a/b/index.html is /a/b/."""
    path = "/" + file.relative_to(site).as_posix()
    return path[: -len("index.html")] if path.endswith("/index.html") else path


def check_links(site: Path, site_url: str, roots: list[str]) -> tuple[list[str], set[Path]]:
    """Every internal URL named by a built HTML page or stylesheet of `site` that names no built file (or a
    folder without index.html), or an #anchor that is no id of its HTML target, as "page → URL: why" lines;
    and the HTML files reached by following links from the `roots` (paths such as "/en/").
    Absolute URLs under `site_url` (the canonical link) are internal too; other sites are not checked."""
    files = [f for f in sorted(site.rglob("*")) if f.suffix in (".html", ".css") and f.is_file()]
    read = {file: _read(file) for file in files}
    problems, graph = [], {}
    for file, (_, urls) in read.items():
        graph[file] = set()
        for url in urls:
            link = url.strip()
            if link.startswith(site_url):
                link = "/" + link[len(site_url):]  # the public address of a built file
            parts = urlsplit(urljoin(ORIGIN + _address(site, file), link))
            if f"{parts.scheme}://{parts.netloc}" != ORIGIN:
                continue  # another site, mailto:, data: …
            target = site / posixpath.normpath("/" + unquote(parts.path)).lstrip("/")
            if target.is_dir():
                target /= "index.html"
            anchor = unquote(parts.fragment)
            if not target.is_file():
                problems.append(f"{file.relative_to(site)} → {url}: no such file")
            elif anchor and target.suffix == ".html" and anchor not in read[target][0]:
                problems.append(f"{file.relative_to(site)} → {url}: no id {anchor!r} in {target.relative_to(site)}")
            elif target.suffix == ".html":
                graph[file].add(target)
    reached, todo = set(), [site / root.lstrip("/") / "index.html" for root in roots]
    while todo:
        page = todo.pop()
        if page not in reached:
            reached.add(page)
            todo += graph.get(page, ())
    return sorted(set(problems)), reached


def test_the_link_check_names_each_missing_file_and_anchor_and_follows_only_links(tmp_path):
    files = {
        "index.html": '<link rel="stylesheet" href="s.css"><h1 id="top">T</h1><a href="#top">up</a>'
                      '<a href="a/#x">ok</a> <a href="a/#%E4%B8%AD">ok</a> <a href="a/#nope">bad</a>'
                      '<img src="gone.png" alt=""> <a href="https://example.org/x">other site</a>'
                      f'<a href="{SITE_URL}a/#x">ok</a> <a href="{SITE_URL}gone/">bad</a> <a href="mailto:a@b.c">m</a>',
        "a/index.html": '<h2 id="x">X</h2><a name="中"></a><img srcset="../ok.png 1x, ../no.png 2x" alt="">'
                        '<p style="background: url(\'../ok.png\')"><a href="../b">b</a>',
        "b/index.html": "<p>reached through a/ without a slash</p>",
        "en/index.html": '<meta http-equiv="refresh" content="0; url=../lost/"><a href="../a/?q=1#x">ok</a>',
        "orphan/index.html": '<a href="../a/">no link leads here</a>',
        "s.css": '/* url(commented.png) */ a { background: url("ok.png") } b { background: url(data:image/png;x) }'
                 " @font-face { src: url(fonts/gone.woff2) }",
        "ok.png": "",
    }
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    problems, reached = check_links(tmp_path, SITE_URL, ["/", "/en/"])
    assert problems == [
        "a/index.html → ../no.png: no such file",
        "en/index.html → ../lost/: no such file",
        "index.html → a/#nope: no id 'nope' in a/index.html",
        "index.html → gone.png: no such file",
        f"index.html → {SITE_URL}gone/: no such file",
        "s.css → fonts/gone.woff2: no such file",
    ]
    assert reached == {tmp_path / p for p in ("index.html", "a/index.html", "b/index.html", "en/index.html")}


def test_no_broken_internal_link_or_anchor(built_site):
    problems, reached = check_links(built_site, SITE_URL, ["/", "/en/"])
    assert problems == [], "\n".join(problems)
    never = sorted(str(p.relative_to(built_site)) for p in set(site_pages(built_site)) - reached)
    assert never == [], "pages no link leads to from / or /en/"


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
