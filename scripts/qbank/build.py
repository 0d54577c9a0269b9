"""Turn parsed articles into questions: merge exact duplicates, link near ones, classify."""
from __future__ import annotations

from dataclasses import dataclass, field

from .classify import Taxonomy, Vocabulary, pinyin_slug, question_type
from .dedupe import group_exact, near_pairs
from .model import Article, Question


@dataclass
class Catalogue:
    questions: list[Question]
    merged: list[Question] = field(default_factory=list)  # pages holding several occurrences
    near: list[tuple[Question, Question, float]] = field(default_factory=list)
    unclassified: list[Question] = field(default_factory=list)
    unnamed: list[Question] = field(default_factory=list)  # no English title: pinyin slug


def build_catalogue(articles: list[Article], taxonomy: Taxonomy, vocabulary: Vocabulary) -> Catalogue:
    occurrences = [occ for article in articles for occ in article.occurrences]
    cat = Catalogue([])
    used_ids: set[str] = set()
    for group in group_exact(occurrences):
        title = group[0].title
        english = vocabulary.english(title)
        title_en, slug = english or ("", pinyin_slug(title))
        qid, n = slug, 2
        while qid in used_ids:  # two different questions must never share a page
            qid, n = f"{slug}-{n}", n + 1
        used_ids.add(qid)
        topic = taxonomy.topic_for(title)
        q = Question(qid, title, title_en, topic.id, question_type(title), vocabulary.tags(title), group)
        cat.questions.append(q)
        if len(group) > 1:
            cat.merged.append(q)
        if topic is taxonomy.fallback:
            cat.unclassified.append(q)
        if english is None:
            cat.unnamed.append(q)
    for i, j, score in near_pairs([q.title for q in cat.questions]):
        a, b = cat.questions[i], cat.questions[j]
        a.related.append(b.id)
        b.related.append(a.id)
        cat.near.append((a, b, score))
    return cat
