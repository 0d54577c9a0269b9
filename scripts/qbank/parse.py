"""Parse one source article into question occurrences and dropped lines.

Only structure is recognised here; the text of every line is kept as written.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from . import markdown
from .model import Article, Dropped, InputError, Occurrence

HEADING_OPEN = re.compile(r"(#{1,6})(\s+)")
BOLD_LINE = re.compile(r"^\*\*(?P<t>[^*].*?)\*\*\s*$")
RULE = re.compile(r"^\s*([-*_])(\s*\1){2,}\s*$")
ARTIFACT = re.compile(r"<\|[\w.-]+\|>")  # model tokens: <|endoftext|>, <|im_end|> …

# Labels in the source -> canonical section key.
LABELS = {
    "question": ["题目", "问题", "question"],
    "answer": ["参考答案", "答案", "答", "answer"],
    "analysis": ["答案解析", "解析", "分析", "explanation", "analysis"],
    "code": ["源代码实例", "源代码", "代码实例", "示例代码", "代码", "示例", "code"],
}
_LABEL_WORDS = {w: key for key, words in LABELS.items() for w in words}
_L = "|".join(sorted(map(re.escape, _LABEL_WORDS), key=len, reverse=True))
LABEL = re.compile(
    rf"^\s*(?:[-*+]\s+)?(?:\*\*\s*(?P<a>{_L})\s*[:：]\s*\*\*|\*\*\s*(?P<b>{_L})\s*\*\*\s*[:：]"
    rf"|(?P<c>{_L})\s*[:：])\s*(?P<rest>.*)$",
    re.IGNORECASE,
)

NUMBER = re.compile(
    r"^(?:第\s*(?P<a>\d+)\s*题|问题\s*(?P<b>\d+)|[Qq](?P<c>\d+)|[(（](?P<d>\d+)[)）]"
    r"|(?P<e>\d+(?:\.\d+)*)(?=[.、:：)）\s]))\s*[.、:：)）]?\s*"
)
CN_NUMBER = "[一二三四五六七八九十百]"
SECTION_PREFIX = re.compile(rf"^(?:{CN_NUMBER}+\s*[、.．]|第\s*(?:{CN_NUMBER}|\d)+\s*(?:部分|章|节|篇))")
FILLER_TITLE = re.compile(r"^(?:总结|小结|结语|结论|参考资料|参考文献|更多内容|附录)\s*[:：]?\s*$")
QUESTION_START = re.compile(r"^(?:什么是|如何|为什么|为何|怎样|请|解释|简述|实现|设计|比较|讨论|描述|介绍)")
CLOSING = re.compile(r"^(?:通过(?:上述|以上|本文)|总之|综上|希望(?:本文|这些|以上))|希望.{0,30}(?:帮助|有所收获)")

BOLD_LEVEL = 7  # a bold question line sits below every markdown heading


def split_lines(text: str) -> list[str]:
    """Lines split at line breaks only: U+2028, form feeds and other separators stay inside a line (code)."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return lines[:-1] if lines[-1] == "" else lines


def atx_heading(line: str, empty: bool = False) -> tuple[int, str] | None:
    """(level, text) of a '#' heading, closing hashes dropped; in linear time (no backtracking regex).

    `empty`: '#  ' is a heading with no text (the checker's view) instead of none (the importer's)."""
    m = HEADING_OPEN.match(line)
    rest = line[m.end():].rstrip() if m else ""
    if m is None or not (rest or empty or len(m.group(2)) > 1):
        return None
    bare = rest.rstrip("#")
    if bare != rest and bare[-1:].isspace():
        rest = bare.rstrip()
    return len(m.group(1)), rest


def normalise(title: str) -> str:
    """Compare titles ignoring width, case, whitespace and punctuation."""
    text = unicodedata.normalize("NFKC", title).casefold()
    return "".join(ch for ch in text if not ch.isspace() and unicodedata.category(ch)[0] not in "PS")


def split_number(text: str) -> tuple[str, str]:
    """'5.1 介绍…' -> ('5.1', '介绍…'); an unnumbered text -> ('', text)."""
    m = NUMBER.match(text)
    if not m or m.end() == len(text):
        return "", text
    return next(g for g in m.group("a", "b", "c", "d", "e") if g), text[m.end() :].strip()


@dataclass
class Heading:
    index: int  # 0-based line index
    level: int
    number: str
    title: str
    kind: str = "question"  # question | group | section

    @property
    def asks(self) -> bool:
        return self.title.rstrip().endswith(("？", "?"))


def label_of(line: str) -> tuple[str, str] | None:
    m = LABEL.match(line)
    if not m:
        return None
    word = (m.group("a") or m.group("b") or m.group("c")).lower()
    return _LABEL_WORDS[word], m.group("rest")


def code_mask(path: str, lines: list[str]) -> list[bool]:
    """True for every line that is part of a fenced code block (fences included)."""
    blocks = markdown.fences(lines)
    if blocks and blocks[-1].close is None:
        raise InputError(path, blocks[-1].open + 1,
                         f"unbalanced code fence: '{blocks[-1].marker}' opened here is never closed")
    return markdown.code_mask(lines, blocks)


def find_headings(lines: list[str], in_code: list[bool]) -> list[Heading]:
    headings = []
    for i, line in enumerate(lines):
        if in_code[i] or label_of(line):
            continue
        if heading := atx_heading(line):
            level, text = heading[0], heading[1].strip()
            text = re.sub(r"^\*\*(.+)\*\*$", r"\1", text).strip()
        elif (m := BOLD_LINE.match(line.strip())) and not m.group("t").rstrip().endswith((":", "：")):
            level, text = BOLD_LEVEL, m.group("t").strip()
            number, title = split_number(text)
            if not number and not title.endswith(("？", "?")):
                continue  # an emphasised line inside an answer, not a heading
        else:
            continue
        number, title = split_number(text)
        title = title.rstrip("。.").strip()  # heading punctuation, not part of the question
        headings.append(Heading(i, level, number, title, classify_heading(number, title)))
    mark_groups(headings, lines, in_code)
    return headings


def classify_heading(number: str, title: str) -> str:
    if SECTION_PREFIX.match(title) or FILLER_TITLE.match(title):
        return "section"
    if number or title.endswith(("？", "?")) or QUESTION_START.match(title):
        return "question"
    return "section"


def mark_groups(headings: list[Heading], lines: list[str], in_code: list[bool]) -> None:
    """A numbered heading directly followed by deeper question headings is a category."""
    for h, nxt in zip(headings, headings[1:]):
        if h.kind != "question" or h.asks or nxt.kind != "question" or nxt.level <= h.level:
            continue
        between = range(h.index + 1, nxt.index)
        if all(not lines[j].strip() or RULE.match(lines[j]) for j in between if not in_code[j]) and not any(
            in_code[j] for j in between
        ):
            h.kind = "group"


def parse_article(name: str, text: str) -> Article:
    lines = split_lines(text)
    in_code = code_mask(name, lines)
    headings = {h.index: h for h in find_headings(lines, in_code)}
    occurrences: list[Occurrence] = []
    by_title: dict[str, Occurrence] = {}
    dropped: list[Dropped] = []
    current: Occurrence | None = None
    current_level, key = 0, "answer"
    context = "article intro"

    def drop(i: int, reason: str) -> None:
        if lines[i].strip():
            dropped.append(Dropped(name, i + 1, lines[i], reason))

    for i, line in enumerate(lines):
        h = headings.get(i)
        if h and current is not None and h.kind == "question" and h.level > current_level and not h.asks:
            h = None  # a deeper numbered heading inside an answer is part of it
        if h is not None:
            if h.kind != "question":
                current = None
                context = "category heading" if h.kind == "group" else "section heading"
                drop(i, context)
                context = "text under a category heading" if h.kind == "group" else f"text of section '{h.title}'"
                continue
            norm = normalise(h.title)
            if norm in by_title:  # asked earlier in this article: this part continues it
                current = by_title[norm]
            else:
                current = Occurrence(name, h.number, h.title, i + 1)
                by_title[norm] = current
                occurrences.append(current)
            current.structure.append(i + 1)
            current_level, key = h.level, "answer"
            continue
        if current is None:
            drop(i, "horizontal rule" if RULE.match(line) and not in_code[i] else context)
            continue
        if in_code[i]:
            current.add(key, line, i + 1)
            continue
        if RULE.match(line):
            drop(i, "horizontal rule")
            continue
        if ARTIFACT.search(line):
            cleaned = ARTIFACT.sub("", line).rstrip()
            if not cleaned.strip():
                drop(i, "model artifact")
                continue
            line = cleaned
        if label := label_of(line):
            key, rest = label
            if rest.strip():
                current.add(key, rest, i + 1)
            else:
                current.structure.append(i + 1)
            continue
        current.add(key, line, i + 1)

    for occ in occurrences:
        dropped.extend(drop_closing_remark(occ, lines))
    if not occurrences:
        hint = "expected headings like '#### 1. 什么是…？' or bold lines '**1. …**'"
        raise InputError(name, 1, f"no question found: {hint}")
    dropped.sort(key=lambda d: d.line)
    return Article(name, occurrences, dropped, len(lines))


def drop_closing_remark(occ: Occurrence, lines: list[str]) -> list[Dropped]:
    """The article's sign-off ('希望这些内容对您有所帮助！') is not part of the last answer."""
    if not occ.sections:
        return []
    body = occ.sections[list(occ.sections)[-1]]
    while body and not body[-1][1].strip():
        body.pop()
    start = len(body)
    while start > 0 and body[start - 1][1].strip() and not body[start - 1][1].lstrip().startswith(("```", "~~~")):
        start -= 1
    if start == len(body) or not CLOSING.search(body[start][1]):
        return []
    remark = body[start:]
    del body[start:]
    return [Dropped(occ.article, n, lines[n - 1], "closing remark") for n, _ in remark]
