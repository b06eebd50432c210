"""Messages as an editor reads them (issue #10, "Never mislead"): marks named rather than wrapped in
quotation marks, short relative-time messages, first person outside quotations only, the
configured place suggested, 首见 pointing at the majority form, an excerpt for every finding."""

from __future__ import annotations

import pytest
from conftest import SEED, findings_of, where
from hypothesis import example, given
from hypothesis import strategies as st

from yblint.checks.pattern_types import quoted_spans
from yblint.config import Config, load_config
from yblint.wording import paragraph_wording


def _lint(tmp_path, text: str, select: list[str], config: Config | None = None, name: str = "a.txt"):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return findings_of([p], select=select, config=config)


# --- unbalanced-punctuation: a mark inside quotation marks is unreadable ----------------------


def test_nested_quotation_marks_are_named(tmp_path):
    [f] = _lint(tmp_path, "“纲要（草案）》把解决“三农”问题放在首位。\n", ["unbalanced-punctuation"])
    assert f.data["problem"] == "mismatch"
    assert f.message.startswith("前引号“与后书名号》不成对（“纲要（草案）》）")
    assert "前引号“要用后引号”闭合" in f.message
    assert "““" not in f.message and "“”" not in f.message and "“》" not in f.message


def test_nested_quotation_marks_are_named_in_english(tmp_path):
    cfg = Config()
    cfg.lang = "en"
    [f] = _lint(tmp_path, "开展”五讲四美”活动，成效明显。\n", ["unbalanced-punctuation"], cfg)
    assert "the first closing quotation mark ” should be an opening quotation mark “" in f.message
    assert "“”" not in f.message


# --- relative-time ----------------------------------------------------------------------------


def test_relative_time_leaves_noun_phrase_mupian_liyi(tmp_path):
    text = "这是符合于人民的目前利益和长远利益的，也照顾了当前利益。目前管理安置房小区14个。\n"
    fs = _lint(tmp_path, text, ["relative-time"])
    assert [(f.rule, f.location.text) for f in fs] == [("relative-time", "目前")]
    assert where(fs) == [("relative-time", 1, 29)]


@pytest.mark.parametrize(
    ("text", "word", "message"),
    [
        ("今年6月上线平台。", "今年", "相对时间词“今年”：写明年份（如“2021年”）。"),
        ("目前管理小区14个。", "目前", "相对时间词“目前”：写明截至的日期（如“截至2021年底”）。"),
        ("近日召开会议。", "近日", "相对时间词“近日”：写明具体日期或起止年份。"),
        ("电竞馆即将完工。", "即将", "预测性说法“即将”：年鉴记已发生的事，写实际完成情况或删除。"),
    ],
)
def test_relative_time_message_is_short_and_to_its_case(tmp_path, text, word, message):
    cfg = Config()
    cfg.year = 2021
    [f] = _lint(tmp_path, text + "\n", ["relative-time"], cfg)
    assert f.location.text == word
    assert f.message == message
    assert len(f.message) <= 40


@pytest.mark.parametrize(
    ("year", "text", "message"),
    [
        (2023, "去年同期完成。", "相对时间词“去年同期”：写明年份（如“2022年”）。"),
        (2023, "明年建成。", "相对时间词“明年”：写明年份（如“2024年”）。"),
        (2023, "前年建成。", "相对时间词“前年”：写明年份（如“2021年”）。"),
        (2023, "目前有14个。", "相对时间词“目前”：写明截至的日期（如“截至2023年底”）。"),
        (None, "今年6月上线平台。", "相对时间词“今年”：写明年份（如“××××年”）。"),
    ],
)
def test_relative_time_suggests_the_drafts_own_years(tmp_path, year, text, message):
    cfg = Config()
    cfg.year = year
    [f] = _lint(tmp_path, text + "\n", ["relative-time"], cfg)
    assert f.message == message


def test_relative_time_takes_the_year_from_the_drafts_title(tmp_path):
    found = _lint(tmp_path, "# 2019年区妇联工作\n\n今年6月上线平台，去年建成。\n", ["relative-time"], name="a.md")
    assert [f.message for f in found] == [
        "相对时间词“今年”：写明年份（如“2019年”）。",
        "相对时间词“去年”：写明年份（如“2018年”）。",
    ]


@pytest.mark.parametrize(
    ("text", "suggested"),
    [
        # two years named once each (a founding year, another unit's): the draft's own is not known
        ("区城投集团成立于2009年。今年完成投资。拱投资成立于2015年。", "××××"),
        # the year named most, more than any other, is taken
        ("2021年完成投资。2021年新建项目。区城投集团成立于2009年。今年完成投资。", "2021"),
        ("2021年完成投资。今年新建项目。", "2021"),
    ],
)
def test_relative_time_suggests_no_year_where_two_are_named_alike(tmp_path, text, suggested):
    """Without year: in the configuration, the path or the title, the year the text names most;
    but where two years are named most, as often, a guess (the later one) is no suggestion."""
    [f] = _lint(tmp_path, "区城投集团\n\n" + text + "\n", ["relative-time"])
    assert f.message == f"相对时间词“今年”：写明年份（如“{suggested}年”）。"


def test_relative_time_long_explanation_is_in_rule_docs(cli):
    r = cli("rule", "relative-time")
    assert r.code == 0
    assert "预测性内容" in r.out and "截至2021年底" in r.out


# --- first-person -----------------------------------------------------------------------------


def test_first_person_inside_long_quotation_is_someone_elses_words(tmp_path):
    quote = (
        "毛主席说过：“中国的改革和建设靠我们来领导。如果我们把作风整顿好了，我们在工作中间就会更加主动，"
        "我们的本领就会更大，我们的工作就会做得更好。”我们要牢记这一点。\n"
    )
    fs = _lint(tmp_path, quote, ["first-person"])
    assert [f.location.text for f in fs] == ["我们"]
    assert where(fs) == [("first-person", 1, quote.index("”我们") + 2)]


def test_first_person_quotation_left_open_runs_to_paragraph_end(tmp_path):
    fs = _lint(tmp_path, "他说：“我们一定完成任务。\n\n我们完成了任务。\n", ["first-person"])
    assert where(fs) == [("first-person", 3, 1)]


def test_first_person_reads_wosuo_shuode_as_verb(tmp_path):
    fs = _lint(tmp_path, "正如我所说的，问题在于落实。我所知道的情况如下。我所承担课题3项。\n", ["first-person"])
    assert [f.location.text for f in fs] == ["我所"]
    assert where(fs) == [("first-person", 1, 25)]


def test_first_person_suggests_no_fixed_district_by_default(tmp_path):
    [f] = _lint(tmp_path, "为我区招引10余家优质企业。\n", ["first-person"])
    assert "拱墅区" not in f.message
    assert "地名全称" in f.message


def test_first_person_suggests_the_configured_place(tmp_path):
    (tmp_path / ".yblint.yaml").write_text("place: 余杭区\n", encoding="utf-8")
    cfg = load_config(str(tmp_path / ".yblint.yaml"))
    assert cfg.place == "余杭区"
    [f] = _lint(tmp_path, "为我区招引10余家优质企业。\n", ["first-person"], cfg)
    assert "“我区”“我市”写作“余杭区”" in f.message


def test_place_must_be_a_name(tmp_path, cli):
    (tmp_path / ".yblint.yaml").write_text("place: [1, 2]\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text("正文。\n", encoding="utf-8")
    r = cli("check", tmp_path / "a.txt", "--config", tmp_path / ".yblint.yaml")
    assert r.code == 2 and "place" in r.err


# --- consistency: 首见 points at the majority form --------------------------------------------


@pytest.mark.parametrize(
    ("rule", "text", "first"),
    [
        ("percent-sign", "增长5%，增长6%，下降7％。", "“%”首见于"),
        ("area-unit", "出让10亩，收储20亩，复垦3公顷。", "“亩”首见于"),
    ],
)
def test_consistency_first_seen_names_the_majority_form(tmp_path, rule, text, first):
    [f] = _lint(tmp_path, text + "\n", [rule])
    assert first in f.message
    assert "，首见 " not in f.message


# --- excerpt ----------------------------------------------------------------------------------


def test_excerpt_is_never_empty(tmp_path, cli):
    p = tmp_path / "a.txt"
    p.write_text("全面完成交办 111个信访件。中文　空格。\n", encoding="utf-8")
    r = cli("check", p, SEED, "--select", "ALL", "--format", "json")
    findings = r.json()["findings"]
    assert {f["rule"] for f in findings} >= {"space-in-cjk", "duplicate-passage", "split-paragraph"}
    assert all(f["excerpt"] for f in findings)
    spaces = [f["excerpt"] for f in findings if f["rule"] == "space-in-cjk" and f["path"].endswith("a.txt")]
    assert spaces == ["␣", "□"]


# --- the pieces ---------------------------------------------------------------------------------


@given(st.text(alphabet=st.sampled_from(list("我们说“”‘’「」『』。，")), max_size=40))
def test_quoted_spans_are_disjoint_quotations(text):
    spans = quoted_spans(text)
    last = 0
    for start, end in spans:
        assert last <= start < end <= len(text)
        assert text[start] in "“‘「『"
        last = end


def test_quoted_spans_nested_and_unclosed():
    text = "他说：“我们要‘我们’做好。”我们。“我们"
    assert quoted_spans(text) == [(3, 15), (18, 21)]


@pytest.mark.parametrize(
    ("template", "lang", "expected"),
    [
        ("第{line}行与第{next_line}行之间的空行", "zh", "第{line}段与第{next_line}段之间的段落分隔"),
        ("在第12行末，第13行首", "zh", "在第12段末，第13段首"),
        ("进行整改，银行贷款", "zh", "进行整改，银行贷款"),  # 行 in words is left alone
        (
            "Line {line} and line {next_line}; remove the blank line",
            "en",
            "Paragraph {line} and paragraph {next_line}; remove the paragraph break",
        ),
        ("between lines 3 and 5", "en", "between paragraphs 3 and 5"),
        ("a streamline of text", "en", "a streamline of text"),
    ],
)
def test_paragraph_wording(template, lang, expected):
    assert paragraph_wording(template, lang) == expected


def _excerpt_reference(text: str, limit: int) -> str:
    text = " ".join(text.split())
    if len(text) > limit:
        half = limit // 2 - 1
        text = text[:half] + "……" + text[-half:]
    return text


@example(["甲乙丙丁戊己庚辛壬癸", " " * 200, "子丑寅卯辰巳午未申酉"], 22)  # long, but short once collapsed
@given(
    st.lists(st.sampled_from(["甲", "乙", "ab", " ", "\u3000", "\n", "  \t", "，"]), max_size=400),
    st.integers(4, 60),
)
def test_excerpt_of_a_long_text_looks_at_its_ends_only(pieces, limit):
    """A long text's excerpt (#14: copied passages of thousands of characters) is the one its whole
    collapsed text gives: the collapsed head and tail of a text begin and end its collapsed whole."""
    from yblint.finding import excerpt

    text = "".join(pieces)
    assert excerpt(text, limit) == _excerpt_reference(text, limit)
