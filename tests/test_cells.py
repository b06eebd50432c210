"""Rows of a table typed with tabs, against a chronicle's entries typed with a tab after their day
(the usual Word layout of a 大事记): the entries are prose, linted as sentences."""

from pathlib import Path

import docx
import pytest
from conftest import doc_of

from yblint.model import PROSE, TABLE
from yblint.text.cells import is_tab_row, is_text_table


@pytest.mark.parametrize(
    ("line", "row"),
    [
        ("学校\t12所", True),
        ("项目\t数量\t备注", True),
        ("合计\t1,286", True),
        ("3月5日\t区妇联召开执委会。", False),  # a chronicle's entry: it ends a sentence
        ("3月8日\t举行表彰大会（表彰10名）。", False),
        ("12月\t全年完成投资12亿元！", False),
        ("没有制表符的句子。", False),
        ("\t缩进的一行", False),  # a tab that indents is no cell gap
    ],
)
def test_tab_row(line, row):
    assert is_tab_row(line) is row


def test_a_chronicle_typed_with_tabs_is_prose(tmp_path: Path):
    text = "大事记\n\n3月5日\t今年区妇联召开执委会，截止目前共有执委45名。\n3月8日\t我区举行表彰大会。\n"
    doc = doc_of(tmp_path / "a.txt", text)
    assert [p.kind for p in doc.paragraphs[1:]] == [PROSE]
    assert is_text_table("学校\t12所\n医院\t3家\n") and not is_text_table(text.split("\n\n")[1])


def test_a_chronicle_in_word_typed_with_tabs_is_linted(tmp_path: Path, cli):
    d = docx.Document()
    d.add_heading("大事记", 1)
    d.add_paragraph("3月5日\t今年区妇联召开执委会，截止目前共有执委45名。")
    d.add_paragraph("3月8日\t区妇联举行表彰大会。")
    d.add_paragraph("项目\t数量")  # a table typed with tabs after it stays a table
    d.add_paragraph("学校\t12所")
    d.save(str(tmp_path / "大事记.docx"))
    doc = doc_of(tmp_path / "大事记.docx")
    assert [p.kind for p in doc.paragraphs[1:]] == [PROSE, PROSE, TABLE]
    got = {(f["rule"], f["line"]) for f in cli("check", tmp_path, "--format", "json").json()["findings"]}
    assert {("relative-time", 2), ("cutoff-date", 2)} <= got
