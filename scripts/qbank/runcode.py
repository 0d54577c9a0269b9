"""Run the Python blocks of question pages: in page order, one namespace per page, on CPU, offline.

A block whose first line is `# norun: <reason>` is not run (the reason is shown to the reader as the
comment itself); it is still parsed and statically checked. Each page runs in a forked child of a
parent that imported torch and transformers once, so a page costs milliseconds of start-up, not seconds.
The child refuses every network connection: a page that tries to download weights fails here.
"""
from __future__ import annotations

import ast
import contextlib
import io
import multiprocessing as mp
import os
import re
import socket
import traceback
from dataclasses import dataclass
from pathlib import Path

NORUN = re.compile(r"^\s*#\s*norun:\s*(?P<reason>\S.*)$")
PRELOAD = ("numpy", "torch", "torch.nn", "torch.nn.functional", "transformers")


@dataclass
class Block:
    path: Path  # as shown in messages
    line: int  # 1-based line of the opening fence
    code: str
    norun: str | None  # the reason, for a block that is not run


@dataclass
class Failure:
    path: Path
    line: int
    message: str

    def format(self) -> str:
        return f"{self.path.as_posix()}:{self.line}: {self.message}"


def python_blocks(path: Path, shown: Path | None = None) -> list[Block]:
    """The ```python blocks of one page, with the line of each opening fence."""
    from .doc import read_doc  # the one fence scanner
    from .markdown import language

    doc = read_doc(path.parent, path)
    out = []
    for start, end, info in doc.blocks:
        if language(info) != "python":
            continue
        lines = doc.lines[start + 1 : end]
        indent = min((len(x) - len(x.lstrip()) for x in lines if x.strip()), default=0)
        code = "\n".join(x[indent:] for x in lines)
        first = next((x for x in code.splitlines() if x.strip()), "")
        m = NORUN.match(first)
        out.append(Block(shown or path, start + 1, code, m.group("reason") if m else None))
    return out


def _offline(*_args, **_kwargs):
    raise OSError("network access is disabled while page code runs (build tiny models from configs)")


def _run_in_child(blocks: list[Block], conn) -> None:
    socket.socket.connect = _offline  # type: ignore[method-assign]
    socket.create_connection = _offline  # type: ignore[assignment]
    try:
        import torch

        torch.manual_seed(0)
        torch.set_num_threads(1)
    except ImportError:
        pass
    namespace: dict = {"__name__": "__main__"}
    for block in blocks:
        if block.norun:
            continue
        try:
            code = compile(block.code, f"{block.path.as_posix()}:{block.line}", "exec")
            with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
                exec(code, namespace)  # noqa: S102 - the point of this module
        except BaseException as e:  # noqa: BLE001 - any failure of page code is reported, not raised
            tb = traceback.extract_tb(e.__traceback__)
            here = [f for f in tb if f.filename.startswith(block.path.as_posix())]
            line = block.line + (here[-1].lineno if here else 1)
            conn.send((line, f"{type(e).__name__}: {e}".splitlines()[0][:300]))
            return
    conn.send(None)


def preload() -> None:
    """Import the heavy libraries once in the parent, offline; forked children inherit them."""
    os.environ.update(HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1", HF_DATASETS_OFFLINE="1",
                      TOKENIZERS_PARALLELISM="false")
    for name in PRELOAD:
        with contextlib.suppress(ImportError):
            __import__(name)
    with contextlib.suppress(ImportError):
        import transformers

        transformers.logging.set_verbosity_error()  # library notices are not page failures


def run_pages(pages: list[list[Block]], timeout: float = 120, jobs: int = 2) -> list[Failure]:
    """Run each page's blocks in a forked child, `jobs` at a time; the failures, in page order."""
    ctx = mp.get_context("fork")
    pending = [p for p in pages if any(not b.norun for b in p)]
    running: list[tuple[list[Block], mp.Process, object]] = []
    failures: dict[int, Failure] = {}
    order = {id(p): n for n, p in enumerate(pending)}

    def start(blocks):
        parent, child = ctx.Pipe(duplex=False)
        proc = ctx.Process(target=_run_in_child, args=(blocks, child), daemon=True)
        proc.start()
        child.close()
        running.append((blocks, proc, parent))

    def finish(blocks, proc, conn):
        first = blocks[0]
        try:
            result = conn.recv() if conn.poll(timeout) else (first.line, f"did not finish within {timeout:.0f} s")
        except EOFError:
            result = (first.line, f"the process running this page died (exit code {proc.exitcode})")
        if proc.is_alive():
            proc.kill()
        proc.join()
        if result is not None:
            failures[order[id(blocks)]] = Failure(first.path, *result)

    queue = list(pending)
    while queue or running:
        while queue and len(running) < jobs:
            start(queue.pop(0))
        finish(*running.pop(0))
    return [failures[k] for k in sorted(failures)]


def static_problems(blocks: list[Block]) -> list[Failure]:
    """Problems found without running a page's code: syntax, undefined names (pyflakes, over the
    page's blocks as one program), and imports or module attributes that do not exist in the
    installed libraries (e.g. `from transformers import GPT3Model`, `torch.nn.BatchNorm`)."""
    from pyflakes import checker, messages

    out: list[Failure] = []
    if not blocks:
        return out
    offsets, source = [], []
    for block in blocks:
        offsets.append((len("\n".join(source).splitlines()) + 1 if source else 1, block))
        source.append(block.code)
    program = "\n".join(source)

    def where(line: int) -> tuple[Path, int]:
        start, block = max((o for o in offsets if o[0] <= line), key=lambda o: o[0])
        return block.path, block.line + line - start + 1

    try:
        tree = ast.parse(program)
    except SyntaxError as e:
        return [Failure(*where(e.lineno or 1), f"SyntaxError: {e.msg}")]
    undefined = (messages.UndefinedName, messages.UndefinedExport, messages.UndefinedLocal)
    for m in checker.Checker(tree, filename="page").messages:
        if isinstance(m, undefined):
            out.append(Failure(*where(m.lineno), m.message % m.message_args))
    modules: dict[str, object] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                try:
                    top = __import__(alias.name)
                    obj = __import__(alias.name, fromlist=["_"]) if alias.asname else top
                except ImportError as e:
                    out.append(Failure(*where(node.lineno), f"ImportError: {e}"))
                    continue
                modules[alias.asname or alias.name.split(".")[0]] = obj
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            try:
                mod = __import__(node.module, fromlist=["_"])
            except ImportError as e:
                out.append(Failure(*where(node.lineno), f"ImportError: {e}"))
                continue
            for alias in node.names:
                if alias.name != "*" and not hasattr(mod, alias.name):
                    try:
                        __import__(f"{node.module}.{alias.name}")
                    except ImportError:
                        out.append(Failure(*where(node.lineno),
                                           f"ImportError: cannot import name '{alias.name}' from '{node.module}'"))
                        continue
                if alias.name != "*":
                    value = getattr(mod, alias.name, None)
                    if isinstance(value, type(os)):
                        modules[alias.asname or alias.name] = value
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Load):
            chain, inner = [], node
            while isinstance(inner, ast.Attribute):
                chain.append(inner.attr)
                inner = inner.value
            if not (isinstance(inner, ast.Name) and inner.id in modules) or _rebound(tree, inner.id):
                continue
            obj, path = modules[inner.id], inner.id
            for attr in reversed(chain):
                if not isinstance(obj, type(os)):
                    break  # only module attributes are checked: a class's attributes may be dynamic
                if not hasattr(obj, attr):
                    try:
                        __import__(f"{obj.__name__}.{attr}")
                    except ImportError:
                        message = f"AttributeError: module '{path}' has no attribute '{attr}'"
                        out.append(Failure(*where(node.lineno), message))
                        break
                obj, path = getattr(obj, attr), f"{path}.{attr}"
    return sorted({(f.path, f.line, f.message): f for f in out}.values(), key=lambda f: (str(f.path), f.line))


def _rebound(tree, name: str) -> bool:
    """True when a page assigns to a name it also imported (then its attributes are not a module's)."""
    return any(isinstance(n, ast.Name) and n.id == name and isinstance(n.ctx, ast.Store) for n in ast.walk(tree))
