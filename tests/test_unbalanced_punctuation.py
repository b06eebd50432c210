"""unbalanced-punctuation: paired marks with one half missing."""

from functools import lru_cache

import pytest
from conftest import FIXTURES, SEED, where
from hypothesis import given, settings
from hypothesis import strategies as st

from yblint.config import Config
from yblint.engine import lint as run_lint
from yblint.model import Corpus
from yblint.parsing import build_document
from yblint.reading.source import Source
from yblint.registry import Registry
from yblint.text.marks import FAMILY, PAIRS

RULE = ["unbalanced-punctuation"]


@lru_cache(maxsize=1)
def registry() -> Registry:
    return Registry.load(Config().rules_dirs)


def findings_of(paths, select=RULE, config=None):
    return run_lint([str(p) for p in paths], config or Config(), registry(), select=select).findings


def lint(tmp_path, text: str, name: str = "a.txt"):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return findings_of([p])


def test_seed_page_unclosed_title_mark():
    [f] = findings_of([SEED])
    assert where([f]) == [("unbalanced-punctuation", 41, 243)]
    assert f.location.text == "《" and f.data["problem"] == "open" and f.data["expected"] == "》"
    assert "前书名号《打开后没有闭合" in f.message and "《促进“两个健康”" in f.message


@pytest.mark.parametrize(
    ("text", "col", "mark", "problem"),
    [
        ("出台《促进民营经济发展的实施意见，推动企业发展。", 3, "《", "open"),
        ("开展法律咨询（含线上23次。", 7, "（", "open"),
        ("开展法律咨询含线上23次）。", 13, "）", "close"),
        ("开展法律咨询(含线上23次。", 7, "(", "open"),
        ("线上开辟【党史微课堂37期。", 5, "【", "open"),
        ("他说：「我们一定完成任务。", 4, "「", "open"),
        ("见附件[1，共3页。", 4, "[", "open"),
        ("开展“五讲四美活动，成效明显。", 3, "“", "open"),
        ("开展五讲四美”活动，成效明显。", 7, "”", "close"),
        # ” typed for “: one finding at the wrong mark
        ("开展”五讲四美”活动，成效明显。", 3, "”", "reversed"),
        # two different marks used as a pair: one finding
        ("举办“六五’普法宣讲30场。", 3, "“", "mismatch"),
        ("“纲要（草案）》把解决“三农”问题放在首位。", 1, "“", "mismatch"),
    ],
)
def test_flags_unmatched_marks(tmp_path, text, col, mark, problem):
    [f] = lint(tmp_path, f"甲单位\n\n{text}\n")
    assert where([f]) == [("unbalanced-punctuation", 3, col)]
    assert f.location.text == mark and f.data["problem"] == problem


@pytest.mark.parametrize(
    "text",
    [
        "出台《关于加强“两个健康”工作的实施意见》（试行）。",
        "细颗粒物（PM2.5）浓度下降9.1%，PM10(可吸入颗粒物)下降5%。",
        "细颗粒物（PM2.5)浓度下降。",  # mixed width: a style fault, not a missing bracket
        "他说：“要使全体干部经常想到‘勤俭建国’的方针。”",
        "1）完成改造6个；2）新增停车位300个；a) 新建公园1个。",
        "一）完成改造6个；二）新增停车位300个。",
        "（一）完成改造6个；（二）新增停车位300个。",
        "参观’99昆明世界园艺博览会，引进China’s Best项目1个。",
        "【党史微课堂】37期，「运河女儿说党史」专栏，〔2021〕12号文件。",
        "调处家暴案件1240件，办结率100%……",
    ],
)
def test_quiet_on_balanced_text(tmp_path, text):
    assert lint(tmp_path, f"甲单位\n\n{text}\n") == []


def test_quotation_over_paragraphs_the_chinese_way(tmp_path):
    text = "甲单位\n\n她说：\n\n“一要坚持党的领导。\n\n“二要服务妇女群众。\n\n“三要加强自身建设。”\n"
    assert lint(tmp_path, text) == []


def test_quotation_over_paragraphs_without_reopening_is_flagged(tmp_path):
    text = "甲单位\n\n她说：“一要坚持党的领导。\n\n二要服务妇女群众。”\n"
    assert where(lint(tmp_path, text)) == [("unbalanced-punctuation", 3, 4), ("unbalanced-punctuation", 5, 10)]


def test_bracket_over_a_split_paragraph_counts_once_as_split(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text("甲单位\n\n空气质量持续改善，细颗粒物（PM\n\n2.5\n\n）年均浓度下降9.1%。\n", encoding="utf-8")
    found = findings_of([p], ["unbalanced-punctuation", "split-paragraph"])
    assert [f.rule for f in found] == ["split-paragraph", "split-paragraph"]


def test_markdown_code_is_not_checked_and_headings_are(tmp_path):
    text = (
        "# 区妇联（2021\n\n正文用`f(x`表示，详见下文。\n\n```\nprint((1)\n```\n\n"
        "| 项目（场 | 数 |\n| --- | --- |\n| 宣讲 | 8 |\n"
    )
    assert where(lint(tmp_path, text, "a.md")) == [("unbalanced-punctuation", 1, 6)]


def test_english_message(tmp_path):
    cfg = Config()
    cfg.lang = "en"
    p = tmp_path / "a.txt"
    p.write_text("甲单位\n\n出台《促进民营经济发展的实施意见，推动企业发展。\n", encoding="utf-8")
    [f] = findings_of([p], config=cfg)
    assert f.message.startswith("The opening title mark 《 is never closed")


def test_broken_fixtures():
    md = where(findings_of([FIXTURES / "broken" / "district-womens-federation.md"]))
    assert md == [("unbalanced-punctuation", 35, 3), ("unbalanced-punctuation", 35, 36)]
    txt = findings_of([FIXTURES / "broken" / "street-report.txt"])
    assert where(txt) == [("unbalanced-punctuation", 31, 3), ("unbalanced-punctuation", 31, 14)]
    assert [f.data["problem"] for f in txt] == ["reversed", "mismatch"]


# property: balanced marks around Chinese text are quiet; take one mark away and exactly one
# finding, of that mark's family, comes back
HAN = st.text(alphabet="建设发展工作推进全面加强服务管理改革创新", min_size=1, max_size=6)
PAIR_LIST = [(o, c) for o, c in PAIRS.items() if o not in "‘["]  # ’ after a Latin letter is an apostrophe


@st.composite
def balanced(draw, depth=0):
    parts = draw(st.lists(HAN, min_size=1, max_size=3))
    if depth < 2 and draw(st.booleans()):
        o, c = draw(st.sampled_from(PAIR_LIST))
        parts.insert(draw(st.integers(0, len(parts))), o + draw(balanced(depth + 1)) + c)
    return "".join(parts)


def run_on(text: str):
    doc = build_document(Source(path="a.txt", text=f"甲单位\n\n{text}。\n", encoding="utf-8", format="text"))
    check = registry().checks(Config(), [registry().defs["unbalanced-punctuation"]])[0]
    return list(check.run(Corpus(documents=[doc])))


@settings(max_examples=150, deadline=None)
@given(balanced(), st.data())
def test_balanced_is_quiet_and_one_missing_mark_is_one_finding(text, data):
    assert run_on(text) == []
    marks = [i for i, ch in enumerate(text) if ch in FAMILY]
    if not marks:
        return
    i = data.draw(st.sampled_from(marks))
    found = run_on(text[:i] + text[i + 1 :])
    assert len(found) == 1
    assert FAMILY[found[0].location.text] == FAMILY[text[i]]


def _reference(doc) -> list[tuple[int, str]]:
    """What the check found before it skipped the paragraphs without a paired mark and looked at
    the next paragraph only for an open quotation: every logical paragraph scanned."""
    from yblint.checks.unbalanced_punctuation import QUOTE_FAMILIES, _first_char, _masked, pair_up, scan
    from yblint.text.paragraphs import logical_paragraphs

    out = []
    groups = list(logical_paragraphs(doc))
    for gi, group in enumerate(groups):
        nxt = groups[gi + 1][0] if gi + 1 < len(groups) else None
        carried = _first_char(nxt) if nxt is not None and nxt.is_prose else ""
        found = [
            u
            for u in scan(group, _masked(doc))
            if not (u.side == "open" and FAMILY[u.mark] in QUOTE_FAMILIES and carried == FAMILY[u.mark])
        ]
        out += [(issue.mark.offset, issue.kind) for issue in pair_up(found)]
    return out


@settings(max_examples=150, deadline=None)
@given(st.lists(st.text(alphabet="“”‘’《》（）()[]【】「」文。a\n ", max_size=14), max_size=6))
def test_skipping_paragraphs_without_marks_finds_the_same(paras):
    from yblint.checks.unbalanced_punctuation import UnbalancedPunctuation

    text = "\n\n".join(paras) + "\n"
    doc = build_document(Source(path="a.txt", text=text, encoding="utf-8", format="text"))
    rule = registry().defs["unbalanced-punctuation"]
    found = UnbalancedPunctuation(rule, {}).run(Corpus(documents=[doc]))
    assert [(f.location.start, f.data["problem"]) for f in found] == _reference(doc)
