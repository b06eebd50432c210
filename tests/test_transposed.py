"""figure-conflict's ``transposed`` kind: two amounts of one thing whose digits differ by two
neighbours swapped (棚户区改造征迁1286户 / 1268户), told in both places."""

from pathlib import Path

import pytest
from conftest import findings_of_texts

from yblint.text.transposed import swapped


def lint(tmp_path: Path, files: dict[str, str]):
    return findings_of_texts(tmp_path, files, ["figure-conflict"])


@pytest.mark.parametrize(
    ("x", "y", "swap"),
    [
        ("1286", "1268", True),
        ("128645", "128465", True),
        ("1286", "1286", False),
        ("1286", "2186", True),
        ("1286", "1682", False),
        ("1286", "12860", False),
        ("1286", "1287", False),
        ("123", "213", True),
    ],
)
def test_swapped(x, y, swap):
    assert swapped(x, y) is swap


def test_two_units_state_one_amount_with_two_digits_swapped(tmp_path):
    files = {
        "城投.txt": "区城投集团\n\n2022年，全年完成棚户区改造征迁1286户，拆除房屋面积28.6万平方米。\n",
        "住建.txt": "区住建局\n\n2022年，全区完成棚户区改造征迁1268户，完成老旧小区综合改造项目23个。\n",
    }
    found = lint(tmp_path, files)
    assert [(Path(f.document.path).name, f.location.text, f.data["other_value"]) for f in found] == [
        ("住建.txt", "1268户", "1286户"),
        ("城投.txt", "1286户", "1268户"),
    ]
    for f in found:
        assert f.data["kind"] == "transposed" and f.data["indicator"] == "完成棚户区改造征迁"
        assert "相邻两位数字颠倒" in f.message and f.related[0].text == f.data["other_value"]


CHENGTOU = "区城投集团\n\n2022年，完成棚户区改造征迁{}。\n"
ZHUJIAN = "区住建局\n\n{}年，完成棚户区改造征迁{}。\n"


@pytest.mark.parametrize(
    "files",
    [
        # two digits: as likely two numbers
        {"a.txt": CHENGTOU.format("86户"), "b.txt": ZHUJIAN.format(2022, "68户")},
        # another unit, another year
        {"a.txt": CHENGTOU.format("1286户"), "b.txt": ZHUJIAN.format(2022, "1268个")},
        {"a.txt": CHENGTOU.format("1286户"), "b.txt": ZHUJIAN.format(2021, "1268户")},
        # another thing (a part of a longer name)
        {
            "a.txt": "区卫健局\n\n2022年，全县有医疗卫生机构386个。\n",
            "b.txt": "区统计局\n\n2022年，有基层医疗卫生机构368个。\n",
        },
        # a passage copied with its figures changed: duplicate-passage tells it
        {
            "a.txt": "团区委\n\n2022年，依托新时代文明实践站开展亲子阅读活动124场，服务家庭3860户，"
            "覆盖全区各社区，参与青少年2.3万人次。\n",
            "b.txt": "区妇联\n\n2022年，依托新时代文明实践站开展亲子阅读活动142场，服务家庭3680户，"
            "覆盖全区各社区，参与青少年2.1万人次。\n",
        },
        # words too short to say it is one thing
        {"a.txt": "区城投集团\n\n2022年，比上年增加1286户。\n", "b.txt": "区住建局\n\n2022年，比上年增加1268户。\n"},
    ],
)
def test_silent(tmp_path, files):
    assert [f for f in lint(tmp_path, files) if f.data.get("kind") == "transposed"] == []


def test_one_short_sentence_in_two_units_is_told(tmp_path):
    """Two units write the same short sentence with the figure's digits swapped: no copy that
    duplicate-passage reports (too short), so the slip is told here."""
    files = {"a.txt": CHENGTOU.format("1286户"), "b.txt": ZHUJIAN.format(2022, "1268户")}
    assert [f.location.text for f in lint(tmp_path, files)] == ["1286户", "1268户"]


def test_an_indicator_told_already_is_not_told_again(tmp_path):
    files = {
        "统计.txt": "区统计局\n\n2022年，全区地区生产总值1286.42亿元。\n",
        "发改.txt": "区发改局\n\n2022年，全区地区生产总值1268.42亿元。\n",
    }
    found = lint(tmp_path, files)
    assert [f.data.get("kind") for f in found] == ["level"]
