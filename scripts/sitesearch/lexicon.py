"""The site's search vocabulary: concepts (glossary synonyms) and a domain dictionary for jieba.

- A *concept* is one glossary entry with all its names: 掩码语言模型 / 掩蔽语言模型 / masked language
  model / MLM.  A page that names a concept in any way is indexed under all its names.
- The *domain dictionary* holds the Chinese terms that jieba must keep whole: every Chinese name of the
  glossary and the terms the Chinese titles explain in brackets (异步推理（Asynchronous Inference）).
- *Inner words*: the dictionary words inside a compound term (蒸馏 in 模型蒸馏), so a reader typing the
  shorter word finds the page too.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from typing import Callable, Iterable

HAN = re.compile(r"[\u3400-\u9fff]+")
ALL_HAN = re.compile(r"^[\u3400-\u9fff]+$")

# the words before the term in a title, where it starts: 如何实现大语言模型的|异步推理（...）
_LEAD_WORDS = {"的", "是", "在", "与", "和", "及", "用", "使用", "利用", "通过", "基于", "实现", "如何", "什么",
               "讨论", "一个", "进行", "解释", "介绍", "描述", "请", "中", "对", "将"}
_GLOSSED = re.compile(r"([\u3400-\u9fff]+)（([A-Za-z][^）]*)）")     # 中文术语（English term）
_GLOSS = re.compile(r"([A-Za-z][\w\- ]*)（([\u3400-\u9fff]{2,})）")   # LLM（大型语言模型）


_WORD = re.compile(r"[A-Za-z0-9]+")
_LONGEST_NAME = 6  # words


def _words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


def _phrases(words: list[str]) -> set[str]:
    """Every run of up to 6 words, also with a plural s/es dropped from its last word."""
    out = set()
    for i in range(len(words)):
        for j in range(i + 1, min(len(words), i + _LONGEST_NAME) + 1):
            head, last = words[i:j - 1], words[j - 1]
            out.update(" ".join(head + [form]) for form in {last, last[:-1] if last.endswith("s") else last,
                                                            last[:-2] if last.endswith("es") else last})
    return out


@dataclass(frozen=True)
class Concept:
    """One glossary entry: its Chinese names, English names and abbreviation."""
    zh: tuple[str, ...]
    en: tuple[str, ...]
    abbr: str = ""

    @property
    def names(self) -> tuple[str, ...]:
        return self.zh + self.en + ((self.abbr,) if len(self.abbr) > 1 else ())

    @cached_property
    def english(self) -> set[str]:
        return {" ".join(_words(e)) for e in self.en if len(e) > 2}


class Text:
    """A text, ready to be asked which concepts it names: a Chinese name anywhere, an English name
    as whole words (any case, hyphen or space between words, plural s), the abbreviation as a whole
    word in capitals."""

    def __init__(self, text: str):
        self.text = text
        self.phrases = _phrases(_words(text))
        self.capitals = set(_WORD.findall(text))

    def names(self, concept: Concept) -> bool:
        return (any(len(z) > 1 and z in self.text for z in concept.zh) or not concept.english.isdisjoint(self.phrases)
                or (len(concept.abbr) > 1 and concept.abbr in self.capitals))


def concepts(glossary: list[dict]) -> list[Concept]:
    """data/glossary.yml entries as concepts."""
    return [Concept(zh=tuple([e["zh"], *e.get("zh_alt", [])]), en=tuple([e["en"], *e.get("en_alt", [])]),
                    abbr=e.get("abbr", "")) for e in glossary]


def found_in(text: str, all_concepts: Iterable[Concept]) -> list[Concept]:
    prepared = Text(text)
    return [c for c in all_concepts if prepared.names(c)]


def title_pairs(titles: Iterable[str], cut: Callable[[str], Iterable[str]]) -> list[tuple[str, str]]:
    """(Chinese term, English name) that titles pair in brackets: 什么是差分交互（Differentiable Interaction）？
    -> (差分交互, Differentiable Interaction); LLM（大型语言模型） -> (大型语言模型, LLM)."""
    pairs = []
    for title in titles:
        pairs += [(zh, en.strip()) for en, zh in _GLOSS.findall(title)]
        for run, en in _GLOSSED.findall(title):
            words = list(cut(run))
            lead = max((n for n, w in enumerate(words) if w in _LEAD_WORDS), default=-1)
            term = "".join(words[lead + 1:])
            if len(term) > 1:
                pairs.append((term, en.strip()))
    return pairs


def title_terms(titles: Iterable[str], cut: Callable[[str], Iterable[str]]) -> set[str]:
    """The Chinese terms that titles explain in brackets: 什么是差分交互（Differentiable Interaction）？ -> 差分交互."""
    return {zh for zh, _ in title_pairs(titles, cut)}


def title_concepts(pairs: Iterable[tuple[str, str]], known: Iterable[Concept]) -> list[Concept]:
    """A concept for each pair of names a title gives that the glossary does not know yet, so that a new
    page's term is a synonym in both languages without a glossary entry (差分交互 = differentiable interaction)."""
    names = {n.lower() for c in known for n in c.names}
    out: dict[str, Concept] = {}
    for zh, en in pairs:
        english = tuple(e.strip() for e in re.split(r"[,;/、，]", en) if e.strip())
        if zh.lower() not in names and not names & {e.lower() for e in english}:
            out.setdefault(zh, Concept(zh=(zh,), en=english))
    return list(out.values())


def domain_words(all_concepts: Iterable[Concept], titles: Iterable[str],
                 cut: Callable[[str], Iterable[str]], tags: Iterable[str] = ()) -> set[str]:
    """Chinese terms jieba must keep whole: the glossary's Chinese names, the terms the titles explain and
    the pages' Chinese tags."""
    words = {z for c in all_concepts for z in c.zh if len(z) > 1 and ALL_HAN.match(z)}
    return words | title_terms(titles, cut) | {t for t in tags if len(t) > 1 and ALL_HAN.match(t)}


def inner_words(token: str, is_word: Callable[[str], bool]) -> list[str]:
    """The dictionary words strictly inside a Chinese token: 模型蒸馏 -> 模型, 蒸馏."""
    return [token[i:j] for i in range(len(token)) for j in range(i + 2, len(token) + 1)
            if j - i < len(token) and is_word(token[i:j])]
