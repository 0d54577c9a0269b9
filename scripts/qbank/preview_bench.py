"""`make serve` as an author uses it: edit one page again and again, and see each edit in the preview.

`Preview` runs `mkdocs serve` (by default as `make serve` does: --dirty --no-strict) on a copy of the
project and a free port; `edit` puts a sentence at the head of a page's answer; `report` prints the
serve figures of `make bench` (scripts/benchmark.py): the start, and for ten successive edits of one
page the time until the served page shows each of them, their maximum and the ratio of the tenth to
the first (target: every edit within 2 s, no growth), with the server's CPU time for each.
tests/test_preview.py uses the same pieces to check the preview's search index after several edits,
without timing anything.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from .harness import ROOT, free_port

SERVE_ARGS = ["--dirty", "--no-strict"]  # as `make serve` runs it
EDITED_PAGE = ("docs/fundamentals/attention-mechanism-explained.md", "/fundamentals/attention-mechanism-explained/")
EDITS = 10
TARGET_S = 2.0
GROWTH = 1.5  # the tenth edit may take this many times the first (noise), no more
_IGNORE = shutil.ignore_patterns(".git", ".venv", "node_modules", "site", ".cache", "__pycache__",
                                 ".pytest_cache", ".hypothesis")
_ANSWER = re.compile(r"^##[^\n]*\{#answer\}[^\n]*\n", re.M)


def copy_project(dest: Path) -> Path:
    """The project's sources (no git history, virtualenv or built site) copied to `dest`."""
    shutil.copytree(ROOT, dest, ignore=_IGNORE)
    return dest


def edit(source: Path, sentence: str) -> None:
    """Put `sentence` as the first paragraph of the page's answer (the original text stays below)."""
    text = source.read_text(encoding="utf-8")
    match = _ANSWER.search(text)
    if match is None:
        raise ValueError(f"{source}: no '## … {{#answer}}' heading")
    source.write_text(f"{text[:match.end()]}\n{sentence}\n{text[match.end():]}", encoding="utf-8")


class Preview:
    """`mkdocs serve <args>` of a project folder on a free port, stopped on leaving the `with` block."""

    def __init__(self, project: Path, args: list[str] = SERVE_ARGS, log: Path | None = None):
        self.project, self.args, self.log = project, list(args), log
        self.base = f"http://127.0.0.1:{free_port()}"
        self.started = 0.0  # seconds until the first page was served

    def __enter__(self) -> "Preview":
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1",
               "PYTHONPATH": os.pathsep.join([str(self.project / "scripts"), os.environ.get("PYTHONPATH", "")])}
        output = open(self.log, "w", encoding="utf-8") if self.log else subprocess.DEVNULL
        start = time.perf_counter()
        self.process = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", self.base[len("http://"):],
                                         *self.args], cwd=self.project, env=env, stdout=output, stderr=output)
        if self.log:
            output.close()
        try:
            self.wait_for("/", "</html>", timeout=300)
        except BaseException:
            self.__exit__()
            raise
        self.started = time.perf_counter() - start
        return self

    def __exit__(self, *exc) -> None:
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def cpu_seconds(self) -> float:
        """CPU time the server has used so far (Linux; 0 elsewhere): a rebuild's cost, whatever else runs."""
        try:
            fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            return 0.0
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def get(self, path: str) -> str:
        with urllib.request.urlopen(self.base + path, timeout=30) as response:
            return response.read().decode("utf-8", "replace")

    def wait_for(self, path: str, text: str, timeout: float) -> None:
        """Poll `path` until its content holds `text` (the server answers once a rebuild is complete)."""
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"mkdocs serve stopped (exit {self.process.returncode})")
            try:
                if text in self.get(path):
                    return
            except OSError:
                pass
            time.sleep(0.05)
        raise TimeoutError(f"{self.base}{path} did not show {text!r} within {timeout} s")


def edit_times(preview: Preview, source: Path, path: str, edits: int = EDITS,
               pause: float = 1.0) -> list[tuple[float, float]]:
    """(seconds, server CPU seconds) from each of `edits` successive edits of `source` until `path` shows
    it; the page is restored from its original text before each edit, so every edit is the same size."""
    original = source.read_text(encoding="utf-8")
    times = []
    for n in range(edits):
        marker = f"preview-edit-{n}-{time.time_ns()}"
        time.sleep(pause)  # an author's pace; also lets MkDocs' file watcher settle
        source.write_text(original, encoding="utf-8")
        start, cpu = time.perf_counter(), preview.cpu_seconds()
        edit(source, marker)
        preview.wait_for(path, marker, timeout=300)
        times.append((time.perf_counter() - start, preview.cpu_seconds() - cpu))
    return times


def report(serve_args: list[str] = SERVE_ARGS, edits: int = EDITS, full_reload: bool = False) -> int:
    """Print the serve figures; the number of targets missed (0 or 1)."""
    with tempfile.TemporaryDirectory(prefix="q-serve-") as tmp:
        project = copy_project(Path(tmp) / "project")
        shown = " ".join(["mkdocs serve", *serve_args])
        with Preview(project, serve_args) as preview:
            print(f"serve start         {preview.started:7.2f} s   ({shown})")
            measured = edit_times(preview, project / EDITED_PAGE[0], EDITED_PAGE[1], edits)
        times, cpu = [t for t, _ in measured], [c for _, c in measured]
        worst, growth = max(times), times[-1] / times[0]
        ok = worst <= TARGET_S and growth <= GROWTH
        print(f"serve reload        {worst:7.2f} s   slowest of {edits} successive edits of one page until it is "
              f"served ({shown}); tenth / first {growth:.2f}; target every edit <= {TARGET_S:g} s and no growth "
              f"(tenth / first <= {GROWTH:g})   {'ok' if ok else 'MISSED'}")
        print("    seconds    " + "  ".join(f"{t:5.2f}" for t in times))
        print("    server CPU " + "  ".join(f"{c:5.2f}" for c in cpu) + "   (the rebuild's own cost, however busy the "
              "machine; the file watcher polls every 0.5 s)")
        if full_reload:
            source = project / EDITED_PAGE[0]
            with Preview(project, []) as preview:
                full = edit_times(preview, source, EDITED_PAGE[1], 1)[0][0]
            print(f"serve reload        {full:7.2f} s   (mkdocs serve: full rebuild, for comparison)")
    return int(not ok)


if __name__ == "__main__":  # python -m qbank.preview_bench
    sys.exit(report())
