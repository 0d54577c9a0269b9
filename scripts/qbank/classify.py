"""Topic, type, tags and slug of a question, from its wording and the project's data files."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path


from . import data
from .parse import normalise

DATA = data.DATA

# Question type, from the wording of the title; the first rule that matches wins.
TYPE_RULES = [
    ("coding", re.compile(r"^(?:请)?(?:实现|编写|写一个|用代码)|代码实现")),
    ("system-design", re.compile(r"设计.*(?:系统|服务|架构|方案|平台)|^如何设计")),
    ("coding", re.compile(r"^(?:请)?设计一个.*模型")),
    ("open-ended", re.compile(r"讨论|预测|如何看待|谈谈|展望|前景|趋势|影响")),
]
DEFAULT_TYPE = "concept"  # 什么是…, 解释…, 介绍…, 如何…
MODELS = "BERT|RoBERTa|Transformer|GAN|VAE|RNN|LSTM|CNN|WaveNet"
MODEL_NAME = re.compile(rf"(?<![A-Za-z])(?:[A-Z][A-Za-z]*-?\d+|{MODELS})(?![A-Za-z])")  # GPT-3, T5, BERT


@dataclass(frozen=True)
class Topic:
    id: str
    zh: str
    en: str
    description_zh: str
    description_en: str
    keywords: tuple[re.Pattern, ...] = ()

    def matches(self, title: str) -> bool:
        return any(k.search(title) for k in self.keywords)


class Taxonomy:
    def __init__(self, path: Path = DATA / "topics.yml"):
        raw = data.load(path)
        self.topics = [self._topic(t) for t in raw["topics"]]
        self.fallback = self._topic(raw["fallback"])
        by_id = {t.id: t for t in self.topics}
        self.match_order = [by_id[i] for i in raw["match_order"]]

    @staticmethod
    def _topic(t: dict) -> Topic:
        keywords = tuple(re.compile(k, re.IGNORECASE) for k in t.get("keywords", []))
        return Topic(t["id"], t["zh"], t["en"], t["description_zh"], t["description_en"], keywords)

    def topic_for(self, title: str) -> Topic:
        return next((t for t in self.match_order if t.matches(title)), self.fallback)

    def get(self, topic_id: str) -> Topic:
        return next((t for t in [*self.topics, self.fallback] if t.id == topic_id), self.fallback)


def question_type(title: str) -> str:
    return next((kind for kind, rule in TYPE_RULES if rule.search(title)), DEFAULT_TYPE)


class Vocabulary:
    """English titles and slugs (data/titles_en.yml) and glossary terms for tags."""

    def __init__(self, folder: Path = DATA):
        self.titles = {normalise(k): v for k, v in data.titles_en(folder).items()}
        self.terms = sorted({g["zh"] for g in data.glossary(folder)}, key=lambda t: (-len(t), t))

    def english(self, title: str) -> tuple[str, str] | None:
        """(English title, slug) for a known Chinese title."""
        entry = self.titles.get(normalise(title))
        return (entry["en"], entry["slug"]) if entry else None

    def tags(self, title: str) -> list[str]:
        """Glossary terms and model names named in the title, longest first, no overlaps."""
        found, rest = [], title
        for term in self.terms:
            if term in rest:
                found.append(term)
                rest = rest.replace(term, " ")
        found += MODEL_NAME.findall(title)
        return list(dict.fromkeys(found))


def pinyin_slug(title: str) -> str:
    """Fallback slug for a title with no English entry: ASCII words of the title in pinyin."""
    from pypinyin import lazy_pinyin

    words = re.findall(r"[a-z0-9]+", " ".join(lazy_pinyin(title)).lower())
    return "-".join(words[:10]) or "question"
