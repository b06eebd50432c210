"""The book index and the three rules on it: name-variant, figure-conflict, partial-period."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from book_drafts import RULES, make_book
from conftest import SEED, findings_of, findings_of_texts, where
from hypothesis import given, settings
from hypothesis import strategies as st

from yblint.config import Config, load_config
from yblint.errors import ConfigError
from yblint.model import Corpus
from yblint.text.book_index import build_index, document_year, find_cutoffs, slogan_key

BOOK = ["name-variant", "figure-conflict", "partial-period"]


def lint_texts(tmp_path: Path, files: dict[str, str], select=BOOK, config: Config | None = None):
    return findings_of_texts(tmp_path, files, select, config)


def two_units(a: str, b: str) -> str:
    return f"区发改局\n\n{a}\n\n区统计局\n\n{b}\n"


# --- the seed page ------------------------------------------------------------------------------


def test_seed_name_variants():
    fs = findings_of([SEED], select=["name-variant"])
    assert where(fs) == [
        ("name-variant", 63, 88),  # 亚运电竞馆 / 亚运电竞场馆, one paragraph
        ("name-variant", 93, 42),  # “四个样板区” / “三个样板区”
        ("name-variant", 149, 20),  # 阿斯利康中金基金 / 中金阿斯利康基金
        ("name-variant", 195, 90),  # 创新性产业用地 / 创新型产业用地
    ]
    got = {(f.location.text, f.related[0].text, f.data["kind"]) for f in fs}
    assert got == {
        ("亚运电竞馆", "亚运电竞场馆", "added"),
        ("四个样板区", "三个样板区", "numeral"),
        ("阿斯利康中金基金", "中金阿斯利康基金", "swap"),
        ("创新性产业用地", "创新型产业用地", "slip"),
    }
    assert not any("六大专项行动" in f.location.text for f in fs)  # written the same way twice


def test_seed_partial_periods():
    fs = findings_of([SEED], select=["partial-period"])
    got = [(f.line, f.location.range()[1], f.location.text) for f in fs]
    for expected in [
        (61, 32, "截止11月15日"),
        (73, 12, "1-9月"),
        (73, 59, "1-10月"),
        (147, 16, "截止9月底"),
        (157, 164, "截止10月底"),
        (177, 12, "1-10月"),
    ]:
        assert expected in got
    # 截至目前 with a figure after it is a cut-off too (line 45: 截止目前已实现新增就业106人)
    assert {t for _, _, t in got} - {"截止11月15日", "1-9月", "1-10月", "截止9月底", "截止10月底"} == {
        "截止目前",
        "截至目前",
    }


def test_seed_no_figure_conflict():
    assert findings_of([SEED], select=["figure-conflict"]) == []


# --- generated drafts: recall on planted variants, silence on look-alike controls -------------


@pytest.mark.parametrize(("seed", "split"), [(s, s % 2 == 1) for s in range(8)])
def test_generated_books(tmp_path, seed, split):
    book = make_book(seed, split=split)
    fs = findings_of(book.write(tmp_path), select=list(RULES))

    def covers(f, text):
        return text in f.location.text or any(text in r.text for r in f.related)

    missed = [p for p in book.plants if not any(f.rule == p.rule and covers(f, p.text) for f in fs)]
    assert missed == []
    extra = [f for f in fs if not any(f.rule == p.rule and covers(f, p.text) for p in book.plants)]
    assert extra == []
    for c in book.controls:
        assert not any(f.location.text == c for f in fs), c
    kinds = {f.data.get("kind") for f in fs if f.rule == "name-variant"}
    assert kinds == {"swap", "slip", "added", "truncated", "numeral"}


# --- name-variant ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("城北第一中学完成改造。", "城北第二中学完成改造。"),
        ("地铁3号线开通运营。", "地铁4号线开通运营。"),
        ("良渚一期工程完工。", "良渚二期工程开工。"),
        ("区委召开全会。", "区委宣传部召开会议。"),
        ("坚决做到“两个确立”。", "坚决做到“两个维护”。"),
        ("持续推进“六大专项行动”。", "深化“六大专项行动”。"),
        ("获中国红十字会总会（以下简称“中国红总会”）表彰。", "中国红总会来访。"),
        ("成立良渚残疾人基金会（简称良渚残基金会）。", "良渚残基金会成立。"),
        ("对于五年计划的执行情况。", "对五年计划进行调整。"),
        ("建成县中医院。", "建成县医院。"),
        ("重大科技项目8个。", "科技重大项目5个。"),
        # two common words swapped after words both begin with: a phrase, not a name
        ("建设城乡社区服务中心。", "建设城乡服务社区中心。"),
        # after a place too, a kind of thing is no one name
        ("临江区重大科技项目8个。", "临江区科技重大项目5个。"),
        # a place, but not the same words swapped
        ("设立清河区产业引导基金。", "设立清河区产业发展基金。"),
        # one character changed: in a place's name, a numeral, a direction, a kind of thing
        ("石桥村股份经济合作社分红。", "石塘村股份经济合作社分红。"),
        ("城东街道社区卫生服务中心建成。", "城西街道社区卫生服务中心建成。"),
        ("区第一人民医院急诊中心启用。", "区第二人民医院急诊中心启用。"),
        ("实施区级城市更新示范工程。", "实施区级城市更新试点工程。"),
    ],
)
def test_name_variant_silent(tmp_path, a, b):
    assert lint_texts(tmp_path, {"draft-2021.txt": two_units(a, b)}, ["name-variant"]) == []


@pytest.mark.parametrize(
    ("a", "b", "kind", "minor"),
    [
        ("获中国红十字会总会表彰。中国红十字会总会来访。", "获中国红总会表彰。", "truncated", "中国红总会"),
        ("建设伊宁居家乐园。伊宁居家乐园开放。", "伊宁居家园开放。", "added", "伊宁居家园"),
        ("参与良渚嫩江基金。良渚嫩江基金运行平稳。", "发起嫩江良渚基金。", "swap", "嫩江良渚基金"),
        # two common words swapped after the place that owns the name
        (
            "设立清河区产业发展引导基金。清河区产业发展引导基金规模20亿元。",
            "管理清河区产业引导发展基金。",
            "swap",
            "清河区产业引导发展基金",
        ),
        (
            "依托临江区婚姻家庭纠纷调解委员会。临江区婚姻家庭纠纷调解委员会受理纠纷412件。",
            "设立临江区婚姻家事纠纷调解委员会。",
            "changed",
            "区婚姻家事纠纷调解委员会",
        ),
        (
            "东川市科技创新服务中心成立。东川市科技创新服务中心运行。",
            "东川市创新科技服务中心揭牌。",
            "swap",
            "东川市创新科技服务中心",
        ),
        ("建成节约型社区示范区。节约型社区示范区3个。", "建成节约性社区示范区。", "slip", "节约性社区示范区"),
        ("推进“五个枢纽港”建设。", "推进“六个枢纽港”建设。“五个枢纽港”", "numeral", "六个枢纽港"),
        ("建成运河城市规划馆。运河城市规划馆开放。", "参观运河城市规化馆。", "slip", "运河城市规化馆"),
        # two parts swapped inside after the words both begin with, the place unknown to jieba
        # (运河 is no place word), or before the words both end with: the full names are told
        (
            "参与设立运河产业科创引导基金。运河产业科创引导基金规模20亿元。",
            "发起运河科创产业引导基金。",
            "swap",
            "运河科创产业引导基金",
        ),
        ("参与产业科创引导基金。产业科创引导基金运行。", "设立科创产业引导基金。", "swap", "科创产业引导基金"),
    ],
)
def test_name_variant_found(tmp_path, a, b, kind, minor):
    fs = lint_texts(tmp_path, {"draft-2021.txt": two_units(a, b)}, ["name-variant"])
    assert [(f.location.text, f.data["kind"]) for f in fs] == [(minor, kind)]
    f = fs[0]
    forms = f.data["forms"]
    assert forms[1]["text"] == minor and forms[0]["text"] == f.data["suggestion"] == f.related[0].text
    assert forms[0]["count"] >= forms[1]["count"] >= 1
    assert f.related[0].unit_name == "区发改局" and f.location.unit_name == "区统计局"


def test_name_variant_a_company_with_and_without_its_shares(tmp_path):
    """…股份有限公司 and …有限公司 with the same words before: one company, its legal form dropped
    once; the form given a short name (以下简称) is the full one, though written as often; another
    company of other words is no variant."""
    a = "云溪华创新材料股份有限公司（以下简称华创新材）年产5万吨项目开工。"
    b = "云溪华创新材料有限公司项目建成投产。云溪远航物流有限公司开业。"
    fs = lint_texts(tmp_path, {"draft-2021.txt": two_units(a, b)}, ["name-variant"])
    assert [(f.location.text, f.data["kind"], f.related[0].text) for f in fs] == [
        ("云溪华创新材料有限公司", "added", "云溪华创新材料股份有限公司")
    ]
    # the same two in the other order of the book: the declared full name is still the record
    fs = lint_texts(tmp_path, {"draft-2022.txt": two_units(b, a)}, ["name-variant"])
    got = [(f.location.text, f.related[0].text) for f in fs]
    assert got == [("云溪华创新材料有限公司", "云溪华创新材料股份有限公司")]
    c = "云溪远航物流股份有限公司开业。"
    assert lint_texts(tmp_path, {"draft-2023.txt": two_units(a, c)}, ["name-variant"]) == []


@pytest.mark.parametrize(
    ("a", "b", "major", "minor", "figure"),
    [
        # one fund named two ways, with one amount
        (
            "全年安排“小微企业成长扶持基金”8,600万元，支持企业326家。",
            "兑现“小微企业成长扶持资金”8,600万元。",
            "小微企业成长扶持基金",
            "小微企业成长扶持资金",
            "8,600万元",
        ),
        # a word added inside, with the amount (without it two names: 农产品市场 / 农产品批发市场)
        (
            "全年拨付老旧小区改造专项资金3.2亿元。",
            "全年使用老旧小区综合改造专项资金3.20亿元，完成改造小区42个。",
            "老旧小区改造专项资金",
            "老旧小区综合改造专项资金",
            "3.20亿元",
        ),
        # the amount written another way (0.86亿元 is 8,600万元), a count of three figures
        (
            "建成城市有机更新示范项目1,260套。",
            "交付城市更新示范项目1260套。",
            "城市有机更新示范项目",
            "城市更新示范项目",
            "1260套",
        ),
        # the words of a subhead (【重点工程】) and what the amount is of (总投资) are no part of it
        (
            "【重点工程】G205国道清河段改建工程总投资18.6亿元。",
            "【重点项目】205国道清河段改扩建工程总投资18.6亿元。",
            "205国道清河段改建工程",
            "205国道清河段改扩建工程",
            "18.6亿元",
        ),
    ],
)
def test_name_variant_by_their_figure(tmp_path, a, b, major, minor, figure):
    fs = lint_texts(tmp_path, {"draft-2021.txt": two_units(a, b)}, ["name-variant"])
    assert [(f.location.text, f.data["kind"], f.data["figure"]) for f in fs] == [(minor, "figure", figure)]
    assert fs[0].related[0].text == major
    assert f"两处数字同为“{figure}”" in fs[0].message


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("城东街道拆除违法建筑12.6万平方米。", "城西街道拆除违法建筑12.6万平方米。"),  # two places
        ("第一中学投资1.35亿元。", "第二中学投资1.35亿元。"),  # two schools
        ("新增就业岗位12个，其中社区就业岗位12个。", "新增公益性就业岗位12个。"),  # a small count
        ("中央财政用于“三农”支出3397亿元。", "中央财政用于“三农”的支出3397亿元。"),  # wording, no name
        ("发放创业担保贷款3.6亿元。", "发放创业担保贷款2.6亿元。"),  # other amounts
        ("全年实现财政总收入156.8亿元。", "一般公共预算收入156.8亿元。"),  # two names, nothing alike
        # a kind of thing counted, described more fully before its last word
        ("其中施工总承包和专业承包企业218家。", "有资质的总承包和专业承包建筑业企业218家。"),
        ("年末有区级农业龙头企业126家。", "年末有区级龙头企业126家。"),
        # the area the figure is for is no part of the name
        ("年末全区金融机构本外币存款余额2186.47亿元。", "年末金融机构本外币存款余额2186.47亿元。"),
    ],
)
def test_name_variant_by_their_figure_silent(tmp_path, a, b):
    assert lint_texts(tmp_path, {"draft-2021.txt": two_units(a, b)}, ["name-variant"]) == []


def test_name_variant_by_a_common_figure_is_silent(tmp_path):
    """An amount stated a dozen times is a common one (a standard sum): its names are not compared."""
    b = "兑现小微企业成长扶持资金120万元。"
    once = "全年安排小微企业成长扶持基金120万元。"
    assert len(lint_texts(tmp_path, {"a-2021.txt": two_units(once, b)}, ["name-variant"])) == 1
    common = "".join(f"第{i}批次补助经费120万元。" for i in range(11)) + once
    assert lint_texts(tmp_path, {"b-2021.txt": two_units(common, b)}, ["name-variant"]) == []


def test_name_variant_other_year_is_silent(tmp_path):
    """A 1958 slogan is not a variant of a 2018 one: each file has its own year."""
    files = {
        "report-1958.txt": "区发改局\n\n推进“四个样板区”建设。参与良渚嫩江基金。\n",
        "report-2018.txt": "区发改局\n\n推进“三个样板区”建设。发起嫩江良渚基金。\n",
    }
    assert lint_texts(tmp_path, files, ["name-variant"]) == []
    # one year for both (year: in the config) makes them one book
    fs = lint_texts(tmp_path, files, ["name-variant"], Config(year=2018))
    assert sorted(f.data["kind"] for f in fs) == ["numeral", "swap"]


def test_name_variant_message_en(tmp_path):
    (tmp_path / "d-2021.txt").write_text(two_units("推进“三个样板区”建设。", "以“四个样板区”为关键。"), "utf-8")
    fs = findings_of([tmp_path / "d-2021.txt"], select=["name-variant"], config=Config(lang="en"))
    assert "“四个样板区”" in fs[0].message and "“三个样板区”" in fs[0].message and "numeral" in fs[0].message


# --- figure-conflict ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("2021年末，全区常住人口69.9万人。", "2021年末，全区常住人口699,000人。"),  # another unit
        ("2021年末，全区常住人口70万人。", "2021年末，全区常住人口69.9万人。"),  # another precision
        ("2021年，全区地区生产总值110.5亿元。", "2021年，全区地区生产总值1105000万元。"),  # another unit
        ("2021年，全区一般公共预算收入约20亿元。", "2021年，全区一般公共预算收入19.8亿元。"),  # 约
        ("2020年末，全区常住人口65.0万人。", "2021年末，全区常住人口69.9万人。"),  # another year
        ("2021年1—9月，全区地区生产总值80.1亿元。", "2021年，全区地区生产总值110.5亿元。"),  # another period
        ("2021年，全市地区生产总值800.1亿元。", "2021年，全区地区生产总值110.5亿元。"),  # another scope
        ("2021年，米市巷街道常住人口6.1万人。", "2021年，全区常住人口69.9万人。"),  # a named place
        ("预计2021年全区常住人口达到75万人。", "2021年末，全区常住人口69.9万人。"),  # a target
        ("过去五年，全区城镇新增就业6.2万人。", "2021年，全区城镇新增就业1.3万人。"),  # five years
    ],
)
def test_figure_conflict_silent(tmp_path, a, b):
    assert lint_texts(tmp_path, {"draft-2021.txt": two_units(a, b)}, ["figure-conflict"]) == []


@pytest.mark.parametrize(
    "text",
    [
        # each 街道's 辖区 is its own: 辖区 names no place of the book
        "新桥街道\n\n全年实现辖区税收收入16.48亿元，增长7.9%。\n\n花园街道\n\n全年实现辖区税收收入12.85亿元。\n",
        # a scenic area named before its year and indicator: its visitors, not the town's
        "凤桥镇\n\n举办桃花节，接待游客38.6万人次。梅花洲景区全年接待游客112.4万人次，同比增长9.6%。\n",
    ],
)
def test_figure_conflict_silent_on_figures_of_other_bodies(tmp_path, text):
    assert lint_texts(tmp_path, {"draft-2021.txt": text}, ["figure-conflict"]) == []


def two_offices(a: str, b: str) -> str:
    """Two units, neither of them the statistics bureau nor a department whose figures are the
    record (人社局 for 城镇新增就业)."""
    return f"区发改局\n\n{a}\n\n区财政局\n\n{b}\n"


def test_figure_conflict_found(tmp_path):
    text = two_offices("2021年末，全区常住人口69.9万人。", "截至2021年底，全区常住人口65.0万人，比上年增加。")
    fs = lint_texts(tmp_path, {"draft-2021.txt": text}, ["figure-conflict"])
    assert where(fs) == [("figure-conflict", 7, 12)]
    f = fs[0]
    assert f.location.text == "常住人口65.0万人" and f.related[0].text == "常住人口69.9万人"
    assert f.data["value"] == "65.0万人" and f.data["other_value"] == "69.9万人" and f.data["scope"] == "全区"
    assert "69.9万人" in f.message and "65.0万人" in f.message and "区发改局" in f.message


@pytest.mark.parametrize(
    ("b", "found"),
    [
        # the scope named by the paragraph's sentence before: the district's
        ("2021年，全区实现地区生产总值110.5亿元。城镇新增就业1.32万人，比上年增加。", True),
        ("2021年，全区实现地区生产总值110.5亿元。城镇新增就业1.23万人，比上年增加。", False),
        # the country's, quoted for context in a sentence of its own, is not the district's: the
        # figure after it is the book's, as a department's figures without a scope are
        ("2021年，全国城镇新增就业1269万人。城镇新增就业1.32万人，比上年增加。", True),
        ("2021年，全国城镇新增就业1269万人。城镇新增就业1.23万人，比上年增加。", False),
    ],
)
def test_figure_conflict_scope_of_the_paragraph(tmp_path, b, found):
    text = two_offices("2021年，全区城镇新增就业1.23万人。", b)
    fs = lint_texts(tmp_path, {"draft-2021.txt": text}, ["figure-conflict"])
    assert [f.data["other_value"] for f in fs] == (["1.23万人"] if found else [])


def test_figure_conflict_across_files_and_years(tmp_path):
    files = {
        "a-1985.txt": "区统计局\n\n全区常住人口31.2万人。\n",
        "b-2015.txt": "区统计局\n\n全区常住人口58.4万人。\n",
        "c-2015.txt": "区卫健局\n\n全区常住人口52.0万人。\n",
    }
    fs = lint_texts(tmp_path, files, ["figure-conflict"])
    assert [(Path(f.document.path).name, f.location.text) for f in fs] == [("c-2015.txt", "常住人口52.0万人")]


def test_a_count_of_high_tech_enterprises_is_an_indicator(tmp_path):
    files = {
        "01-经信局.txt": "市经济和信息化局\n\n2024年，全市有效期内高新技术企业2163家。\n",
        "02-科技局.txt": "市科学技术局\n\n2024年末，全市有效期内高新技术企业2136家，新增高新技术企业215家。\n",
    }
    fs = lint_texts(tmp_path, files, ["figure-conflict"])
    assert [(Path(f.document.path).name, f.location.text) for f in fs] == [("01-经信局.txt", "高新技术企业2163家")]


def test_an_indicators_names_are_one_indicator(tmp_path):
    files = {
        "01-发改局.txt": "区发改局\n\n2022年，全区实现地区生产总值386.5亿元。全区规模以上工业增加值112.3亿元。\n",
        "02-财政局.txt": "区财政局\n\n2022年，全区GDP 385.6亿元。全区规上工业增加值112.3亿元。\n",
        "03-科技局.txt": "区科技局\n\n2022年，全区实现生产总值386.5亿元。全区规上工业增加值121.3亿元。\n",
    }
    fs = lint_texts(tmp_path, files, ["figure-conflict"])
    assert [(Path(f.document.path).name, f.location.text) for f in fs] == [
        ("02-财政局.txt", "GDP 385.6亿元"),
        ("03-科技局.txt", "规上工业增加值121.3亿元"),
    ]
    assert "全区2022年GDP在此写作385.6亿元" in fs[0].message


def test_new_jobs_in_either_word_order_are_one_indicator(tmp_path):
    files = {
        "01-人社局.txt": "区人社局\n\n2021年，全区新增城镇就业12,360人。\n",
        "02-财政局.txt": "区财政局\n\n2021年，全区城镇新增就业12,630人。\n",
    }
    fs = lint_texts(tmp_path, files, ["figure-conflict"])
    assert [(Path(f.document.path).name, f.location.text) for f in fs] == [("02-财政局.txt", "城镇新增就业12,630人")]


def test_the_statistics_bureau_s_figure_is_the_record(tmp_path, cli):
    # 统计数据以统计部门提供的为准: the other unit's figure is reported, wherever it stands
    files = {
        "01-发改局.txt": "区发改局\n\n2022年，全区实现地区生产总值386.5亿元。\n",
        "02-统计局.txt": "区统计局\n\n2022年，全区实现地区生产总值385.6亿元。\n",
    }
    fs = lint_texts(tmp_path, files, ["figure-conflict"])
    assert [(Path(f.document.path).name, f.location.text) for f in fs] == [("01-发改局.txt", "地区生产总值386.5亿元")]
    assert "统计部门" in fs[0].message and "区统计局" in fs[0].message and "为准" in fs[0].message
    assert fs[0].related[0].text == "地区生产总值385.6亿元"
    res = cli("check", *(str(tmp_path / n) for n in files), "--select", "figure-conflict", "--lang", "en")
    assert "statistics bureau" in res.out
    # otherwise the competent department's: 人社局 for 城镇新增就业
    files = {
        "01-财政局.txt": "区财政局\n\n2022年，全区城镇新增就业1.26万人。\n",
        "02-人社局.txt": "区人社局\n\n2022年，全区城镇新增就业1.62万人。\n",
    }
    fs = lint_texts(tmp_path, files, ["figure-conflict"])
    assert [(Path(f.document.path).name, f.location.text) for f in fs] == [("01-财政局.txt", "城镇新增就业1.26万人")]


def test_the_overview_is_the_record_before_the_competent_department(tmp_path):
    """The book's overview (县情概览, 国民经济概况) is written from the statistics bureau's bulletin:
    for a figure the bureau makes (规上工业增加值), the overview's is the record before the
    department's that quotes it, after the bureau's own section; for a department's own record
    (城镇新增就业: 人社局) the department's stands first."""
    files = {
        "01-概览.txt": "县情概览\n\n2022年，全县规模以上工业增加值比上年增长7.2%。\n",
        "02-经信局.txt": "县经济和信息化局\n\n2022年，全县规模以上工业增加值同比增长7.8%。\n",
    }
    fs = lint_texts(tmp_path, files, ["figure-conflict"])
    assert [(Path(f.document.path).name, f.location.text) for f in fs] == [
        ("02-经信局.txt", "规模以上工业增加值同比增长7.8%")
    ]
    files["03-统计局.txt"] = "县统计局\n\n2022年，全县规模以上工业增加值增长7.8%。\n"
    fs = lint_texts(tmp_path, files, ["figure-conflict"])
    assert [(Path(f.document.path).name, f.location.text) for f in fs] == [
        ("01-概览.txt", "规模以上工业增加值比上年增长7.2%")
    ]
    files = {
        "01-概览.txt": "县情概览\n\n2022年，全县城镇新增就业1.62万人。\n",
        "02-人社局.txt": "县人力资源和社会保障局\n\n2022年，全县城镇新增就业1.26万人。\n",
    }
    fs = lint_texts(tmp_path, files, ["figure-conflict"])
    assert [(Path(f.document.path).name, f.location.text) for f in fs] == [("01-概览.txt", "城镇新增就业1.62万人")]
    # without the competent department, the overview before another department (户籍人口 as the
    # base of a rate: 按户籍人口41.62万人计算)
    files = {
        "01-卫健局.txt": "县卫生健康局\n\n2022年，建档率94.3%（按户籍人口41.62万人计算）。\n",
        "02-概览.txt": "县情概览\n\n2022年末，全县户籍人口41.26万人。\n",
    }
    fs = lint_texts(tmp_path, files, ["figure-conflict"])
    assert [(Path(f.document.path).name, f.location.text) for f in fs] == [("01-卫健局.txt", "户籍人口41.62万人")]


def test_tourists_and_road_length_are_indicators(tmp_path):
    """接待游客 (接待国内外游客) and 公路通车里程 (公路总里程) stated with two values in two units."""
    files = {
        "01-文旅局.txt": "市文化广电旅游局\n\n2023年，全市接待国内外游客4826.7万人次，实现旅游总收入512.6亿元。\n",
        "02-统计局.txt": "市统计局\n\n2023年，全市接待游客4862.7万人次。全市公路总里程9856.4公里。\n",
        "03-交通局.txt": "市交通运输局\n\n2023年末，全市公路通车里程9865.4公里。\n",
    }
    fs = lint_texts(tmp_path, files, ["figure-conflict"])
    assert sorted((Path(f.document.path).name, f.location.text) for f in fs) == [
        ("01-文旅局.txt", "接待国内外游客4826.7万人次"),
        ("03-交通局.txt", "公路通车里程9865.4公里"),
    ]


def test_the_figure_most_places_agree_on_is_the_record(tmp_path):
    files = {
        "01-发改局.txt": "区发改局\n\n2022年，全区城镇新增就业1.62万人。\n",
        "02-人社局.txt": "区人社局\n\n2022年，全区城镇新增就业1.26万人。\n",
        "03-财政局.txt": "区财政局\n\n2022年，全区城镇新增就业1.26万人。\n",
    }
    fs = lint_texts(tmp_path, files, ["figure-conflict"])
    assert [(Path(f.document.path).name, f.location.text) for f in fs] == [("01-发改局.txt", "城镇新增就业1.62万人")]


def test_a_draft_that_names_no_year_is_of_the_books_year(tmp_path):
    files = {
        "02-统计局.txt": "区统计局\n\n2022年，全区地区生产总值386.5亿元。年末全区户籍人口52.36万人。\n",
        "03-科技局.txt": "区科技局\n\n年末全区户籍人口52.63万人。\n",
    }
    fs = lint_texts(tmp_path, files, ["figure-conflict"])
    assert [(Path(f.document.path).name, f.location.text) for f in fs] == [("03-科技局.txt", "户籍人口52.63万人")]
    assert "2022年" in fs[0].message
    # drafts of two years and one that names none: the book's year is the one most drafts are of
    files["01-发改局.txt"] = "区发改局\n\n2021年，全区地区生产总值360.2亿元。\n"
    files["04-教育局.txt"] = "区教育局\n\n2022年，全区有中小学56所。\n"
    fs = lint_texts(tmp_path, files, ["figure-conflict"])
    assert [(Path(f.document.path).name, f.location.text) for f in fs] == [("03-科技局.txt", "户籍人口52.63万人")]
    # a year in no draft: no period to compare by, nothing reported
    fs = lint_texts(
        tmp_path,
        {"a.txt": "区统计局\n\n年末全区户籍人口52.36万人。\n", "b.txt": files["03-科技局.txt"]},
        ["figure-conflict"],
    )
    assert fs == []


def test_growth_against_last_years_book(tmp_path, cli):
    (tmp_path / "2020.txt").write_text("区统计局\n\n2020年，全区地区生产总值100.0亿元。\n", "utf-8")
    ok = "区统计局\n\n2021年，全区地区生产总值108.5亿元。全区地区生产总值比上年增长8.5%。\n"
    bad = ok.replace("8.5%", "12.5%")
    for text, n in ((ok, 0), (bad, 1)):
        (tmp_path / "2021.txt").write_text(text, "utf-8")
        r = cli(
            "check",
            tmp_path / "2021.txt",
            "--corpus",
            tmp_path / "2020.txt",
            "--select",
            "figure-conflict",
            "--format",
            "json",
        )
        fs = r.json()["findings"]
        assert len(fs) == n
    assert fs[0]["data"]["kind"] == "growth-vs-last-year" and fs[0]["data"]["computed"] == 8.5
    assert [x["path"].endswith(p) for x, p in zip(fs[0]["related"], ("2021.txt", "2020.txt"), strict=True)] == [
        True,
        True,
    ]


# --- partial-period -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "1—12月，新招引项目12个。",
        "截至2021年底，全区共有养老机构45家。",
        "截至12月31日，累计接待游客80万人次。",
        "与2020年1—9月相比，投诉量下降15%。",
        "截至目前，各项工作进展顺利。",
        "截止日期为11月15日。",
        "养老服务工作（截至10月底已全面铺开）顺利推进。",
        "全区建成社区养老服务站56个（截至12月底）。",
        # when a campaign ran, not where the year's figures stop
        "1—3月开展“春风行动”，举办招聘会326场，提供岗位12.8万个。",
        "1—2月，集中开展冬春火灾防控专项行动，检查单位1260家。",
    ],
)
def test_partial_period_silent(tmp_path, text):
    assert lint_texts(tmp_path, {"draft-2021.txt": f"区统计局\n\n{text}\n"}, ["partial-period"]) == []


@pytest.mark.parametrize(
    ("text", "span", "cutoff"),
    [
        ("1—9月，新招引项目12个。", "1—9月", "9月底"),
        ("2021年1至10月，实现税收5.2亿元。", "2021年1至10月", "10月底"),
        ("截至11月15日，共引进企业176家。", "截至11月15日", "11月15日"),
        ("截止9月底，完成投资3.1亿元。", "截止9月底", "9月底"),
        ("截至目前，已出让土地4宗。", "截至目前", "目前"),
        ("1—10月，开展安全生产检查1260次。", "1—10月", "10月底"),  # work done, not a campaign named
        # a note on the figures before it
        ("全区建成居家养老服务中心18家（以上数据截至10月底）。", "截至10月底", "10月底"),
        ("全区建成社区养老服务站56个（截至10月底）。", "截至10月底", "10月底"),
        ("全区建成社区养老服务站56个。以上数据截至11月15日。", "截至11月15日", "11月15日"),
        ("全区建成社区养老服务站56个。数据统计截止9月底。", "截止9月底", "9月底"),
    ],
)
def test_partial_period_found(tmp_path, text, span, cutoff):
    fs = lint_texts(tmp_path, {"draft-2021.txt": f"区统计局\n\n{text}\n"}, ["partial-period"])
    assert [(f.location.text, f.data["cutoff"], f.data["year"]) for f in fs] == [(span, cutoff, 2021)]
    assert "全年" in fs[0].message


def test_partial_period_summary_json_and_text(tmp_path, cli):
    (tmp_path / "d.txt").write_text(
        two_units("截至9月底，完成投资3.1亿元。", "1—10月，新招引项目12个。1—9月共3个。"), "utf-8"
    )
    r = cli("check", tmp_path / "d.txt", "--select", "partial-period", "--format", "json")
    cutoffs = r.json()["summary"]["cutoffs"]
    assert [(c["cutoff"], c["count"], c["units"]) for c in cutoffs] == [
        ("9月底", 2, ["区发改局", "区统计局"]),
        ("10月底", 1, ["区统计局"]),
    ]
    r = cli("check", tmp_path / "d.txt", "--select", "partial-period")
    assert "各单位统计数据截止时点不一（年鉴应记述全年）：9月底（2处）、10月底（1处）。" in r.out
    r = cli("check", tmp_path / "d.txt", "--select", "partial-period", "--format", "html")
    assert "9月底（2处）、10月底（1处）" in r.out
    r = cli("check", tmp_path / "d.txt", "--select", "layout-marker", "--format", "json")
    assert "cutoffs" not in r.json()["summary"]
    # books of two years in one run: each date with its year
    (tmp_path / "d-2021.txt").write_text((tmp_path / "d.txt").read_text("utf-8"), "utf-8")
    (tmp_path / "e-2024.txt").write_text(two_units("1—11月，新招引项目12个。", "截至目前，已出让土地4宗。"), "utf-8")
    r = cli("check", tmp_path / "d-2021.txt", tmp_path / "e-2024.txt", "--select", "partial-period")
    assert "2021年9月底（2处）、2021年10月底（1处）、2024年11月底（1处）、目前（2024年）（1处）" in r.out
    r = cli("check", tmp_path / "d-2021.txt", tmp_path / "e-2024.txt", "--select", "partial-period", "--lang", "en")
    assert "9月底 (2021) ×2" in r.out


def test_partial_period_not_when_the_rest_of_the_year_is_given(tmp_path):
    """其中1—9月1.71万户、10—12月0.65万户: the year cut in two, both parts given, is no cut-off."""
    text = "区市场监管局\n\n全年新登记市场主体2.36万户，其中1—9月1.71万户、10—12月0.65万户。\n"
    assert lint_texts(tmp_path, {"draft-2021.txt": text}, ["partial-period"]) == []
    text = "区市场监管局\n\n1—9月，全区新登记市场主体1.71万户。\n"
    assert len(lint_texts(tmp_path, {"draft-2021.txt": text}, ["partial-period"])) == 1


def test_partial_period_not_in_the_chronicle(tmp_path):
    """A chronicle's entries are each the news of their day: the nine months a report of October
    covers are no cut-off of the book's figures; the same words in a unit's text are."""
    entry = "10月18日　区统计局发布2021年1—9月全区经济运行情况，地区生产总值比上年同期增长6.2%。"
    chronicle = f"大事记\n\n9月2日　区政府召开常务会议。\n\n{entry}\n\n12月6日　区人大常委会召开会议。\n"
    assert lint_texts(tmp_path, {"draft-2021.txt": chronicle}, ["partial-period"]) == []
    # a chronicle by month (# 大事记, ## 10月), its entries' days set off by a comma
    months = (
        "# 2021年大事记\n\n## 9月\n\n9月2日，区政府召开常务会议。\n\n## 10月\n\n" + entry.replace("　", "，") + "\n"
    )
    assert lint_texts(tmp_path, {"draft-2021.md": months}, ["partial-period"]) == []
    unit = "区统计局\n\n2021年1—9月，全区地区生产总值比上年同期增长6.2%。\n"
    [f] = lint_texts(tmp_path, {"draft-2021.txt": unit}, ["partial-period"])
    assert f.location.text == "2021年1—9月"


# --- the book's year ------------------------------------------------------------------------------


def test_year_sources(tmp_path):
    from conftest import doc_of

    assert document_year(doc_of(tmp_path / "拱墅年鉴2021.txt", "区统计局\n\n2020年数据。\n")) == 2021
    assert document_year(doc_of(tmp_path / "a.txt", "2019年工作总结\n\n2018年全年，2018年底。\n")) == 2019
    assert document_year(doc_of(tmp_path / "b.txt", "区统计局\n\n2018年全年，2018年底，2017年。\n")) == 2018
    assert document_year(doc_of(tmp_path / "c.txt", "区统计局\n\n没有年份。\n")) is None
    assert document_year(doc_of(tmp_path / "d2019.txt", "x\n"), configured=2022) == 2022
    (tmp_path / "2020").mkdir()
    assert document_year(doc_of(tmp_path / "2020" / "区统计局.md", "区统计局\n\n2019年。\n")) == 2020


def test_a_year_the_text_names_once_yields_to_the_year_of_most_drafts(tmp_path):
    """A unit's draft whose only year is a coming event's (确保场馆2022年亚运精彩亮相) is a draft of
    the book's year, as the other drafts are: its names are compared with theirs. Its year stands
    when the text names it twice and more often than the book's, or comes from its path or
    title; and where no year has most drafts (reports of many years) nothing yields."""
    from conftest import doc_of

    from yblint.text.years import drafts_year, suggested_year, yields_to_book

    once = doc_of(tmp_path / "a.txt", "区数产园管委会\n\n亚运电竞馆建设即将完工，确保场馆2022年亚运精彩亮相。\n")
    twice = doc_of(tmp_path / "b.txt", "区统计局\n\n2019年全年，2019年底，2021年。\n")
    tied = doc_of(tmp_path / "c.txt", "区统计局\n\n2021年全年，2022年计划。\n")
    titled = doc_of(tmp_path / "d.txt", "2022年工作要点\n\n全年计划。\n")
    assert [yields_to_book(d, None, 2021) for d in (once, twice, tied, titled)] == [True, False, True, False]
    assert suggested_year(once, None, 2021) == 2021 and suggested_year(once) == 2022
    assert suggested_year(doc_of(tmp_path / "e.txt", "区妇联\n\n今年完成任务。\n"), None, 2021) == 2021
    assert drafts_year([once, twice]) is None  # 2022 and 2019: no year has more than half
    assert drafts_year([once, twice, tied]) == 2022 and drafts_year([once], configured=2021) == 2021
    # the fund named two ways (the seed page's 拱投资 and 区数产园管委会), in drafts a unit each
    files = {
        "06-区数产园管委会.txt": "区数产园管委会\n\n设立中金阿斯利康基金。确保场馆2022年亚运精彩亮相。\n",
        "13-区国投集团.txt": "区国投集团\n\n2021年，参与发起阿斯利康中金基金。2021年完成投资。\n",
        "14-区统计局.txt": "区统计局\n\n2021年，全区地区生产总值386.5亿元。\n",
    }
    [f] = lint_texts(tmp_path, files, ["name-variant"])
    assert f.location.text == "阿斯利康中金基金" and "中金阿斯利康基金" in f.message
    # a commit hook: one draft linted, the rest of the book its corpus (the year of most of them,
    # linted or not, is the book's), with or without year: configured. The pair is found, and
    # told where the whole book's run tells it: the other draft is a peer, not a record
    from conftest import registry

    from yblint.engine import lint

    for name, forms in (("06-区数产园管委会.txt", []), ("13-区国投集团.txt", ["阿斯利康中金基金"])):
        for config in (Config(), Config(year=2021)):
            rest = [str(tmp_path / n) for n in files if n != name]
            got = lint([str(tmp_path / name)], config, registry(), select=["name-variant"], corpus=rest).findings
            assert [g.location.text for g in got] == forms, (name, config.year)
            assert all("中金阿斯利康基金" in g.message for g in got)


def test_year_config(tmp_path):
    cfg = tmp_path / ".yblint.yaml"
    cfg.write_text("year: 2021\n", "utf-8")
    assert load_config(str(cfg)).year == 2021
    for bad in ("year: '2021'\n", "year: 21\n", "year: true\n"):
        cfg.write_text(bad, "utf-8")
        with pytest.raises(ConfigError, match="'year' must be a year"):
            load_config(str(cfg))
    # the configured year decides what is early: a 2020 draft's 1—9月 is not this book's year
    files = {"draft.txt": "区统计局\n\n2020年1—9月，新招引项目12个。\n"}
    assert lint_texts(tmp_path, files, ["partial-period"], Config(year=2021)) == []
    assert len(lint_texts(tmp_path, files, ["partial-period"], Config(year=2020))) == 1


def test_config_year_error_exit(tmp_path, cli):
    (tmp_path / ".yblint.yaml").write_text("year: 二〇二一\n", "utf-8")
    (tmp_path / "d.txt").write_text("正文。\n", "utf-8")
    r = cli("check", tmp_path / "d.txt", "--config", tmp_path / ".yblint.yaml")
    assert r.code == 2 and ".yblint.yaml" in r.err and "year" in r.err


# --- the index --------------------------------------------------------------------------------------


def test_index_records(tmp_path):
    from conftest import doc_of

    doc = doc_of(
        tmp_path / "d-2021.txt",
        "区统计局\n\n2021年末，全区常住人口69.9万人。成立良渚发展中心（简称“良发中心”）。推进“五水共治”。\n",
    )
    idx = build_index(Corpus(documents=[doc]))
    (fig,) = idx.figures
    assert (fig.indicator, fig.scope, fig.year, fig.period, fig.number.text) == (
        "常住人口",
        "全区",
        2021,
        "year",
        "69.9万人",
    )
    assert idx.declared == [("成立良渚发展中心", "良发中心")]
    assert [(s.text, s.key) for s in idx.slogans] == [("五水共治", "#水共治")]
    assert any(n.suffix == "中心" for n in idx.names)


def test_figures_of_the_references_are_read_for_the_indicators_of_the_linted_files(tmp_path, monkeypatch):
    """With references (a commit hook), a figure of theirs can matter only beside a linted figure of
    its indicator: those of other indicators are not read; the findings are those of every figure."""
    from conftest import doc_of

    from yblint.text import book_index

    draft = doc_of(tmp_path / "d-2021.txt", "区卫健局\n\n2021年末，全区常住人口70.2万人。\n")
    ref = doc_of(
        tmp_path / "r-2021.txt",
        "区统计局\n\n2021年末，全区常住人口69.9万人。2021年，全区地区生产总值1024亿元。\n",
    )
    ref.reference = True
    idx = build_index(Corpus(documents=[draft], references=[ref]))
    assert [(f.document.path, f.indicator) for f in idx.compared_figures] == [
        (draft.path, "常住人口"),
        (ref.path, "常住人口"),
    ]
    assert [f.indicator for f in idx.figures] == ["常住人口", "常住人口", "地区生产总值"]
    files = [tmp_path / "d-2021.txt"]
    config = Config(corpus=[str(tmp_path / "r-*.txt")])
    found = [(f.location.text, f.data["other_value"]) for f in findings_of(files, ["figure-conflict"], config)]
    monkeypatch.setattr(book_index.BookIndex, "compared_figures", book_index.BookIndex.figures)
    assert found == [("常住人口70.2万人", "69.9万人")]
    assert [(f.location.text, f.data["other_value"]) for f in findings_of(files, ["figure-conflict"], config)] == found


@pytest.mark.parametrize(
    ("phrase", "key"),
    [
        ("三个样板区", ("#个样板区", ("三",))),
        ("两个确立", ("#个确立", ("两",))),
        ("十四五规划", None),  # a five-year plan is a name
        ("嫦娥五号", None),
        ("红十字救在身边", None),
        ("1+4+N", None),
        ("千万工程", None),  # too few words besides the numerals to be one slogan with another numeral
    ],
)
def test_slogan_key(phrase, key):
    assert slogan_key(phrase) == key


def test_find_cutoffs():
    got = [
        (t["label"], t.get("month"), t.get("day"))
        for _, _, t in find_cutoffs("1—9月和截至11月15日，截止10月底；11-12月；1—12月")
    ]
    assert got == [("1—9月", 9, None), ("截至11月15日", 11, 15), ("截止10月底", 10, None)]


def test_json_report_valid_with_book_rules(tmp_path, cli):
    import jsonschema

    from yblint.schema import __file__ as schema_init

    schema = json.loads((Path(schema_init).parent / "report.schema.json").read_text("utf-8"))
    r = cli("check", SEED, "--format", "json")
    jsonschema.validate(r.json(), schema)
    assert r.json()["summary"]["cutoffs"]


def test_html_shows_both_places(tmp_path, cli):
    (tmp_path / "d.txt").write_text(
        two_units("参与良渚嫩江基金。良渚嫩江基金运行平稳。", "发起嫩江良渚基金。"), "utf-8"
    )
    r = cli("check", tmp_path / "d.txt", "--select", "name-variant", "--format", "html")
    assert r.out.count("良渚嫩江基金") >= 2 and "嫩江良渚基金" in r.out


@pytest.mark.parametrize("rule", BOOK)
def test_rule_examples(tmp_path, rule):
    """Each bad example of the rule's YAML definition is flagged, each good one is not."""
    from conftest import registry

    examples = registry().defs[rule].examples
    assert examples
    for i, ex in enumerate(examples):
        for kind, expect in (("bad", True), ("good", False)):
            p = tmp_path / f"{kind}{i}.txt"
            p.write_text(ex[kind], encoding="utf-8")
            assert bool(findings_of([p], select=[rule])) is expect, (kind, ex[kind])


def test_figure_against_reference_of_the_same_year(tmp_path, cli):
    """A commit hook lints one draft with the rest of the book as --corpus: those are its peers,
    not a record as last year's book is. The statistics bureau's figure is the record whichever
    file is linted, and the hook reports what the whole book's run reports, where it reports it."""
    (tmp_path / "统计-2021.txt").write_text("区统计局\n\n2021年末，全区常住人口69.9万人。\n", "utf-8")
    (tmp_path / "draft-2021.txt").write_text("区卫健局\n\n2021年末，全区常住人口65.0万人。\n", "utf-8")
    args = ("--select", "figure-conflict", "--format", "json")
    (whole,) = cli("check", tmp_path, *args).json()["findings"]
    assert whole["path"].endswith("draft-2021.txt") and "统计部门" in whole["message"]
    (f,) = cli("check", tmp_path / "draft-2021.txt", "--corpus", tmp_path / "统计-2021.txt", *args).json()["findings"]
    assert f["message"] == whole["message"] and f["related"][0]["path"].endswith("统计-2021.txt")
    r = cli("check", tmp_path / "统计-2021.txt", "--corpus", tmp_path / "draft-2021.txt", *args)
    assert r.json()["findings"] == []  # the bureau is not told to change its figure


def test_figure_against_last_years_book(tmp_path, cli):
    """Last year's book (another year) as --corpus is the record: told as such, in the draft."""
    (tmp_path / "年鉴2021.txt").write_text("区统计局\n\n2020年末，全区常住人口69.9万人。\n", "utf-8")
    (tmp_path / "draft-2022.txt").write_text(
        "区卫健局\n\n2022年，新建医院2家。2020年末，全区常住人口65.0万人。\n", "utf-8"
    )
    args = ("--select", "figure-conflict", "--format", "json")
    r = cli("check", tmp_path / "draft-2022.txt", "--corpus", tmp_path / "年鉴2021.txt", *args)
    (f,) = r.json()["findings"]
    assert f["path"].endswith("draft-2022.txt") and "参照材料" in f["message"]


def test_name_variant_against_reference(tmp_path, cli):
    """A form in the rest of this year's book (--corpus) is a peer's: the form written more often
    is kept, and a commit hook reports a variant where the whole book's run does, whichever
    draft it lints (never the opposite advice from the other draft)."""
    (tmp_path / "chapter-2021.txt").write_text("区发改局\n\n参与良渚嫩江基金。推进“三个样板区”建设。\n", "utf-8")
    (tmp_path / "draft-2021.txt").write_text(
        "区统计局\n\n发起嫩江良渚基金。嫩江良渚基金运行。以“四个样板区”为关键，“四个样板区”。\n", "utf-8"
    )
    args = ("--select", "name-variant", "--format", "json")

    def got(findings):
        return [(f["path"].endswith("chapter-2021.txt"), f["excerpt"], f["data"]["suggestion"]) for f in findings]

    want = [(True, "良渚嫩江基金", "嫩江良渚基金"), (True, "三个样板区", "四个样板区")]
    assert got(cli("check", tmp_path, *args).json()["findings"]) == want
    chapter = cli("check", tmp_path / "chapter-2021.txt", "--corpus", tmp_path / "draft-2021.txt", *args)
    assert got(chapter.json()["findings"]) == want
    draft = cli("check", tmp_path / "draft-2021.txt", "--corpus", tmp_path / "chapter-2021.txt", *args)
    assert draft.json()["findings"] == []


def test_growth_against_last_years_book_by_unit(tmp_path):
    """No scope stated: the same unit in last year's book and this year's is the scope."""
    (tmp_path / "2020.txt").write_text("区商务局\n\n2020年，社会消费品零售总额50.0亿元。\n", "utf-8")
    (tmp_path / "2021.txt").write_text(
        "区商务局\n\n2021年，社会消费品零售总额55.0亿元，社会消费品零售总额比上年增长15.0%。\n", "utf-8"
    )
    config = Config(corpus=[str(tmp_path / "2020.txt")])
    fs = findings_of([tmp_path / "2021.txt"], select=["figure-conflict"], config=config)
    assert [(f.location.text, f.data["computed"]) for f in fs] == [("社会消费品零售总额比上年增长15.0%", 10.0)]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("2021年，全区地区生产总值（GDP）110.5亿元。", "2021年，全区实现地区生产总值98.0亿元。"),
        ("2021年末，全区共有常住人口69.9万人。", "2021年末，全区常住人口为65万。"),
    ],
)
def test_figure_conflict_forms(tmp_path, a, b):
    assert len(lint_texts(tmp_path, {"draft-2021.txt": two_units(a, b)}, ["figure-conflict"])) == 1


_ALPHABET = (
    "一二三九十年月日截至止目前1-—9０。，；“”《》（）简称以下基金园馆场中心全区常住人口万人亿元比上年增长%型性 \n"
)


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=120))
def test_index_on_any_text(tmp_path_factory, text):
    """Any text: the index is built, and every record's span lies inside its document's text."""
    from yblint.parsing import build_document
    from yblint.reading.source import Source

    doc = build_document(Source(path="x-2021.txt", text=text, encoding="utf-8", format="text"))
    idx = build_index(Corpus(documents=[doc]))
    for rec in [*idx.names, *idx.slogans, *idx.figures, *idx.cutoffs]:
        assert 0 <= rec.start <= rec.end <= len(text)
    for _a, _b, f in find_cutoffs(text):
        assert f.get("open") or 1 <= f["month"] <= 12


@pytest.mark.parametrize(
    ("unit", "text", "found"),
    [
        # a department or an overview speaks for the book's area (全市, the scope its figures name)
        ("国民经济概况", "全年城镇新增就业6.28万人。", True),
        ("市科技局", "2024年，城镇新增就业6.28万人。", True),
        ("市科技局", "2024年，城镇新增就业6.82万人。", False),
        # a town, a company, a hospital speak for themselves
        ("城关镇", "全年城镇新增就业0.62万人。", False),
        ("市城投集团", "全年完成固定资产投资120.5亿元。", False),
        ("市人民医院", "全年城镇新增就业0.12万人。", False),
        # a development zone's committee speaks for the zone (…开发区管理委员会, 管委会)
        ("东湖高新技术产业开发区管理委员会", "全年城镇新增就业0.62万人。", False),
    ],
)
def test_a_figure_without_scope_is_the_book_s_in_a_unit_that_speaks_for_it(tmp_path, unit, text, found):
    files = {
        "a-2024.txt": "市人社局\n\n2024年，全市城镇新增就业6.82万人。全市完成固定资产投资1268.5亿元。\n",
        "b-2024.txt": f"{unit}\n\n{text}\n",
    }
    fs = lint_texts(tmp_path, files, ["figure-conflict"])
    assert [Path(f.document.path).name for f in fs] == (["b-2024.txt"] if found else [])
    if found:
        assert fs[0].data["scope"] == "全市" and "全市" in fs[0].message


CHRONICLE = (
    "# 大事记\n\n1月5日　全县经济工作会议召开。\n\n3月2日　全县党史学习教育动员大会召开。\n\n"
    "10月28日　柳河大桥建成通车。\n"
)


@pytest.mark.parametrize(
    ("units", "found"),
    [
        # the chronicle and another unit against one unit: the unit's day is reported
        (
            "# 县委\n\n【学习】3月5日，县委召开全县党史学习教育动员大会，作出安排。\n\n"
            "# 县委组织部\n\n【学习】3月2日全县党史学习教育动员大会召开后，制定学习计划。\n",
            [("a.md", "3月5日", "3月2日")],
        ),
        # two units against the chronicle: the chronicle's day is reported
        (
            "# 柳河乡\n\n【基础设施】10月18日，柳河大桥建成通车，大桥全长458米。\n\n"
            "# 县住建局\n\n【重点工程】10月18日，由县住建局代建的柳河大桥建成通车。\n",
            [("b.md", "10月28日", "10月18日")],
        ),
        # the same day everywhere; a day range starts on the day of the entry
        ("# 柳河乡\n\n【基础设施】10月28日，柳河大桥建成通车，大桥全长458米。\n", []),
        ("# 柳河乡\n\n【基础设施】10月28—29日，柳河大桥建成通车仪式和通车活动先后举行。\n", []),
        # another event of like words (会议 every year), or words too few to be one event
        ("# 县发改局\n\n【会议】12月20日，全县经济工作务虚会召开。\n", []),
        ("# 柳河乡\n\n【大桥】10月20日，大桥通车。\n", []),
    ],
)
def test_one_event_dated_two_ways(tmp_path, units, found):
    (tmp_path / "a.md").write_text(units, encoding="utf-8")
    (tmp_path / "b.md").write_text(CHRONICLE, encoding="utf-8")
    fs = findings_of([tmp_path / "a.md", tmp_path / "b.md"], select=["figure-conflict"])
    got = [(Path(f.document.path).name, f.data["value"], f.data["other_value"]) for f in fs]
    assert got == found
    for f in fs:
        assert f.data["kind"] == "date" and "大事记与正文应当一致" in f.message


def test_a_chronicle_by_month_with_its_days_set_off_by_commas(tmp_path):
    """# 大事记, ## 7月, 7月28日，…: the entries of such a chronicle are dated events too."""
    chronicle = "# 2022年大事记\n\n## 7月\n\n7月28日，云溪经开区通过省级高新技术产业园区认定。\n\n"
    chronicle += "## 8月\n\n8月3日，全县防汛工作会议召开。\n"
    unit = "# 云溪经济开发区管理委员会\n\n7月18日，云溪经开区通过省级高新技术产业园区认定，获扶持资金500万元。\n"
    (tmp_path / "a.md").write_text(unit, encoding="utf-8")
    (tmp_path / "b.md").write_text(chronicle, encoding="utf-8")
    fs = findings_of([tmp_path / "a.md", tmp_path / "b.md"], select=["figure-conflict"])
    assert [(Path(f.document.path).name, f.data["value"], f.data["other_value"]) for f in fs] == [
        ("b.md", "7月28日", "7月18日")
    ]


@pytest.mark.parametrize(
    ("unit", "found"),
    [
        # the day told after its event's subject, then what happened: the chronicle's day differs
        ("【重点工程】2020年开工建设的柳河大桥，于2021年10月18日建成通车，大桥全长458米。", [("10月28日", "10月18日")]),
        ("【重点工程】柳河大桥于10月28日建成通车，大桥全长458米。", []),
        # what happened that day is another event (begun, not opened), or another year's
        ("【重点工程】柳河大桥于3月18日开工建设，计划工期两年。", []),
        ("【重点工程】柳河大桥于2019年10月18日建成通车，大桥全长458米。", []),
    ],
)
def test_a_day_told_after_its_event_s_subject(tmp_path, unit, found):
    (tmp_path / "a-2021.md").write_text(f"# 县住建局\n\n{unit}\n", encoding="utf-8")
    (tmp_path / "b-2021.md").write_text(CHRONICLE, encoding="utf-8")
    fs = findings_of([tmp_path / "a-2021.md", tmp_path / "b-2021.md"], select=["figure-conflict"])
    assert [(f.data["value"], f.data["other_value"]) for f in fs] == found


def test_an_event_the_chronicle_tells_twice_has_no_one_day(tmp_path):
    chronicle = "# 大事记\n\n3月2日　县委理论学习中心组集体学习会召开。\n\n5月6日　县委理论学习中心组集体学习会召开。\n"
    (tmp_path / "b.md").write_text(chronicle, encoding="utf-8")
    (tmp_path / "a.md").write_text("# 县委宣传部\n\n4月8日，县委理论学习中心组集体学习会召开。\n", encoding="utf-8")
    assert findings_of([tmp_path / "a.md", tmp_path / "b.md"], select=["figure-conflict"]) == []


# --- stale-year -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("【排污许可】2023年，全市新核发排污许可证312张，办理变更187张。", ["2023年"]),
        ("【脱贫攻坚】2023年是巩固拓展脱贫攻坚成果的关键之年，全市投入帮扶资金2.6亿元。", ["2023年"]),
        # the book's year named too, a census's standard time, a comparison, no figure
        ("【排污许可】2023年，全市启动排污许可改革，2024年新核发排污许可证312张。", []),
        ("【经济普查】2023年末，全市共有法人单位12.6万个。", []),
        ("【排污许可】全市新核发排污许可证312张，较2023年增加26张。", []),
        ("【沿革】2023年，市委决定组建市生态环境保护综合执法支队。", []),
    ],
)
def test_stale_year(tmp_path, text, found):
    book = "市生态环境局\n\n2024年，市生态环境局深化改革，2024年完成环评审批126件。\n\n" + text + "\n"
    fs = lint_texts(tmp_path, {"dc-2024.txt": book}, ["stale-year"])
    assert [f.location.text for f in fs] == found
    for f in fs:
        assert f.data == {"year": 2024, "stated_year": 2023} and "沿用了上一卷" in f.message


def test_stale_year_leaves_a_volume_named_for_the_next_year_alone(tmp_path):
    # 东川年鉴（2025） records 2024: its text names 2024 most, not the file's 2025
    book = "市生态环境局\n\n2024年，全市新核发排污许可证326张。2024年完成环评审批126件。\n\n2024年，办理变更187张。\n"
    assert lint_texts(tmp_path, {"dc-2025.txt": book}, ["stale-year"]) == []
