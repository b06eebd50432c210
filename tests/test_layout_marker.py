import pytest
from conftest import findings_of, where
from hypothesis import given, settings
from hypothesis import strategies as st

from yblint.text.paragraphs import LAYOUT_MARKER, find_markers


@pytest.mark.parametrize(
    ("text", "marker"),
    [
        ("甲\n\n共发生火灾112起，未（下转6版）\n", "（下转6版）"),
        ("甲\n\n（紧接4版）代表大会选举工作。\n", "（紧接4版）"),
        ("甲\n\n（上接3版）代表大会。\n", "（上接3版）"),
        ("甲\n\n见下文（转第8版）。\n", "（转第8版）"),
        ("甲\n\n正文（ 下转 第 12 版 ）。\n", "（ 下转 第 12 版 ）"),
        ("甲\n\n正文(下转6版)。\n", "(下转6版)"),
        ("甲\n\n正文（接上页）。\n", "（接上页）"),
        ("甲\n\n正文下转第6版\n", "下转第6版"),
        ("甲\n\n正文（下转六版）\n", "（下转六版）"),
    ],
)
def test_flags_continuation_notes(tmp_path, text, marker):
    p = tmp_path / "a.txt"
    p.write_text(text, encoding="utf-8")
    [f] = findings_of([p], ["layout-marker"])
    assert f.location.text == marker
    assert f.data["marker"] == marker


@pytest.mark.parametrize(
    "text",
    [
        "详见本书第6版说明。",
        "报纸第6版刊发了评论文章。",
        "（见第3页）",
        "转第三产业发展方向，接续推进。",
        "一版再版，转载量上升（转载3次）。",
    ],
)
def test_quiet_on_ordinary_text(tmp_path, text):
    p = tmp_path / "a.txt"
    p.write_text("甲\n\n" + text + "\n", encoding="utf-8")
    assert findings_of([p], ["layout-marker"]) == []


def test_markdown_positions(tmp_path):
    p = tmp_path / "a.md"
    p.write_text("# 区消防大队\n\n- 共发生火灾112起，未（下转6版）\n", encoding="utf-8")
    assert where(findings_of([p], ["layout-marker"])) == [("layout-marker", 3, 14)]


@pytest.mark.parametrize(
    ("text", "direction"),
    [
        ("（下转6版）", "to"),
        ("（转第8版）", "to"),
        ("下转第6版", "to"),
        ("（紧接4版）", "from"),
        ("（上接3版）", "from"),
        ("（接上页）", "from"),
        ("（续第3版）", "from"),
    ],
)
def test_direction_of_the_note(tmp_path, text, direction):
    p = tmp_path / "a.txt"
    p.write_text("甲单位\n\n全区共接警出动1504次，" + text + "\n", encoding="utf-8")
    [f] = findings_of([p], ["layout-marker"])
    assert f.data["direction"] == direction


def test_seed_page_and_broken_fixture_positions():
    from conftest import FIXTURES, SEED

    assert where(findings_of([SEED], ["layout-marker"])) == [("layout-marker", 3, 1), ("layout-marker", 217, 152)]
    md = FIXTURES / "broken" / "district-womens-federation.md"
    assert where(findings_of([md], ["layout-marker"])) == [("layout-marker", 3, 1)]


@settings(max_examples=600, deadline=None)
@given(st.text(alphabet="（()）下上紧转接续第版页面栏前后一6１ 上接下转紧接\n", max_size=40))
def test_find_markers_is_the_pattern_search(text):
    """find_markers (the pattern tried where a note can start) finds what finditer finds."""
    assert [m.span() for m in find_markers(text)] == [m.span() for m in LAYOUT_MARKER.finditer(text)]


def test_find_markers_in_a_text():
    text = "上接着说（下转6版）上接3版，紧接4版（接上页）(转第8版)上面"
    spans = [m.group(0) for m in find_markers(text)]
    assert spans == [m.group(0) for m in LAYOUT_MARKER.finditer(text)]
    assert spans == ["（下转6版）", "上接3版", "紧接4版", "（接上页）", "(转第8版)"]
