"""One search index per language, each page carrying the other names of what it talks about.

Input is Material's search index (its `docs` are one entry per page, then one per section, with the
Chinese already segmented by jieba and joined by U+200B).  Output is one index per language, in which
every page entry has two more fields, searched but never shown:

- ``title_terms``: the names of the concepts its title names, and the words inside its title's compound
  terms (a page titled 模型蒸馏 is found first by 知识蒸馏, knowledge distillation, KD and 蒸馏);
- ``tag_terms``: the same for its tags, less what the title terms have (a page tagged *automatic mixed
  precision* is found by AMP as by a tag);
- ``text_terms``: the same for the rest of the page;
- ``asked_as``: the other ways candidates and interviewers ask the question (its page's front matter),
  segmented like the page text, with the normalised forms of their words.
"""
from __future__ import annotations

import html
import re
from collections import defaultdict
from functools import cache
from typing import Callable, Iterable

from qbank.glossary import anchor

from .lexicon import HAN, Concept, Names, found_in, inner_words
from .normalize import joined_forms, normalize

# Field boosts: a title hit ranks first, then the title's synonyms, then tags, then the text.
FIELDS = {
    "title": {"boost": 1000.0},
    "title_terms": {"boost": 300.0},
    "asked_as": {"boost": 100.0},
    "tags": {"boost": 100.0},
    "tag_terms": {"boost": 100.0},
    "text": {"boost": 1.0},
    "text_terms": {"boost": 1.0},
}

_CODE_BLOCK = re.compile(r"<pre>.*?</pre>", re.S)
SECTION_CHARS = 120  # text kept per section entry beyond the answer: enough for a result's snippet
_TAG = re.compile(r"<[^>]+>")
_SPLIT = re.compile(r"[\s\u200b]+")


_PRE = re.compile(r"(<pre\b[^>]*>)(.*?)(</pre>)", re.S)
_NOT_CODE_TAG = re.compile(r"<(?!/?code\b)[^>]*>")


def plain_code(content: str) -> str:
    """A page's HTML with its code blocks' highlighting markup left out: the same text in the same <pre> and
    <code> elements, without Pygments' hundreds of <span>s per block, which are three quarters of the tags
    of the pages and which Material's search plugin would parse one by one for nothing (it keeps only text)."""
    return _PRE.sub(lambda m: m.group(1) + _NOT_CODE_TAG.sub("", m.group(2)) + m.group(3), content)


def plain(markup: str) -> str:
    return html.unescape(_TAG.sub(" ", markup))


def split_languages(docs: list[dict], prefixes: dict[str, str]) -> dict[str, list[dict]]:
    """{language: its docs}; a language's pages live under its prefix ('' for the default language)."""
    def language(doc):
        return max((lang for lang, prefix in prefixes.items() if doc["location"].startswith(prefix)),
                   key=lambda lang: len(prefixes[lang]))
    out = {lang: [] for lang in prefixes}
    for doc in docs:
        out[language(doc)].append(doc)
    return out


def pages(docs: list[dict]) -> dict[str, list[dict]]:
    """Docs grouped by page, the page entry first (Material writes it before its sections)."""
    grouped = defaultdict(list)
    for doc in docs:
        grouped[doc["location"].split("#", 1)[0]].append(doc)
    return grouped


def terms(segmented: str, prose: str, concepts: Iterable[Concept], inner: Callable[[str], list[str]],
          rest: str = "", every_name: bool = True) -> list[str]:
    """Other names of the concepts `prose` names (with `every_name` false, only the short names of a concept
    the page names once, with its `rest`: a passing mention does not carry every spoken phrase), the two main
    names of those the `rest` of the page discusses, the `inner` words of the Chinese tokens of `segmented`
    (lexicon.inner_words), and the normalised forms of its words (GPT-3 -> gpt3)."""
    named = found_in(prose, concepts)
    lower = f"{prose} {rest}".lower()
    out = [name for concept in named for name in (
        concept.names if every_name or concept.short_names == concept.names or _named(lower, concept, 2)
        else concept.short_names)]
    out += [name for c in discussed(rest, concepts, named) for name in (c.zh[0], c.en[0])]
    tokens = [t for t in _SPLIT.split(segmented) if HAN.fullmatch(t)] + [n for n in out if HAN.fullmatch(n)]
    out += [word for token in tokens for word in inner(token)]
    out += joined_forms(prose)
    return list(dict.fromkeys(out))


def add_asked(docs: list[dict], asked: dict[str, list[str]], segment: Callable[[str], list[str]]) -> None:
    """Give each page entry whose location `asked` lists (page URL -> phrasings) its asked_as field, in place:
    every phrasing cut into words (`segment`: jieba's, the vocabulary the page text was cut with), joined
    by U+200B, then the normalised forms of its words (GPT-3 -> gpt3) as for the other term fields."""
    for doc in docs:
        phrases = asked.get(doc["location"]) if "#" not in doc["location"] else None
        if phrases:
            words = [w for phrase in phrases for w in segment(phrase) if w.strip()]
            doc["asked_as"] = "\u200b".join(dict.fromkeys(words + joined_forms(" ".join(phrases))))


def discussed(text: str, concepts: Iterable[Concept], known: Iterable[Concept] = ()) -> list[Concept]:
    """The concepts a text names at least three times: what a page's analysis discusses, not a passing mention
    (those not `known` already)."""
    lower, known = text.lower(), set(known)
    return [c for c in found_in(text, concepts) if c not in known and _named(lower, c, 3)]


def _named(lower: str, concept: Concept, times: int) -> bool:
    """Whether a lower-case text has the concept's names (longer than one character) `times` times or more."""
    count = 0
    for name in concept.zh + concept.en:
        if len(name) > 1:
            count += lower.count(name.lower())
            if count >= times:
                return True
    return False


_MEMO: dict[tuple, list[str]] = {}  # lives as long as the process: `mkdocs serve` rebuilds reuse it


def _terms(version: str, segmented: str, prose: str, concepts, inner, rest: str = "", every_name: bool = True
           ) -> list[str]:
    key = (version, segmented, prose, rest, every_name)
    if key not in _MEMO:
        _MEMO[key] = terms(segmented, prose, concepts, inner, rest, every_name)
    return _MEMO[key]


def add_terms(docs: list[dict], concepts: list[Concept], is_word: Callable[[str], bool],
              version: str = "", separator: str = r"[\s\u200b]+") -> list[dict]:
    """Give every page entry its title_terms, tag_terms and text_terms fields (in place): not the terms
    whose words the page's title, tags or indexed text has already (`separator`: the search's). Results
    are remembered per `version` of the vocabulary, so a rebuild only works on the pages that changed."""
    split = re.compile(separator).split
    concepts = Names(concepts)  # indexed once for every page
    inner = cache(lambda token: inner_words(token, is_word))  # the same tokens come back on many pages
    for entries in pages(docs).values():
        page, title = entries[0], plain(entries[0]["title"])
        on_title = _terms(version, title, title.replace("\u200b", ""), concepts, inner)
        page["title_terms"] = "\u200b".join(on_title)
        if page.get("boost", 1) < 1:
            continue  # a navigation page (home, topic list, glossary): its text names every concept of other pages
        tags = " ".join(page.get("tags", []))
        core = [e for e in entries if _is_core(e)]  # what the page is about
        text = " ".join(plain(e["text"]) for e in core) + " " + tags
        prose = " ".join(plain(_CODE_BLOCK.sub(" ", e["text"])) for e in core) + " " + tags
        # the other sections, whose text the index keeps only the start of: the concepts they discuss
        rest = " ".join(plain(_CODE_BLOCK.sub(" ", e["text"])) for e in entries if not _is_core(e))
        named = {w.lower() for w in split(title + " " + tags)} | {t.lower() for t in on_title}
        on_tags = [t for t in _terms(version, "\u200b".join(page.get("tags", [])), tags, concepts, inner)
                   if t.lower() not in named and not {w for w in split(t.lower()) if w} <= named]
        if on_tags:
            page["tag_terms"] = "\u200b".join(on_tags)
        seen = {w.lower() for w in split(title + " " + prose)} | {t.lower() for t in on_title + on_tags}
        on_text = _terms(version, text, prose.replace("\u200b", ""), concepts, inner, rest.replace("\u200b", ""),
                         every_name=False)
        page["text_terms"] = "\u200b".join(t for t in on_text if t.lower() not in seen
                                            and not {w for w in split(t.lower()) if w} <= seen)
    return docs


SECTIONS = {"question", "answer", "analysis", "code", "pitfalls", "follow-ups", "related", "errata"}


def trim(docs: list[dict]) -> list[dict]:
    """Lighter entries (in place), once their terms are computed: no code blocks and no markup in the text,
    only the first SECTION_CHARS characters of each section but the page's answer, tags on the page entry
    only, and on question pages no entry for a sub-section (a `###` heading inside a section). Titles, tags
    and terms, what ranking mostly rests on, are kept whole; the full text of a long page is not needed to
    find it. Returns the entries kept.
    """
    question_pages = {e["location"].split("#")[0] for e in docs if e["location"].endswith("#answer")}
    docs[:] = [e for e in docs if "#" not in e["location"] or e["location"].split("#")[0] not in question_pages
               or e["location"].split("#", 1)[1] in SECTIONS]
    for doc in docs:
        text = _TAG.sub(" ", _CODE_BLOCK.sub(" ", doc["text"]))
        text = re.sub(r"\s+", " ", text).strip()
        if "#" in doc["location"]:
            doc.pop("tags", None)  # Material copies the page's tags onto every section; the page entry has them
            if not doc["location"].endswith("#answer") and len(text) > SECTION_CHARS:
                text = text[:SECTION_CHARS].rsplit(" ", 1)[0] + " …"
        doc["text"] = text
    return docs


def _is_core(entry: dict) -> bool:
    """The page entry, its answer and the headings of its sections (whose text is their title)."""
    location = entry["location"]
    return "#" not in location or location.endswith("#answer")


def language_index(index: dict, docs: list[dict]) -> dict:
    """Material's index for one language: its docs, and the field boosts above."""
    return {"config": {**index["config"], "fields": FIELDS}, "docs": docs}


def glossary_names(entries: list[dict]) -> list[dict]:
    """search/glossary.json, where the search box looks up the glossary entry of a query nothing answers:
    each entry's two names, its anchor on the glossary page and all its names, normalised."""
    def names(e):
        return [e["zh"], e["en"], *e.get("zh_alt", []), *e.get("en_alt", []), e.get("abbr", "")]
    return [{"zh": e["zh"], "en": e["en"], "id": anchor(e),
             "names": sorted({normalize(n) for n in names(e) if len(n) > 1})} for e in entries]
