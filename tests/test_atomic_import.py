"""The importer never leaves a page half written: kill it at random moments, rerun, every page whole; a page
an earlier crash left empty or cut short is recognised, restored and reported."""
from __future__ import annotations

import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import split_articles
from qbank import write

SCRIPT = Path(split_articles.__file__)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def command(folder: Path) -> list[str]:
    return [sys.executable, str(SCRIPT), "--docs", str(folder / "docs"), "--manifest", str(folder / "imported.json")]


@pytest.fixture(scope="module")
def reference(tmp_path_factory) -> dict[str, bytes]:
    """Every file of a clean import of sources/, by path."""
    folder = tmp_path_factory.mktemp("reference")
    subprocess.run(command(folder), check=True, capture_output=True)
    return snapshot(folder)


def test_killed_at_random_moments_every_page_stays_whole(tmp_path, reference):
    rng = random.Random(20261201)
    deadline, kills = time.monotonic() + 12, 0
    while kills < 8 and time.monotonic() < deadline:  # bounded: at most 8 kills or 12 seconds
        process = subprocess.Popen(command(tmp_path), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.3, 1.2))  # from the imports to the last writes of a run (about 1.3 s)
        process.send_signal(signal.SIGKILL)
        process.wait()
        kills += process.returncode == -signal.SIGKILL
        for name, data in snapshot(tmp_path).items():
            if name.endswith(".tmp"):
                continue  # a killed write's temporary file: never read, removed by the next run
            assert data == reference.get(name, data) and name in reference, f"{name} is not whole after a kill"
    assert kills >= 3, "the importer finished before it could be killed: the test proves nothing"
    result = subprocess.run(command(tmp_path), capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert snapshot(tmp_path) == reference


@pytest.mark.parametrize("damage", ["empty", "cut inside a character", "cut at a line"])
def test_a_page_left_empty_or_cut_short_is_restored_and_reported(tmp_path, reference, capsys, damage):
    for name, data in reference.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(data)
    page = tmp_path / "docs" / "fundamentals" / "attention-mechanism-explained.md"
    whole = page.read_bytes()
    cut = {"empty": b"", "cut inside a character": whole[: whole.index("注意力".encode()) + 1],
           "cut at a line": whole[: whole.index(b"\n## ") + 1]}[damage]
    page.write_bytes(cut)
    assert split_articles.main(command(tmp_path)[2:]) == 0
    report = capsys.readouterr().out
    restored = "Pages restored (empty or cut short by an interrupted run): 1\n  - fundamentals/attention-mechanism"
    assert restored in report
    assert "skipped (deleted after import): 0" in report and "kept (edited after import): 0" in report
    assert snapshot(tmp_path) == reference


def test_files_are_renamed_into_place_and_the_manifest_is_written_last(tmp_path, monkeypatch):
    order = []
    real = write.write_atomic
    monkeypatch.setattr(write, "write_atomic", lambda path, text: (order.append(path.name), real(path, text)))
    assert split_articles.main(command(tmp_path)[2:]) == 0
    assert order[-1] == "imported.json" and len(order) > 180
    assert not list(tmp_path.rglob("*.tmp"))
