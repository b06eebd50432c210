"""political-formula, three kinds of fault beyond the table's known variants: a numbered formula
listed with a wrong or missing member (道路自信、理论自信、制度自信、历史自信), a long formula
with a character dropped, added or swapped (习近平新时代特色社会主义思想), and a slogan after
another slogan's verb (做到“两个确立”). Each with its place (rule, line, column), its fix or
none, and the look-alikes that must stay silent."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import findings_of

from yblint.checks.political_formula import MEMBERS
from yblint.config import Config
from yblint.text.formulae import FORMULAE

RULE = "political-formula"


def _check(tmp_path: Path, text: str, year: int | None = 2022, name: str = "a.md"):
    """The rule's findings on ``text``, written on line 3 (after a unit heading and a blank line):
    (rule, line, column, matched text, key of the message's canonical, fix or None)."""
    p = tmp_path / name
    p.write_text("# 单位\n\n" + text + "\n", encoding="utf-8")
    config = Config(rules={RULE: {"year": year}}) if year else None
    out = []
    for f in findings_of([p], [RULE], config):
        line, column = f.location.range()[:2]
        fix = f.fix.edits[0].replacement if f.fix else None
        assert f.fix is None or not f.fix.safe  # an editor confirms a change to a political formula
        out.append((f.rule, line, column, f.location.text, fix))
    return out


# --- 1. a numbered formula listed with a wrong or missing member ------------------------------


@pytest.mark.parametrize(
    ("text", "found"),
    [
        # a word of the same make in a member's place
        ("全局坚定道路自信、理论自信、制度自信、历史自信。", [(3, 20, "历史自信", "文化自信")]),
        ("增强政治意识、大局意识、核心意识、服务意识。", [(3, 18, "服务意识", "看齐意识")]),
        ("统筹推进经济建设、政治建设、文化建设、社会建设、生态建设。", [(3, 25, "生态建设", "生态文明建设")]),
        (
            "协调推进全面建设社会主义现代化国家、全面深化改革、全面依法治国、全面从严管党。",
            [(3, 33, "全面从严管党", "全面从严治党")],
        ),
        # 2022: the first of the four comprehensives is no longer 全面建成小康社会
        (
            "协调推进全面建成小康社会、全面深化改革、全面依法治国、全面从严治党。",
            [(3, 5, "全面建成小康社会", "全面建设社会主义现代化国家")],
        ),
        ("坚持创新、协调、绿色、开放、共赢的发展理念。", [(3, 15, "共赢", "共享")]),
        # three members: two of them and a word of their make in a listing of three
        ("立足新发展阶段、贯彻新发展理念、构建新发展模式。", [(3, 19, "新发展模式", "新发展格局")]),
        ("新发展阶段、新发展理念、新发展模式。", [(3, 13, "新发展模式", "新发展格局")]),
        # a member left out: the listing is reported, its fix inserts the member where 、 alone
        # stands between the items
        (
            "增强政治意识、大局意识、核心意识。",
            [(3, 3, "政治意识、大局意识、核心意识", "政治意识、大局意识、核心意识、看齐意识")],
        ),
        # a later sentence of the paragraph is not history because an earlier one was
        (
            "党的十八大以来全区发展。要坚定道路自信、理论自信、制度自信。",
            [(3, 16, "道路自信、理论自信、制度自信", "道路自信、理论自信、制度自信、文化自信")],
        ),
        (
            "坚定道路自信、理论自信、文化自信。",
            [(3, 3, "道路自信、理论自信、文化自信", "道路自信、理论自信、制度自信、文化自信")],
        ),
        (
            "统筹推进经济建设、政治建设、文化建设、社会建设和党的建设。",
            [(3, 5, "经济建设、政治建设、文化建设、社会建设和党的建设", None)],
        ),
        (
            "推进社会主义经济建设、政治建设、文化建设、社会建设，为全面建设社会主义现代化国家而奋斗。",
            [(3, 7, "经济建设、政治建设、文化建设、社会建设", "经济建设、政治建设、文化建设、社会建设、生态文明建设")],
        ),
        # next to the formula's name, two members are the formula
        ("“四个意识”即政治意识、大局意识。", [(3, 8, "政治意识、大局意识", "政治意识、大局意识、核心意识、看齐意识")]),
        ("“三新”：新发展阶段、新发展理念。", [(3, 6, "新发展阶段、新发展理念", "新发展阶段、新发展理念、新发展格局")]),
        # every member, out of the fixed order: the listing in order (a fix where 、 alone separates)
        (
            "增强政治意识、大局意识、看齐意识、核心意识。",
            [(3, 3, "政治意识、大局意识、看齐意识、核心意识", "政治意识、大局意识、核心意识、看齐意识")],
        ),
        (
            "坚持创新、协调、开放、绿色、共享的新发展理念。",
            [(3, 3, "创新、协调、开放、绿色、共享", "创新、协调、绿色、开放、共享")],
        ),
        (
            "坚定理论自信、道路自信、制度自信和文化自信。",
            [(3, 3, "理论自信、道路自信、制度自信和文化自信", None)],
        ),
    ],
)
def test_member_flagged(tmp_path, text, found):
    assert _check(tmp_path, text) == [(RULE, *f) for f in found]


@pytest.mark.parametrize(
    "text",
    [
        "坚定道路自信、理论自信、制度自信、文化自信；增强政治意识、大局意识、核心意识、看齐意识。",
        "统筹推进经济建设、政治建设、文化建设、社会建设、生态文明建设和党的建设。",
        "全面推进经济建设、民主政治建设、文化建设、社会建设、生态文明建设。",
        "立足新发展阶段，贯彻新发展理念，构建新发展格局，推动高质量发展。",
        "坚持创新、协调、绿色、开放、共享的新发展理念。",
        "统筹推进“五位一体”总体布局、协调推进“四个全面”战略布局。",
        # other listings that share a word with a formula's members
        "增强安全意识、责任意识、服务意识；牢固树立政治意识、大局意识和责任意识。",
        "加强党的政治建设、思想建设、组织建设、作风建设、纪律建设。",
        "加快城市建设、交通建设、文化建设。",
        "增强文化自信、历史自信。",
        "尊重发展规律，创新发展理念，破解发展难题。",
        "坚持“守正、协同、创新、发展”的核心价值观。",
        "推动更加开放、包容、普惠、平衡、共赢的经济全球化。",
        # a part told on its own: the three strategic measures of the four comprehensives
        "深入推进全面深化改革、全面依法治国、全面从严治党。",
        "为全面建设社会主义现代化国家、全面推进中华民族伟大复兴而团结奋斗；全面推进乡村振兴、全面深化改革、全面依法治国。",
        # two of three, no name: not the formula
        "完整准确全面贯彻新发展理念，加快构建新发展格局。",
        "贯彻新发展理念、构建新发展格局。",
        # history, told as history, in a paragraph's first sentence or a later one
        "党的十八大提出坚定道路自信、理论自信、制度自信。",
        "全区召开学习会。党的十八大提出坚定道路自信、理论自信、制度自信。",
    ],
)
def test_member_silent(tmp_path, text):
    assert _check(tmp_path, text) == []


def test_members_by_year(tmp_path):
    """A formula's members are those of the text's year: 三个自信 and 四位一体 before, the four
    comprehensives with either first member in 2020–2021."""
    assert _check(tmp_path, "坚定道路自信、理论自信、制度自信。", 2015) == []
    assert _check(tmp_path, "推进经济建设、政治建设、文化建设、社会建设。", 2010) == []
    old = "协调推进全面建成小康社会、全面深化改革、全面依法治国、全面从严治党。"
    new = "协调推进全面建设社会主义现代化国家、全面深化改革、全面依法治国、全面从严治党。"
    assert _check(tmp_path, old, 2017) == []
    assert _check(tmp_path, new, 2017) == [(RULE, 3, 5, "全面建设社会主义现代化国家", "全面建成小康社会")]
    for year in (2020, 2021):
        assert _check(tmp_path, old, year) == _check(tmp_path, new, year) == []
    # a text whose year is unknown is held to no formula that changed
    assert _check(tmp_path, "坚定道路自信、理论自信、制度自信、历史自信。", None) == []


def test_member_table_is_complete():
    for f in MEMBERS:
        assert f.title and f.source and f.members_en and len(f.members) >= 3
        for i in range(len(f.members)):  # every member is an item of the formula's make
            assert all(f.member_of(w) == i for w in f.members[i].split("|"))
            assert f.item_re.pattern and __import__("regex").fullmatch(f.item, f.members[i].split("|")[0])


# --- 2. a long formula with a character dropped, added or swapped ---------------------------


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("深入学习习近平新时代特色社会主义思想。", (3, 5, "习近平新时代特色社会主义思想")),
        ("深入学习习近平新时代中国特色社会主意思想。", (3, 5, "习近平新时代中国特色社会主意思想")),
        ("深入学习习近平新时代中国特色的社会主义思想。", (3, 5, "习近平新时代中国特色的社会主义思想")),
        ("以习近平新时代中国特社会主义思想为指导。", (3, 2, "习近平新时代中国特社会主义思想")),
    ],
)
def test_misworded_guiding_thought(tmp_path, text, found):
    assert _check(tmp_path, text) == [(RULE, *found, "习近平新时代中国特色社会主义思想")]


@pytest.mark.parametrize(
    ("text", "found", "fixed"),
    [
        (
            "在以习近平总书记为核心的党中央坚强领导下。",
            (3, 2, "以习近平总书记为核心的党中央"),
            "以习近平同志为核心的党中央",
        ),
        ("团结在以习近平为核心的党中央周围。", (3, 4, "以习近平为核心的党中央"), "以习近平同志为核心的党中央"),
        (
            "坚决维护习近平同志党中央的核心、全党的核心地位。",
            (3, 3, "维护习近平同志党中央的核心、全党的核心地位"),
            "维护习近平总书记党中央的核心、全党的核心地位",
        ),
        ("坚决维护党中央权威和统一领导。", (3, 3, "维护党中央权威和统一领导"), "维护党中央权威和集中统一领导"),
        (
            "党确立习近平总书记党中央的核心、全党的核心地位。",
            (3, 2, "确立习近平总书记党中央的核心、全党的核心地位"),
            "确立习近平同志党中央的核心、全党的核心地位",
        ),
        ("培育和践行社会主义核心价直观。", (3, 6, "社会主义核心价直观"), "社会主义核心价值观"),
        ("深化供给侧结构改革。", (3, 3, "供给侧结构改革"), "供给侧结构性改革"),
        ("坚持中国特色社会主义理论休系。", (3, 3, "中国特色社会主义理论休系"), "中国特色社会主义理论体系"),
    ],
)
def test_misworded_formula(tmp_path, text, found, fixed):
    assert _check(tmp_path, text) == [(RULE, *found, fixed)]


@pytest.mark.parametrize(
    "text",
    [
        "开展学习贯彻习近平新时代中国特色社会主义思想主题教育。",
        "坚持以习近平新时代中国特色社会主义思想为指导。",
        "学习《习近平新时代中国特色社会主义思想学习纲要》《习近平新时代中国特色社会主义思想三十讲》。",
        "学习《习近平新时代特色社会主义思想三十讲》。",  # a title is cited as written
        "贯彻习近平新时代中国特色社会主义经济思想、习近平生态文明思想、习近平强军思想。",
        "在以习近平同志为核心的党中央坚强领导下；坚定维护以习近平同志为核心的党中央权威和集中统一领导。",
        "坚决维护习近平总书记党中央的核心、全党的核心地位，坚决维护党中央权威和集中统一领导。",
        "党确立习近平同志党中央的核心、全党的核心地位，确立习近平新时代中国特色社会主义思想的指导地位。",
        "培育和践行社会主义核心价值观；建设社会主义核心价值体系；树立社会主义荣辱观。",
        "推进供给侧结构性改革；深化需求侧管理；形成中国特色社会主义法律体系、话语体系。",
        "坚持以人民为中心的发展思想。",
        "学习习近平\n新时代中国特色社会主义思想。",
    ],
)
def test_misworded_silent(tmp_path, text):
    assert _check(tmp_path, text) == []


def test_misworded_by_year(tmp_path):
    """以习近平同志为总书记的党中央 is the wording of 2012–2016; 为核心 from the Sixth Plenum of 2016."""
    text = "在以习近平同志为总书记的党中央坚强领导下。"
    assert _check(tmp_path, text, 2015) == []
    assert _check(tmp_path, text, 2018) == [(RULE, 3, 2, "以习近平同志为总书记的党中央", "以习近平同志为核心的党中央")]


# --- 3. a slogan after another slogan's verb --------------------------------------------------


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("全局坚决做到“两个确立”。", [(3, 5, "做到", None)]),
        ("全局增强“两个确立”。", [(3, 3, "增强", None)]),
        ("全局坚定“四个意识”。", [(3, 3, "坚定", "增强")]),
        ("全局做到“四个意识”、做到“四个自信”。", [(3, 3, "做到", "增强"), (3, 12, "做到", "坚定")]),
        ("全局增强“两个维护”；全局坚定‘两个维护’。", [(3, 3, "增强", "做到"), (3, 14, "坚定", "做到")]),
        # the two slogans swapped: no mechanical fix
        ("深刻领悟“两个维护”的决定性意义，坚决做到“两个维护”。", [(3, 3, "领悟", None)]),
        # without its quotation marks: the verb, then the marks
        ("坚决做到两个确立。", [(3, 3, "做到", None), (3, 5, "两个确立", "“两个确立”")]),
    ],
)
def test_verb_flagged(tmp_path, text, found):
    assert _check(tmp_path, text) == [(RULE, *f) for f in found]


@pytest.mark.parametrize(
    "text",
    [
        "增强“四个意识”、坚定“四个自信”、做到“两个维护”，深刻领悟“两个确立”的决定性意义。",
        "坚定拥护“两个确立”、坚决做到“两个维护”；忠诚捍卫“两个确立”。",
        "牢固树立“四个意识”；深刻认识“两个确立”的决定性意义。",
        # 十九大报告: 更加自觉地增强道路自信、理论自信、制度自信、文化自信
        "更加自觉地增强“四个自信”。",
        # the verb governs a noun the slogan qualifies
        "增强“两个维护”的政治自觉；坚定“四个意识”的思想根基。",
    ],
)
def test_verb_silent(tmp_path, text):
    assert _check(tmp_path, text) == []


def test_verb_by_year(tmp_path):
    assert _check(tmp_path, "坚决做到“两个确立”。", 2021) == []


# --- messages, the table, the seed ------------------------------------------------------------


def test_messages_say_the_right_wording(tmp_path):
    p = tmp_path / "a.md"
    p.write_text(
        "# 单位\n\n2022年，坚定道路自信、理论自信、制度自信、历史自信。增强政治意识、大局意识、核心意识。"
        "学习习近平新时代特色社会主义思想。坚决做到“两个确立”。\n",
        encoding="utf-8",
    )
    zh = [f.message for f in findings_of([p], [RULE])]
    assert zh[0].startswith(
        "“历史自信”不是“四个自信”的内容：“四个自信”是道路自信、理论自信、制度自信、文化自信，此处应作“文化自信”"
    )
    assert zh[1].startswith(
        "“政治意识、大局意识、核心意识”缺项：“四个意识”是政治意识、大局意识、核心意识、看齐意识，此处缺“看齐意识”"
    )
    assert zh[2].startswith("固定表述“习近平新时代特色社会主义思想”有错漏字，应作 习近平新时代中国特色社会主义思想")
    assert zh[3].startswith("“做到”与其后的提法不搭配，规范表述为 深刻领悟“两个确立”的决定性意义")
    config = Config()
    config.lang = "en"
    en = [f.message for f in findings_of([p], [RULE], config)]
    assert en[0].startswith("“历史自信” is not one of “四个自信”") and "write “文化自信”" in en[0]
    assert en[1].startswith("“政治意识、大局意识、核心意识” leaves out “看齐意识”")
    assert en[2].startswith(
        "Fixed formula “习近平新时代特色社会主义思想” is misworded: write 习近平新时代中国特色社会主义思想"
    )
    assert en[3].startswith(
        "“做到” does not go with the slogan after it: the fixed wording is 深刻领悟“两个确立”的决定性意义"
    )


def test_new_entries_leave_their_canonical_form_alone():
    for f in FORMULAE:
        assert not any(p.search(f.canonical) for p in f.compiled), f.id


def test_cli_reports_rule_line_and_column(tmp_path, cli):
    (tmp_path / "yearbook-2022.txt").write_text(
        "单位\n\n全局坚定道路自信、理论自信、制度自信、历史自信，坚决做到“两个确立”。\n", encoding="utf-8"
    )
    out = cli("check", tmp_path / "yearbook-2022.txt", "--select", RULE, "--format", "json").json()
    assert [(f["rule"], f["line"], f["column"]) for f in out["findings"]] == [(RULE, 3, 20), (RULE, 3, 27)]
    assert [f["data"]["formula"] for f in out["findings"]] == ["four-confidences-members", "two-establishes-verb"]


def test_development_philosophy_named_in_full(tmp_path):
    """Two of the five before 新发展理念 are the formula, before 发展理念 alone a part of it."""
    assert _check(tmp_path, "树立创新、协调、绿色发展理念。") == []
    assert _check(tmp_path, "树立创新、协调、绿色的新发展理念。") == [
        (RULE, 3, 3, "创新、协调、绿色", "创新、协调、绿色、开放、共享")
    ]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("全面贯彻党的二十大和二十届三中、二中、四中全会精神。", [(3, 14, "三中、二中、四中", "二中、三中、四中")]),
        ("全面贯彻党的二十大和二十届二中、三中、四中全会精神。", []),
        ("学习党的十九届四中和五中全会精神。", []),
        # the sessions' whole names, 党的 kept in front
        (
            "认真学习贯彻党的十九届七中全会、十九届六中全会和党的二十大精神。",
            [(3, 7, "党的十九届七中全会、十九届六中全会", "党的十九届六中全会、十九届七中全会")],
        ),
        ("认真学习贯彻党的十九届六中全会、十九届七中全会和党的二十大精神。", []),
        (
            "学习党的二十届二中全会和十九届六中全会精神。",
            [(3, 3, "党的二十届二中全会和十九届六中全会", "党的十九届六中全会和二十届二中全会")],
        ),
        ("学习党的十九届六中全会、二十届一中全会精神。", []),
    ],
)
def test_plenary_sessions_in_the_order_they_were_held(tmp_path, text, found):
    assert _check(tmp_path, text, year=2025) == [(RULE, *f) for f in found]
