"""Units of a Word draft with heading styles (#14's editor QA: a unit's own draft, 标题1 for the
unit, 标题2 for its parts): the unit is the body, not its parts, and a short body paragraph is
no unit heading when the draft's headings are styled."""

from pathlib import Path

import docx
from conftest import doc_of

from yblint.config import Config
from yblint.engine import lint

SHARED = (
    "区妇联在区委区政府的领导下，围绕中心服务大局，深入实施巾帼建功行动，"
    "持续深化家庭文明建设，全面提升妇女儿童工作水平。"
)


def _unit_draft(path: Path) -> None:
    d = docx.Document()
    d.add_heading("区妇联", 1)
    d.add_heading("概况", 2)
    d.add_paragraph("2021年，区妇联开展活动120场。")
    d.add_paragraph("区妇联联合区工商联推进民企发")  # half of a paragraph split mid-word: short, no stop
    d.add_paragraph("展顾问制度建设，全年走访企业56家。")
    d.add_heading("主要工作", 2)
    d.add_paragraph(SHARED)
    d.save(str(path))


def test_a_styled_word_draft_of_one_unit_is_that_unit(tmp_path: Path):
    _unit_draft(tmp_path / "区妇联.docx")
    doc = doc_of(tmp_path / "区妇联.docx")
    assert [u.name for u in doc.units] == ["区妇联"]
    assert [p.text for p in doc.units[0].paragraphs if p.level] == ["概况", "主要工作"]


def test_a_short_line_starts_a_unit_only_in_a_word_draft_without_styled_headings(tmp_path: Path):
    d = docx.Document()
    for line in ("区妇联", "2021年，区妇联开展活动120场。", "团区委", "2021年，团区委组织活动85场。"):
        d.add_paragraph(line)
    d.save(str(tmp_path / "plain.docx"))
    assert [u.name for u in doc_of(tmp_path / "plain.docx").units] == ["区妇联", "团区委"]


def test_a_copy_names_the_unit_not_its_part(tmp_path: Path):
    _unit_draft(tmp_path / "区妇联.docx")
    d = docx.Document()
    d.add_heading("团区委", 1)
    d.add_paragraph("2021年，团区委组织活动85场。")
    d.add_paragraph(SHARED)
    d.save(str(tmp_path / "团区委.docx"))
    result = lint([str(tmp_path)], Config(), select=["duplicate-passage"], jobs=1)
    assert [(f.location.unit_name, f.related[0].unit_name) for f in result.findings] == [
        ("区妇联", "团区委"),
        ("团区委", "区妇联"),
    ]  # which is the copy cannot be told: each unit is told, naming the other
    assert not any("主要工作" in f.message or "区妇联联合" in f.message for f in result.findings)
