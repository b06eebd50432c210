"""inconsistent-total on tables of real and yearbook-voice arithmetic (issue #11).

fixtures/arithmetic/kinds.yaml: each kind of stated arithmetic, a case that must be reported
(check, message key, severity, position) and a control that must stay silent.
fixtures/arithmetic/real-text.yaml: sentences with consistent arithmetic from the government work
reports corpus (controls: silent), each with a one-figure typo where one breaks the arithmetic
(reported by the check named).
"""

from __future__ import annotations

import re

import pytest
import yaml
from conftest import FIXTURES, ROOT

from yblint.checks.inconsistent_total import ParagraphChecker
from yblint.config import Config
from yblint.engine import lint
from yblint.registry import Registry

KINDS = yaml.safe_load((FIXTURES / "arithmetic" / "kinds.yaml").read_text(encoding="utf-8"))
REAL = yaml.safe_load((FIXTURES / "arithmetic" / "real-text.yaml").read_text(encoding="utf-8"))
MESSAGES = yaml.safe_load((ROOT / "rules" / "inconsistent-total.yaml").read_text(encoding="utf-8"))["messages"]
_REGISTRY: list[Registry] = []


def rendered_from(message: str, key: str) -> bool:
    """Whether ``message`` was written from the template of ``key``: the template's words between
    its fields stand in it in order, the first at its start when the template starts with words."""
    template = MESSAGES[key]["zh"]
    words = [w for w in re.split(r"\{[^{}]*\}", template) if w]
    if not template.startswith("{") and not message.startswith(words[0]):
        return False
    at = 0
    for w in words:
        at = message.find(w, at)
        if at < 0:
            return False
        at += len(w)
    return True


def lint_text(tmp_path, text: str):
    if not _REGISTRY:
        _REGISTRY.append(Registry.load(Config().rules_dirs))
    p = tmp_path / "a.txt"
    p.write_text("区统计局\n\n" + text + "\n", encoding="utf-8")
    return lint([str(p)], Config(), registry=_REGISTRY[0], select=["inconsistent-total"]).findings


@pytest.mark.parametrize("case", KINDS, ids=[f"{i:02d}-{c['kind']}" for i, c in enumerate(KINDS)])
def test_kinds(tmp_path, case):
    found = lint_text(tmp_path, case["text"])
    if case.get("silent"):
        assert found == [], [f.message for f in found]
        return
    want = case["expect"]
    assert len(found) == case.get("findings", 1), [f.message for f in found]
    [f] = [f for f in found if f.location.text == want["at"]]
    assert f.data["check"] == want["check"], f.message
    assert rendered_from(f.message, want["key"]), (want["key"], f.message)
    assert f.location.text == want["at"]
    assert f.severity == want["severity"], f.message
    assert f.location.range()[:2] == (3, case["text"].index(want["at"]) + 1)
    if "says" in want:
        assert want["says"] in f.message
    assert f.data["formula"] in f.message


def test_a_message_is_told_from_the_templates_of_other_keys():
    """rendered_from tells the key apart: a message of one template is no other's."""
    under = "分项之和小于合计：1+2 = 3，而文中合计为4，含“其他”。请核对是否漏列分项、分项或合计有误。"
    assert rendered_from(under, "sum_under_complete")
    assert not rendered_from(under, "sum_over")
    assert not rendered_from("其中所列分项之和超过合计：1+2 = 3，大于文中合计2。", "sum_over")


def test_kinds_cover_every_kind_both_ways():
    for kind in range(1, 10):
        cases = [c for c in KINDS if c["kind"].startswith(str(kind))]
        assert any(c.get("silent") for c in cases) and any("expect" in c for c in cases), kind


def test_kinds_messages_in_english(tmp_path):
    case = next(c for c in KINDS if c["kind"] == "1 catch-all" and "expect" in c)
    p = tmp_path / "a.txt"
    p.write_text("区统计局\n\n" + case["text"] + "\n", encoding="utf-8")
    [f] = lint([str(p)], Config(lang="en"), select=["inconsistent-total"]).findings
    assert f.message.startswith("The parts fall short of the total")
    assert "catch-all" in f.message


def _issues(text: str):
    pc = ParagraphChecker(text, 0, len(text))
    return pc, pc.run()


@pytest.mark.parametrize("case", REAL, ids=[str(i) for i in range(len(REAL))])
def test_real_text(case):
    pc, issues = _issues(case["good"])
    assert issues == [] and pc.checked, case["good"]
    if "bad" in case:
        _, issues = _issues(case["bad"])
        assert [i.data["check"] for i in issues][:1] == [case["check"]], case["bad"]


def test_real_text_covers_the_checks():
    assert len(REAL) >= 60
    assert {c["check"] for c in REAL if "bad" in c} >= {"breakdown", "part", "growth", "rate"}


@pytest.mark.parametrize(
    ("text", "found"),
    [
        # the whole a share names stated in an earlier paragraph of the unit (its 概况), 规上 for 规模以上
        (
            "【概况】全市规模以上工业增加值1523.84亿元，增长7.2%。\n\n"
            "【产业结构】高新技术产业增加值786.42亿元，占规上工业增加值比重为52.6%。",
            [("52.6%", "warning")],
        ),
        (
            "【概况】全市规模以上工业增加值1523.84亿元，增长7.2%。\n\n"
            "【产业结构】高新技术产业增加值786.42亿元，占规上工业增加值比重为51.6%。",
            [],
        ),
        # another unit's figure is no whole of this one's share
        (
            "【概况】全市规模以上工业增加值1523.84亿元，增长7.2%。\n\n区科技局\n\n"
            "【产业结构】高新技术产业增加值786.42亿元，占规上工业增加值比重为52.6%。",
            [],
        ),
    ],
)
def test_a_share_of_a_whole_stated_earlier_in_the_unit(tmp_path, text, found):
    fs = lint_text(tmp_path, text)
    assert [(f.location.text, f.severity) for f in fs] == found
