"""The plain-text reader sees what a reader sees (issue #13): a line holding only whitespace and
invisible characters (U+200B …) is blank, so a sentence cut by such a line is two paragraphs and
split-paragraph finds it; invisible-char reports the characters themselves."""

import pytest
from conftest import doc_of, findings_of


@pytest.mark.parametrize("blank", ["\u200b", " \u200b ", "\u200b\u200b", "\u3000\u200b", "\ufeff", "\u200d", "\u00ad"])
def test_invisible_line_is_blank(tmp_path, blank):
    doc = doc_of(tmp_path / "a.txt", f"交出一份人\n{blank}\n民满意的答卷。\n")
    assert [p.text for p in doc.paragraphs] == ["交出一份人", "民满意的答卷。"]


def test_visible_line_is_not_blank(tmp_path):
    doc = doc_of(tmp_path / "a.txt", "交出一份人\n\u200b民\n满意的答卷。\n")
    assert len(doc.paragraphs) == 1


def test_cut_sentence_found(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text("区城建发展中心\n\n2021年，全区交出一份人\n\u200b\n民满意的答卷，完成各项任务。\n", encoding="utf-8")
    found = findings_of([p], ["split-paragraph", "invisible-char"])
    assert sorted(f.rule for f in found) == ["invisible-char", "split-paragraph"]
    inv = next(f for f in found if f.rule == "invisible-char")
    assert inv.location.range()[:2] == (4, 1)
