"""Rules that search their patterns once in a document's paragraphs joined (yblint.text.joined,
issue #14) find what a search of each paragraph alone finds."""

from __future__ import annotations

import tempfile
from pathlib import Path

from conftest import doc_of
from hypothesis import given, settings
from hypothesis import strategies as st

from yblint.checks.political_formula import SCOPE, formula_hits
from yblint.text.formulae import FORMULAE
from yblint.text.joined import SEPARATOR, in_scope, joined

FORMULA_WORDS = [
    *("习近平", "同志", "新时代中国特色社会主义思想", "两个确立", "两个维护", "四个意识", "四个自信"),
    *("十四五", "十三五", "规划", "时期", "党的", "中共", "十九届六中全会", "二十届三中", "、", "和"),
    *("高举", "中国特色社会主义", "伟大旗帜", "全面建设小康社会", "提出", "第十九", "届全国代表大会"),
    *("“", "”", "《", "》", " ", "\u200b", "，", "。", "\n", "\n\n", "\n\n- ", "\n\n# "),
]


def _formula_hits_by_paragraph(doc, year):
    """political-formula's hits found paragraph by paragraph (the reference)."""
    found = []
    for para in in_scope(doc, SCOPE):
        text = para.text
        for order, f in enumerate(FORMULAE):
            if not f.applies(year):
                continue
            spans = [(m.start(), m.end()) for e in f.compiled_exceptions for m in e.finditer(text)]
            for pat in f.compiled:
                for m in pat.finditer(text):
                    if any(s <= m.start() and m.end() <= e for s, e in spans):
                        continue
                    found.append((para.start + m.start(), -(m.end() - m.start()), order, f, m))
    found.sort(key=lambda t: t[:3])
    last, out = -1, []
    for start, neg, _order, f, m in found:
        if start < last:
            continue
        last = start - neg
        out.append((start, last, f.id, m.group(0)))
    return out


def _doc(text: str, name: str = "a.md"):
    with tempfile.TemporaryDirectory() as tmp:
        return doc_of(Path(tmp) / name, text)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(FORMULA_WORDS), max_size=40), st.sampled_from([2012, 2021, 2023, None]))
def test_formula_hits_in_the_joined_paragraphs_are_those_of_each_paragraph(words, year):
    doc = _doc("".join(words))
    hits = [(s, e, f.id, m.group(0)) for s, e, f, m in formula_hits(doc, year)]
    assert hits == _formula_hits_by_paragraph(doc, year)


def test_formula_hits_at_the_edges_of_paragraphs():
    """A quotation mark or 习近平 at the end of one paragraph says nothing of the next."""
    text = "学习习近平\n\n新时代中国特色社会主义思想。“\n\n四个意识”\n\n增强“\n\n四个意识\n\n“十四五”\n\n规划"
    doc = _doc(text)
    hits = [(s, e, f.id, m.group(0)) for s, e, f, m in formula_hits(doc, 2023)]
    assert hits == _formula_hits_by_paragraph(doc, 2023)
    expected = [("xi-thought", "新时代中国特色社会主义思想"), ("four-consciousness", "四个意识")]
    assert [(h[2], h[3]) for h in hits] == expected
    assert joined(doc, SCOPE) is not None


def test_a_document_holding_the_separator_is_searched_paragraph_by_paragraph():
    doc = _doc("四个意识X\n\n四个意识")
    doc.text = doc.text.replace("X", SEPARATOR[1])  # no file holds it
    assert joined(doc, SCOPE) is None
    hits = [(s, e, f.id, m.group(0)) for s, e, f, m in formula_hits(doc, 2023)]
    assert hits == _formula_hits_by_paragraph(doc, 2023) and len(hits) == 2
