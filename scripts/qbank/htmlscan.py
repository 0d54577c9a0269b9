"""Find what can run script in a piece of HTML: script elements, event handlers, script URLs.

Used twice: by the content checker on each page rendered as the site renders it (so a trick that hides
HTML from the line rules is still caught), and by the build (scripts/hooks/csp.py) on each page's content
and on the 404 page.
`allowed_script` says which <script> elements are the theme's own; everything else is a finding.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser

# Elements that run or embed active content whatever their attributes.
ACTIVE = {"script", "iframe", "frame", "frameset", "object", "embed", "applet", "base", "portal"}
BAD_SCHEME = re.compile(r"^(?:javascript|vbscript|data):", re.I)
SCRIPT_SCHEME = re.compile(r"(?:javascript|vbscript):", re.I)
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "poster", "background", "ping", "cite",
                  "srcset", "lowsrc", "dynsrc", "codebase", "manifest", "icon"}
BROWSER_COMMENT_END = re.compile(r"<!--->|<!-->")  # a browser ends these comments at once; Python's parser does not
_CONTROL = re.compile(r"[\x00-\x20\x7f-\x9f]+")


def url_is_script(value: str) -> bool:
    """A URL that runs script or smuggles a document: javascript:, vbscript:, data: — in any spelling.

    Entities are decoded and control characters and spaces dropped first, as a browser does."""
    return bool(BAD_SCHEME.match(_CONTROL.sub("", html.unescape(value))))


def value_runs_script(value: str) -> bool:
    """Any attribute value that names a script URL anywhere (meta refresh, SVG animate values …)."""
    return bool(SCRIPT_SCHEME.search(_CONTROL.sub("", html.unescape(value))))


@dataclass(frozen=True)
class Finding:
    kind: str  # "script" | "element" | "handler" | "url"
    token: str  # what to look for in the source: element name, attribute name or URL scheme
    snippet: str  # the tag as written in the HTML, shortened

    def __str__(self) -> str:
        return self.snippet


class _Scanner(HTMLParser):
    def __init__(self, allowed_script):
        super().__init__(convert_charrefs=True)
        self.allowed_script = allowed_script
        self.findings: list[Finding] = []
        self._script: tuple[dict, str] | None = None  # attributes and source of the open <script>
        self._text: list[str] = []

    def _tag(self) -> str:
        return " ".join((self.get_starttag_text() or "").split())[:160]  # one line, for file:line messages

    def handle_starttag(self, tag, attrs):
        self._attributes(tag, attrs)
        if tag == "script":
            self._script, self._text = (dict(attrs), self._tag()), []
        elif tag in ACTIVE:
            self.findings.append(Finding("element", tag, self._tag()))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag == "script":
            self.handle_endtag(tag)

    def handle_data(self, data):
        if self._script is not None:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            attrs, snippet = self._script
            if not self.allowed_script(attrs, "".join(self._text)):
                self.findings.append(Finding("script", "script", snippet))
            self._script = None

    def _attributes(self, tag, attrs):
        for name, value in attrs:
            name, value = name.lower(), value or ""
            if name.startswith("on"):
                self.findings.append(Finding("handler", name, self._tag()))
            elif (name in URL_ATTRIBUTES or name.endswith("href")) and url_is_script(value):
                self.findings.append(Finding("url", _scheme(value), self._tag()))
            elif value_runs_script(value) or (name == "srcdoc" and value):
                self.findings.append(Finding("url", _scheme(value) or name, self._tag()))


def _scheme(value: str) -> str:
    plain = _CONTROL.sub("", html.unescape(value)).lower()
    return next((s for s in ("javascript:", "vbscript:", "data:") if s in plain), "")


def _spelled(word: str) -> str:  # the word with control characters and spaces allowed between its letters
    return r"[\x00-\x20\x7f-\x9f]*".join(re.escape(c) for c in word)


# What the text of any finding must hold (lower-cased), whatever its spelling: an active element's tag, an
# attribute named on… with a value, srcdoc, a script scheme, a data scheme opening a value (also with spaces or
# control characters inside), or a character reference that could spell part of such a scheme: a letter of
# one, a colon, a control character, or an ampersand before more of a reference (values are decoded twice
# below: by the parser and by url_is_script). Most pages hold none of these, and a few searches are far
# cheaper than parsing every tag, which took most of the build's extra time (issue 16).
_ACTIVE_TAG = re.compile("<(?:" + "|".join(sorted(ACTIVE)) + ")")
_HANDLER = re.compile(r"on[^\s/>=]*\s*=")  # an attribute name follows a space, a quote or a slash
_SCHEME = re.compile("|".join([_spelled("javascript:"), _spelled("vbscript:"),
                               r"=\s*[\"']?[\x00-\x20\x7f-\x9f]*" + _spelled("data:")]))  # data: opening a value
_REFERENCE = re.compile(r"(&#?\w+;?)([#\w]?)")
_SCHEME_CHARS = frozenset("abcdijprstv:") | {chr(c) for c in (*range(0x21), *range(0x7f, 0xa0))}


def suspect(text: str) -> bool:
    """False when nothing in `text` can be a finding of scan()."""
    low = text.lower()
    if _ACTIVE_TAG.search(low) or "srcdoc" in low or _SCHEME.search(low):
        return True
    if any(m.start() and low[m.start() - 1] in " \t\n\r\f'\"/" for m in _HANDLER.finditer(low)):
        return True
    for reference, after in set(_REFERENCE.findall(low)):
        plain = html.unescape(reference).lower()
        if not _SCHEME_CHARS.isdisjoint(plain) or ("&" in plain and after):
            return True
    return False


def scan(text: str, allowed_script=lambda attrs, source: False) -> list[Finding]:
    """Every finding in an HTML text; `allowed_script(attrs, source)` accepts the theme's own scripts."""
    if not suspect(text):
        return []  # nothing in it could be a finding
    scanner = _Scanner(allowed_script)
    scanner.feed(BROWSER_COMMENT_END.sub("<!---->", text).replace("--!>", "-->"))
    scanner.close()
    if scanner._script is not None:  # a <script> never closed still runs
        scanner.findings.append(Finding("script", "script", scanner._script[1]))
    return scanner.findings
