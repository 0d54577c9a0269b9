"""Content conservation, as a property over generated articles of many shapes.

Every non-blank line of an article ends up in exactly one page or in the report's dropped list;
the splitter never crashes; a second run changes nothing; a page edited by hand is never
overwritten.
"""
from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from qbank.build import build_catalogue
from qbank.classify import Taxonomy, Vocabulary
from qbank.model import InputError
from qbank.pages import question_pages
from qbank.parse import ARTIFACT, parse_article
from qbank.write import apply, load_manifest, plan_import

TAXONOMY, VOCABULARY = Taxonomy(), Vocabulary()

words = st.sampled_from(["注意力", "微调", "量化", "BERT", "Transformer", "模型", "数据", "推理", "如何", "什么是",
                         "的", "LoRA", "C#", "a|b", "[x]", "1.5", "：", "，", "“引号”", "$x^2$", "`code`", "**粗**"])
phrase = st.lists(words, min_size=1, max_size=6).map("".join)
numbering = st.sampled_from(["{n}. ", "{n}、", "({n}) ", "（{n}）", "Q{n}: ", "问题 {n}：", "第{n}题 ", "{n}.{m} ", ""])


@st.composite
def question_heading(draw):
    number = draw(numbering).format(n=draw(st.integers(1, 40)), m=draw(st.integers(1, 9)))
    ending = "？" if not number else draw(st.sampled_from(["？", "?", "", "。"]))
    title = number + draw(phrase) + ending
    if draw(st.booleans()):
        return "#" * draw(st.integers(2, 4)) + " " + title
    return f"**{title}**" if number or ending in "？?" else f"### {title}？"


label = st.builds(
    lambda word, colon, style, rest: style.format(w=word, c=colon) + rest,
    st.sampled_from(["题目", "问题", "Question", "答案", "答", "参考答案", "Answer", "解析", "分析", "答案解析",
                     "Explanation", "代码", "示例", "源代码实例", "Code"]),
    st.sampled_from(["：", ":"]),
    st.sampled_from(["**{w}{c}** ", "**{w}**{c}", "{w}{c}", "- **{w}{c}** ", "* {w}{c}"]),
    phrase,
)
code = st.builds(
    lambda fence, lang, lines: "\n".join([fence + lang, *lines, fence]),
    st.sampled_from(["```", "~~~", "````"]),
    st.sampled_from(["", "python", "js", "bash"]),
    st.lists(st.sampled_from(["# 加载模型", "x = 1", "---", "### 不是标题", "**题目：** 不是标签", "<|endoftext|>",
                              "    return x", "```", ""]).filter(lambda s: s != "```"), max_size=5),
)
blocks = st.one_of(
    question_heading(),
    label,
    phrase,
    code,
    st.sampled_from(["---", "-----------------------------------", "***", "<|endoftext|>", "", "",
                     "| a | b |\n|---|---|\n| 1 | 2 |", "> 引用一段话", "$$\nE = mc^2\n$$", "<!-- 注释 -->",
                     "![图](a.png)", "1. 第一点\n2. 第二点", "#### 一、相关面试题", "## 第二部分 进阶", "### 总结",
                     "希望这些内容对您有所帮助！<|endoftext|>", "### 大语言模型（LLM）大厂面试题详解：更多内容"]),
    phrase.map(lambda p: p + "<|endoftext|>"),
)
articles = st.lists(blocks, min_size=1, max_size=30).map(lambda bs: "\n\n".join(bs) + "\n")
settings.register_profile("ci", max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("ci")


@given(articles)
def test_every_non_blank_line_lands_in_exactly_one_page_or_the_dropped_list(text):
    try:
        article = parse_article("gen.md", text)
    except InputError as e:
        assert "no question found" in e.message  # generated fences are balanced
        return
    placed = [n for occ in article.occurrences for n in occ.lines] + [d.line for d in article.dropped]
    assert len(placed) == len(set(placed)), "a line placed twice"
    lines = text.splitlines()
    non_blank = {n for n, line in enumerate(lines, 1) if line.strip()}
    assert non_blank <= set(placed), "a non-blank line went nowhere"
    assert set(placed) <= set(range(1, len(lines) + 1)), "a line number that is not in the article"
    assert all(lines[d.line - 1].strip() for d in article.dropped), "a blank line reported as dropped"


@given(st.text(max_size=400))
def test_arbitrary_text_never_crashes(text):
    try:
        parse_article("noise.txt", text)
    except InputError as e:
        assert e.path == "noise.txt" and e.line >= 1


@settings(max_examples=60)
@given(articles)
def test_pages_hold_every_kept_line_and_a_second_run_changes_nothing(text):
    try:
        article = parse_article("gen.md", text)
    except InputError:
        return
    with tempfile.TemporaryDirectory() as tmp:
        docs, manifest = Path(tmp) / "docs", Path(tmp) / "imported.json"
        cat = build_catalogue([article], TAXONOMY, VOCABULARY)
        apply(plan_import(cat, docs, {}, TAXONOMY), docs, manifest)
        pages = {p.meta["id"]: (docs / p.path).read_text(encoding="utf-8") for p in question_pages(docs)}
        assert len(pages) == len(cat.questions)
        for q in cat.questions:
            for occ in q.occurrences:
                for _, line in (item for body in occ.sections.values() for item in body):
                    assert ARTIFACT.sub("", line).strip() in pages[q.id]

        again = plan_import(build_catalogue([parse_article("gen.md", text)], TAXONOMY, VOCABULARY),
                            docs, load_manifest(manifest), TAXONOMY)
        assert again.writes == {} and again.deletes == []

        victim = docs / question_pages(docs)[0].path
        victim.write_text(victim.read_text(encoding="utf-8") + "\n人工补充。\n", encoding="utf-8")
        edited = victim.read_text(encoding="utf-8")
        apply(plan_import(cat, docs, load_manifest(manifest), TAXONOMY), docs, manifest)
        assert victim.read_text(encoding="utf-8") == edited
