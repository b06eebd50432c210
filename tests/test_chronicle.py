"""Chronicles (大事记): the date that opens an entry, set off by a space, is told the same way by
yblint.text.chronicle (an entry is a sentence, never a heading) and by space-in-cjk's exception
(the space after it is layout)."""

import pytest
from conftest import findings_of, where

from yblint.text.chronicle import opens_entry

ENTRIES = [
    "1月3日　区委召开全区经济工作会议。",
    "2023年1月　全区开展安全生产大检查。",
    "3月　区委理论学习中心组开展集中学习。",
    "3—4月　全区开展春季植树活动。",
    "2月15日—16日　区委召开务虚会。",
    "2月20—21日　省委常委到清河区调研。",
    "6月8–10日　市人大常委会调研组来调研。",  # an en dash (the dash itself a fault of its own)
    "5月16日至18日　2023中国（清河）数字贸易博览会举办。",
    "6月30日—7月2日　区第十届运动会举行。",
    "3月下旬　全区启动“清廉村居”建设三年行动。",
    "4月初　区政府出台稳经济一揽子政策。",
    "12月底　全区完成年度民生实事项目。",
    "4月1日起　全区实施新修订的管理办法。",
    "1月5日晚　区应急管理局启动防寒潮应急响应。",
    "同日　区政协召开常委会议。",
    "是月　全区开展消防安全专项整治。",
    "１２月８日　区委召开全会。",  # full-width digits
]

NOT_ENTRIES = [
    "1月 3日区委召开全区经济工作会议。",  # a stray space inside the date
    "区委召开 全区经济工作会议。",
    "1月3日区委召开全区经济工作会议。",  # no space: running text
    "全区3月下旬 启动建设行动。",  # a date inside the text
]


@pytest.mark.parametrize("line", ENTRIES)
def test_an_entry_opens_with_its_date(tmp_path, line):
    assert opens_entry(line)
    p = tmp_path / "dashiji.md"
    p.write_text(f"# 大事记\n\n{line}\n", encoding="utf-8")
    assert where(findings_of([p], ["space-in-cjk", "truncated-sentence"])) == []


@pytest.mark.parametrize("line", NOT_ENTRIES)
def test_running_text_is_no_entry(line):
    assert not opens_entry(line)


@pytest.mark.parametrize(
    ("line", "col"),
    [("1月 3日区委召开全区经济工作会议。", 3), ("区委召开 全区经济工作会议。", 5), ("全区3月下旬 启动建设行动。", 7)],
)
def test_a_stray_space_near_a_date_is_still_reported(tmp_path, line, col):
    p = tmp_path / "dashiji.md"
    p.write_text(f"# 大事记\n\n{line}\n", encoding="utf-8")
    assert where(findings_of([p], ["space-in-cjk"])) == [("space-in-cjk", 3, col)]
