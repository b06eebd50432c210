"""--format github: workflow commands that GitHub Actions turns into annotations on a PR."""

import re
from pathlib import Path

import pytest
from conftest import ROOT, SEED, doc_of

from yblint.engine import RunResult
from yblint.finding import Finding, Location
from yblint.reporters import ReportContext
from yblint.reporters.github import escape_data, escape_property, render

SEED_REL = SEED.relative_to(ROOT).as_posix()
COMMAND = re.compile(r"^::(error|warning|notice) ([^:]*)::(.*)$")


def unescape(text: str, prop: bool = False) -> str:
    """What the Actions runner does with an escaped value."""
    if prop:
        text = text.replace("%3A", ":").replace("%2C", ",")
    return text.replace("%0D", "\r").replace("%0A", "\n").replace("%25", "%")


def parse(line: str) -> tuple[str, dict[str, str], str]:
    m = COMMAND.match(line)
    assert m, line
    props = dict(p.split("=", 1) for p in m.group(2).split(","))
    return m.group(1), {k: unescape(v, True) for k, v in props.items()}, unescape(m.group(3))


def test_seed_page_gives_error_commands(cli, monkeypatch):
    monkeypatch.chdir(ROOT)
    r = cli("check", "./" + SEED_REL, "--select", "layout-marker", "--format", "github")
    assert r.code == 1
    lines = r.out.splitlines()
    assert lines[1] == (
        f"::error file={SEED_REL},line=217,col=152,endLine=217,endColumn=158,title=yblint layout-marker::"
        "段末残留版面转接标记“（下转6版）”，“…112起，无人员伤亡，未”之后的文字转到了别的版面：删除标记，并从原稿补全后文。"
    )
    kind, props, _ = parse(lines[0])
    assert (kind, props["line"], props["col"]) == ("error", "3", "1")
    assert lines[-1].startswith("共 1 个文件")


@pytest.mark.parametrize(("severity", "command"), [("error", "error"), ("warning", "warning"), ("info", "notice")])
def test_severity_to_command(cli, tmp_path, monkeypatch, severity, command):
    monkeypatch.chdir(tmp_path)
    Path("a.txt").write_text("区消防大队\n\n未（下转6版）\n", encoding="utf-8")
    Path("c.yaml").write_text(f"rules:\n  layout-marker:\n    severity: {severity}\n", encoding="utf-8")
    r = cli("check", "a.txt", "--config", "c.yaml", "--select", "layout-marker", "--format", "github")
    assert r.out.startswith(f"::{command} file=a.txt,line=3,col=2,endLine=3,endColumn=8,title=yblint layout-marker::")


def test_escaping_follows_the_runner():
    assert escape_data("50%\r\n下一行") == "50%25%0D%0A下一行"
    assert escape_property("a,b:c%d\n") == "a%2Cb%3Ac%25d%0A"
    for s in ("100%", "a:b,c", "x\ny\r\nz", "%0A literal"):
        assert unescape(escape_property(s), True) == s
        assert unescape(escape_data(s)) == s


def test_message_newlines_commas_and_related_locations(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    a = doc_of(Path("原稿,甲.txt"), "团区委\n\n开展志愿服务活动120场。\n")
    b = doc_of(Path("b.txt"), "区妇联\n\n开展志愿服务活动120场。\n")
    f = Finding(
        rule="layout-marker",
        severity="warning",
        message="相似度 100%: 复制了\n“团区委”的文字",
        location=Location(b, b.text.index("开展"), b.text.index("。") + 1),
        related=[Location(a, a.text.index("开展"), a.text.index("。") + 1)],
    )
    out = render(RunResult(documents=[b], findings=[f]), ReportContext(lang="en"))
    assert len(out.splitlines()) == 2  # one command (its newlines escaped) and the summary
    first = out.splitlines()[0]
    kind, props, message = parse(first)
    assert kind == "warning"
    assert props == {
        "file": "b.txt",
        "line": "3",
        "col": "1",
        "endLine": "3",
        "endColumn": "14",
        "title": "yblint layout-marker",
    }
    assert message == "相似度 100%: 复制了\n“团区委”的文字\nrelated: 原稿,甲.txt:3:1 (团区委)"
    # a comma in a file name is escaped in the properties
    g = Finding(rule="layout-marker", severity="error", message="m", location=Location(a, 5, 7))
    line = render(RunResult(documents=[a], findings=[g]), ReportContext()).splitlines()[0]
    assert line.startswith("::error file=原稿%2C甲.txt,line=3,col=1,")
    assert parse(line)[1]["file"] == "原稿,甲.txt"


def test_unreadable_file_is_an_error_annotation(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("bin.txt").write_bytes(b"\x00\x01\x02binary\xff\xfe")
    r = cli("check", "bin.txt", "--format", "github")
    assert r.code == 2
    assert r.out.splitlines()[0].startswith("::error file=bin.txt::")


def test_says_when_github_will_not_show_every_annotation(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    paragraphs = "".join(f"第{i}段未（下转6版）\n\n" for i in range(11))
    Path("a.txt").write_text("区消防大队\n\n" + paragraphs, encoding="utf-8")
    r = cli("check", "a.txt", "--select", "layout-marker", "--format", "github", "--lang", "en")
    assert len([ln for ln in r.out.splitlines() if ln.startswith("::error ")]) == 11
    assert "GitHub shows 10 annotations of each kind per step: every finding is in this log." in r.out
    Path("a.txt").write_text("区消防大队\n\n未（下转6版）\n", encoding="utf-8")
    r = cli("check", "a.txt", "--select", "layout-marker", "--format", "github", "--lang", "en")
    assert "GitHub shows" not in r.out
