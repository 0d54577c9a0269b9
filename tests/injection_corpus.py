"""An injection corpus: ways a contributed page or glossary entry could try to run script.

Each vector goes into a page body, a front-matter field or a glossary entry, and every payload calls
alert(). tests/test_injection.py builds the corpus into a site (a copy of the project with only these
pages), then checks that the content checker names each vector at its file and line, that the build's scan
names every one that reaches HTML, and that none runs in Chromium.
"""
from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import yaml
from qbank.glossary import pages as glossary_pages

ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Vector:
    name: str  # the page id (file coding/<name>.md) or, for a glossary entry, a label
    where: str  # body | title | description | tags | references | glossary | file (docs/coding/<name>)
    payload: str  # Markdown for a body, the value for a field, the term for the glossary
    mark: str = ""  # text on the line the checker must name (default: the payload's first line)


A = "alert(1)"
VECTORS = [
    # raw HTML and handlers, in any spelling
    Vector("script-element", "body", f"<script>{A}</script>"),
    Vector("img-onerror", "body", f"<img src=x onerror={A}>"),
    Vector("svg-onload", "body", f"<svg/onload={A}>"),
    Vector("mixed-case-handler", "body", f"<IMG SRC=x OnErRoR={A}>"),
    Vector("multi-line-tag", "body", f"<img src=x\nalt=x\nonerror={A}>"),
    Vector("allowed-tag-with-handler", "body", f"<details open ontoggle={A}><summary>x</summary>y</details>"),
    Vector("svg-animate-onbegin", "body", f"<svg><animate onbegin={A} attributeName=x dur=1s></svg>"),
    Vector("iframe-srcdoc", "body", f'<iframe srcdoc="<script>{A}</script>"></iframe>'),
    Vector("object-data", "body", f'<object data="javascript:{A}"></object>'),
    Vector("meta-refresh", "body", f'<meta http-equiv="refresh" content="0;url=javascript:{A}">'),
    Vector("form-action", "body", f"<form><button formaction=javascript:{A}>x</button></form>"),
    Vector("comment-breakout", "body", f"<!--><img src=x onerror={A}>-->"),
    Vector("html-link-entity", "body", f'<a href="&#x6A;avascript:{A}">x</a>'),
    # links: inline, reference-style, autolink, encoded
    Vector("inline-js-link", "body", f"[点我](javascript:{A})"),
    Vector("mixed-case-js-link", "body", f"[点我](JaVaScRiPt:{A})"),
    Vector("reference-js-link", "body", f"[点我][x]\n\n[x]: javascript:{A}", mark="[x]: javascript"),
    Vector("reference-next-line", "body", f"[点我][y]\n\n[y]:\n    javascript:{A}", mark="[y]:"),
    Vector("entity-js-link", "body", f"[点我](&#106;avascript:{A})"),
    Vector("tab-entity-js-link", "body", f"[点我](java&#9;script:{A})"),
    Vector("named-tab-js-link", "body", f"[点我](java&Tab;script:{A})"),
    Vector("vbscript-link", "body", "[点我](vbscript:msgbox(1))"),
    Vector("data-url-link", "body", "[点我](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)"),
    Vector("autolink-js", "body", f"<javascript:{A}>"),
    # attribute lists
    Vector("attr-list-paragraph", "body", f'悬停这里\n{{: onmouseover="{A}" }}', mark="{: onmouseover"),
    Vector("attr-list-link", "body", f'[链接](https://example.com){{: onclick="{A}" }}'),
    Vector("attr-list-href", "body", f'[链接](https://example.com){{: href="javascript:{A}" }}'),
    Vector("attr-list-heading", "body", f"### 小节 {{ #x onmouseover={A} }}"),
    # HTML hidden from line rules
    Vector("escaped-backticks", "body", f"\\`<img src=x onerror={A}>\\`"),
    Vector("fake-fence", "body", f"~~~ ~x\n<img src=x onerror={A}>\n~~~", mark="<img"),
    Vector("indented-fence", "body", f"    ```\n<img src=x onerror={A}>\n    ```", mark="<img"),
    # front matter
    Vector("title-svg", "title", f"<svg/onload={A}>"),
    Vector("title-breaks-out", "title", f"</title><script>{A}</script>"),
    Vector("description-breaks-out", "description", f'"><script>{A}</script>'),
    Vector("tag-html", "tags", f"<img src=x onerror={A}>"),
    Vector("reference-title-html", "references", f"<img src=x onerror={A}>"),
    Vector("reference-url-js", "references", f"javascript:{A}"),
    # files copied into the site as they are (no policy there): the checker and the strict build refuse them
    Vector("static-page.html", "file", f"<!doctype html>\n<p>moved</p>\n<script>{A}</script>", mark="<script>"),
    Vector("image.svg", "file", f'<svg xmlns="http://www.w3.org/2000/svg"\n     onload="{A}"></svg>', mark="onload"),
    # glossary entries
    Vector("glossary-zh", "glossary", f"<img src=x onerror={A}>"),
    Vector("glossary-en-link", "glossary", f"[x](javascript:{A})"),
    Vector("glossary-svg", "glossary", f"<svg onload={A}>"),
]


def _page(v: Vector) -> tuple[str, str]:
    """Text of the page of a vector, and the text on the line the checker must name."""
    title = v.payload if v.where == "title" else f"注入样例 {v.name}？"
    meta = {"id": v.name, "title": title, "topic": "coding", "type": "concept",
            "tags": [v.payload] if v.where == "tags" else [], "sources": []}
    if v.where == "description":
        meta["description"] = v.payload
    if v.where == "references":
        url = v.payload if "javascript" in v.payload else "https://example.com/"
        meta["references"] = [{"title": "参考" if url != "https://example.com/" else v.payload, "url": url}]
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=1000)
    body = v.payload if v.where == "body" else "正文没有注入。"
    text = f"---\n{front}---\n\n# {title}\n\n## 答案 {{#answer}}\n\n一段正常的答案。\n\n{body}\n"
    mark = v.mark or (v.payload.splitlines()[0] if v.where == "body" else f"{v.where}:")
    return text, mark


def write_project(folder: Path) -> dict[Vector, tuple[Path, int]]:
    """A copy of the project whose docs are the corpus; returns each vector's file and line to be named."""
    for name in ("scripts", "overrides"):
        shutil.copytree(ROOT / name, folder / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "data", folder / "data")
    shutil.copy(ROOT / "mkdocs.yml", folder / "mkdocs.yml")
    docs = folder / "docs"
    (docs / "coding").mkdir(parents=True)
    for lang, name in (("zh", "glossary.md"), ("en", "glossary.en.md")):
        shutil.copy(ROOT / "docs" / name, docs / name)
    (docs / "index.md").write_text("---\ntitle: 大模型面试题库\n---\n\n# 大模型面试题库\n\n注入样例。\n", "utf-8")
    (docs / "index.en.md").write_text("---\ntitle: LLM Interview Questions\n---\n\n# LLM Interview Questions\n",
                                      "utf-8")
    (docs / "coding" / "index.md").write_text("---\ntitle: 编程实战\ntopic: coding\ngenerated: true\n---\n\n"
                                              "# 编程实战\n\n注入样例。\n", "utf-8")
    expected = {}
    for v in (v for v in VECTORS if v.where == "file"):
        (docs / "coding" / v.name).write_text(v.payload, encoding="utf-8")
        expected[v] = (docs / "coding" / v.name, v.payload.count("\n", 0, v.payload.index(v.mark)) + 1)
    for v in (v for v in VECTORS if v.where not in ("glossary", "file")):
        text, mark = _page(v)
        path = docs / "coding" / f"{v.name}.md"
        path.write_text(text, encoding="utf-8")
        body = text.index("\n---\n") + 5 if v.where == "body" else 0
        expected[v] = (path, text.count("\n", 0, text.index(mark, body)) + 1)
    glossary = folder / "data" / "glossary.yml"
    text = glossary.read_text(encoding="utf-8")
    for v in (v for v in VECTORS if v.where == "glossary"):
        entry = [{"zh": v.payload, "en": f"injection {v.name}", "category": "coding"}]
        text += yaml.safe_dump(entry, allow_unicode=True, sort_keys=False, width=1000)
        expected[v] = (glossary, text.count("\n", 0, text.rindex(f"injection {v.name}")))  # the line above: zh
    glossary.write_text(text, encoding="utf-8")
    for path, page in glossary_pages(docs, folder / "data").items():  # what `qbank generate` writes
        (docs / path).write_text(page, encoding="utf-8")
    return expected
