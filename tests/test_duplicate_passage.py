import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import FIXTURES, SEED, findings_of, where
from hypothesis import given, settings
from hypothesis import strategies as st

from yblint.checks.duplicate_passage import similarity_percent
from yblint.config import Config
from yblint.text.diffs import char_diffs

RULE = ["duplicate-passage"]
DUPS = FIXTURES / "duplicates"

# a passage of about 90 CJK characters and unrelated filler, so that tests build drafts from parts
PASSAGE = (
    "聚焦民生增进民生福祉。重机宿舍区地块搬迁项目1112户居民实现签约清零，分三批次组织搬迁项目回迁看房、"
    "选房回迁活动，最终选定安置房房屋226套，圆满完成201户居民现房安置。"
)
PASSAGE2 = (
    "精细管理资产保值增值。目前管理安置房小区14个，经营性房产345套，建立品牌化蓝领公寓，实现马上里出租率89%以上。"
)
FILLER = [
    "全年举办运河文化节系列活动，接待游客较上年明显增长，文旅融合发展取得新成效。",
    "深化工会派出庭工作，培育集体协商提质增效试点，维权服务窗口好评率稳步提升。",
    "组建青年宣讲团，发动基层团支部开展主题教育活动，制作宣传片多部。",
    "建立四新领域妇联组织，开展走访妇女群众活动，为群众办实事。",
    "普及急救培训，新增人体器官捐献志愿者，全区社区全部建立红十字组织。",
    "优化交通组织，科学信号配时，完善交通设施，打通断头路多条。",
]


def draft(*units: tuple[str, list[str]]) -> str:
    """Plain text: a short heading line, then paragraphs, blank lines between."""
    parts = []
    for name, paragraphs in units:
        parts.append(name)
        parts.extend(paragraphs)
    return "\n\n".join(parts) + "\n"


def run(tmp_path: Path, text: str, name: str = "a.txt", config: Config | None = None):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return findings_of([p], RULE, config)


def span_of(text: str, needle: str) -> tuple[int, int]:
    i = text.index(needle)
    return i, i + len(needle)


# --- the seed page -------------------------------------------------------------------------------


def test_seed_page_two_findings_exact_spans():
    fs = findings_of([SEED], RULE)
    assert [(f.rule, *f.location.range()) for f in fs] == [
        ("duplicate-passage", 41, 272, 41, 368),
        ("duplicate-passage", 163, 144, 171, 77),
    ]
    gongshang, gongtouzi = fs
    assert [r.range() for r in gongshang.related] == [(73, 106, 73, 201)]
    assert [r.range() for r in gongtouzi.related] == [(131, 12, 139, 77)]
    assert gongshang.location.unit_name == "区工商联"
    assert gongshang.related[0].unit_name == "区科技工业区管委会"
    assert gongtouzi.location.unit_name == "拱投资"
    assert gongtouzi.related[0].unit_name == "区城投集团"


def test_seed_page_data():
    gongshang, gongtouzi = findings_of([SEED], RULE)
    assert gongshang.location.text.startswith("项目16个，核心产业、攻坚企业8家")
    assert gongshang.data["diffs"] == [{"copy": "核心产业、攻坚企业8家", "original": "核心产业线上企业8家"}]
    assert gongshang.data["direction_reason"] == "unclosed-bracket"
    assert 0.95 < gongshang.data["similarity"] < 1
    assert gongshang.data["other_unit"] == "区科技工业区管委会"
    assert gongshang.data["other_line"] == 73
    assert gongtouzi.location.text.startswith("围绕“快收地")
    assert gongtouzi.location.text.endswith("共计30余家。")
    assert gongtouzi.data["similarity"] == 1.0
    assert gongtouzi.data["diffs"] == []
    assert gongtouzi.data["direction_reason"] == "later"
    assert gongtouzi.data["other_path"].endswith("gongshu-yearbook-2021-page5.txt")
    assert "区城投集团" in gongtouzi.message and "第131行" in gongtouzi.message and "改写或删除" in gongtouzi.message


def test_key_is_the_copied_text_without_spacing():
    _, gongtouzi = findings_of([SEED], RULE)
    assert gongtouzi.key.startswith("围绕“快收地、收好地、实现效益最大化”工作思路，今年已成功出让4宗地块")
    assert gongtouzi.key.endswith("共计30余家。")
    assert not any(ch.isspace() for ch in gongtouzi.key)


# --- exact and near copies -----------------------------------------------------------------------


def test_exact_copy_across_units(tmp_path):
    text = draft(("区城投集团", [FILLER[0], PASSAGE]), ("拱投资", [FILLER[1], PASSAGE, FILLER[2]]))
    [f] = run(tmp_path, text)
    second = text.index(PASSAGE, text.index("拱投资"))
    assert (f.location.start, f.location.end) == (second, second + len(PASSAGE))
    assert [(r.start, r.end) for r in f.related] == [span_of(text, PASSAGE)]
    assert f.data["similarity"] == 1.0 and f.data["chars"] == len(PASSAGE)
    assert f.data["other_unit"] == "区城投集团"


def test_changed_figures_do_not_hide_a_copy(tmp_path):
    near = PASSAGE.replace("1112", "1306").replace("226", "240")
    text = draft(("区城投集团", [PASSAGE]), ("拱投资", [FILLER[1], near]))
    [f] = run(tmp_path, text)
    assert f.location.text == near
    assert f.data["similarity"] == 1.0
    # cut at word boundaries (搬迁 and 实现 whole)
    assert [d["copy"] for d in f.data["diffs"]] == ["搬迁项目1306户居民实现", "房房屋240套"]
    assert [d["original"] for d in f.data["diffs"]] == ["搬迁项目1112户居民实现", "房房屋226套"]
    # the wording is the same, only figures differ: never “相似度100%” next to a change
    assert f.data["figures_only"] is True
    assert "雷同，只有数字不同：“搬迁项目1112户居民实现”→“搬迁项目1306户居民实现”" in f.message
    assert "相似度" not in f.message


def test_substituted_characters_and_punctuation(tmp_path):
    near = PASSAGE.replace("签约清零", "签约完成").replace("，", ",").replace("看房、选房", "看房选房")
    text = draft(("区城投集团", [PASSAGE]), ("拱投资", [near]))
    [f] = run(tmp_path, text)
    assert f.location.text == near
    assert 0.9 <= f.data["similarity"] < 1
    assert {"copy": "实现签约完成，分", "original": "实现签约清零，分"} not in f.data["diffs"]  # context stops at ，
    assert any("完成" in d["copy"] and "清零" in d["original"] for d in f.data["diffs"])


def test_too_different_is_not_a_copy(tmp_path):
    # about one character in five changed: similarity well under 0.9
    chars = list(PASSAGE)
    for i in range(2, len(chars), 5):
        if "\u4e00" <= chars[i] <= "\u9fff":
            chars[i] = "甲"
    text = draft(("区城投集团", [PASSAGE]), ("拱投资", ["".join(chars)]))
    assert run(tmp_path, text) == []


def test_short_shared_phrase_is_not_reported(tmp_path):
    phrase = "围绕高质量发展大运河数智未来城目标，核心产业、攻坚企业8家。"  # under 40 characters
    text = draft(("区科技工业区", [FILLER[0] + phrase]), ("区工商联", [FILLER[1] + phrase]))
    assert run(tmp_path, text) == []


def test_multi_paragraph_copy_with_other_split_is_one_finding(tmp_path):
    original = [PASSAGE, PASSAGE2]
    # the copy joins the two paragraphs and splits them elsewhere
    joined = PASSAGE + PASSAGE2
    cut = len(PASSAGE) + 20
    copy = [FILLER[3], joined[:cut], joined[cut:]]
    text = draft(("区城投集团", [FILLER[0], *original]), ("拱投资", copy))
    [f] = run(tmp_path, text)
    start = text.index(joined[:cut])
    assert (f.location.start, f.location.end) == (start, text.rindex(joined[cut:]) + len(joined[cut:]))
    [r] = f.related
    assert (r.start, r.end) == (text.index(PASSAGE), text.index(PASSAGE2) + len(PASSAGE2))
    assert f.data["diffs"] == []


def test_cross_file(tmp_path):
    a = tmp_path / "a.txt"
    b = tmp_path / "b.txt"
    a.write_text(draft(("区城投集团", [FILLER[0], PASSAGE])), encoding="utf-8")
    b.write_text(draft(("拱投资", [FILLER[1], PASSAGE])), encoding="utf-8")
    fa, fb = findings_of([a, b], RULE)
    # no evidence (no git, no year, no splice): reported in both units, each naming the other,
    # saying which is the copy cannot be told (each unit's draft is reviewed on its own)
    for f, here, there, unit in ((fa, "a.txt", "b.txt", "拱投资"), (fb, "b.txt", "a.txt", "区城投集团")):
        assert f.document.path.endswith(here) and f.related[0].document.path.endswith(there)
        assert f.data["direction_reason"] == "unknown" and f.data["other_path"].endswith(there)
        assert f.data["other_unit"] == unit and f"与“{unit}”" in f.message
        assert "无法判断哪一方是原文" in f.message and "照搬了其他单位" not in f.message
    assert fa.location.text == fb.related[0].text and fb.location.text == fa.related[0].text
    # a commit hook on either draft tells that draft
    for linted, other in ((a, b), (b, a)):
        [f] = findings_of([linted], RULE, Config(corpus=[str(other)]))
        assert f.document.path == str(linted) and f.data["direction_reason"] == "unknown"


def test_fixture_pair_with_corpus(cli):
    res = cli(
        "check",
        DUPS / "2022-chapter.md",
        "--corpus",
        str(DUPS / "2021-chapter.md"),
        "--select",
        "duplicate-passage",
        "--format",
        "json",
    )
    [f] = res.json()["findings"]
    assert (f["path"], f["line"], f["column"], f["end_line"], f["end_column"]) == (
        str(DUPS / "2022-chapter.md"),
        5,
        1,
        7,
        39,
    )
    assert f["data"]["direction_reason"] == "year"  # 2021 before 2022, by the paths
    assert f["related"][0]["path"].endswith("2021-chapter.md")
    assert (f["related"][0]["line"], f["related"][0]["end_line"]) == (5, 7)
    assert "参照材料" in f["message"]


def test_reference_is_not_taken_for_the_original(tmp_path, cli):
    # the reference's passage starts mid-sentence: the reference is the copy, and the checked
    # file, its original, is not flagged (a reference document is not the original as such)
    checked = tmp_path / "a.txt"
    ref = tmp_path / "z.txt"
    checked.write_text(draft(("拱投资", [PASSAGE])), encoding="utf-8")
    ref.write_text(draft(("区城投集团", ["去年，集团" + PASSAGE])), encoding="utf-8")
    res = cli("check", checked, "--corpus", str(ref), "--select", "duplicate-passage", "--format", "json")
    assert res.json()["findings"] == []
    # no evidence either way: reported in the checked file, without calling it the copy
    ref.write_text(draft(("区城投集团", [PASSAGE])), encoding="utf-8")
    res = cli("check", checked, "--corpus", str(ref), "--select", "duplicate-passage", "--format", "json")
    [f] = res.json()["findings"]
    assert f["path"].endswith("a.txt") and f["data"]["direction_reason"] == "unknown"
    assert "无法判断哪一方是原文" in f["message"] and "往年" not in f["message"]
    res = cli("check", checked, "--corpus", str(ref), "--select", "duplicate-passage", "--lang", "en")
    assert "Which one is the original cannot be told" in res.out


LAST_YEAR = (
    "{y}年，区民政局深化居家养老服务改革，建成居家养老服务中心{a}家、社区养老服务站{b}个，新增养老床位{c}张。"
    "开展“助老员”培训{d}期，培训人员{e}人次。推进老年食堂建设，全区老年食堂达到{f}家，日均服务老人{g}人次。"
)


def test_figures_left_as_they_were_in_a_copy_of_last_years_text(tmp_path, cli):
    old = dict(y=2021, a=16, b=52, c=280, d=12, e=860, f=45, g="3,200")
    (tmp_path / "2021").mkdir()
    (tmp_path / "2022").mkdir()
    (tmp_path / "2021" / "区民政局.md").write_text(f"# 区民政局\n\n{LAST_YEAR.format(**old)}\n", encoding="utf-8")
    new = tmp_path / "2022" / "区民政局.md"

    def finding(**changed):
        new.write_text(f"# 区民政局\n\n{LAST_YEAR.format(**(old | changed))}\n", encoding="utf-8")
        args = ("check", new, "--corpus", str(tmp_path / "2021" / "*.md"), "--select", "duplicate-passage")
        [f] = cli(*args, "--format", "json").json()["findings"]
        return f, cli(*args, "--lang", "en").out

    f, en = finding(y=2022, a=18, b=56, f=52, g="3,600")
    assert f["data"]["unchanged_figures"] == ["280张", "12期", "860人次"]
    assert "其中“280张”“12期”“860人次”与参照材料相同，是否未按本年数据更新？" in f["message"]
    assert "Its figures 280张, 12期, 860人次 are the same as there" in en
    # only the year changed: every figure is named (the first four, then 等)
    f, _ = finding(y=2022)
    assert len(f["data"]["unchanged_figures"]) == 7 and "“280张”“12期”等与参照材料相同" in f["message"]
    # every figure updated, or the wording changed too: nothing to name
    f, _ = finding(y=2022, a=18, b=56, c=320, d=14, e=900, f=52, g="3,600")
    assert f["data"]["unchanged_figures"] == [] and "是否未按本年数据更新" not in f["message"]


def test_within_unit_repeat(tmp_path):
    text = draft(("区城投集团", [PASSAGE, FILLER[0], PASSAGE]))
    [f] = run(tmp_path, text)
    second = text.rindex(PASSAGE)
    assert (f.location.start, f.location.end) == (second, second + len(PASSAGE))
    assert (f.related[0].start, f.related[0].end) == span_of(text, PASSAGE)
    assert "本单位" in f.message


def test_within_unit_adjacent_repeat(tmp_path):
    text = draft(("区城投集团", [PASSAGE + PASSAGE]))
    [f] = run(tmp_path, text)
    second = text.rindex(PASSAGE)
    assert (f.location.start, f.location.end) == (second, second + len(PASSAGE))


def test_parallel_enumeration_in_one_unit_is_not_a_repeat(tmp_path):
    frame = "新招生{}万人，毕业学生{}万人，在校学生达到{}万人，比上年增长{}%，办学条件和教学质量进一步改善；"
    para = "普通高校" + frame.format(16, 6, 38, 32) + "中等专业学校" + frame.format(44, 17, 80, 49)
    para += "普通中学" + frame.format(213, 97, 506, 30) + "小学" + frame.format(2300, 1380, 6200, 12)
    assert run(tmp_path, draft(("教育", [para]))) == []


def test_boilerplate_in_five_units_is_left_alone(tmp_path):
    # not a political formula (those are never copies: tests/test_editorial_duplicates.py)
    stock = (
        "围绕盘活存量土地的工作思路，统筹推进土地收储出让和安置房建设，"
        "全力保障重点项目的要素供给，加快老旧小区综合改造提升。"
    )
    units = [(f"单位{i}", [stock + FILLER[i]]) for i in range(5)]
    assert run(tmp_path, draft(*units)) == []
    # in four units it is a copy (three findings: each later unit copies the first)
    assert len(run(tmp_path, draft(*units[:4]), "b.txt")) == 3


def test_a_passage_copied_into_five_units_or_more_is_still_a_copy(tmp_path):
    """A phrase in five units is boilerplate; a paragraph of ninety characters in six units is no
    phrase: it was copied, and each later copy is reported against the first."""
    units = [(f"单位{i}", [FILLER[i], PASSAGE]) for i in range(6)]
    fs = run(tmp_path, draft(*units))
    assert [f.location.unit_name for f in fs] == [f"单位{i}" for i in range(1, 6)]
    assert {f.related[0].unit_name for f in fs} == {"单位0"}
    assert [r.unit_name for r in fs[-1].related] == [f"单位{i}" for i in range(5)]  # fellow copies listed
    assert all("一字不差" in f.message for f in fs)


def test_a_passage_in_six_units_with_a_word_changed_in_one(tmp_path):
    edited = PASSAGE.replace("分三批次组织", "分两个批次组织")
    units = [(f"单位{i}", [FILLER[i], edited if i == 3 else PASSAGE]) for i in range(6)]
    fs = run(tmp_path, draft(*units))
    assert [f.location.unit_name for f in fs] == [f"单位{i}" for i in range(1, 6)]
    [changed] = [f for f in fs if f.location.unit_name == "单位3"]
    assert "分三批次组织" in changed.message and "一字不差" not in changed.message


def test_a_passage_in_ten_units_is_the_books_template(tmp_path):
    own = "甲乙丙丁戊己庚辛壬癸"
    units = [(f"单位{i}", [f"{own[i]}单位全年召开专题会议，研究部署{own[i]}类重点工作。", PASSAGE]) for i in range(10)]
    assert run(tmp_path, draft(*units)) == []
    # still the template when a few units changed a word of it (its hashes around each change
    # are in fewer units: the run is judged by its widest)
    edits = {2: ("分三批次组织", "分两个批次组织"), 5: ("圆满完成", "顺利完成"), 7: ("回迁看房", "回迁选房")}
    varied = [(n, [p[0], PASSAGE.replace(*edits[i]) if i in edits else p[1]]) for i, (n, p) in enumerate(units)]
    assert run(tmp_path, draft(*varied), "c.txt") == []
    cfg = Config()
    cfg.rules = {"duplicate-passage": {"passage_chars": 0}}  # turned off: six units are boilerplate too
    assert run(tmp_path, draft(*units[:6]), "b.txt", cfg) == []


def test_marked_quotation_is_not_a_copy(tmp_path):
    text = draft(("区城投集团", [PASSAGE]), ("拱投资", ["正如集团报告所说：“" + PASSAGE + "”这为我们提供了借鉴。"]))
    assert run(tmp_path, text) == []


def test_splice_into_own_sentence_marks_the_copy(tmp_path):
    # the earlier unit holds the copy: its sentence runs into the copied text
    copy = "我们出台《关于促进民营经济发展的意见" + PASSAGE
    text = draft(("区工商联", [FILLER[0], copy]), ("区城投集团", [FILLER[1], PASSAGE]))
    [f] = run(tmp_path, text)
    assert f.location.unit_name == "区工商联"
    assert f.data["direction_reason"] == "unclosed-bracket"
    text = draft(("区工商联", [FILLER[0], "我们积极推动" + PASSAGE]), ("区城投集团", [FILLER[1], PASSAGE]))
    [f] = run(tmp_path, text, "b.txt")
    assert f.location.unit_name == "区工商联"
    assert f.data["direction_reason"] == "mid-sentence"


def test_an_original_with_a_clause_more_is_not_taken_for_a_splice(tmp_path):
    """The original has a clause the copy left out, and the clause repeats the words the paragraph
    opens with: the alignment keeps the later ones, so the original's passage seems to begin inside
    its sentence. Its sentence opens with the words the copy's passage opens with: no evidence of a
    splice, and the copy is reported (which one is the original cannot be told by the text)."""
    tail = (
        "推行项目审批“一窗受理”，审批时限压缩至5个工作日；全面推行“容缺受理+告知承诺”改革，"
        "全年走访服务企业1260家次，收集解决企业诉求386件，办结率98.7%。"
    )
    original = "【数字政府建设】深入落实《北湖区数字政府建设三年行动计划（2024—2026年）》，" + tail
    copy = "【数字政府建设】" + tail.replace("5个", "3个").replace("1260", "620").replace("386", "214")
    (tmp_path / "a.txt").write_text(draft(("区发展和改革局", [FILLER[0], original])), encoding="utf-8")
    (tmp_path / "b.txt").write_text(draft(("区经济开发区管委会", [FILLER[1], copy])), encoding="utf-8")
    found = findings_of([tmp_path / "a.txt", tmp_path / "b.txt"], RULE)  # told in both units
    assert [Path(f.location.document.path).name for f in found] == ["a.txt", "b.txt"]
    assert all(f.data["direction_reason"] == "unknown" for f in found)
    assert [f.related[0].unit_name for f in found] == ["区经济开发区管委会", "区发展和改革局"]
    # a sentence of the unit's own words running into the copied text is still a splice
    (tmp_path / "a.txt").write_text(draft(("区发展和改革局", [FILLER[0], tail])), encoding="utf-8")
    spliced = "我们积极对标先进地区，" + tail
    (tmp_path / "c.txt").write_text(draft(("区经济开发区管委会", [FILLER[1], spliced])), encoding="utf-8")
    [f] = findings_of([tmp_path / "a.txt", tmp_path / "c.txt"], RULE)
    assert Path(f.location.document.path).name == "c.txt"
    assert f.data["direction_reason"] == "mid-sentence"


def test_a_unit_ending_in_another_unit_s_passage_is_the_copy(tmp_path):
    """The passage ends 区商务局's last paragraph, after its own sentences, and stands inside the
    zone's section, a paragraph after it: 区商务局 holds the copy, though it comes first."""
    shared = "园区新增国家高新技术企业17家、省级企业研发中心5家，规模以上工业企业研发费用占营业收入比重达到3.1%。"
    text = draft(
        ("区商务局", [FILLER[0], "全年开展促消费活动46场，带动销售额1.36亿元。" + shared]),
        ("区经济开发区管委会", ["全年新签约项目31个，华创新材项目建成投产。" + shared, FILLER[1]]),
    )
    [f] = run(tmp_path, text)
    assert f.location.unit_name == "区商务局"
    assert f.data["direction_reason"] == "unit-end"
    # the passage a whole paragraph of its own at the unit's end: no evidence of a splice
    zone = ("区经济开发区管委会", ["全年新签约项目31个。" + shared, FILLER[1]])
    text = draft(("区商务局", [FILLER[0], shared]), zone)
    [f] = run(tmp_path, text, "b.txt")
    assert f.data["direction_reason"] != "unit-end"


def test_three_units_with_the_same_passage(tmp_path):
    text = draft(("甲单位", [PASSAGE]), ("乙单位", [FILLER[0], PASSAGE]), ("丙单位", [FILLER[1], PASSAGE]))
    fs = run(tmp_path, text)
    assert [f.location.unit_name for f in fs] == ["乙单位", "丙单位"]
    assert fs[0].related[0].unit_name == "甲单位"
    assert fs[1].related[0].unit_name == "甲单位"
    assert [r.unit_name for r in fs[1].related] == ["甲单位", "乙单位"]


def test_the_first_occurrence_copying_two_later_ones(tmp_path):
    """Occurrences are paired with the first one only (#14); when that first one is by the years
    the copy of both others, the two others are still compared: the 2020 draft copies the 2019 one."""
    (tmp_path / "1-2021.txt").write_text(draft(("甲单位", [FILLER[0], PASSAGE])), encoding="utf-8")
    (tmp_path / "2-2019.txt").write_text(draft(("乙单位", [PASSAGE])), encoding="utf-8")
    (tmp_path / "3-2020.txt").write_text(draft(("丙单位", [FILLER[1], PASSAGE])), encoding="utf-8")
    fs = findings_of(sorted(tmp_path.glob("*.txt")), RULE)
    assert [(Path(f.location.document.path).name, f.related[0].unit_name) for f in fs] == [
        ("1-2021.txt", "乙单位"),
        ("3-2020.txt", "乙单位"),
    ]
    assert [r.unit_name for r in fs[0].related] == ["乙单位", "丙单位"]


def test_a_copy_of_a_copy_names_the_copy_it_took(tmp_path):
    """乙 changed a word of 甲's passage and 丙 took 乙's text as it stands: 丙 is 一字不差 with 乙,
    though only 甲, the first occurrence, was paired with the others by fingerprint (#14)."""
    edited = PASSAGE.replace("签约清零", "签约完成")
    (tmp_path / "2019.txt").write_text(draft(("甲单位", [PASSAGE])), encoding="utf-8")
    (tmp_path / "2020.txt").write_text(draft(("乙单位", [FILLER[0], edited])), encoding="utf-8")
    (tmp_path / "2021.txt").write_text(draft(("丙单位", [FILLER[1], edited])), encoding="utf-8")
    fs = findings_of(sorted(tmp_path.glob("*.txt")), RULE)
    assert [f.location.unit_name for f in fs] == ["乙单位", "丙单位"]
    assert fs[0].related[0].unit_name == "甲单位" and "签约清零" in fs[0].message
    assert [r.unit_name for r in fs[1].related] == ["乙单位", "甲单位"]
    assert "一字不差" in fs[1].message


def test_fingerprint_survives_moving_and_changes_with_an_edit(tmp_path):
    base = draft(("区城投集团", [PASSAGE]), ("拱投资", [FILLER[1], PASSAGE]))
    moved = draft(("区城投集团", [FILLER[4], FILLER[5], PASSAGE]), ("拱投资", [FILLER[2], FILLER[3], PASSAGE]))
    edited = draft(("区城投集团", [PASSAGE]), ("拱投资", [FILLER[1], PASSAGE.replace("签约清零", "签约完成")]))
    [f1] = run(tmp_path, base, "a.txt")
    [f2] = run(tmp_path, moved, "a.txt")
    [f3] = run(tmp_path, edited, "a.txt")
    assert f1.fingerprint == f2.fingerprint
    assert f1.fingerprint != f3.fingerprint


def test_english_message(tmp_path):
    text = draft(("区城投集团", [PASSAGE]), ("拱投资", [FILLER[1], PASSAGE]))
    p = tmp_path / "a.txt"
    p.write_text(text, encoding="utf-8")
    [f] = findings_of([p], RULE, Config(lang="en"))
    assert f.message.startswith("This passage (") and "“区城投集团”" in f.message and "line 3" in f.message


def test_parameters_from_config(tmp_path):
    text = draft(("区城投集团", [PASSAGE]), ("拱投资", [FILLER[1], PASSAGE]))
    p = tmp_path / "a.txt"
    p.write_text(text, encoding="utf-8")
    assert findings_of([p], RULE, Config(rules={"duplicate-passage": {"min_chars": 200}})) == []
    assert len(findings_of([p], RULE, Config(rules={"duplicate-passage": {"min_chars": 30}}))) == 1


def test_markdown_positions():
    fs = findings_of([DUPS / "2021-chapter.md", DUPS / "2022-chapter.md"], RULE)
    assert where(fs) == [("duplicate-passage", 5, 1)]


@pytest.mark.parametrize(
    ("copy", "original", "expected"),
    [
        ("甲乙丙丁", "甲乙丙丁", []),
        ("增长20%，", "增长35%。", [{"copy": "增长20%", "original": "增长35%"}]),
        ("核心产业，企业", "核心产业、企业", []),  # punctuation only
    ],
)
def test_char_diffs(copy, original, expected):
    assert char_diffs(copy, original) == expected


POEMS = (
    "春眠不觉晓处处闻啼鸟夜来风雨声花落知多少"
    "床前明月光疑是地上霜举头望明月低头思故乡"
    "白日依山尽黄河入海流欲穷千里目更上一层楼"
)


def test_the_last_change_listed_takes_in_a_change_right_after_it():
    """Listing stops at the fifth change (#14: the rest of the window is not gone through), but
    not before a change two characters on has joined the fifth: it is one change."""
    copy = list(POEMS)
    for p in (2, 12, 22, 32, 42, 44, 54):
        copy[p] = "某"
    diffs = char_diffs("".join(copy), POEMS)
    assert len(diffs) == 5
    assert diffs[-1] == {"copy": "故乡白日某山某黄河入海流", "original": "故乡白日依山尽黄河入海流"}
    assert char_diffs("".join(copy), POEMS, limit=4) == diffs[:4]


LONG = "".join(chr(0x4E00 + (i * 7919) % 2000) + ("，" if i % 13 == 12 else "") for i in range(1200))


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=0, max_value=len(LONG) - 1))
def test_char_diffs_finds_a_change_anywhere_in_a_long_passage(at):
    """A passage with one character changed, however far from its start, is never 一字不差: the
    windows go on through a first window that holds no change."""
    if LONG[at] == "，":
        at -= 1
    copy = LONG[:at] + "某" + LONG[at + 1 :]
    [d] = char_diffs(copy, LONG)
    assert "某" in d["copy"] and LONG[at] in d["original"]


def test_a_copy_whose_change_comes_late_is_not_called_word_for_word(tmp_path):
    text = "".join(chr(0x4E00 + (i * 7919) % 2000) + ("。" if i % 20 == 19 else "") for i in range(900))
    at = text.index("。", 600) + 5
    changed = text[:at] + "某" + text[at + 1 :]
    (tmp_path / "2020.txt").write_text(f"# 区城投集团\n\n{text}\n", encoding="utf-8")
    (tmp_path / "2021.txt").write_text(f"# 拱投资\n\n{changed}\n", encoding="utf-8")
    [f] = findings_of([tmp_path / "2020.txt", tmp_path / "2021.txt"], RULE)
    assert "一字不差" not in f.message and "某" in f.message


# --- which side is the copy: evidence, or saying there is none (issue #10) ---------------------


def test_direction_from_the_years_in_the_paths(tmp_path):
    # the 2021 file comes first in reading order; the 2020 one is still the original
    (tmp_path / "2020").mkdir()
    (tmp_path / "2021").mkdir()
    new, old = tmp_path / "2021" / "a.txt", tmp_path / "2020" / "b.txt"
    new.write_text(draft(("拱投资", [FILLER[1], PASSAGE])), encoding="utf-8")
    old.write_text(draft(("区城投集团", [FILLER[0], PASSAGE])), encoding="utf-8")
    [f] = findings_of([new, old], RULE)
    assert f.document.path == str(new) and f.data["direction_reason"] == "year"
    assert "无法判断" not in f.message


def test_direction_from_the_year_in_the_title(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("拱墅年鉴（2022）\n\n" + draft(("拱投资", [FILLER[1], PASSAGE])), encoding="utf-8")
    b.write_text("拱墅年鉴（2021）\n\n" + draft(("区城投集团", [FILLER[0], PASSAGE])), encoding="utf-8")
    [f] = findings_of([a, b], RULE)
    assert f.document.path == str(a) and f.data["direction_reason"] == "year"


def _git(repo, *args):
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path, monkeypatch):
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    root = tmp_path / "yearbook"
    (root / "drafts").mkdir(parents=True)
    _git(root, "init", "-q")
    _git(root, "config", "user.email", "editor@example.org")
    _git(root, "config", "user.name", "editor")
    monkeypatch.chdir(root)
    return root


def test_direction_from_git_history(repo, cli):
    # the committed file is the original even though it comes later in reading order and the
    # new file shows no splice
    (repo / "drafts" / "z.txt").write_text(draft(("区城投集团", [FILLER[0], PASSAGE])), encoding="utf-8")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "区城投集团")
    (repo / "drafts" / "a.txt").write_text(draft(("拱投资", [FILLER[1], PASSAGE])), encoding="utf-8")
    _git(repo, "add", "drafts/a.txt")
    res = cli("check", "drafts/a.txt", "drafts/z.txt", "--select", "duplicate-passage", "--format", "json")
    [f] = res.json()["findings"]
    assert f["path"] == "drafts/a.txt" and f["data"]["direction_reason"] == "git"
    assert f["related"][0]["path"] == "drafts/z.txt"


def test_committing_an_original_does_not_copy_an_untracked_scratch_file(repo, cli):
    (repo / ".yblint.yaml").write_text('corpus: ["drafts/*.txt"]\n', encoding="utf-8")
    (repo / "drafts" / "scratch.txt").write_text(draft(("草稿", [FILLER[1], PASSAGE])), encoding="utf-8")
    (repo / "drafts" / "original.txt").write_text(draft(("区城投集团", [FILLER[0], PASSAGE])), encoding="utf-8")
    _git(repo, "add", ".yblint.yaml", "drafts/original.txt")  # what the hook is given
    res = cli("check", "drafts/original.txt", "--select", "duplicate-passage", "--format", "json")
    assert res.code == 0 and res.json()["findings"] == []  # untracked files are not read
    # told to read untracked files too: still not called the copy, for nothing says which is
    (repo / ".yblint.yaml").write_text('corpus: ["drafts/*.txt"]\ncorpus_untracked: true\n', encoding="utf-8")
    res = cli("check", "drafts/original.txt", "--select", "duplicate-passage", "--format", "json")
    [f] = res.json()["findings"]
    assert f["path"] == "drafts/original.txt" and f["data"]["direction_reason"] == "unknown"
    assert "无法判断哪一方是原文" in f["message"]
    assert "参照材料" not in f["message"] and "往年或其他章节" not in f["message"]


def test_corpus_untracked_must_be_a_boolean(repo, cli):
    (repo / ".yblint.yaml").write_text("corpus_untracked: yes please\n", encoding="utf-8")
    (repo / "a.txt").write_text("正文。\n", encoding="utf-8")
    res = cli("check", "a.txt")
    assert res.code == 2 and "corpus_untracked" in res.err


@pytest.mark.parametrize(
    ("copy", "original", "expected"),
    [
        # a change made twice is listed once
        (
            "城镇的增量要明显高于上年，农村的增量要明显高于上年。",
            "城镇的增量要继续高于上年，农村的增量要继续高于上年。",
            [{"copy": "的增量要明显高于上年", "original": "的增量要继续高于上年"}],
        ),
        # never cut inside a word: 经济 stays whole
        (
            "高度评价新时代十年我国经济社会发展成就。",
            "高度评价过去五年我国经济社会发展成就。",
            [{"copy": "高度评价新时代十年我国经济社会", "original": "高度评价过去五年我国经济社会"}],
        ),
    ],
)
def test_char_diffs_whole_words_once(copy, original, expected):
    assert char_diffs(copy, original) == expected


@pytest.mark.parametrize(("value", "shown"), [(1.0, "100%"), (0.996, "99.6%"), (0.9999, "99.9%"), (0.92, "92%")])
def test_similarity_is_never_100_for_different_texts(value, shown):
    assert similarity_percent(value) == shown


def test_an_untracked_file_named_with_corpus_is_read(repo, cli):
    # only what globs and folders match is limited to tracked files; a file named is read
    (repo / "drafts" / "old.txt").write_text(draft(("区城投集团", [FILLER[0], PASSAGE])), encoding="utf-8")
    (repo / "drafts" / "new.txt").write_text(draft(("拱投资", [FILLER[1], PASSAGE])), encoding="utf-8")
    _git(repo, "add", "drafts/new.txt")
    res = cli("check", "drafts/new.txt", "--corpus", "drafts/old.txt", "--select", "duplicate-passage")
    assert res.code == 1 and "drafts/old.txt" in res.out
    res = cli("check", "drafts/new.txt", "--corpus", "drafts/*.txt", "--select", "duplicate-passage")
    assert res.code == 0


def test_direction_from_git_history_of_gb18030_drafts_with_crlf(repo, cli):
    # git blame repeats each line of the draft: bytes that are not UTF-8, and CR before each LF
    text = draft(("区城投集团", [FILLER[0], PASSAGE])).replace("\n", "\r\n")
    (repo / "drafts" / "z.txt").write_bytes(text.encode("gb18030") + b"\r\r\n")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "区城投集团")
    (repo / "drafts" / "a.txt").write_bytes(draft(("拱投资", [FILLER[1], PASSAGE])).encode("gb18030"))
    _git(repo, "add", "drafts/a.txt")  # staged, as the hook is given it
    res = cli("check", "drafts/a.txt", "drafts/z.txt", "--select", "duplicate-passage", "--format", "json")
    assert res.code == 1, res.err
    [f] = res.json()["findings"]
    assert f["path"] == "drafts/a.txt" and f["data"]["direction_reason"] == "git"


CHRONICLE_EVENT = (
    "9月26—28日，中国共产党青山县第十五次代表大会召开，选举产生中国共产党青山县第十五届委员会委员31名、"
    "候补委员5名，县纪律检查委员会委员23名，审议通过大会报告和县纪委工作报告。"
)


@pytest.mark.parametrize(("figure", "found"), [("候补委员5名", False), ("候补委员6名", True)])
def test_a_chronicle_restating_a_unit_is_reported_only_for_other_figures(tmp_path, figure, found):
    unit = tmp_path / "a.md"
    unit.write_text(f"# 中共青山县委员会\n\n【党代会】{CHRONICLE_EVENT}\n", encoding="utf-8")
    entries = "\n\n".join(
        ["1月5日　全县经济工作会议召开。", "3月2日　县委召开全会。", CHRONICLE_EVENT.replace("候补委员5名", figure)]
    )
    chron = tmp_path / "b.md"
    chron.write_text(f"# 大事记\n\n{entries}\n", encoding="utf-8")
    fs = findings_of([unit, chron], RULE)
    if not found:
        assert fs == []
        return
    [f] = fs
    assert f.document.path == str(chron) and f.data["direction_reason"] == "chronicle"
    assert "大事记" in f.message and "候补委员6名" in f.message and "中共青山县委员会" in f.message


@pytest.mark.parametrize(
    ("end", "found"),
    [
        # the words after 为职工追讨欠薪 are 团县委's, figures and all
        ("全年调处劳动争议案件86件，为职工追讨欠薪网上主题团课学习48期，参学青年累计21.6万人次。", True),
        ("全年新建改扩建中小学及幼儿园27所，新增学位2.16万个。", True),
        # its own words; other figures; too few characters; a sentence with one figure
        ("全年调处劳动争议案件86件，为职工追讨欠薪1260万元。", False),
        ("全年调处劳动争议案件86件，网上主题团课学习46期，参学青年累计21.6万人次。", False),
        ("全年调处劳动争议案件86件，参学青年21.6万人次。", False),
        ("全年调处劳动争议案件86件，组织网上主题团课学习，参学青年累计21.6万人次。", False),
    ],
)
def test_a_short_splice_at_a_unit_s_end(tmp_path, end, found):
    text = (
        "# 县总工会\n\n【维权】全年开展劳动法律监督检查42次。\n\n【调解】" + end + "\n\n"
        "# 团县委\n\n【青年大学习】组织开展“青年大学习”网上主题团课学习48期，参学青年累计21.6万人次。"
        "新建改扩建中小学及幼儿园27所，新增学位2.16万个，覆盖全县。\n"
    )
    p = tmp_path / "a.md"
    p.write_text(text, encoding="utf-8")
    fs = findings_of([p], RULE)
    if not found:
        assert fs == []
        return
    [f] = fs
    assert f.data["direction_reason"] == "unit-end" and f.location.unit_name == "县总工会"
    assert f.data["similarity"] == 1.0 and f.data["diffs"] == [] and f.data["unchanged_figures"] == []
    assert f.location.text.endswith("。") and "团县委" in f.message and "拼接" in f.message
    assert f.related[0].unit_name == "团县委"


def test_a_copy_names_the_unit_above_its_numbered_part(tmp_path):
    """The original stands under 区城投集团's 二、主要工作: the finding names 区城投集团."""
    body = "全年完成固定资产投资48.6亿元，同比增长12.3%。推进重点项目建设，完成运河湾安置房项目等18个项目建设。"
    a = tmp_path / "a.txt"
    parts = "一、概况\n\n成立于2009年。\n\n二、主要工作"
    a.write_text(f"区妇联\n\n一、概况\n\n区妇联下设3个部门。\n\n区城投集团\n\n{parts}\n\n{body}\n", encoding="utf-8")
    b = tmp_path / "b.txt"
    b.write_text(f"拱投资\n\n拱投资成立于2015年。\n\n{body}\n", encoding="utf-8")
    (f,) = findings_of([a, b], ["duplicate-passage"])
    assert f.location.document.path.endswith("b.txt")
    assert "与“区城投集团”（" in f.message and "主要工作" not in f.message


def test_drafts_without_headings_are_named_by_their_files(tmp_path):
    """Two units' drafts, each its own file with no heading: the copy's message names the other
    unit by its file's name (区城投集团), not as the untitled opening of a file."""
    (tmp_path / "12-区城投集团.txt").write_text(f"{FILLER[0]}\n\n{PASSAGE}\n", encoding="utf-8")
    (tmp_path / "15-拱投资.txt").write_text(f"{FILLER[1]}\n\n{PASSAGE}\n", encoding="utf-8")
    found = findings_of([tmp_path / "12-区城投集团.txt", tmp_path / "15-拱投资.txt"], RULE)
    assert [(f.location.unit_name, f.data["other_unit"]) for f in found] == [
        ("区城投集团", "拱投资"),
        ("拱投资", "区城投集团"),
    ]
    for f in found:
        assert f"与“{f.data['other_unit']}”" in f.message and "文首无标题部分" not in f.message


def test_a_copy_does_not_run_on_into_the_next_paragraph_by_a_word(tmp_path):
    """Two paragraphs copied, and the paragraphs after them in both units open with 全年: the
    normalised text leaves the break out, so the alignment takes 全年 in; the finding ends with
    the copied paragraphs. A clause with its figure (成立于2015年) before the copy stays in it."""
    first = "集约资源提升土地利用。围绕“快收地、收好地、实现效益最大化”工作思路，成功出让4宗地块，共计出让金73.88亿元。"
    second = "已收储5宗地，共计面积1290.55亩，完成征地拆迁户数326户，拆除违法建筑面积2.3万平方米。"
    a = tmp_path / "a.txt"
    a.write_text(draft(("区城投集团", [FILLER[0], first, second, "全年实现营业收入12.5亿元。"])), encoding="utf-8")
    b = tmp_path / "b.txt"
    b.write_text(draft(("拱投资", [FILLER[1], first, second, "全年新建保障房800套。"])), encoding="utf-8")
    found = findings_of([a, b], RULE)
    assert len(found) == 2
    for f in found:
        text = f.document.text
        assert f.location.text.endswith("2.3万平方米。") and text.index(first) == f.location.start
