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
from functools import cache, cached_property
from typing import Callable, Container, Iterable, Mapping

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


@cache  # the same words come back on every page
def _forms(word: str) -> frozenset[str]:
    """A word as it is, and with a plural s or es dropped."""
    return frozenset({word, word[:-1] if word.endswith("s") else word, word[:-2] if word.endswith("es") else word})


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
    def short_names(self) -> tuple[str, ...]:
        """Its names that are terms rather than phrases: the preferred ones, the abbreviation, and the synonyms
        of at most four Chinese characters or two English words (灰度发布, canary deployment; not 一本正经地胡说
        or "making stuff up")."""
        return tuple(n for n in self.names if n in (*self.zh[:1], *self.en[:1], self.abbr)
                     or (len(n) <= 4 if ALL_HAN.match(n) else len(_words(n)) <= 2))

    @cached_property
    def english(self) -> set[str]:
        return {" ".join(_words(e)) for e in self.en if len(e) > 2}


class Names:
    """Concepts indexed by their names, to ask a text which of them it names in one pass over the text
    (not one per concept): a Chinese name anywhere, an English name as whole words (any case, hyphen or
    space between words, plural s or es on its last word, up to six words), the abbreviation as a whole
    word in capitals. Iterates over the concepts."""

    def __init__(self, all_concepts: Iterable[Concept]):
        self.concepts = list(all_concepts)
        self._chinese: dict[str, list[tuple[str, int, tuple[str, ...]]]] = {}  # first two characters -> (name,
        # concept, the name's other pairs of characters: a text without one of them does not have the name)
        self._english: tuple[dict, dict] = ({}, {})  # a trie of words: (next word -> node, last word -> concepts)
        self._abbr: dict[str, list[int]] = {}
        for n, concept in enumerate(self.concepts):
            for name in concept.zh:
                if len(name) > 1:
                    pairs = tuple(dict.fromkeys(name[i:i + 2] for i in range(1, len(name) - 1)))
                    self._chinese.setdefault(name[:2], []).append((name, n, pairs))
            for phrase in concept.english:
                words = phrase.split(" ")
                if phrase and len(words) <= _LONGEST_NAME:
                    node = self._english
                    for word in words[:-1]:
                        node = node[0].setdefault(word, ({}, {}))
                    node[1].setdefault(words[-1], []).append(n)
            if len(concept.abbr) > 1:
                self._abbr.setdefault(concept.abbr, []).append(n)
        ends = self._english[1]  # the words that start a name: its first word, or a one-word name (plural too)
        self._starts = self._english[0].keys() | {word + s for word in ends for s in ("", "s", "es")}

    def __iter__(self):
        return iter(self.concepts)

    def __len__(self) -> int:
        return len(self.concepts)

    def found_in(self, text: str) -> list[Concept]:
        """The concepts `text` names, in their order."""
        found = set()
        pairs = set(map("".join, zip(text, text[1:])))
        for pair in self._chinese.keys() & pairs:
            found.update(n for name, n, inner in self._chinese[pair]
                         if n not in found and pairs.issuperset(inner) and name in text)
        found_words = _WORD.findall(text)
        words = [w.lower() for w in found_words]
        root = self._english
        for i in [i for i, word in enumerate(words) if word in self._starts]:
            node = root
            for word in words[i:i + _LONGEST_NAME]:
                for form in _forms(word):
                    found.update(node[1].get(form, ()))
                node = node[0].get(word)
                if node is None:
                    break
        for abbr in self._abbr.keys() & set(found_words):
            found.update(self._abbr[abbr])
        return [self.concepts[n] for n in sorted(found)]


def concepts(glossary: list[dict]) -> list[Concept]:
    """data/glossary.yml entries as concepts."""
    return [Concept(zh=tuple([e["zh"], *e.get("zh_alt", [])]), en=tuple([e["en"], *e.get("en_alt", [])]),
                    abbr=e.get("abbr", "")) for e in glossary]


def found_in(text: str, all_concepts: Iterable[Concept]) -> list[Concept]:
    """The concepts `text` names (`all_concepts` indexed as Names once, when it is not already)."""
    names = all_concepts if isinstance(all_concepts, Names) else Names(all_concepts)
    return names.found_in(text)


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


def titles_and_tags(metas: Iterable[dict]) -> tuple[list[str], list[str]]:
    """What the vocabulary reads of the pages' front matter: every title, and the tags (sorted, once each)."""
    metas = list(metas)
    return [str(m.get("title", "")) for m in metas], sorted({str(t) for m in metas for t in m.get("tags") or []})


def vocabulary(glossary: list[dict], metas: Iterable[dict], cut: Callable[[str], Iterable[str]]
               ) -> tuple[list[Concept], set[str]]:
    """The concepts of the site (the glossary's, then the title pairs it lacks) and its domain words, from the
    glossary and the front matter of every page (both languages)."""
    titles, tags = titles_and_tags(metas)
    known = concepts(glossary)
    found = known + title_concepts(title_pairs(titles, cut), known)
    return found, domain_words(found, titles, cut, tags)


def is_word(frequencies: Mapping[str, int], words: Container[str]) -> Callable[[str], bool]:
    """Whether a text is a word: in jieba's dictionary (`frequencies`, a Tokenizer's FREQ) or a domain word."""
    return lambda text: frequencies.get(text, 0) > 0 or text in words


def inner_words(token: str, is_word: Callable[[str], bool]) -> list[str]:
    """The dictionary words strictly inside a Chinese token: 模型蒸馏 -> 模型, 蒸馏."""
    return [token[i:j] for i in range(len(token)) for j in range(i + 2, len(token) + 1)
            if j - i < len(token) and is_word(token[i:j])]
