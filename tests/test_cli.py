"""One command line for every docs chore: `qbank <command>`, installed into the venv by `make setup`."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
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


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_command_answers_help_with_its_usage(command, capsys):
    """`qbank <command> --help` lists the command's options (the usage says so), never a traceback."""
    with pytest.raises(SystemExit) as exit:
        main([command, "--help"])
    assert exit.value.code == 0
    assert "usage:" in capsys.readouterr().out


def test_code_names_a_page_that_does_not_exist(capsys):
    assert main(["code", "docs/no-such-topic/no-such-page.md"]) == 1
    assert "docs/no-such-topic/no-such-page.md: no such page" in capsys.readouterr().err
