"""The code model: one module for the language rules, no import cycle between the checker's modules."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT
from qbank.languages import lang, stem, twin_path


@pytest.mark.parametrize("path,language,base,english,chinese", [
    ("coding/x.md", "zh", "x", "coding/x.en.md", "coding/x.md"),
    ("coding/x.en.md", "en", "x", "coding/x.en.md", "coding/x.md"),
    ("x/index.html", "zh", "index", "x/index.en.html", "x/index.html"),
    ("x/index.en.html", "en", "index", "x/index.en.html", "x/index.html"),
    ("coding/gpt.en-vs-zh.md", "zh", "gpt.en-vs-zh", "coding/gpt.en-vs-zh.en.md", "coding/gpt.en-vs-zh.md"),
])
def test_a_path_says_its_language_and_its_twin(path, language, base, english, chinese):
    assert (lang(path), stem(path)) == (language, base)
    assert twin_path(Path(path), "en") == Path(english) and twin_path(Path(path), "zh") == Path(chinese)


@pytest.mark.parametrize("module", ["qbank.standard", "qbank.safety", "qbank.doc", "qbank.check", "qbank.runcode"])
def test_each_checker_module_imports_on_its_own(module):
    """Imported first in a fresh interpreter: an import cycle would fail one of these orders."""
    result = subprocess.run([sys.executable, "-c", f"import {module}"], cwd=ROOT, capture_output=True, text=True,
                            env={"PYTHONPATH": str(ROOT / "scripts"), "PATH": ""})
    assert result.returncode == 0, result.stderr

