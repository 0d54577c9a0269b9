"""The one Markdown scanner: fenced code blocks as pymdownx.superfences reads them.

A fence is three or more backticks or tildes, at any indentation (superfences nests code in lists and
admonitions); it closes at a line of the same character, at least as long, and nothing else. Anything
between is code, shorter fences and other fence characters included (a ````markdown block may show a
```python block). Every module that must tell prose from code asks this one.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
SYNTAX = frozenset("\\`*_{}[]()<>&#|!~$")  # characters Markdown, HTML, tables or math could read as syntax


def literal(text: object) -> str:
    """Untrusted text (a tag, a glossary term) for generated Markdown, shown as written: every character that
    could be syntax, and every one that is not printable, becomes a character reference."""
    return "".join(f"&#{ord(c)};" if c in SYNTAX or not c.isprintable() else c for c in str(text))


@dataclass(frozen=True)
class Fence:
    open: int  # index of the opening fence line
    close: int | None  # index of the closing fence line; None when the block is never closed
    marker: str  # the opening run of backticks or tildes
    info: str  # what follows the opening marker: the language and options


def language(info: str) -> str:
    """`python` for ```python, ``` {.python .x}, ```py title="a.py" ...; "" when none is given."""
    word = re.sub(r"^[{.\s]+", "", info).split(" ")[0].rstrip("}").lower()
    return {"py": "python", "python3": "python"}.get(word, word)


def closes(line: str, marker: str) -> bool:
    m = FENCE.match(line)
    return bool(m) and m.group(1)[0] == marker[0] and len(m.group(1)) >= len(marker) and not line.strip().strip(
        marker[0])


def fences(lines: list[str], start: int = 0) -> list[Fence]:
    """Every fenced block from line index `start` on, in order; an unclosed last block has close=None."""
    found, opened = [], None
    for i in range(start, len(lines)):
        line = lines[i]
        if opened is None:
            if m := FENCE.match(line):
                opened = (i, m.group(1), line.strip()[len(m.group(1)):].strip())
        elif closes(line, opened[1]):
            found.append(Fence(opened[0], i, opened[1], opened[2]))
            opened = None
    if opened is not None:
        found.append(Fence(opened[0], None, opened[1], opened[2]))
    return found


def code_mask(lines: list[str], blocks: list[Fence]) -> list[bool]:
    """True for every line inside a fenced block, fences included."""
    mask = [False] * len(lines)
    for block in blocks:
        for i in range(block.open, len(lines) if block.close is None else block.close + 1):
            mask[i] = True
    return mask


def code_text(lines: list[str], block: Fence) -> list[str]:
    """The lines between the fences of one block."""
    return lines[block.open + 1 : len(lines) if block.close is None else block.close]
