"""Search text is normalised the same way on both sides, and queries become plain, short lists of terms.

tests/search_normalize.yml is the one table of cases: each runs through scripts/sitesearch/normalize.py
(the index) and through overrides/assets/javascripts/search/query.js (the query), in node when it is
installed, else in Chromium.
"""
from __future__ import annotations

import json
import shutil
import subprocess

import pytest
import yaml
from conftest import ROOT
from sitesearch.normalize import joined_forms, normalize

CASES = yaml.safe_load((ROOT / "tests" / "search_normalize.yml").read_text(encoding="utf-8"))
QUERY_JS = ROOT / "overrides" / "assets" / "javascripts" / "search" / "query.js"

# The expander with a small vocabulary, as the worker builds it from the index (stemmer: lunr's, roughly)
_EXPAND = """(input) => {
  const terms = ["自注意力", "自注意力机制", "对话", "话题", "模型", "过滤", "显存", "微调", "大模型", "attention",
                 "transformer", "transformers", "quantization", "clip", "dalle", "gpt3", "topp", "decoder"]
  const expander = new SiteSearch.Expander(terms, {
    stem: w => w.replace(/(ation|ing|e|s)$/, ""),
    isStopWord: w => ["the", "a", "and", "of", "is", "what", "how", "only", "to"].includes(w)})
  return input.map(q => expander.terms(q))
}"""
_NORMALIZE = "(input) => input.map(SiteSearch.normalize)"
# The same, with the weight the worker reads from the index (ranking v3): few pages have 显存, many 模型
_WEIGHTS = "weight: w => ({模型: 1, 大模型: 1, 显存: 4, 微调: 2, decoder: 3}[w] || 8),"
_WEIGHTED = _EXPAND.replace("isStopWord:", _WEIGHTS + "\n    isStopWord:")


@pytest.fixture(scope="module")
def query_js(request):
    """Runs a JS function of one JSON argument against query.js: node if installed, else Chromium."""
    source = QUERY_JS.read_text(encoding="utf-8")
    if shutil.which("node"):
        def run(function: str, arg):
            script = f"global.self = global; module = undefined;\n{source}\nconsole.log(JSON.stringify(({function})" \
                     f"(JSON.parse(require('fs').readFileSync(0, 'utf8')))))"
            out = subprocess.run(["node", "-e", script], input=json.dumps(arg), capture_output=True, text=True,
                                 check=True)
            return json.loads(out.stdout)
        return run
    page = request.getfixturevalue("page")
    page.set_content("<html></html>")
    page.add_script_tag(content=source)
    return lambda function, arg: page.evaluate(function, arg)


@pytest.mark.parametrize("text, expected", CASES)
def test_the_index_side_normalises_each_case(text, expected):
    assert normalize(text) == expected


def test_the_query_side_normalises_each_case_the_same_way(query_js):
    assert query_js(_NORMALIZE, [text for text, _ in CASES]) == [expected for _, expected in CASES]


def test_a_page_entry_gets_the_forms_its_text_does_not_spell():
    assert joined_forms("GPT-3、DALL·E 与 Ｌｌａｍａ 2，以及 gpt3 和 self-attention") == ["dalle", "llama2"]
    assert joined_forms("GPT-3 and top-p") == ["gpt3", "topp"]


@pytest.mark.parametrize("query, terms", [
    ("GPT-3", ["gpt3"]), ("gpt3", ["gpt3"]), ("GPT 3", ["gpt3"]), ("ＧＰＴ－３", ["gpt3"]),
    ("CLIP 和 DALL-E", ["clip", "dall"]),                 # dall*: the stem's prefix, which dalle starts
    ("top-p", ["topp"]),
    ("脏话", ["脏话"]),                                    # not 话*, which finds 对话
    ("脏话过滤", ["脏话", "过滤"]),
    ("大模型微调要多少显存", ["大模型", "微调", "显存"]),      # fillers dropped
    ("自注意力怎么办呢", ["自注意力"]),
    ("大模型微调老是要多少显存咋整", ["大模型", "微调", "显存"]),  # spoken fillers too
    ("什么是自注意力机制", ["自注意力机制"]),
    ("自注意力 x", ["自注意力"]),                           # a one-letter fragment is never searched
    ("x", []),
    ("attentoin", ["attentoin*^10", "attentoin~2"]),      # a typo: edit distance 2 from 8 letters
    ("atention", ["atention*^10", "atention~2"]),
    ("atten", ["atten"]),                                 # starts an index term: being typed, no typo
    ("modle", ["modl*^10", "modle~1"]),
    ("what is the attention", ["attention"]),
    ("[CLS]", ["cls"]), ("GPUs", ["gpu"]),               # cls: its stem cl would start too many words
    ("forgot", ["forgot", "forget*^10", "forget~1"]),  # an irregular past form: the word pages use too
    ("a:b", []), ("+-", []), ("foo~", ["foo"]), ("(x", []), ("title:attention^", ["titl*^10", "title~1", "attention"]),
    ("[a-z]+.*(?:x) \\d{2}", ["az"]),
    ("quantisation", ["quantisation", "quantization", "quantiz"]),  # British -isation: also the -ization forms
    ("decoder-only", ["decoder", "only^1"]),              # a stop word ending a compound is part of the term
    ("only the decoder", ["decoder"]), ("decoder-only-ish", ["decoder", "ish"]),
    ("束搜素", ["束搜素*^10", "束搜素~1"]),                   # an IME typo: no index term is or starts it
    ("自注意", ["自注意"]),                                 # being typed: no typo lookup
])
def test_a_query_becomes_plain_terms(query_js, query, terms):
    assert query_js(_EXPAND, [query]) == [terms]


@pytest.mark.parametrize("query, terms", [
    ("显存", ["显存"]),                                    # one word: nothing to weigh it against
    ("模型 显存", ["模型", "显存*^4"]),                     # the telling word counts more than the common one
    ("大模型微调要多少显存", ["大模型", "微调*^2", "显存*^4"]),
    ("attentoin 模型", ["attentoin*^80", "attentoin~2^8", "模型"]),  # a typo: exact forms first, fuzzy as its word
    ("decoder-only 模型", ["decoder*^3", "only^1", "模型"]),  # an exact word stays as it is
    ("自注意力机制 显存", ["自注意力机制*^8", "显存*^4", "自注意力^1"]),  # the words inside a compound, weighing least
])
def test_in_a_query_of_several_words_each_term_weighs_as_it_is_rare(query_js, query, terms):
    assert query_js(_WEIGHTED, [query]) == [terms]


# The expander with the sounds of a few terms, as the worker gets them from the Chinese index (sitesearch.sounds)
_HEARD = _EXPAND.replace('"decoder"]', '"decoder", "防止", "别人"]').replace("isStopWord:", """sounds: {
      terms: ["幻觉", "蒸馏", "越狱", "识别", "长度"], read_as: {长度: "chang du"},
      readings: {huan: "幻换", jue: "觉绝", zheng: "蒸正", liu: "馏流", yue: "越粤", yu: "狱语", shi: "识是",
                 bie: "别", zhi: "止", fang: "防", chang: "常", zhang: "长", du: "度"}},
    isStopWord:""")


@pytest.mark.parametrize("query, terms", [
    ("大模型幻绝", ["大模型", "幻觉"]),          # the IME's word with the sound of a domain term
    ("模型蒸流", ["模型", "蒸馏"]),
    ("常度", ["长度"]),                         # a term read in its context: 长度 is chang du, 长 alone zhang
    ("幻觉", ["幻觉"]),
    ("粤语", ["粤语"]),                         # two characters must keep one of the term's: 粤语 is a word
    ("防止别人", ["防止", "别人"]),               # not 止别 across two words, heard as 识别
])
def test_a_word_typed_with_the_right_sound_is_heard_as_the_term(query_js, query, terms):
    assert query_js(_HEARD, [query]) == [terms]


# The expander told which words some page's title or tags have together (the worker reads it from the index)
_TOGETHER = _EXPAND.replace('"decoder"]', '"decoder", "kv", "cache", "alpha", "fold"]').replace(
    "isStopWord:", 'together: (a, b) => a + " " + b === "kv cache",\n    isStopWord:')


@pytest.mark.parametrize("query, terms", [
    ("kvcache", ["kv", "cach"]),                       # two words written as one (cach: the stem)
    ("alphafold", ["alphafold*^10", "alphafold~2"]),  # both are words, but no page names them together
    ("transformers", ["transformer"]),                # an index term is never split
])
def test_two_words_written_as_one_are_searched_as_the_two(query_js, query, terms):
    assert query_js(_TOGETHER, [query]) == [terms]


def test_a_long_query_is_cut(query_js):
    long = ["attention " * 500, "注意力" * 2000, "x" * 5000]
    for terms in query_js(_EXPAND, long):
        assert 0 < len(terms) <= 12 and all(len(t) <= 110 for t in terms)
