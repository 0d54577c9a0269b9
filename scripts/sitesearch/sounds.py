"""How the domain's Chinese words sound, for the query side (design/search.md, "IME homophones").

A Chinese query is typed with a pinyin IME, which offers every word with the sound typed: 幻绝 for 幻觉,
蒸流 for 蒸馏, 剪纸 for 剪枝. The Chinese index carries what query.js needs to hear such a word as the term
it sounds like: the domain's terms by their toneless reading (what a word is heard as) and the usual
reading of the characters a reader types (the most used ones, by the word frequencies of jieba's dictionary).

`qbank generate` writes it to data/search-sounds.json (`file`), checked for staleness in CI like the other
generated files; the search hook copies it into the Chinese index, so a build neither loads pypinyin's
dictionaries nor counts jieba's characters.
"""
from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path

from qbank import data, languages
from qbank.pages import split_front_matter

from .lexicon import inner_words, is_word, vocabulary

NAME = Path("data") / "search-sounds.json"  # beside the docs folder

COMMON_CHARS = 3500  # as many as the first level of the common-character list; 99 % of jieba's words' use
_HAN = re.compile(r"[\u4e00-\u9fff]")
_TERM = re.compile(r"^[\u4e00-\u9fff]{2,12}$")


def common_chars(frequencies: Mapping[str, int], n: int = COMMON_CHARS, least: int = 10) -> list[str]:
    """The n characters used most in the words of a frequency dictionary ({word: frequency}), most used first;
    words used fewer than `least` times are left out (a third of jieba's, changing 1 % of the list; a build
    counts in a tenth of the time)."""
    use: Counter[str] = Counter()
    for word, frequency in frequencies.items():
        if frequency >= least:
            for char in word:
                use[char] += frequency
    return [char for char, _ in use.most_common() if _HAN.match(char)][:n]


def readings(chars: Iterable[str]) -> dict[str, str]:
    """{toneless syllable: the characters whose usual reading it is}: a character picked by mistake in an IME
    has the sound typed, nearly always its usual one (超's rare reading tiao would hear 调参 as 超参)."""
    out: dict[str, list[str]] = {}
    for char in dict.fromkeys(chars):
        if syllable := _reading(char):
            out.setdefault(syllable, []).append(char)
    return {syllable: "".join(out[syllable]) for syllable in sorted(out)}


@cache
def _reading(text: str) -> str:
    """Toneless pinyin of a text, syllables joined by spaces ("" if a character has none)."""
    from pypinyin import lazy_pinyin  # its dictionaries take a quarter of a second to load: only when needed
    syllables = lazy_pinyin(text, errors="ignore")
    ok = len(syllables) == len(text) and all(s.isascii() and s.isalpha() for s in syllables)
    return " ".join(syllables) if ok else ""


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
        heard = _reading(term)
        if heard and heard != " ".join(usual.get(c, "") for c in term):
            read_as[term] = heard
    return {"terms": kept, "readings": table, "read_as": read_as}


def file(docs: Path) -> dict[Path, str]:
    """{data/search-sounds.json beside the docs folder: its text}: the sounds of the default language's pages,
    the domain words (lexicon.vocabulary, the same as the search hook's), the words of the titles and the
    dictionary words inside them, cut by jieba with the domain words added. {} without a data folder there."""
    if not (docs.parent / NAME.parent).is_dir():
        return {}
    import jieba  # a second to load its dictionary: only when the file is written or checked
    jieba.setLogLevel(60)
    cut = jieba.Tokenizer()  # its own dictionary: the same file whatever this process cut before
    pages = [(path, split_front_matter(path.read_text(encoding="utf-8"))[0]) for path in sorted(docs.rglob("*.md"))]
    _, words = vocabulary(data.glossary(docs.parent / "data"), [meta for _, meta in pages], cut.lcut)
    for word in sorted(words):
        cut.add_word(word)
    titles = [str(meta.get("title", "")) for path, meta in pages if languages.lang(path) == languages.DEFAULT]
    heard = {w for title in titles for w in cut.lcut(title)} | words
    known = is_word(cut.FREQ, words)
    terms = heard | {inner for w in heard for inner in inner_words(w, known)}
    sounds = {"lang": languages.DEFAULT, **table(terms, common_chars(cut.FREQ))}
    return {(docs.parent / NAME).resolve(): json.dumps(sounds, ensure_ascii=False, indent=0) + "\n"}
