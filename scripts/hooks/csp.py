"""MkDocs hook: every HTML page the build writes runs only the theme's own scripts.

- on_page_content: what contributors control, the page's content as Markdown and the other hooks made it
  (before the theme wraps it), is scanned (qbank.htmlscan) for script elements, event handlers and
  javascript:/vbscript:/data: URLs; any one fails the build, naming the source file and the tag. The theme's
  markup around it is ours (its templates and overrides/), and what it prints of a page's front matter is
  escaped first (hooks/escape.py), so it is not scanned again on every page: that was most of this hook's
  time. The 404 page (on_post_template) is scanned whole: its scripts must be the theme's own, i.e. those
  of the theme's templates and of overrides/ (their inline scripts, with each Jinja expression standing for
  a path or a JSON word), the JSON config block, and files the site serves under assets/. A finding is a
  warning: `mkdocs build` (strict in mkdocs.yml: `make build`, CI, the test fixture) fails; `make serve`
  shows it;
- on_post_page / on_post_template: a Content-Security-Policy <meta> goes first into <head>: scripts only from
  the site itself and the hashes of this page's inline scripts that are the theme's own, so even a script
  the scan missed does not run
  (design/security.md gives the same policy as an HTTP header for hosts that can send one). Not under
  `mkdocs serve`, whose live-reload script is inline.
"""
from __future__ import annotations

import base64
import hashlib
import logging
import re
import sys
from functools import cache
from pathlib import Path

import material
from mkdocs import plugins


from qbank.htmlscan import scan
from qbank.safety import STATIC  # noqa: E402  (files of docs/ copied as they are: redirect stubs, images)

log = logging.getLogger("mkdocs.hooks.csp")  # under "mkdocs": counted by strict mode
ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = [Path(material.__file__).parent / "templates", ROOT / "overrides"]
POLICY = ("default-src 'self'; script-src 'self' {hashes}; style-src 'self' 'unsafe-inline'; "
          "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; "
          "object-src 'none'; base-uri 'self'; form-action 'self'")
OWN_FILE = re.compile(r"^(?:\.\./|\./)*(?:/[\w.-]+)*/?assets/[\w./-]+\.js$")
INLINE = re.compile(r"<script>(.*?)</script>", re.S)
JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)
HOLE = r"[\w./:'\"-]*"  # what a Jinja expression inside a theme script prints: a path or a JSON word, no call
_command = {"name": "build"}


def on_startup(command, dirty):
    _command["name"] = command  # "serve": no policy (MkDocs' live-reload script is inline)


@cache
def theme_scripts() -> re.Pattern:
    """One pattern matching the text of every inline script of the theme's templates and overrides/."""
    shapes = set()
    for folder in TEMPLATES:
        for template in folder.rglob("*.html"):
            for body in INLINE.findall(template.read_text(encoding="utf-8")):
                parts = JINJA.split(body)
                shapes.add(HOLE.join(r"\s*".join(map(re.escape, p.split())) for p in parts))
    return re.compile(r"\s*(?:" + "|".join(sorted(shapes)) + r")\s*", re.S)


def own_script(attrs: dict, source: str) -> bool:
    if attrs == {"id": "__config", "type": "application/json"}:
        return True  # data, never run
    if "src" in attrs:
        return set(attrs) <= {"src", "defer", "async"} and bool(OWN_FILE.match(attrs["src"] or "")) \
            and not source.strip()
    return not attrs and bool(theme_scripts().fullmatch(source))


def csp_meta(output: str) -> str:
    hashes = " ".join(f"'sha256-{base64.b64encode(hashlib.sha256(s.encode('utf-8')).digest()).decode()}'"
                      for s in dict.fromkeys(INLINE.findall(output)) if theme_scripts().fullmatch(s))
    return f'<meta http-equiv="Content-Security-Policy" content="{POLICY.format(hashes=hashes)}">'


def checked(html: str, where: str, allowed=own_script) -> None:
    for finding in scan(html, allowed):  # Python's HTML parser: about 1 ms for a page's content
        log.warning(f"{where}: {finding.kind} that is not the theme's own in the built page: {finding.snippet} — "
                    "remove it from the page or the data it comes from (R7 in CONTRIBUTING.md)")


def secured(output: str) -> str:
    if _command["name"] == "serve":
        return output
    return re.sub(r"<head>", lambda m: f"<head>\n    {csp_meta(output)}", output, count=1)


@plugins.event_priority(-200)  # last: after every hook that edits the page's content
def on_page_content(html, page, config, files):
    checked(html, f"docs/{page.file.src_uri}", allowed=lambda attrs, source: False)  # no script in content
    return html


@plugins.event_priority(-200)  # last: after every hook that edits the page's HTML
def on_post_page(output, page, config):
    return secured(output)


@plugins.event_priority(-200)
def on_post_template(output, template_name, config):
    if not template_name.endswith(".html"):
        return output
    checked(output, template_name)
    return secured(output)


_static: dict[str, str] = {}  # built path -> source path


def on_files(files, config):
    docs = Path(config.docs_dir).resolve()
    _static.clear()
    _static.update({f.abs_dest_path: f"docs/{f.src_uri}" for f in files if f.src_uri.lower().endswith(STATIC)
                    and not f.is_documentation_page() and Path(f.abs_src_path).resolve().is_relative_to(docs)})
    return files


@plugins.event_priority(-200)
def on_post_build(config):
    """Files copied from docs/ as they are get no policy: none may hold script at all."""
    for built, source in _static.items():
        if Path(built).exists():
            for finding in scan(Path(built).read_text(encoding="utf-8", errors="replace")):
                log.warning(f"{source}: {finding.kind} in a file copied into the site: {finding.snippet} — "
                            "remove it (R7 in CONTRIBUTING.md)")


def site_header(site: Path) -> str:
    """The policy of every page of a built site as one HTTP header (union of the pages' script hashes)."""
    found = (re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', p.read_text(encoding="utf-8"))
             for p in sorted(site.rglob("*.html")))
    hashes = sorted({h for m in found if m for h in re.findall(r"'sha256-[^']+'", m.group(1))})
    return f"Content-Security-Policy: {POLICY.format(hashes=' '.join(hashes))}; frame-ancestors 'none'"


if __name__ == "__main__":  # python scripts/hooks/csp.py site/   (design/security.md)
    print(site_header(Path(sys.argv[1] if len(sys.argv) > 1 else "site")))
