"""How the domain's Chinese words sound, for the query side (design/search.md, "IME homophones").

A Chinese query is typed with a pinyin IME, which offers every word with the sound typed: 幻绝 for 幻觉,
蒸流 for 蒸馏, 剪纸 for 剪枝. The Chinese index carries what query.js needs to hear such a word as the term
it sounds like: the domain's terms by their toneless reading (what a word is heard as) and the usual
reading of the characters a reader types (the most used ones, by the word frequencies of jieba's dictionary).
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping

from pypinyin import lazy_pinyin

COMMON_CHARS = 3500  # as many as the first level of the common-character list; 99 % of jieba's words' use
_HAN = re.compile(r"[\u4e00-\u9fff]")
_TERM = re.compile(r"^[\u4e00-\u9fff]{2,12}$")


def common_chars(frequencies: Mapping[str, int], n: int = COMMON_CHARS) -> list[str]:
    """The n characters used most in the words of a frequency dictionary ({word: frequency}), most used first."""
    use: Counter[str] = Counter()
    for word, frequency in frequencies.items():
        if frequency > 0:
            for char in _HAN.findall(word):
                use[char] += frequency
    return [char for char, _ in use.most_common(n)]


def readings(chars: Iterable[str]) -> dict[str, str]:
    """{toneless syllable: the characters whose usual reading it is}: a character picked by mistake in an IME
    has the sound typed, nearly always its usual one (超's rare reading tiao would hear 调参 as 超参)."""
    out: dict[str, list[str]] = {}
    for char in dict.fromkeys(chars):
        syllable = lazy_pinyin(char, errors="ignore")
        if syllable and syllable[0].isascii() and syllable[0].isalpha():
            out.setdefault(syllable[0], []).append(char)
    return {syllable: "".join(out[syllable]) for syllable in sorted(out)}


def chinese(words: Iterable[str]) -> list[str]:
    """The words that are Chinese terms of 2–12 characters."""
    return [w for w in words if _TERM.match(w)]


def table(terms: Iterable[str], chars: Iterable[str]) -> dict:
    """The `sounds` of a Chinese index: its `terms`, sorted; the usual `readings` of the given characters and of
    the terms' characters; and `read_as`, the reading of each term that its characters' usual readings do not
    give (toneless syllables joined by spaces: 长度 chang du, where 长 alone is zhang)."""
    kept = sorted(set(chinese(terms)))
    table = readings([*chars, *(c for t in kept for c in t)])
    usual = {char: syllable for syllable, chars in table.items() for char in chars}
    read_as = {}
    for term in kept:
        heard = " ".join(lazy_pinyin(term))
        if heard != " ".join(usual.get(c, "") for c in term):
            read_as[term] = heard
    return {"terms": kept, "readings": table, "read_as": read_as}
