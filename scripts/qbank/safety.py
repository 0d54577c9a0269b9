"""R7: contributed content cannot run script — the checker's rules, each with the file, line and fix.

- raw HTML only from a short allow-list, without attributes (ALLOWED_TAGS; CONTRIBUTING R7);
- attribute lists `{: … }` hold ids and classes only; no event handler in any spelling;
- no javascript:, vbscript: or data: URL in any form (inline, reference-style, autolink, entity- or
  tab-encoded);
- front matter: no YAML tags or anchors; title, description, tags, asked_as and references[].title are one line of
  text without HTML; references is a list of {title, url} with an https:// url;
- glossary terms (data/glossary.yml) are plain text;
- and, behind the line rules, each page rendered as the site renders it (mkdocs.yml's extensions) must
  hold no script, handler or script URL: tricks that hide HTML from the line rules (a backtick or fence
  line Markdown does not honour) are still named.
"""
from __future__ import annotations

import html
import os
import re
from functools import cache
from pathlib import Path

import markdown
import yaml

from .doc import meta_line  # one place finds a key's line
from .htmlscan import scan, url_is_script
from .parse import split_lines

ALLOWED_TAGS = ("details", "summary", "kbd", "sub", "sup", "br")
GENERATED_HTML = ('<div class="grid cards" markdown>', "</div>")  # the home pages' topic cards (render.py)
TEXT_FIELDS = ("title", "description")
ROOT = Path(__file__).resolve().parents[2]

TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)(?=[\s/>]|$)([^>]*)(>?)")
HTML_IN_TEXT = re.compile(r"<[A-Za-z/!?]|&#|&[A-Za-z]+;")
CODE_SPAN = re.compile(r"(?<![\\`])(`+)(?!`)(.+?)(?<!`)\1(?!`)")
ATTR_LIST = re.compile(r"\{:?[^{}\n]*\}")
ATTR_TOKEN = re.compile(r"[#.][\w-]+")
HANDLER = re.compile(r"(?:^|[\s/\"'`;,{])(on[a-z]+)\s*=", re.I)
LINK_TARGET = re.compile(r"\]\(\s*<?([^)>]*)|^\s{0,3}\[[^\]]+\]:\s*<?(\S*)|<([A-Za-z][\w+.-]*:[^>\s]*)>")
REF_DEFINITION_ALONE = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*$")
SCRIPT_WORD = re.compile(r"(?:javascript|vbscript):", re.I)
_CONTROL = re.compile(r"[\x00-\x20\x7f-\x9f]+")
# A page is rendered (slow) only when it holds what a finding of htmlscan needs.
RISKY = re.compile(r"\bon[a-z]+\s*=|srcdoc|<\s*/?\s*(?:script|i?frame|frameset|object|embed|applet|base|portal|meta)\b",
                   re.I)
RISKY_URL = re.compile(r"(?:javascript|vbscript|data):", re.I)
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml: the whole glossary in milliseconds
R7 = "(R7; the allowed HTML is listed in CONTRIBUTING.md)"


def decoded(text: str) -> str:
    """Text as a browser reads a URL: entities decoded, control characters and spaces gone."""
    return _CONTROL.sub("", html.unescape(text))


def check_page(doc, problem) -> list:
    """Every R7 problem of one page (a doc.Doc); `problem(line, message, fix)` makes a Problem."""
    out = front_matter(doc, problem)
    flagged = set()
    lines = doc.lines
    for i in range(doc.body, len(lines)):
        if doc.in_code[i]:
            continue
        nxt = lines[i + 1] if i + 1 < len(lines) and REF_DEFINITION_ALONE.match(lines[i]) else ""
        found = line_problems(CODE_SPAN.sub(lambda m: " " * len(m.group()), lines[i]), nxt, doc.is_question)
        out += [problem(i + 1, message, fix) for message, fix in found]
        flagged.update([i] if found else [])
    body = "\n".join(lines[doc.body:])
    for finding in rendered_findings(body) if RISKY.search(body) or RISKY_URL.search(decoded(body)) else []:
        i = locate(lines, doc.body, finding.token)
        if i not in flagged:
            flagged.add(i)
            out.append(problem(i + 1 if i is not None else doc.first_line,
                               f"'{finding.snippet}' reaches the built page (hidden from the line rules)",
                               f"remove it; write plain Markdown, and code inside ``` fences {R7}"))
    return out


def line_problems(line: str, next_line: str, question: bool) -> list[tuple[str, str]]:
    """(message, fix) of one line of text outside code; `next_line` follows a lone '[ref]:' definition."""
    out = []
    for m in TAG.finditer(line):
        closing, name, attrs, ended = m.groups()
        if not question and m.group() in GENERATED_HTML:
            continue
        if name.lower() not in ALLOWED_TAGS or attrs.strip(" /") or not ended:
            out.append((f"raw HTML '{m.group()[:60]}'",
                        f"write Markdown instead; only {', '.join(f'<{t}>' for t in ALLOWED_TAGS)} "
                        f"are allowed, without attributes {R7}"))
            break
    for m in ATTR_LIST.finditer(line):
        inner = m.group().strip("{}").removeprefix(":").split()
        if attribute_list_at(line, m.start(), m.end()) and not all(
                ATTR_TOKEN.fullmatch(t) for t in inner):
            out.append((f"attribute list '{m.group()[:60]}' holds more than ids and classes",
                        f"keep only '#id' and '.class' in it {R7}"))
            break
    if m := HANDLER.search(html.unescape(line)):
        out.append((f"event handler '{m.group(1)}='", f"remove it: pages hold Markdown, not scripts {R7}"))
    targets = [t for m in LINK_TARGET.finditer(line) for t in m.groups() if t] + [next_line.strip()]
    if any(url_is_script(t) for t in targets if t) or SCRIPT_WORD.search(decoded(line)):
        out.append(("javascript:, vbscript: or data: URL",
                    "link only to https:// addresses or to pages of the site (R7, R8)"))
    return out


def attribute_list_at(line: str, start: int, end: int) -> bool:
    """Whether Markdown reads line[start:end] ('{…}') as an attribute list: '{:', alone or after a space at
    the end of a line (headings, blocks), or right after a link, image, emphasis, code or tag."""
    before = line[start - 1] if start else " "
    return line.startswith("{:", start) or (before.isspace() and not line[end:].strip()) or before in ")]*`>"


def front_matter(doc, problem) -> list:
    """YAML tags and anchors; one-line text without HTML in title, description, tags, asked_as, references."""
    out = []
    for line, tag in yaml_tags("\n".join(doc.lines[1: doc.body - 1]) if doc.body else ""):
        out.append(problem(line + 1, f"YAML tag or anchor '{tag}' in front matter",
                           "remove it: front matter holds plain text, numbers and lists (R2)"))
    meta = doc.meta
    texts = [(key, meta[key]) for key in TEXT_FIELDS if key in meta]
    texts += [(key, text) for key in ("tags", "asked_as") if isinstance(meta.get(key), list) for text in meta[key]]
    references = meta.get("references", [])
    if not isinstance(references, list) or not all(isinstance(r, dict) and set(r) == {"title", "url"}
                                                   for r in references):
        out.append(problem(meta_line(doc, "references"), "references is not a list of {title, url}",
                           "write one '- title: …' / '  url: https://…' pair per reference (R2)"))
        references = []
    texts += [("references", r["title"]) for r in references]
    for key, value in texts:
        if key == "title" and not isinstance(value, str):
            out.append(problem(meta_line(doc, key), f"the title is not text ({value!r})",
                               "write the question in words; quote it if it looks like a number (R3)"))
        elif not isinstance(value, str) or "\n" in value.strip() or "\r" in value or "\u2028" in value:
            out.append(problem(meta_line(doc, key), f"{key} '{str(value)[:40]}' is not one line of text",
                               "write it as one line of plain text (R2)"))
        elif HTML_IN_TEXT.search(value) or SCRIPT_WORD.search(decoded(value)):
            out.append(problem(meta_line(doc, key), f"HTML or a script URL in {key}: '{value[:60]}'",
                               f"write plain text without '<', '>' or '&…;' {R7}"))
    for r in references:
        url = r["url"]
        if not (isinstance(url, str) and url.startswith("https://") and not _CONTROL.search(url)
                and "<" not in url and '"' not in url):
            out.append(problem(meta_line(doc, "references"), f"reference url {str(url)[:60]!r} is not an https:// URL",
                               "link to the https:// address of the paper or documentation (R8)"))
    return out


STATIC = (".html", ".htm", ".xhtml", ".svg")  # copied into the site as they are (scripts/hooks/csp.py)


def check_files(docs: Path, problem) -> list:
    """R7 in the files that are not pages: the glossary, and HTML or SVG files under docs/ (which get no
    Content-Security-Policy: they may hold no script at all)."""
    glossary = docs.parent / "data" / "glossary.yml"
    out = check_glossary(glossary, docs, problem) if glossary.exists() else []
    for path in sorted(p for p in docs.rglob("*") if p.suffix.lower() in STATIC and p.is_file()):
        lines = split_lines(path.read_text(encoding="utf-8", errors="replace"))
        for finding in scan("\n".join(lines)):
            i = locate(lines, 0, finding.token)
            out.append(problem(path.relative_to(docs), (i or 0) + 1, f"'{finding.snippet}' in a file copied into "
                               "the site as it is", f"remove it: HTML and SVG files may hold no script {R7}"))
    return out


def check_glossary(path: Path, docs: Path, problem) -> list:
    """Glossary terms are plain text: no HTML, no Markdown link, no script URL, no YAML tag."""
    rel = Path(os.path.relpath(path, docs))
    try:
        tree = yaml.compose(path.read_text(encoding="utf-8"), Loader=_LOADER)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as e:
        return [problem(rel, 1, f"cannot read the glossary: {e}", "fix the file: UTF-8 YAML, a list of terms")]
    out = [problem(rel, line, f"YAML tag or anchor '{tag}' in the glossary", "remove it (R10)")
           for line, tag in yaml_tags(path.read_text(encoding="utf-8"))]
    for node in _scalars(tree):
        value, line = node.value, node.start_mark.line + 1
        if HTML_IN_TEXT.search(value) or SCRIPT_WORD.search(decoded(value)) or re.search(r"\]\(|[`{}]", value):
            out.append(problem(rel, line, f"HTML, Markdown or a script URL in the term '{value[:60]}'",
                               f"write the term as plain text {R7}"))
    return out


def yaml_tags(text: str) -> list[tuple[int, str]]:
    """(1-based line, text) of every explicit YAML tag, anchor or alias: plain data needs none."""
    try:
        events = list(yaml.parse(text, Loader=_LOADER))
    except yaml.YAMLError:
        return []  # the syntax error is named where the YAML is read
    return [(e.start_mark.line + 1, getattr(e, "tag", None) or f"{'*' if isinstance(e, yaml.AliasEvent) else '&'}"
             f"{e.anchor}") for e in events
            if getattr(e, "tag", None) or getattr(e, "anchor", None)]


def _scalars(node):
    if isinstance(node, yaml.ScalarNode):
        yield node
    elif isinstance(node, yaml.SequenceNode):
        for child in node.value:
            yield from _scalars(child)
    elif isinstance(node, yaml.MappingNode):
        for _, child in node.value:
            yield from _scalars(child)


@cache
def _markdown_settings() -> tuple[list, dict]:
    """mkdocs.yml's Markdown extensions (with MkDocs' own builtins), code highlighting off for speed."""
    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("", lambda loader, suffix, node: None)  # !ENV, !!python/name …
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader) or {}
    names, configs = ["toc", "tables", "fenced_code"], {}
    for item in config.get("markdown_extensions") or []:
        name, options = next(iter(item.items())) if isinstance(item, dict) else (item, None)
        names.append(name)
        if options:
            configs[name] = options
    configs["pymdownx.highlight"] = {**configs.get("pymdownx.highlight", {}), "use_pygments": False}
    return list(dict.fromkeys(names)), configs


def rendered_findings(body: str):
    """What could run script once the page body is rendered with the site's Markdown extensions."""
    names, configs = _markdown_settings()
    try:
        rendered = markdown.Markdown(extensions=names, extension_configs=configs).convert(body)
    except Exception:  # an extension option the checker cannot rebuild: fall back to the defaults
        rendered = markdown.Markdown(extensions=names).convert(body)
    return scan(rendered)


def locate(lines: list[str], start: int, token: str) -> int | None:
    """Index of the first line from `start` that holds the finding's token (as a browser would decode it):
    `<name` for an element, `name=` for a handler, the scheme for a URL."""
    wanted = re.compile(re.escape(token) if token.endswith(":") else rf"{token}\s*=" if token.startswith("on")
                        else f"<{re.escape(token)}", re.I)
    return next((i for i in range(start, len(lines)) if wanted.search(lines[i]) or wanted.search(decoded(lines[i]))),
                None)
