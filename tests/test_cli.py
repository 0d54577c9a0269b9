"""One command line for every docs chore: `qbank <command>`, installed into the venv by `make setup`."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import ROOT
from qbank.cli import COMMANDS, main


def test_help_lists_every_command(capsys):
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    assert all(f"  {name} " in out for name in COMMANDS)


def test_an_unknown_command_is_refused_with_the_list(capsys):
    assert main(["frobnicate"]) == 2
    err = capsys.readouterr().err
    assert "unknown command 'frobnicate'" in err and "generate" in err


def test_each_command_is_its_script(capsys):
    assert main(["generate", "--check"]) == 0
    assert main(["check", str(ROOT / "docs" / "index.md")]) == 0


def test_the_installed_command_runs_from_any_folder(tmp_path):
    qbank = Path(sys.executable).with_name("qbank")
    assert qbank.exists(), "run 'make setup': it installs the qbank command into .venv"
    result = subprocess.run([str(qbank), "parity"], cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-2000:]
