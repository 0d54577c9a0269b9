"""Splitter units, each fed a real snippet of the source articles (trimmed, not rewritten)."""
from __future__ import annotations

import pytest

from qbank.classify import Taxonomy, question_type
from qbank.dedupe import group_exact, near_pairs
from qbank.model import InputError
from qbank.parse import normalise, parse_article

BOLD_LIST = """                 

### 大模型时代的Github：Hugging Face

在人工智能飞速发展的今天，大模型技术已经成为推动各行业创新的重要力量。

#### 一、相关领域的典型面试题

**1. 什么是预训练和微调？**
- **题目：** 请简述预训练和微调的概念及其在NLP中的应用。
- **答案：** 预训练是指在大量无标签数据上对模型进行训练，使其掌握通用语言特征。

**2. BERT和GPT-3的区别是什么？**
- **题目：** 请比较BERT和GPT-3在模型结构、训练数据和应用场景方面的差异。
- **答案：** BERT主要用于文本分类、问答系统等任务，侧重于理解上下文。

#### 二、算法编程题库

**1. 实现一个简单的Transformer编码器。**
- **题目：** 编写代码实现一个简单的Transformer编码器，输入为一个单词序列，输出为其编码表示。
- **答案：** 可以使用Python的TensorFlow或PyTorch库实现。

#### 四、总结

Hugging Face作为大模型时代的“Github”，为NLP领域的研究人员和开发者提供了一个强大的平台。希望本文对您有所帮助！<|endoftext|> 

-----------------------------------

### 继续补充更多面试题和算法编程题

#### 6. 什么是数据增强？请举例说明。

- **题目：** 数据增强（Data Augmentation）是什么？请举例说明在NLP中如何应用数据增强。

- **答案：** 数据增强是一种通过应用一系列转换来增加数据多样性的技术。

  - **插入（Insertion）：** 在文本中随机插入一些单词或短语。
"""

HEADING_LABELS_CODE = """#### 算法编程题库

#### 7. 实现一个基本的语言模型

**题目：** 编写一个简单的语言模型，输入一个词序列，输出下一个词的概率分布。

**答案：** 我们可以使用 Python 中的 NumPy 库来实现一个简单的语言模型。

```python
import numpy as np

# 创建一个词汇表
vocab = ['a', 'b', 'c', 'd', 'e']
```

**解析：** 在这个简单的语言模型中，我们首先创建一个词汇表和一个初始化的概率矩阵。

### 21. 实现一个基于 Generative Adversarial Network (GAN) 的图像生成模型

**题目：** 编写一个简单的基于 Generative Adversarial Network (GAN) 的图像生成模型。
"""

CATEGORIES = """# LLM 面试手册

在大语言模型（LLM）相关的面试中，面试题目通常涵盖多个方面。以下是一些常见的LLM面试题及其详细解析：

### 1. 基础知识题

#### 1.1 Transformer模型的原理是什么？

**解析：**

Transformer模型是一种基于自注意力机制的深度学习模型，主要用于处理序列数据。

---

### 大语言模型（LLM）大厂面试题详解：更多内容

在大型科技公司面试中，除了基础知识和技术能力题目外，还可能涉及更深层次的技术挑战。

---

### 5. 最新技术进展与研究问题

#### 5.1 介绍最近在大语言模型中的自监督学习方法。

**解析：**

- **对比学习**：通过构建正负样本对来学习表示。

**挑战**：
- **泛化能力**：模型需要具备强大的泛化能力来处理未见过的类别。
"""

ASKED_THEN_ANSWERED = """### 二、典型面试题与算法编程题

#### 1. Hugging Face 的主要功能有哪些？

**题目：** 请简要介绍 Hugging Face 的主要功能。

**答案：** Hugging Face 提供以下主要功能：

* **模型库：** 收集了大量的预训练模型。

### 三、答案解析与源代码实例

以下是对上述面试题和算法编程题的详细答案解析，以及相关源代码实例：

#### 1. Hugging Face 的主要功能有哪些？

**答案解析：** Hugging Face 提供了丰富的功能，包括模型库、工具集、模型训练和模型部署等。

**源代码实例：**

```python
from transformers import AutoModel

# 查找预训练模型
model_name = "bert-base-uncased"
```

### 四、总结

Hugging Face 作为深度学习模型协作与共享的平台，提供了丰富的功能、工具和资源。
"""

SUB_LABELS = """                 

### 1. 如何评估大型语言模型的能力？

**题目：** 如何评价大型语言模型（如 GPT-3）的表现和能力？

**答案：**

要评估大型语言模型的表现，可以从以下几个方面进行：

1. **语言理解能力：** 语言模型应该能够理解并正确解析文本中的含义、语法和上下文。

**评估方法：**

- **自动评估：** 使用自动化工具，如 BLEU、ROUGE、METEOR 等指标，来评估模型生成的文本质量。

**举例：**

```python
reference = ["The cat sat on the mat."]
```

**解析：** BLEU（双语评价统一度量）是一种常用于自动评估文本质量的指标。

### 2. 大模型训练时的计算资源需求如何？

**题目：** 大模型训练需要多少计算资源？
"""

CLOSING = """#### 31. 实现一个基于BERT的文本生成模型。

- **题目：** 编写代码实现一个基于BERT的文本生成模型，输入一个单词或短语，输出为其扩展的文本序列。

- **答案：** 可以使用Hugging Face的Transformers库来实现这个模型。以下是一个简单的示例代码：

```python
# 示例
print(generated_text)
```

通过上述面试题和算法编程题的解析，您可以更好地理解大模型时代下NLP领域的挑战和机会。希望这些内容对您有所帮助！<|endoftext|> 
"""


def titles(text: str) -> list[str]:
    return [o.title for o in parse_article("a.txt", text).occurrences]


def test_bold_questions_with_list_labels_and_restarting_numbers():
    article = parse_article("000.txt", BOLD_LIST)
    assert [(o.number, o.title) for o in article.occurrences] == [
        ("1", "什么是预训练和微调？"),
        ("2", "BERT和GPT-3的区别是什么？"),
        ("1", "实现一个简单的Transformer编码器"),
        ("6", "什么是数据增强？请举例说明"),
    ]
    first = article.occurrences[0]
    assert first.section_text("question") == "请简述预训练和微调的概念及其在NLP中的应用。"
    assert first.section_text("answer").startswith("预训练是指在大量无标签数据上")
    assert "**插入（Insertion）：**" in article.occurrences[3].section_text("answer")


def test_filler_goes_to_no_page_and_is_reported_with_line_numbers():
    article = parse_article("000.txt", BOLD_LIST)
    pages = "\n".join(o.section_text(k) for o in article.occurrences for k in o.sections)
    for filler in ("在人工智能飞速发展", "希望本文对您有所帮助", "<|endoftext|>", "-----", "典型面试题", "继续补充"):
        assert filler not in pages
    reasons = {d.line: d.reason for d in article.dropped}
    assert reasons[3] == "section heading"  # ### 大模型时代的Github：Hugging Face
    assert reasons[5] == "text of section '大模型时代的Github：Hugging Face'"
    assert any(r == "horizontal rule" for r in reasons.values())
    assert any("总结" in r for r in reasons.values())


def test_heading_questions_keep_code_with_hash_comments_inside_the_answer():
    (q, gan) = parse_article("001.txt", HEADING_LABELS_CODE).occurrences
    assert q.title == "实现一个基本的语言模型" and q.number == "7"
    assert "# 创建一个词汇表" in q.section_text("answer")
    assert q.section_text("analysis").startswith("在这个简单的语言模型中")
    assert gan.number == "21"  # a level-3 question after level-4 ones


def test_category_headings_are_not_questions_and_more_content_blocks_are_filler():
    article = parse_article("003.txt", CATEGORIES)
    assert [(o.number, o.title) for o in article.occurrences] == [
        ("1.1", "Transformer模型的原理是什么？"),
        ("5.1", "介绍最近在大语言模型中的自监督学习方法"),
    ]
    reasons = {d.text: d.reason for d in article.dropped}
    assert reasons["### 5. 最新技术进展与研究问题"] == "category heading"
    assert reasons["### 大语言模型（LLM）大厂面试题详解：更多内容"] == "section heading"
    assert "**挑战**：" in article.occurrences[1].section_text("analysis")  # not a label: kept in place


def test_question_asked_in_one_part_and_answered_in_a_later_one_is_one_occurrence():
    (q,) = parse_article("002.txt", ASKED_THEN_ANSWERED).occurrences
    assert list(q.sections) == ["question", "answer", "analysis", "code"]
    assert q.section_text("code").startswith("```python")
    assert "# 查找预训练模型" in q.section_text("code")
    assert "以下是对上述面试题" not in q.section_text("answer")


def test_unknown_bold_labels_stay_inside_the_answer_in_order():
    q = parse_article("004.txt", SUB_LABELS).occurrences[0]
    answer = q.section_text("answer")
    assert answer.index("**评估方法：**") < answer.index("**举例：**") < answer.index('reference = ["The cat')
    assert q.section_text("analysis").startswith("BLEU")


def test_closing_remark_after_the_last_answer_is_dropped():
    article = parse_article("000.txt", CLOSING)
    assert article.occurrences[0].section_text("answer").endswith("```")
    assert [d.reason for d in article.dropped] == ["closing remark"]


def test_every_non_blank_line_is_in_exactly_one_page_or_dropped():
    for text in (BOLD_LIST, HEADING_LABELS_CODE, CATEGORIES, ASKED_THEN_ANSWERED, SUB_LABELS, CLOSING):
        article = parse_article("a.txt", text)
        used = [n for o in article.occurrences for n in o.lines] + [d.line for d in article.dropped]
        assert len(used) == len(set(used))
        expected = {i for i, line in enumerate(text.splitlines(), 1) if line.strip()}
        assert expected <= set(used)


def test_unbalanced_fence_names_the_file_and_the_opening_line():
    with pytest.raises(InputError) as err:
        parse_article("broken.txt", HEADING_LABELS_CODE.replace("```\n\n**解析", "\n\n**解析"))
    assert str(err.value).startswith("broken.txt:9: unbalanced code fence")


def test_article_without_questions_is_an_error():
    with pytest.raises(InputError, match="no question found"):
        parse_article("empty.txt", "### 总结\n\n没有问题。\n")


def test_exact_duplicates_ignore_width_spacing_and_punctuation():
    a = parse_article("000.txt", "#### 15. 实现一个基于T5的文本生成模型。\n\n答案一\n").occurrences
    b = parse_article("001.txt", "### 28. 实现一个基于 T5 的文本生成模型\n\n答案二\n").occurrences
    assert normalise(a[0].title) == normalise(b[0].title)
    assert len(group_exact(a + b)) == 1


def test_near_duplicates_are_found_but_different_models_are_not():
    pairs = near_pairs([
        "什么是差分自注意力（Differential Self-Attention）？",
        "什么是差分自注意力（Differentiable Self-Attention）？",
        "设计一个大语言模型的在线推理系统，如何处理高并发请求？",
        "设计一个大语言模型的在线推理服务，如何处理高并发请求？",
        "实现一个基于GPT-3的文本生成模型",
        "实现一个基于 GPT-2 的文本生成模型",
    ])
    assert [(i, j) for i, j, _ in pairs] == [(0, 1), (2, 3)]


@pytest.mark.parametrize("title, kind", [
    ("实现一个简单的Transformer编码器", "coding"),
    ("设计一个基于BERT的文本分类模型", "coding"),
    ("设计一个大规模的问答系统，要求支持实时处理大量用户查询", "system-design"),
    ("讨论大语言模型中的稀疏计算技术及其优势", "open-ended"),
    ("你如何看待大语言模型的伦理问题及其解决方案？", "open-ended"),
    ("什么是注意力机制（Attention Mechanism）？", "concept"),
    ("解释BERT模型的工作原理", "concept"),
])
def test_question_type_from_wording(title, kind):
    assert question_type(title) == kind


def test_taxonomy_puts_a_question_in_one_topic_or_the_fallback():
    taxonomy = Taxonomy()
    assert taxonomy.topic_for("实现一个基于 BERT 的问答系统").id == "coding"
    assert taxonomy.topic_for("如何使用模型剪枝（Model Pruning）来优化大语言模型？").id == "inference"
    assert taxonomy.topic_for("蛋白质折叠").id == taxonomy.fallback.id == "uncategorized"


UNSEEN = """# 某篇新文章

这是一段引言。

## 第一部分 基础

### Q1: 什么是 C#？

**Answer:** 一种语言。

### 问题 2：什么是注意力？

答：注意力是一种机制。

$$
a = \\operatorname{softmax}(QK^T)
$$

| a | b |
|---|---|
| 1 | 2 |

> 引用

<!-- 注释 -->

![图](x.png)

**Explanation**： 解释。

### (3) 解释 BERT

**代码：**

~~~js
// 注释
```
~~~

#### 第4题 如何微调？

- 参考答案：微调即……

## 1、为什么需要位置编码？

分析：因为自注意力本身不区分顺序。

**蛋白质折叠预测会被大模型改变吗？**

题目：请谈谈你的看法。

## 结语

谢谢阅读。
"""


def test_unseen_shapes_numbering_labels_and_blocks():
    article = parse_article("new.md", UNSEEN)
    assert [(o.number, o.title) for o in article.occurrences] == [
        ("1", "什么是 C#？"), ("2", "什么是注意力？"), ("3", "解释 BERT"), ("4", "如何微调？"),
        ("1", "为什么需要位置编码？"), ("", "蛋白质折叠预测会被大模型改变吗？"),
    ]
    c_sharp, attention, bert, finetune, position, open_question = article.occurrences
    assert c_sharp.section_text("answer") == "一种语言。"
    answer = attention.section_text("answer")
    for kept in ("$$\na = \\operatorname{softmax}(QK^T)\n$$", "| 1 | 2 |", "> 引用", "<!-- 注释 -->", "![图](x.png)"):
        assert kept in answer
    assert attention.section_text("analysis") == "解释。"
    assert bert.section_text("code") == "~~~js\n// 注释\n```\n~~~"
    assert finetune.section_text("answer") == "微调即……"
    assert position.section_text("analysis").startswith("因为自注意力")
    assert open_question.section_text("question") == "请谈谈你的看法。"
    assert {d.text: d.reason for d in article.dropped} == {
        "# 某篇新文章": "section heading", "这是一段引言。": "text of section '某篇新文章'",
        "## 第一部分 基础": "section heading", "## 结语": "section heading", "谢谢阅读。": "text of section '结语'",
    }


def test_unmatched_question_goes_to_the_fallback_topic_and_is_reported(tmp_path, capsys):
    import split_articles

    article = tmp_path / "new.md"
    article.write_text(UNSEEN, encoding="utf-8")
    assert split_articles.main([str(article), "--docs", str(tmp_path / "docs"), "--manifest", str(tmp_path / "m.json")]) == 0
    report = capsys.readouterr().out
    assert "No topic rule matched (put in 'uncategorized'" in report
    assert "uncategorized/" in report and "蛋白质折叠预测会被大模型改变吗？" in report
    assert (tmp_path / "docs/uncategorized/index.md").exists()
    assert "Time: " in report
