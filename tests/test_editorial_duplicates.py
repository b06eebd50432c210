"""duplicate-passage and fixed formulae (issue #13): a passage made of political formulae,
quotations and titles, or one that a resolution restates from the report it approves, is not a
copy (yblint.text.formulae.fixed_expression); real copies — the seed page's, planted ones, and
copies that merely contain a formula — are still reported."""

from pathlib import Path

import pytest
from conftest import FIXTURES, SEED, findings_of, findings_of_texts

import yblint.checks.duplicate_passage as dp
from yblint.text.formulae import fixed_expression, own_chars, restates

RULE = ["duplicate-passage"]
FILLER = [
    "全年举办运河文化节系列活动，接待游客较上年明显增长，文旅融合发展取得新成效。",
    "深化工会派出庭工作，培育集体协商提质增效试点，维权服务窗口好评率稳步提升。",
    "组建青年宣讲团，发动基层团支部开展主题教育活动，制作宣传片多部。",
    "开展全民健身活动，新建社区健身点位，举办社区运动会和篮球联赛。",
]
FORMULA = (
    "在区委区政府的坚强领导下，坚持稳中求进工作总基调，完整准确全面贯彻新发展理念，"
    "加快构建新发展格局，扎实推动高质量发展，增强“四个意识”、坚定“四个自信”、做到“两个维护”。"
)
OWN = (
    "围绕盘活存量土地的工作思路，统筹推进土地收储出让和安置房建设，"
    "全力保障重点项目的要素供给，加快老旧小区综合改造提升。"
)


def draft(*units: tuple[str, list[str]]) -> str:
    return "\n\n".join(f"{name}\n\n" + "\n\n".join(paras) for name, paras in units) + "\n"


def run(tmp_path: Path, files: dict[str, str]):
    return findings_of_texts(tmp_path, files, RULE)


def test_formula_in_four_units_is_not_a_copy(tmp_path):
    units = [(f"单位{i}", [FORMULA + FILLER[i]]) for i in range(4)]
    assert run(tmp_path, {"a.txt": draft(*units)}) == []


def test_own_text_in_four_units_is_a_copy(tmp_path):
    units = [(f"单位{i}", [OWN + FILLER[i]]) for i in range(4)]
    assert len(run(tmp_path, {"a.txt": draft(*units)})) == 3


def test_copy_containing_a_formula_is_still_a_copy(tmp_path):
    units = [(f"单位{i}", [FILLER[i] + FORMULA + OWN]) for i in range(2)]
    [f] = run(tmp_path, {"a.txt": draft(*units)})
    assert OWN[:20] in f.location.text


def test_copy_with_a_quoted_local_slogan_is_still_a_copy(tmp_path):
    passage = (
        "围绕“快收地、收好地、实现效益最大化”工作思路，今年已成功出让4宗地块，"
        "共计出让金73.88亿元。已收储5宗地，共计面积1290.55亩。"
    )
    units = [(f"单位{i}", [FILLER[i] + passage]) for i in range(2)]
    assert len(run(tmp_path, {"a.txt": draft(*units)})) == 1


def test_thanks_paragraph_is_not_a_copy(tmp_path):
    thanks = (
        "我代表国务院，向全国各族人民，向各民主党派、各人民团体和各界人士，表示衷心感谢！"
        "向香港特别行政区同胞、澳门特别行政区同胞、台湾同胞和海外侨胞，表示衷心感谢！"
    )
    files = {"2024.txt": draft(("回顾", [FILLER[0] + thanks])), "2025.txt": draft(("回顾", [FILLER[1] + thanks]))}
    assert run(tmp_path, files) == []


def test_resolution_restating_its_report_is_not_a_copy(tmp_path):
    report = draft(("一、工作回顾", [FILLER[0] + OWN + FILLER[1]]))
    resolution = (
        "第十四届全国人民代表大会第三次会议听取和审议了国务院总理所作的政府工作报告。"
        "会议充分肯定国务院过去一年的工作，同意报告提出的总体要求，决定批准这个报告。\n\n"
        "会议号召，" + OWN + "\n"
    )
    assert run(tmp_path, {"report.txt": report, "resolution.txt": resolution}) == []
    # the same text in a document that announces no restatement is a copy (which one, nothing
    # says: both are told)
    plain = "区城建发展中心工作总结。\n\n" + OWN + "\n"
    assert len(run(tmp_path, {"report.txt": report, "other.txt": plain})) == 2


def test_seed_and_planted_copies_are_kept(monkeypatch):
    paths = [SEED, FIXTURES / "duplicates"]
    with_filter = [(f.location.document.path, f.location.range()) for f in findings_of(paths, RULE)]
    monkeypatch.setattr(dp, "fixed_expression", lambda *a, **k: None)
    without = [(f.location.document.path, f.location.range()) for f in findings_of(paths, RULE)]
    assert with_filter == without and len(with_filter) == 5


@pytest.mark.parametrize(
    ("text", "left"),
    [
        ("坚持稳中求进工作总基调，加快构建新发展格局", 0),
        ("增强“四个意识”、坚定“四个自信”", 0),  # numbered slogans with their verbs are formulae
        ("围绕“快收地、收好地、实现效益最大化”工作思路", 19),  # a local slogan in quotes is the unit's own
        ("《中共中央关于制定国民经济和社会发展第十四个五年规划的建议》", 0),
        ("拱墅区新建道路12条", 8),
    ],
)
def test_own_chars(text, left):
    assert own_chars(text) == left


class _Doc:
    def __init__(self, text: str) -> None:
        self.text = text


class _Side:
    def __init__(self, doc: _Doc, start: int, end: int) -> None:
        self.doc, self.start, self.end = doc, start, end


def test_fixed_expression_reasons():
    res = _Doc("会议听取和审议了政府工作报告，决定批准这个报告。" + OWN)
    rep = _Doc("政府工作报告\n\n" + OWN)
    a = _Side(res, len(res.text) - len(OWN), len(res.text))
    b = _Side(rep, len(rep.text) - len(OWN), len(rep.text))
    assert restates(res) and not restates(rep)
    assert fixed_expression(a, b, 40) == "restatement"
    f1, f2 = _Doc(FORMULA), _Doc("前言。" + FORMULA)
    assert fixed_expression(_Side(f1, 0, len(FORMULA)), _Side(f2, 3, 3 + len(FORMULA)), 40) == "formula"
    o1, o2 = _Doc(OWN), _Doc("前言。" + OWN)
    assert fixed_expression(_Side(o1, 0, len(OWN)), _Side(o2, 3, 3 + len(OWN)), 40) is None


def test_a_chronicle_mentioning_a_report_is_no_restatement():
    chronicle = _Doc(
        "区人大常委会\n\n1月5日，区十届人大五次会议开幕。3月，常委会听取和审议了区政府专项工作报告，作出决议。"
    )
    assert not restates(chronicle)
    assert restates(
        _Doc("第十四届全国人民代表大会第三次会议关于政府工作报告的决议\n\n（2025年3月11日通过）\n\n会议批准这个报告。")
    )
    assert restates(
        _Doc("\u200b  第十三届全国人民代表大会第四次会议听取和审议了国务院总理所作的政府工作报告。会议同意报告。")
    )
