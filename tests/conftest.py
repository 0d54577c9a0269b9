"""Shared fixtures: the real articles, a built site served on localhost, and Chromium."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from qbank.harness import ROOT, launch_chromium, mkdocs_build, serve

SOURCES = ROOT / "sources"


class _ConfigLoader(yaml.SafeLoader):
    """mkdocs.yml as data: MkDocs' own tags (!ENV, !!python/name) read as plain values."""


def _tagged(loader, suffix, node):
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return loader.construct_mapping(node) if isinstance(node, yaml.MappingNode) else loader.construct_scalar(node)


_ConfigLoader.add_multi_constructor("", _tagged)


def mkdocs_config() -> dict:
    return yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_ConfigLoader)


def site_pages(site: Path) -> list[Path]:
    """Every page of a built site (its index.html files), without the redirect stubs of merged pages."""
    return [p for p in sorted(site.rglob("index.html")) if 'http-equiv="refresh"' not in p.read_text(encoding="utf-8")]


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The project's site, built once per test session with --strict."""
    site = tmp_path_factory.mktemp("site")
    result = mkdocs_build(site)
    assert result.returncode == 0, result.stderr[-3000:]
    return site


@pytest.fixture(scope="session")
def site_url(built_site):
    with serve(built_site) as server:
        yield server.url


@pytest.fixture(scope="session")
def browser():
    playwright = pytest.importorskip("playwright.sync_api")
    with playwright.sync_playwright() as p:
        try:
            b = launch_chromium(p)
        except FileNotFoundError as missing:
            pytest.fail(str(missing))
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    pg = context.new_page()
    yield pg
    context.close()
