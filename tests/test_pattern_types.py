"""The YAML pattern rule types: existence, substitution, repetition, consistency; user rules
through ``rules_dirs``; errors in rule files name the file and the line."""

import textwrap
from pathlib import Path

import pytest
from conftest import findings_of, where

from yblint.config import load_config
from yblint.errors import ConfigError
from yblint.registry import Registry

EXISTENCE = """\
id: house-banned
type: existence
severity: warning
message:
  zh: 不用“{match}”（{kind}）
  en: "Do not write “{match}” ({kind})"
tokens:
  - (?P<kind>亲自)
  - 高瞻远瞩
exceptions:
  - “[^”]*”
"""
SUBSTITUTION = """\
id: house-swap
type: substitution
message: "“{match}”改为“{replacement}”"
swap:
  "(\\\\d+)公斤": "\\\\1千克"
  拱墅区政府: 区政府
"""
REPETITION = """\
id: house-double
type: repetition
fixable: true
message: "“{token}”重复{count}次"
tokens: ["的", "了"]
exceptions:
  - 的的确确
  - 目的的
  - 不了了之
"""
CONSISTENCY = """\
id: house-km
type: consistency
severity: info
message: "“{match}”与多数写法“{other}”不一致（{other_count}:{count}）"
either:
  千米: 公里
"""


def _rules_dir(tmp_path: Path, files: dict[str, str]) -> Path:
    d = tmp_path / "house"
    d.mkdir()
    for name, text in files.items():
        (d / name).write_text(text, encoding="utf-8")
    (tmp_path / ".yblint.yaml").write_text("rules_dirs: [house]\n", encoding="utf-8")
    return d


def _draft(tmp_path: Path, text: str, name: str = "a.md") -> Path:
    p = tmp_path / name
    p.write_text("# 单位\n\n" + text + "\n", encoding="utf-8")
    return p


@pytest.fixture
def house(tmp_path):
    _rules_dir(
        tmp_path,
        {"a.yaml": EXISTENCE, "b.yaml": SUBSTITUTION, "c.yaml": REPETITION, "d.yml": CONSISTENCY},
    )
    return load_config(str(tmp_path / ".yblint.yaml"))


def test_user_rules_of_every_type_through_the_config(tmp_path, house):
    p = _draft(
        tmp_path,
        "书记亲自部署，“亲自”二字不报。收购500公斤。拱墅区政府的的决定。不了了之。目的的达成。全长3千米，另2公里，再4公里。",
    )
    got = [(f.rule, f.location.text) for f in findings_of([p], ["house"], house)]
    assert got == [
        ("house-banned", "亲自"),
        ("house-swap", "500公斤"),
        ("house-swap", "拱墅区政府"),
        ("house-double", "的的"),
        ("house-km", "千米"),
    ]


def test_messages_and_fixes(tmp_path, house):
    p = _draft(tmp_path, "书记亲自部署。收购500公斤。拱墅区政府的的 的决定。")
    fs = {}
    for f in findings_of([p], ["house"], house):
        fs.setdefault(f.rule, f)
    assert fs["house-banned"].message == "不用“亲自”（亲自）"
    swap = fs["house-swap"]
    assert swap.message == "“500公斤”改为“500千克”"
    assert swap.fix.edits[0].replacement == "500千克" and swap.fix.safe
    double = fs["house-double"]
    assert (double.location.text, double.data["count"], double.message) == ("的的 的", 3, "“的”重复3次")
    assert double.fix.edits[0].replacement == "的" and double.fix.safe


def test_user_rule_by_pack_name_and_select(tmp_path, house, cli, monkeypatch):
    monkeypatch.chdir(tmp_path)
    _draft(tmp_path, "书记亲自部署。")
    r = cli("check", "a.md", "--select", "house", "--format", "json")
    assert r.code == 1
    assert [f["rule"] for f in r.json()["findings"]] == ["house-banned"]
    r = cli("check", "a.md", "--ignore", "house", "--select", "ALL", "--format", "json")
    assert "house-banned" not in [f["rule"] for f in r.json()["findings"]]
    assert " house-banned " in cli("rules").out


def test_scope(tmp_path):
    rule = EXISTENCE.replace("id: house-banned", "id: house-banned\nscope: [heading]")
    _rules_dir(tmp_path, {"a.yaml": rule})
    cfg = load_config(str(tmp_path / ".yblint.yaml"))
    p = tmp_path / "a.md"
    p.write_text("# 亲自\n\n亲自部署。\n\n- 亲自\n", encoding="utf-8")
    assert where(findings_of([p], ["house-banned"], cfg)) == [("house-banned", 1, 3)]


def test_literal_and_ignorecase(tmp_path):
    rule = "id: no-app\ntype: existence\nmessage: x\nliteral: true\nignorecase: true\ntokens: [A.P.P]\n"
    _rules_dir(tmp_path, {"a.yaml": rule})
    cfg = load_config(str(tmp_path / ".yblint.yaml"))
    p = _draft(tmp_path, "下载a.p.p使用，APP不报。")
    assert [f.location.text for f in findings_of([p], ["no-app"], cfg)] == ["a.p.p"]


def test_unsafe_substitution(tmp_path):
    rule = SUBSTITUTION + "fixable: false\n"
    _rules_dir(tmp_path, {"b.yaml": rule})
    cfg = load_config(str(tmp_path / ".yblint.yaml"))
    [f, _] = findings_of([_draft(tmp_path, "收购500公斤。拱墅区政府")], ["house-swap"], cfg)
    assert f.fix is not None and f.fix.safe is False


def test_consistency_tie_prefers_first_form_used(tmp_path, house):
    p = _draft(tmp_path, "全长3公里，另有2千米。")
    [f] = findings_of([p], ["house-km"], house)
    assert (f.location.text, f.data["other"]) == ("千米", "公里")
    assert f.related and f.related[0].text == "公里"


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("id: x\ntype: existence\nmessage: m\ntokens:\n  - ok\n  - '(unclosed'\n", 6, "invalid regular expression"),
        ("id: x\ntype: existence\nmessage: m\n", 1, "needs 'tokens'"),
        ("id: x\ntype: existence\nmessage: m\ntokens: []\n", 4, "non-empty list"),
        ("id: x\ntype: existence\nmessage: m\ntokens: [a]\nscope: [prose, footnote]\n", 5, "unknown scope"),
        ("id: x\ntype: existence\nmessage: m\ntokens: [a]\ntimeout: 0\n", 5, "timeout"),
        ("id: x\ntype: existence\nmessage: m\ntokens: [a]\nliteral: yes please\n", 5, "true or false"),
        ("id: x\ntype: existence\nmessage: m\ntokens: [a]\nswap: {a: b}\n", 5, "unknown key 'swap'"),
        ("id: x\ntype: substitution\nmessage: m\nswap:\n  '(a)b': '\\2'\n", 5, "unknown group"),
        ("id: x\ntype: substitution\nmessage: m\nswap: [a, b]\n", 4, "needs 'swap'"),
        ("id: x\ntype: substitution\nmessage: m\nswap:\n  a: 3\n", 5, "must be a string"),
        ("id: x\ntype: consistency\nmessage: m\neither: {}\n", 4, "needs 'either'"),
        ("id: x\ntype: repetition\nmessage: m\ntokens: ['(a)(b)']\n", 4, "groups"),
        ("id: x\ntype: regexp\nmessage: m\n", 2, "unknown rule type"),
        ("id: x\ntype: existence\nmessage: m\ntokens: [a\n", 5, "invalid YAML"),
        ("id: x\ntype: existence\nmessage: !!python/object/apply:os.system ['true']\ntokens: [a]\n", 3, "invalid YAML"),
    ],
)
def test_broken_rule_file_names_file_and_line(tmp_path, cli, monkeypatch, text, line, words):
    _rules_dir(tmp_path, {"broken.yaml": text})
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ConfigError) as e:
        Registry.load(load_config(None).rules_dirs)
    assert e.value.path.endswith("house/broken.yaml")
    assert e.value.line == line
    assert words in e.value.message
    r = cli("check", ".")
    assert r.code == 2
    assert r.err.count("\n") == 1 and f"broken.yaml:{line}:" in r.err


def test_catastrophic_pattern_times_out_naming_the_rule(tmp_path, cli, monkeypatch):
    rule = "id: slow\ntype: existence\nmessage: m\ntimeout: 0.05\ntokens:\n  - '(a|aa)+$'\n"
    _rules_dir(tmp_path, {"slow.yaml": rule})
    (tmp_path / "a.txt").write_text("甲\n\n" + "a" * 60 + "!\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    r = cli("check", "a.txt", "--select", "slow")
    assert r.code == 2
    assert r.err.count("\n") == 1
    assert "rule 'slow'" in r.err and "house/slow.yaml:6" in r.err and "a.txt:3" in r.err


def test_rule_files_are_data(tmp_path):
    # a YAML tag that would build a Python object is refused by the safe loader
    text = textwrap.dedent("""\
        id: x
        type: existence
        message: m
        tokens: !!python/name:os.system
        """)
    _rules_dir(tmp_path, {"a.yaml": text})
    with pytest.raises(ConfigError, match="invalid YAML"):
        Registry.load([str(tmp_path / "house")])
