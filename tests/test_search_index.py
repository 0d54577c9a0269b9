"""The search index builder: concepts found in a text, the domain dictionary, per-language indexes."""
from __future__ import annotations

from html.parser import HTMLParser

import markdown

from sitesearch import sounds
from sitesearch.index import add_asked, add_terms, plain_code, split_languages
from sitesearch.lexicon import Concept, Names, found_in, inner_words, title_concepts, title_pairs, title_terms

MLM = Concept(zh=("掩码语言模型", "掩蔽语言模型"), en=("masked language model",), abbr="MLM")
KG = Concept(zh=("知识图谱",), en=("knowledge graph",), abbr="KG")
WORDS = {"模型", "蒸馏", "语言", "语言模型", "知识"}


def test_a_concept_is_found_by_any_of_its_names_as_whole_words():
    assert found_in("BERT 的掩蔽语言模型任务", [MLM, KG]) == [MLM]
    assert found_in("Masked-Language Models are trained", [MLM]) == [MLM]
    assert found_in("the MLM task", [MLM]) == [MLM]
    assert found_in("Knowledge graphs help", [KG]) == [KG]
    assert found_in("an HTMLM file, unmasked language modelling", [MLM]) == []
    assert found_in("mlm", [MLM]) == []  # an abbreviation is matched in capitals


def test_names_that_overlap_or_share_words_are_all_found_in_the_concepts_order():
    lm = Concept(zh=("语言模型",), en=("language model",), abbr="LM")
    kd = Concept(zh=("模型蒸馏",), en=("knowledge distillation",))
    moe = Concept(zh=("混合专家",), en=("mixture of experts", "MoE layer"), abbr="MoE")
    names = Names([MLM, lm, kd, moe])
    assert names.found_in("掩码语言模型蒸馏") == [MLM, lm, kd]  # three names, each inside or across another
    assert names.found_in("masked language models and knowledge distillations") == [MLM, lm, kd]
    assert names.found_in("two Mixture-of-Experts, a MoE layers") == [moe]  # plural s or es on the last word
    assert names.found_in("mixture of expertise, mixtures of experts, language modeling") == []  # other words
    assert names.found_in("knowledge of distillation") == []  # an English name is its words in a row
    assert list(names) == [MLM, lm, kd, moe] and found_in("语言模型", names) == [lm]


def test_inner_words_are_dictionary_words_inside_a_token():
    assert inner_words("模型蒸馏", WORDS.__contains__) == ["模型", "蒸馏"]
    assert inner_words("蒸馏", WORDS.__contains__) == []


def test_titles_give_the_terms_they_explain_in_brackets():
    cut = {"如何实现大语言模型的异步推理": ["如何", "实现", "大语言模型", "的", "异步", "推理"],
           "什么是差分交互": ["什么", "是", "差分", "交互"]}.__getitem__
    titles = ["如何实现大语言模型的异步推理（Asynchronous Inference）？",
              "什么是差分交互（Differentiable Interaction）？",
              "LLM（大型语言模型）的核心原理是什么？"]
    assert title_terms(titles, cut) == {"异步推理", "差分交互", "大型语言模型"}


def test_each_language_gets_its_own_pages():
    docs = [{"location": "a/"}, {"location": "a/#x"}, {"location": "en/a/"}, {"location": "english/"}]
    split = split_languages(docs, {"zh": "", "en": "en/"})
    assert [d["location"] for d in split["zh"]] == ["a/", "a/#x", "english/"]
    assert [d["location"] for d in split["en"]] == ["en/a/"]


def test_a_page_entry_carries_the_other_names_of_its_title_and_text():
    docs = [{"location": "p/", "title": "什么是\u200b掩码语言模型", "text": ""},
            {"location": "p/#answer", "title": "答案",
             "text": "<p>与\u200b知识图谱\u200b无关</p><pre><code>KG</code></pre>"}]
    page = add_terms(docs, [MLM, KG], WORDS.__contains__)[0]
    assert page["title_terms"].split("\u200b") == ["掩码语言模型", "掩蔽语言模型", "masked language model", "MLM",
                                                   "语言", "语言模型", "模型"]
    # 知识图谱 is in the indexed text already; KG only in code, which is not indexed
    assert page["text_terms"].split("\u200b") == ["knowledge graph", "KG", "知识"]
    assert "title_terms" not in docs[1]


def test_a_page_gets_the_names_of_the_concepts_its_other_sections_discuss_and_the_joined_forms_of_its_words():
    docs = [{"location": "p/", "title": "什么是\u200b迁移学习", "text": ""},
            {"location": "p/#answer", "title": "答案", "text": "<p>GPT-3 与 DALL-E</p>"},
            {"location": "p/#analysis", "title": "解析", "text": "<p>知识图谱 … 知识图谱 … knowledge graphs</p>"},
            {"location": "p/#pitfalls", "title": "误区", "text": "<p>MLM</p>"}]
    terms = add_terms(docs, [MLM, KG], WORDS.__contains__)[0]["text_terms"].split("\u200b")
    assert {"知识图谱", "knowledge graph", "gpt3", "dalle"} <= set(terms)
    assert "masked language model" not in terms  # named once, in passing


def test_a_passing_mention_carries_the_short_names_and_a_discussed_concept_every_name():
    """A spoken phrase of the glossary (胡说八道, "making stuff up") goes to the pages about the concept (title,
    tags) and to those that name it twice or more, not to every page that mentions it once."""
    hallucination = Concept(zh=("幻觉", "胡说八道", "一本正经地胡说"), en=("hallucination", "making stuff up"))
    def text_terms(answer: str) -> list[str]:
        docs = [{"location": "p/", "title": "如何训练", "text": ""},
                {"location": "p/#answer", "title": "答案", "text": f"<p>{answer}</p>"}]
        return add_terms(docs, [hallucination], WORDS.__contains__)[0]["text_terms"].split("\u200b")
    once, twice = text_terms("模型\u200b会\u200b产生\u200b幻觉"), text_terms("幻觉\u200b，\u200b又\u200b是\u200b幻觉")
    assert {"胡说八道", "hallucination"} <= set(once) and not {"一本正经地胡说", "making stuff up"} & set(once)
    assert {"胡说八道", "一本正经地胡说", "hallucination", "making stuff up"} <= set(twice)


def test_a_title_pair_the_glossary_lacks_becomes_a_concept_in_both_languages():
    cut = {"什么是差分交互": ["什么", "是", "差分", "交互"]}.__getitem__
    pairs = title_pairs(["什么是差分交互（Differentiable Interaction）？", "LLM（大型语言模型）是什么"], cut)
    assert pairs == [("差分交互", "Differentiable Interaction"), ("大型语言模型", "LLM")]
    new = title_concepts(pairs, [Concept(zh=("大语言模型", "大型语言模型"), en=("large language model",))])
    assert new == [Concept(zh=("差分交互",), en=("Differentiable Interaction",))]
    assert found_in("differentiable interactions between towers", new) == new


def test_a_page_is_found_by_the_other_names_of_its_tags_as_by_a_tag():
    docs = [{"location": "p/", "title": "如何训练", "text": "", "tags": ["knowledge graph"]},
            {"location": "p/#answer", "title": "答案", "text": "<p>知识图谱</p>"}]
    page = add_terms(docs, [MLM, KG], WORDS.__contains__)[0]
    assert page["tag_terms"].split("\u200b") == ["知识图谱", "KG", "知识"]  # the tag's own words are not repeated
    assert "KG" not in page.get("text_terms", "").split("\u200b")


def test_a_page_entry_carries_the_ways_its_question_is_asked_cut_into_words():
    docs = [{"location": "p/", "title": "幻觉"}, {"location": "p/#answer", "title": "答案"},
            {"location": "en/p/", "title": "Hallucination"}, {"location": "q/", "title": "其他"}]
    asked = {"p/": ["模型老是胡说八道咋整", "GPT-3 瞎编"], "en/p/": ["why does my model make stuff up"], "q/": []}
    add_asked(docs, asked, lambda text: text.replace("胡说八道", " 胡说八道 ").split(" "))
    assert docs[0]["asked_as"].split("\u200b") == ["模型老是", "胡说八道", "咋整", "GPT-3", "瞎编", "gpt3"]
    assert docs[2]["asked_as"] == "\u200b".join("why does my model make stuff up".split())
    assert "asked_as" not in docs[1] and "asked_as" not in docs[3]


class _Text(HTMLParser):
    """What Material's search parser keeps of a page: its text and the <pre> / <code> elements around it."""

    def __init__(self):
        super().__init__()
        self.out = []

    def handle_starttag(self, tag, attrs):
        self.out += [f"<{tag}>"] if tag in ("pre", "code") else []

    def handle_endtag(self, tag):
        self.out += [f"</{tag}>"] if tag in ("pre", "code") else []

    def handle_data(self, data):
        self.out.append(data)


def _text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    parser.close()
    return "".join(parser.out)


def test_the_search_plugin_reads_code_blocks_without_their_highlighting_and_the_same_text():
    source = "# 代码\n\n```python\nx = a < b and \"&\"  # 比较\nprint(f'{x}')\n```\n\n`inline <code>` 和 **粗体**\n"
    html = markdown.markdown(source, extensions=["pymdownx.superfences", "pymdownx.highlight"])
    plain = plain_code(html)
    assert html.count("<span") > 10 and "<span" not in plain.split("<pre", 1)[1].split("</pre>")[0]
    assert _text(plain) == _text(html)
    assert plain.split("<pre")[0] == html.split("<pre")[0] and "<strong>粗体</strong>" in plain


def test_the_chinese_index_can_hear_a_term_by_its_sound():
    """sitesearch.sounds: each character by its usual reading (超 is chao, not its rare tiao, so 调参 is never
    heard as 超参), a term by its reading in context where that differs (长度: chang du, 长 alone zhang)."""
    heard = sounds.table(["长度", "超参", "幻觉", "LoRA", "幻"], "调超长")
    assert heard["terms"] == ["幻觉", "超参", "长度"]  # Chinese terms of two characters or more
    usual = {c: s for s, chars in heard["readings"].items() for c in chars}
    assert usual["调"] == "diao" and usual["超"] == "chao" and usual["长"] == "zhang" and usual["幻"] == "huan"
    assert heard["read_as"] == {"长度": "chang du"}
    assert sounds.common_chars({"的": 10, "模型": 5, "型号": 1, "x": 99, "无": 0}, 2, least=1) == ["的", "型"]
    assert sounds.common_chars({"的": 10, "模型": 5}, 5) == ["的"]  # words used fewer than 10 times: left out
