"""Small CI defects: ``--diff`` of files with lone-CR line ends, duplicate keys in YAML, the
baseline's count of recorded findings that no longer occur, and the option named in an
``--extend-select``/``--extend-ignore`` typo."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT

from yblint.errors import ConfigError
from yblint.yamlpos import load_yaml

SCHEMA = json.loads((ROOT / "yblint" / "schema" / "report.schema.json").read_text())


@pytest.fixture
def work(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


# --- 1. --diff: lines end at \n only, as git diff and patch cut them ------------------------------

CR_DRAFT = "区城投集团\r\r2021年，区城投集团完成投资58.6亿元,同比增长12.3%。\r\r全年实现营业收入21.4亿元。\r"
LF_DRAFT = "区妇联\n\n2021年，区妇联资助困难女童86名,发放助学金25.8万元。\n"
# LF, a stray lone CR, CRLF, a form feed inside a line (str.splitlines cuts at it, git does not)
MIXED_DRAFT = "区妇联\n\n2021年，区妇联资助女童86名,\r发放助学金25.8万元。\r\n附表\x0c见下页,共2页。\n末行无换行"


def _fixed(text: str) -> str:
    return text.replace(",", "，")


def _apply(tool: list[str], diff: str, files: dict[str, bytes], where: Path) -> dict[str, bytes]:
    """Apply ``diff`` with ``tool`` to copies of ``files`` in ``where``; their bytes after."""
    where.mkdir()
    for name, data in files.items():
        (where / name).write_bytes(data)
    (where / "fix.diff").write_bytes(diff.encode("utf-8"))
    done = subprocess.run([*tool, "fix.diff"], cwd=where, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    return {name: (where / name).read_bytes() for name in files}


APPLIERS = [
    pytest.param(["patch", "-p1", "--quiet", "-i"], id="patch"),
    pytest.param(["git", "apply"], id="git-apply"),
]


def test_diff_of_a_lone_cr_file_is_one_line_as_git_shows_it(work, cli):
    Path("cr.txt").write_bytes(CR_DRAFT.encode("utf-8"))
    Path("lf.txt").write_bytes(LF_DRAFT.encode("utf-8"))
    r = cli("check", "cr.txt", "lf.txt", "--select", "half-width-punct", "--diff")
    assert r.code == 1
    assert r.out == (
        "--- a/cr.txt\n+++ b/cr.txt\n@@ -1 +1 @@\n"
        f"-{CR_DRAFT}\n\\ No newline at end of file\n"
        f"+{_fixed(CR_DRAFT)}\n\\ No newline at end of file\n"
        "--- a/lf.txt\n+++ b/lf.txt\n@@ -1,3 +1,3 @@\n"
        " 区妇联\n \n"
        "-2021年，区妇联资助困难女童86名,发放助学金25.8万元。\n"
        "+2021年，区妇联资助困难女童86名，发放助学金25.8万元。\n"
    )
    # nothing written
    assert Path("cr.txt").read_bytes() == CR_DRAFT.encode("utf-8")


@pytest.mark.parametrize("tool", APPLIERS)
def test_the_diff_applies_and_gives_the_bytes_fix_writes(work, cli, tool):
    if shutil.which(tool[0]) is None:
        pytest.skip(f"{tool[0]} is not installed")
    drafts = {"cr.txt": CR_DRAFT, "lf.txt": LF_DRAFT, "mixed.txt": MIXED_DRAFT}
    originals = {name: text.encode("utf-8") for name, text in drafts.items()}
    for name, data in originals.items():
        Path(name).write_bytes(data)
    r = cli("check", *drafts, "--select", "half-width-punct", "--diff")
    assert r.code == 1
    applied = _apply(tool, r.out, originals, work / "applied")
    fixed = cli("check", *drafts, "--select", "half-width-punct", "--fix")
    assert fixed.code == 0, fixed.out + fixed.err
    # --fix is byte-exact: every line end kept, only the commas changed
    written = {name: Path(name).read_bytes() for name in drafts}
    assert written == {name: _fixed(text).encode("utf-8") for name, text in drafts.items()}
    assert applied == written


def test_diff_of_a_mixed_file_keeps_cr_inside_its_lines(work, cli):
    Path("mixed.txt").write_bytes(MIXED_DRAFT.encode("utf-8"))
    r = cli("check", "mixed.txt", "--select", "half-width-punct", "--diff")
    assert r.code == 1
    body = r.out.split("@@\n", 1)[1]
    assert body == (
        " 区妇联\n \n"
        "-2021年，区妇联资助女童86名,\r发放助学金25.8万元。\r\n"
        "-附表\x0c见下页,共2页。\n"
        "+2021年，区妇联资助女童86名，\r发放助学金25.8万元。\r\n"
        "+附表\x0c见下页，共2页。\n"
        " 末行无换行\n\\ No newline at end of file\n"
    )


def test_diff_of_a_file_ending_with_a_newline_has_no_marker(work, cli):
    Path("crlf.txt").write_bytes(LF_DRAFT.replace("\n", "\r\n").encode("utf-8"))
    r = cli("check", "crlf.txt", "--select", "half-width-punct", "--diff")
    assert r.code == 1
    assert "No newline" not in r.out
    assert "+2021年，区妇联资助困难女童86名，发放助学金25.8万元。\r\n" in r.out
    assert r.out.count("\n") == r.out.count("\r\n") + 3  # the ---, +++ and @@ lines end in \n alone


# --- 2. a key written twice in a YAML file is an error -------------------------------------------

DRAFT = "区妇联\n\n今年，区妇联开展活动,共3场。\n"


@pytest.mark.parametrize(
    ("config", "message"),
    [
        (
            "rules:\n  relative-time: {enabled: false}\ncorpus: []\nrules:\n  half-width-punct: {severity: info}\n",
            ".yblint.yaml:4: duplicate key 'rules' (first on line 1)",
        ),
        ("lang: en\nfail_on: error\nlang: zh\n", ".yblint.yaml:3: duplicate key 'lang' (first on line 1)"),
        (
            "rules:\n  relative-time: {enabled: false, severity: info, enabled: true}\n",
            ".yblint.yaml:2: duplicate key 'enabled' in 'rules.relative-time' (first on line 2)",
        ),
        (
            "rules:\n  relative-time:\n    enabled: false\n  half-width-punct: {}\n"
            "  relative-time:\n    enabled: true\n",
            ".yblint.yaml:5: duplicate key 'relative-time' in 'rules' (first on line 2)",
        ),
    ],
)
def test_a_duplicate_key_in_the_config_is_an_error(work, cli, config, message):
    Path("a.txt").write_text(DRAFT, encoding="utf-8")
    Path(".yblint.yaml").write_text(config, encoding="utf-8")
    r = cli("check", "a.txt")
    assert (r.code, r.out, r.err) == (2, "", f"yblint: error: {message}\n")


def test_the_same_key_in_different_mappings_is_no_duplicate(work, cli):
    Path("a.txt").write_text(DRAFT, encoding="utf-8")
    config = "rules:\n  relative-time: {enabled: false}\n  half-width-punct: {enabled: false}\nlang: en\n"
    Path(".yblint.yaml").write_text(config, encoding="utf-8")
    r = cli("check", "a.txt")
    assert (r.code, r.err) == (0, "")
    assert "Found 0 findings" in r.out


def test_a_duplicate_key_in_a_user_rule_file_is_an_error(work, cli):
    Path("a.txt").write_text("区妇联\n\n区妇联领导亲自带队。\n", encoding="utf-8")
    Path("house").mkdir()
    rule = (
        "id: house-banned\ntype: existence\nseverity: warning\n"
        'message: {zh: "不用“{match}”。", en: "Do not write “{match}”."}\n'
        "tokens: [亲自]\ntokens: [高瞻远瞩]\n"
    )
    Path("house/banned.yaml").write_text(rule, encoding="utf-8")
    Path(".yblint.yaml").write_text("rules_dirs: [house]\n", encoding="utf-8")
    r = cli("check", "a.txt")
    assert (r.code, r.out, r.err) == (
        2,
        "",
        "yblint: error: house/banned.yaml:6: duplicate key 'tokens' (first on line 5)\n",
    )
    # the same rule with the key once is loaded and runs
    Path("house/banned.yaml").write_text(rule.replace("tokens: [高瞻远瞩]\n", ""), encoding="utf-8")
    r = cli("check", "a.txt", "--select", "house-banned")
    assert r.code == 1, r.err
    assert "house-banned" in r.out


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("yes: a\ntrue: b\n", 2, "duplicate key 'true' (first on line 1)"),  # one key once loaded
        ("~: a\nnull: b\n", 2, "duplicate key 'null' (first on line 1)"),
        (
            "x:\n  - {a: 1, a: 2}\ny: 1\ny: 2\n",
            2,
            "duplicate key 'a' in 'x[0]' (first on line 2)",
        ),  # the first in the text
        ("y: 1\ny: 2\nx:\n  - {a: 1, a: 2}\n", 2, "duplicate key 'y' (first on line 1)"),
    ],
)
def test_load_yaml_names_the_first_duplicate_in_the_text(text, line, message):
    with pytest.raises(ConfigError) as e:
        load_yaml(text, "t.yaml")
    assert (e.value.path, e.value.line, e.value.message) == ("t.yaml", line, message)


@pytest.mark.parametrize(
    ("text", "data"),
    [
        ('1: a\n"1": b\n', {1: "a", "1": "b"}),  # an int and a string: two keys
        # a merge brings keys in, and the mapping may override them, as YAML means
        ("base: &b {lang: en, year: 2021}\nother:\n  <<: *b\n  lang: zh\n", None),
        ("a: &x {k: 1}\nb: *x\n", {"a": {"k": 1}, "b": {"k": 1}}),  # an alias is the same node again
    ],
)
def test_load_yaml_accepts_keys_that_are_not_duplicates(text, data):
    loaded, lines = load_yaml(text, "t.yaml")
    if data is None:
        assert loaded["other"] == {"lang": "zh", "year": 2021}
    else:
        assert loaded == data
    assert lines[()] == 1


# --- 3. the baseline counts recorded findings, and says so ---------------------------------------

THREE = "区妇联\n\n" + "\n\n".join(["今年，区妇联资助困难女童86名。"] * 3) + "\n"
ONE_LEFT = "区妇联\n\n今年，区妇联资助困难女童86名。\n\n2021年，区妇联资助困难女童90名。\n"


def _baselined(cli, now: str, *args: str):
    Path("b.txt").write_text(THREE, encoding="utf-8")
    assert cli("check", "b.txt", "--select", "relative-time", "--write-baseline", "b.json").code == 0
    [entry] = json.loads(Path("b.json").read_text(encoding="utf-8"))["entries"]
    assert entry["count"] == 3
    Path("b.txt").write_text(now, encoding="utf-8")
    return cli("check", "b.txt", "--select", "relative-time", "--baseline", "b.json", *args)


def test_one_entry_two_of_its_three_findings_fixed(work, cli):
    r = _baselined(cli, ONE_LEFT)
    assert r.code == 0
    assert (
        "基线 b.json 屏蔽了 1 处已知问题；基线记录的问题中有 2 处已不再出现"
        "（问题已修正或文字已改动，可用 --write-baseline 更新基线）。\n"
    ) in r.out
    assert "条记录" not in r.out
    r = cli("check", "b.txt", "--select", "relative-time", "--baseline", "b.json", "--lang", "en")
    assert (
        "1 finding suppressed by the baseline b.json; 2 recorded findings no longer occur "
        "(fixed or edited: refresh the baseline with --write-baseline).\n"
    ) in r.out
    r = cli("check", "b.txt", "--select", "relative-time", "--baseline", "b.json", "--format", "json")
    report = r.json()
    jsonschema = pytest.importorskip("jsonschema")
    jsonschema.validate(report, SCHEMA)
    assert report["summary"]["baseline"] == {"file": "b.json", "suppressed": 1, "unmatched": 2, "written": False}


def test_one_of_three_fixed_is_one_recorded_finding(work, cli):
    two_left = "区妇联\n\n今年，区妇联资助困难女童86名。\n\n今年，区妇联资助困难女童86名。\n"
    r = _baselined(cli, two_left, "--lang", "en")
    assert r.code == 0
    assert "2 findings suppressed by the baseline b.json; 1 recorded finding no longer occurs (" in r.out


def test_nothing_fixed_says_nothing_of_stale_findings(work, cli):
    r = _baselined(cli, THREE, "--format", "json")
    assert r.json()["summary"]["baseline"] == {"file": "b.json", "suppressed": 3, "unmatched": 0, "written": False}
    r = cli("check", "b.txt", "--select", "relative-time", "--baseline", "b.json")
    assert "基线 b.json 屏蔽了 3 处已知问题。\n" in r.out
    assert "不再出现" not in r.out


# --- 4. a typo in --extend-select / --extend-ignore names that option -----------------------------

TYPO = "unknown rule or pack 'relative-tim' in {} (did you mean 'relative-time'?)"


@pytest.mark.parametrize("config", [None, "select: [core, yearbook]\nignore: [dash]\n"])
@pytest.mark.parametrize(
    ("args", "option"),
    [
        (["--extend-select", "relative-tim"], "--extend-select"),
        (["--extend-select", "dash,relative-tim"], "--extend-select"),
        (["--select", "core", "--extend-select", "relative-tim"], "--extend-select"),
        (["--extend-ignore", "relative-tim"], "--extend-ignore"),
        (["--select", "relative-tim"], "--select"),
        (["--ignore", "relative-tim"], "--ignore"),
    ],
)
def test_a_typo_names_the_option_typed(work, cli, config, args, option):
    Path("a.txt").write_text(DRAFT, encoding="utf-8")
    if config is not None:
        Path(".yblint.yaml").write_text(config, encoding="utf-8")
    r = cli("check", "a.txt", *args)
    assert (r.code, r.out, r.err) == (2, "", f"yblint: error: {TYPO.format(option)}\n")


def test_a_typo_in_the_config_still_names_the_config(work, cli):
    Path("a.txt").write_text(DRAFT, encoding="utf-8")
    Path(".yblint.yaml").write_text("select: [core, relative-tim]\n", encoding="utf-8")
    r = cli("check", "a.txt", "--extend-select", "relative-time")
    assert (r.code, r.err) == (2, f"yblint: error: .yblint.yaml:1: {TYPO.format('select')}\n")


def test_extend_select_and_ignore_still_add_to_the_config(work, cli):
    Path("a.txt").write_text(DRAFT, encoding="utf-8")
    Path(".yblint.yaml").write_text("select: [half-width-punct]\n", encoding="utf-8")
    r = cli("check", "a.txt", "--extend-select", "relative-time", "--lang", "en")
    assert r.code == 1
    assert sorted(ln.split()[2] for ln in r.out.splitlines() if ln.startswith("a.txt:")) == [
        "half-width-punct",
        "relative-time",
    ]
    r = cli("check", "a.txt", "--extend-select", "relative-time", "--extend-ignore", "half-width-punct")
    assert [ln.split()[2] for ln in r.out.splitlines() if ln.startswith("a.txt:")] == ["relative-time"]
