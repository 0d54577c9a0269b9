"""The one normalisation of search text, on the index side (query.js `normalize` does the same to queries).

tests/search_normalize.yml is the table of cases both implementations must pass (tests/test_search_normalize.py):

- full-width to half-width and other compatibility forms (Unicode NFKC: ＧＰＴ－３ -> GPT-3), lower case;
- a hyphen, middle dot or underscore is dropped next to a one-letter part or before a number: GPT-3,
  DALL·E, top-p, k-means, d_k -> gpt3, dalle, topp, kmeans, dk (self-attention keeps its hyphen: two
  words; ignore_index stays as it is);
- a space is dropped between a word and a number of one or two digits: GPT 3, Llama 2 -> gpt3, llama2.
"""
from __future__ import annotations

import re
import unicodedata

_JOIN = re.compile(r"(?<=[a-z0-9])[-_·\u2010-\u2015\u2212\u30fb](?=[0-9]|[a-z](?![a-z0-9]))"
                   r"|(?<![a-z0-9])([a-z])[-_·\u2010-\u2015\u2212\u30fb](?=[a-z0-9])")
_NUMBER = re.compile(r"(?<=[a-z])\s+(?=[0-9]{1,2}(?:\.[0-9]+)?(?![0-9a-z]))")
_LATIN = re.compile(r"[a-z0-9]+(?:\.[0-9]+)*")


def normalize(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).lower()
    text = _JOIN.sub(lambda m: m.group(1) or "", text)
    return _NUMBER.sub("", text)


def joined_forms(text: str) -> list[str]:
    """The words normalisation makes that the text does not spell: 'GPT-3 and Ｌｌａｍａ' -> gpt3, llama."""
    plain = set(_LATIN.findall(text.lower()))
    return list(dict.fromkeys(w for w in _LATIN.findall(normalize(text)) if w not in plain))
