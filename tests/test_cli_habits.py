"""The command-line habits users bring from ruff and Vale: standard input, --statistics,
--exit-zero, --quiet, --extend-select/--extend-ignore, configuration found per file,
--show-settings, the progress bar; and every option of ``yblint check`` documented."""

from __future__ import annotations

import io
import re
import sys

import pytest
import yaml
from conftest import ROOT, SEED

from yblint import progress
from yblint.cli import build_parser

SEED_TEXT = SEED.read_text(encoding="utf-8")


def pipe(monkeypatch, text: str) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode("utf-8"))))


# -- standard input --------------------------------------------------------------------------------


def test_stdin_with_a_name_decides_format_and_path(cli, monkeypatch):
    pipe(monkeypatch, "# 区消防大队\n\n共发生火灾112起，无人员伤亡，未（下转6版）\n")
    r = cli("check", "-", "--stdin-filename", "drafts/消防.md", "--select", "layout-marker", "--format", "json")
    assert r.code == 1
    report = r.json()
    assert report["files"][0]["path"] == "drafts/消防.md" and report["files"][0]["format"] == "markdown"
    (f,) = report["findings"]
    assert (f["path"], f["line"], f["column"], f["unit"]) == ("drafts/消防.md", 3, 18, "区消防大队")


def test_stdin_without_a_name_is_plain_text(cli, monkeypatch):
    pipe(monkeypatch, "共发生火灾112起，无人员伤亡，未（下转6版）\n")
    r = cli("check", "-", "--select", "layout-marker")
    assert r.code == 1 and r.out.startswith("stdin.txt:1:18: error layout-marker")


def test_stdin_filename_needs_a_dash_and_fix_needs_files(cli, monkeypatch):
    assert cli("check", SEED, "--stdin-filename", "a.md").code == 2
    pipe(monkeypatch, "截止11月")
    r = cli("check", "-", "--fix")
    assert r.code == 2 and "standard input" in r.err


def test_stdin_uses_the_config_above_its_name(cli, monkeypatch, tmp_path):
    (tmp_path / "book").mkdir()
    (tmp_path / "book" / ".yblint.yaml").write_text("lang: en\n", encoding="utf-8")
    pipe(monkeypatch, "共发生火灾112起，无人员伤亡，未（下转6版）\n")
    r = cli("check", "-", "--stdin-filename", tmp_path / "book" / "a.txt", "--select", "layout-marker")
    assert "continuation note" in r.out.lower() or "Found 1 finding" in r.out


# -- --statistics, --exit-zero, --quiet ------------------------------------------------------------


def test_statistics_one_line_per_rule_sorted_by_count(cli):
    r = cli("check", SEED, "--statistics")
    assert r.code == 1
    rows = [line.split("\t") for line in r.out.splitlines()]
    counts = [int(row[0]) for row in rows]
    assert counts == sorted(counts, reverse=True)
    assert rows[0][1] == "relative-time" and counts[0] == 13
    by_rule = {row[1]: int(row[0]) for row in rows}
    report = cli("check", SEED, "--format", "json").json()
    assert by_rule == report["summary"]["by_rule"]
    assert [row[2][:3] for row in rows if row[1] == "cutoff-date"] == ["[*]"]  # fixable
    assert [row[2][:3] for row in rows if row[1] == "first-person"] == ["   "]
    titles = {row[1]: row[2][4:] for row in rows}  # the short title, not the whole description
    assert titles["relative-time"] == "相对时间词" and titles["first-person"] == "第一人称"
    en = cli("check", SEED, "--statistics", "--lang", "en")
    assert "relative-time\t    relative time word" in en.out


def test_statistics_of_a_user_rule_without_a_title_show_its_description_up_to_the_colon(cli, tmp_path):
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "no-zan.yaml").write_text(
        "id: no-zan\ntype: existence\nseverity: warning\n"
        "description: 不用“暂”：写明时间。\nmessage: 删去“{match}”。\ntokens: [暂]\n",
        encoding="utf-8",
    )
    (tmp_path / ".yblint.yaml").write_text("rules_dirs: [rules]\n", encoding="utf-8")
    draft = tmp_path / "a.txt"
    draft.write_text("区财政局\n\n该项目暂停实施。\n", encoding="utf-8")
    r = cli("check", draft, "--statistics", "--select", "no-zan", "--config", tmp_path / ".yblint.yaml")
    assert r.out == "1\tno-zan\t    不用“暂”\n"


def test_exit_zero_reports_but_exits_0(cli, tmp_path):
    r = cli("check", SEED, "--exit-zero")
    assert r.code == 0 and "layout-marker" in r.out
    assert cli("check", SEED, tmp_path / "missing.txt", "--exit-zero").code == 2  # errors still fail


def test_quiet_prints_only_the_summary(cli):
    r = cli("check", SEED, "--quiet")
    assert r.code == 1
    # 47 before the book rules (#12: name-variant 4, partial-period 9) and the editorial rules (#13:
    # political-formula 3, number-format 7, 万方 8, set-phrase 11, AED…VOCs 4)
    assert r.out == "共 1 个文件，发现 93 处问题（错误 14，警告 63，提示 16）。\n"


# -- --extend-select / --extend-ignore ---------------------------------------------------------------


def test_extend_select_adds_to_the_config(cli, tmp_path):
    (tmp_path / ".yblint.yaml").write_text("select: [layout-marker]\n", encoding="utf-8")
    draft = tmp_path / "seed.txt"
    draft.write_text(SEED_TEXT, encoding="utf-8")
    rules = lambda r: set(r.json()["summary"]["by_rule"])  # noqa: E731
    assert rules(cli("check", draft, "--format", "json")) == {"layout-marker"}
    both = cli("check", draft, "--extend-select", "cutoff-date", "--format", "json")
    assert rules(both) == {"layout-marker", "cutoff-date"}
    # --select replaces the config's selection
    assert rules(cli("check", draft, "--select", "cutoff-date", "--format", "json")) == {"cutoff-date"}


def test_extend_select_adds_to_the_default_rules(cli):
    default = set(cli("check", SEED, "--format", "json").json()["summary"]["by_rule"])
    r = cli("check", SEED, "--extend-select", "layout-marker", "--format", "json")
    assert set(r.json()["summary"]["by_rule"]) == default


def test_extend_ignore_adds_to_the_config(cli, tmp_path):
    (tmp_path / ".yblint.yaml").write_text("ignore: [relative-time]\n", encoding="utf-8")
    draft = tmp_path / "seed.txt"
    draft.write_text(SEED_TEXT, encoding="utf-8")
    by_rule = cli("check", draft, "--extend-ignore", "first-person", "--format", "json").json()["summary"]["by_rule"]
    assert "relative-time" not in by_rule and "first-person" not in by_rule and "layout-marker" in by_rule


# -- configuration per file --------------------------------------------------------------------------


def test_config_is_the_nearest_above_each_file_not_the_cwd(cli, tmp_path, monkeypatch):
    repo = tmp_path / "repo"
    (repo / "drafts").mkdir(parents=True)
    (repo / ".yblint.yaml").write_text("lang: en\nselect: [layout-marker]\n", encoding="utf-8")
    draft = repo / "drafts" / "a.txt"
    draft.write_text(SEED_TEXT, encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / ".yblint.yaml").write_text("lang: zh\n", encoding="utf-8")
    monkeypatch.chdir(elsewhere)
    r = cli("check", draft)
    assert "Found 2 findings" in r.out and "cutoff-date" not in r.out
    # --config overrides
    r = cli("check", draft, "--config", elsewhere / ".yblint.yaml")
    assert "cutoff-date" in r.out and "共 1 个文件" in r.out


def test_files_under_different_configs_are_still_compared(cli, tmp_path, monkeypatch):
    """Two folders, two configs: each file is linted under its own, and a passage copied from
    one folder into the other is still found."""
    original = next(p for p in SEED_TEXT.split("\n\n") if "快收地、收好地" in p)
    for name, cfg in (("a", "select: [duplicate-passage]\n"), ("b", "select: [duplicate-passage]\nlang: en\n")):
        (tmp_path / name).mkdir()
        (tmp_path / name / ".yblint.yaml").write_text(cfg, encoding="utf-8")
    (tmp_path / "a" / "x.txt").write_text("区城投集团\n\n" + original + "\n", encoding="utf-8")
    (tmp_path / "b" / "y.txt").write_text("区国投集团\n\n" + original + "\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    r = cli("check", "a", "b", "--format", "json")
    # each group sees the other's files as reference material: the shared passage is reported
    # in both, each in its own config's language
    a, b = r.json()["findings"]
    assert (a["path"], a["related"][0]["path"], a["message"][:4]) == ("a/x.txt", "b/y.txt", "这段文字")
    assert (b["path"], b["related"][0]["path"], b["message"][:12]) == ("b/y.txt", "a/x.txt", "This passage")


def test_show_settings_prints_the_settings_for_one_file(cli, tmp_path, monkeypatch):
    (tmp_path / "book").mkdir()
    (tmp_path / "book" / ".yblint.yaml").write_text(
        "lang: en\nignore: [first-person]\nunits:\n  max_heading_chars: 12\n", encoding="utf-8"
    )
    (tmp_path / "book" / "a.md").write_text("# x\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    r = cli("check", "--show-settings", "book/a.md", "--extend-ignore", "dash")
    assert r.code == 0
    s = yaml.safe_load(r.out)
    assert s["config"] == "book/.yblint.yaml" and s["lang"] == "en"
    assert s["ignore"] == ["first-person", "dash"] and s["units"]["max_heading_chars"] == 12
    assert "first-person" not in s["active_rules"] and "layout-marker" in s["active_rules"]


# -- progress bar ---------------------------------------------------------------------------------


class Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_only_on_a_terminal_and_never_in_ci(monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.delenv("PRE_COMMIT", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    assert progress.wanted(Tty()) and not progress.wanted(io.StringIO())
    monkeypatch.setenv("CI", "true")
    assert not progress.wanted(Tty())


def test_progress_drawn_after_the_delay_and_cleared(monkeypatch):
    stream = Tty()
    with progress.session(True, stream, delay=0):
        progress.tick("a.md")
        progress.tick("layout-marker")
    assert "yblint 2" in stream.getvalue()
    quick = Tty()
    with progress.session(True, quick, delay=60):
        progress.tick("a.md")
    assert quick.getvalue() == ""  # a quick run draws nothing


def test_no_progress_in_a_pipe_even_for_a_slow_run(cli, monkeypatch):
    monkeypatch.setattr(progress, "DELAY", 0.0)
    r = cli("check", SEED)
    assert r.err == ""


# -- every option documented and tested ------------------------------------------------------------


def _options(command: str) -> set[str]:
    sub = build_parser()._subparsers._group_actions[0].choices[command]
    return {s for a in sub._actions for s in a.option_strings if s.startswith("--") and s != "--help"}


def _readme_table(heading: str) -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start = readme.index(heading)
    return readme[start : readme.index("\n\n", readme.index("| --- |", start))]


@pytest.mark.parametrize(
    ("command", "heading"), [("check", "Options of `yblint check`"), ("annotate", "Options of `yblint annotate`")]
)
def test_every_option_is_in_the_readme_table(command, heading):
    table = _readme_table(heading)
    documented = set(re.findall(r"`(--[a-z-]+)", table))
    assert _options(command) <= documented, _options(command) - documented


def test_every_check_option_has_a_test():
    tests = "".join(p.read_text(encoding="utf-8") for p in (ROOT / "tests").glob("test_*.py"))
    untested = {o for o in _options("check") if f'"{o}"' not in tests}
    assert not untested, untested


def test_color_and_no_color(cli):
    assert "\x1b[" in cli("check", SEED, "--color").out
    assert "\x1b[" not in cli("check", SEED, "--no-color").out
