"""Page code: every Python block of a reviewed page is real (static check) and runs (CPU, offline)."""
from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT
from qbank.runcode import preload, python_blocks, run_pages, static_problems
from qbank.standard import reviewed_pages


@pytest.fixture(scope="module", autouse=True)
def _libraries():
    preload()


def page(tmp_path: Path, *blocks: str) -> list:
    text = "# t\n\n## 代码 {#code}\n\n" + "".join(f"```python\n{b}\n```\n\n" for b in blocks)
    path = tmp_path / "p.md"
    path.write_text(text, encoding="utf-8")
    return python_blocks(path)


def test_every_reviewed_page_has_real_code_that_runs():
    pages = [python_blocks(p, p.relative_to(ROOT)) for p in reviewed_pages(ROOT / "docs")]
    static = [f.format() for blocks in pages for f in static_problems(blocks)]
    assert static == []
    assert [f.format() for f in run_pages(pages)] == []


def test_invented_apis_and_undefined_names_are_named_with_their_line(tmp_path):
    blocks = page(tmp_path, "import torch\nfrom transformers import GPT3Model", "x = torch.nn.BatchNorm(3)\nprint(y)")
    found = {(f.line, f.message.split(":")[0]) for f in static_problems(blocks)}
    assert (7, "ImportError") in found  # the line of `from transformers import GPT3Model`
    assert (11, "AttributeError") in found and (12, "undefined name 'y'") in found


def test_blocks_share_one_namespace_in_order_and_a_failure_names_its_line(tmp_path):
    ok = page(tmp_path, "a = 2", "assert a * 3 == 6")
    assert static_problems(ok) == [] and run_pages([ok]) == []
    bad = page(tmp_path, "a = 2", "b = a\nassert b == 3, 'b is not 3'")
    [failure] = run_pages([bad])
    assert failure.line == 11 and "AssertionError: b is not 3" in failure.message


def test_page_code_is_offline(tmp_path):
    blocks = page(tmp_path, "import socket\nsocket.create_connection(('127.0.0.1', 9))")
    [failure] = run_pages([blocks])
    assert "network access is disabled" in failure.message


def test_a_norun_block_is_not_run_but_still_checked(tmp_path):
    blocks = page(tmp_path, "# norun: 需要 GPU\nraise SystemExit(3)",
                  "# norun: needs an API key\nimport openai_nonexistent")
    assert [b.norun for b in blocks] == ["需要 GPU", "needs an API key"]
    assert run_pages([blocks]) == []
    assert [f.message for f in static_problems(blocks)] == ["ImportError: No module named 'openai_nonexistent'"]


def test_a_page_that_hangs_is_stopped(tmp_path):
    blocks = page(tmp_path, "while True:\n    pass")
    [failure] = run_pages([blocks], timeout=2)
    assert "did not finish within 2 s" in failure.message
