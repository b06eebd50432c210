"""Markdown constructs that are not prose — HTML comments, raw HTML, code spans and blocks, link
targets and URLs, YAML front matter — are never linted as prose and never rewritten by --fix."""

import itertools
from functools import cache
from pathlib import Path

import pytest
from conftest import findings_of, where
from hypothesis import given, settings
from hypothesis import strategies as st

from yblint.parsing.markdown import literal_spans, parse_markdown

# a sentence before each construct, so that the paragraph around it is complete prose
PLACINGS = {
    "inline comment": "全区共接警1504次。<!-- {bad} -->\n",
    "comment after a sentence, next line": "全区共接警1504次。\n<!-- {bad} -->\n",
    "comment block": "<!--\n{bad}\n-->\n",
    "inline html attribute": '全区共接警<span title="{bad}">1504</span>次。\n',
    "inline html element": "全区共接警1504次。<kbd>{bad}</kbd>\n",
    "html block": "<div>\n{bad}\n</div>\n",
    "code span": "全区共接警1504次，见`{bad}`。\n",
    "double backtick code span": "全区共接警1504次，见`` {bad} ``。\n",
    "fenced code": "```\n{bad}\n```\n",
    "indented code": "    {bad}\n",
    "link target": "全区共接警1504次，见[通报](<https://example.com/{bad}>)。\n",
    "link title": '全区共接警1504次，见[通报](https://example.com/a "{bad}")。\n',
    "autolink": "全区共接警1504次，见<https://example.com/{nospace}>。\n",
    "bare url": "全区共接警1504次，见 https://example.com/{url} 。\n",
    "reference definition": "全区共接警1504次，见[通报]。\n\n[通报]: https://example.com/{nospace}\n",
    "front matter": '---\ntitle: "{bad}"\n---\n\n全区共接警1504次。\n',
}


@cache
def fixable_triggers() -> dict[str, str]:
    """rule id -> the bad example of every rule whose finding on it carries a fix (one line)."""
    from conftest import registry

    out = {}
    for d in registry().defs.values():
        for ex in d.examples:
            bad = ex.get("bad")
            if bad and "\n" not in bad.strip() and "⏎" not in bad:
                out[d.id] = bad.strip()
                break
    out["common-typo"] = "更换各类窞井181座。"  # its example is a table row, which is not flagged
    return out


@pytest.fixture(scope="module")
def fixable(tmp_path_factory) -> dict[str, str]:
    """rule id -> a trigger, for every rule whose finding on its trigger carries a fix."""
    tmp = tmp_path_factory.mktemp("probe")
    out = {}
    for rid, bad in fixable_triggers().items():
        f = tmp / f"probe-{rid}.txt"
        f.write_text(bad + "\n", encoding="utf-8")
        if any(x.fix is not None for x in findings_of([f], select=[rid])):
            out[rid] = bad
    return out


def test_the_triggers_cover_the_fixable_rules(fixable):
    assert {"cutoff-date", "number-range", "nonstandard-unit", "dash", "half-width-punct", "space-in-cjk"} <= set(
        fixable
    )
    assert {"common-typo", "repeated-punct"} <= set(fixable)


@pytest.mark.parametrize("placing", sorted(PLACINGS))
def test_fixable_triggers_inside_non_prose_give_nothing_and_fix_nothing(tmp_path, cli, monkeypatch, placing, fixable):
    monkeypatch.chdir(tmp_path)
    names = []
    for rid, bad in sorted(fixable.items()):
        nospace = bad.replace(" ", "").replace("\u3000", "")
        url = "".join(ch for ch in nospace if ch not in "，。、；：！？“”‘’（）《》【】")  # a bare URL ends at them
        body = PLACINGS[placing].format(bad=bad, nospace=nospace, url=url)
        name = f"{rid}.md"
        Path(name).write_text(f"# 团区委\n\n{body}", encoding="utf-8")
        names.append(name)
    before = {n: Path(n).read_bytes() for n in names}
    r = cli("check", *names, "--select", "ALL", "--format", "json")
    assert r.json()["findings"] == [], r.out
    cli("check", *names, "--select", "ALL", "--fix")
    assert {n: Path(n).read_bytes() for n in names} == before


def test_the_same_triggers_in_prose_are_fixed(tmp_path, cli, monkeypatch, fixable):
    """The placings above are quiet because of the construct, not because the triggers are dull."""
    monkeypatch.chdir(tmp_path)
    for rid, bad in sorted(fixable.items()):
        Path(f"{rid}.md").write_text(f"# 团区委\n\n{bad}\n", encoding="utf-8")
        r = cli("check", f"{rid}.md", "--select", rid, "--format", "json")
        assert [f["rule"] for f in r.json()["findings"]] == [rid]


def test_comment_after_a_sentence_keeps_its_dashes_and_raises_no_truncated_sentence(tmp_path, cli, monkeypatch):
    monkeypatch.chdir(tmp_path)
    text = "# 区消防大队\n\n全区共接警出动1504次。<!-- 待核实 -->\n\n全年未发生较大火灾。\n"
    Path("a.md").write_text(text, encoding="utf-8")
    r = cli("check", "a.md", "--select", "ALL", "--format", "json")
    assert r.json()["findings"] == []
    cli("check", "a.md", "--fix")
    assert Path("a.md").read_text(encoding="utf-8") == text


def test_a_cut_sentence_before_a_comment_is_still_found(tmp_path):
    p = tmp_path / "a.md"
    p.write_text("# 区消防大队\n\n全区共接警出动1504次，无人员伤亡，未<!-- 下文缺失 -->\n", encoding="utf-8")
    assert where(findings_of([p], select=["truncated-sentence"])) == [("truncated-sentence", 3, 20)]


def test_prose_around_a_code_span_is_still_linted(tmp_path):
    p = tmp_path / "a.md"
    p.write_text("# 团区委\n\n截止11月15日，见`截止11月15日`。\n", encoding="utf-8")
    assert where(findings_of([p], select=["cutoff-date"])) == [("cutoff-date", 3, 1)]


def test_front_matter_is_not_a_unit_heading(tmp_path):
    p = tmp_path / "a.md"
    p.write_text("---\ntitle: 2021年卷\n---\n\n# 团区委\n\n全区共接警1504次。\n", encoding="utf-8")
    from conftest import doc_of

    doc = doc_of(p)
    assert [u.name for u in doc.units] == ["团区委"]


def test_suppression_comments_keep_working(tmp_path):
    p = tmp_path / "a.md"
    p.write_text(
        "# 团区委\n\n<!-- yblint-disable-next-line cutoff-date -->\n截止11月15日，共引进企业176家。\n\n"
        "截止11月16日，共引进企业177家。\n",
        encoding="utf-8",
    )
    assert where(findings_of([p], select=["cutoff-date"])) == [("cutoff-date", 6, 1)]


_PIECES = ["文字", "。", "，", "`", "``", "<", ">", "<!--", "-->", "<span a=\"1\">", "</span>", "<code>", "</code>",
           "](", "[", "]", "![", "(", ")", "\"", "http://a.cn/", "www.", " ", "\n", "\\", "—", "1-9"]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=40))
def test_literal_spans_are_sorted_disjoint_and_inside_the_text(pieces):
    text = "".join(pieces)
    _blocks, spans = parse_markdown(text)
    for a, b in spans:
        assert 0 <= a < b <= len(text)
    assert all(b1 <= a2 for (_a1, b1), (a2, _b2) in itertools.pairwise(spans))
    for a, b in literal_spans(text, 0, len(text)):
        assert 0 <= a < b <= len(text)


def test_a_finding_around_a_link_is_kept(tmp_path):
    """Only findings that start or end in a literal span go; a copied passage with a link inside stays."""
    passage = "围绕“快收地、收好地、实现效益最大化”工作思路，今年已成功出让4宗地块，共计出让金73.88亿元，详见[公告](https://example.com/a)。已收储5宗地，共计面积1290.55亩。"
    p = tmp_path / "a.md"
    p.write_text(f"# 区城投集团\n\n{passage}\n\n# 拱投资\n\n{passage}\n", encoding="utf-8")
    assert [f.rule for f in findings_of([p], select=["duplicate-passage"])] == ["duplicate-passage"]


def test_the_bang_of_an_image_is_markup_and_a_bang_in_prose_is_not(tmp_path, cli, monkeypatch):
    monkeypatch.chdir(tmp_path)
    text = "# 团区委\n\n全年开展活动12场，见![活动照片](a.png)和![合影][1]，真好!\n\n[1]: b.png\n"
    Path("a.md").write_text(text, encoding="utf-8")
    r = cli("check", "a.md", "--select", "half-width-punct", "--format", "json")
    assert [(f["rule"], f["line"], f["column"]) for f in r.json()["findings"]] == [
        ("half-width-punct", 3, text.splitlines()[2].index("好!") + 2)
    ]
    cli("check", "a.md", "--select", "half-width-punct", "--fix")
    assert Path("a.md").read_text(encoding="utf-8") == text.replace("好!", "好！")


@pytest.mark.parametrize("name", ["a.txt", "a.md"])
def test_urls_in_plain_text_are_not_fixed_either(tmp_path, cli, monkeypatch, name):
    monkeypatch.chdir(tmp_path)
    text = "团区委\n\n详见区政府网站 http://www.gongshu.gov.cn/1-9月/截止2021年。\n"
    Path(name).write_text(text, encoding="utf-8")
    r = cli("check", name, "--select", "ALL", "--format", "json")
    assert [f["rule"] for f in r.json()["findings"]] == []
    cli("check", name, "--select", "ALL", "--fix")
    assert Path(name).read_text(encoding="utf-8") == text
