import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from conftest import FIXTURES, ROOT, SEED

from yblint import __version__

SCHEMA = json.loads((ROOT / "yblint" / "schema" / "report.schema.json").read_text())


def test_seed_page_gives_layout_markers_with_exact_positions(cli):
    r = cli("check", SEED, "--select", "layout-marker")
    assert r.code == 1
    lines = [ln for ln in r.out.splitlines() if "layout-marker" in ln]
    assert lines[0].startswith(f"{SEED}:3:1: error layout-marker ")
    assert lines[1].startswith(f"{SEED}:217:152: error layout-marker ")
    assert "（下转6版）" in lines[1]
    assert r.out.rstrip().splitlines()[-1].startswith("共 1 个文件")


def test_json_report_is_valid_and_stable(cli):
    r = cli("check", SEED, "--select", "layout-marker", "--format", "json")
    assert r.code == 1
    report = r.json()
    jsonschema.validate(report, SCHEMA)
    assert report["tool"] == {"name": "yblint", "version": __version__}
    [file] = report["files"]
    assert file["path"] == str(SEED)
    assert file["encoding"] == "utf-8"
    assert len(file["units"]) == 21
    f = report["findings"][1]
    assert (f["line"], f["column"], f["end_line"], f["end_column"]) == (217, 152, 217, 158)
    assert f["unit"] == "区消防大队"
    assert f["excerpt"] == "（下转6版）"
    assert report["summary"]["by_rule"] == {"layout-marker": 2}
    again = cli("check", SEED, "--select", "layout-marker", "--format", "json")
    assert again.out == r.out


def test_english_messages(cli):
    r = cli("check", SEED, "--select", "layout-marker", "--lang", "en")
    assert "Continuation note “（紧接4版）”" in r.out
    assert "Found 2 findings" in r.out


def test_clean_file_exits_0(cli):
    r = cli("check", FIXTURES / "clean")
    assert r.code == 0, r.out


def test_fail_on_threshold(cli, tmp_path):
    cfg = tmp_path / "c.yaml"
    cfg.write_text("rules:\n  layout-marker:\n    severity: info\n")
    assert cli("check", SEED, "--select", "layout-marker", "--config", cfg).code == 0
    assert cli("check", SEED, "--select", "layout-marker", "--config", cfg, "--fail-on", "info").code == 1


def test_missing_path_exits_2_with_one_line(cli):
    r = cli("check", "no/such/draft.md")
    assert r.code == 2
    assert r.err == "yblint: error: no/such/draft.md: no such file or directory\n"


def test_binary_file_exits_2_and_other_files_are_still_linted(cli, tmp_path):
    binary = tmp_path / "scan.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    r = cli("check", binary, SEED, "--select", "layout-marker", "--format", "json")
    assert r.code == 2
    assert r.err.count("\n") == 1 and "scan.txt" in r.err and "binary" in r.err
    assert r.json()["summary"]["findings"] == 2


def test_broken_config_exits_2_naming_file_and_line(cli, tmp_path):
    cfg = tmp_path / "broken.yaml"
    cfg.write_text("lang: zh\nselect: [nope]\n")
    r = cli("check", SEED, "--config", cfg)
    assert r.code == 2
    assert r.err == f"yblint: error: {cfg}:2: unknown rule or pack 'nope' in select\n"


def test_usage_error_exits_2(cli):
    with pytest.raises(SystemExit) as e:
        cli("check", "--format", "pdf")
    assert e.value.code == 2
    assert cli("check", SEED, "--select", "nope").code == 2


def test_rules_listing_and_version(cli):
    r = cli("rules")
    assert r.code == 0
    assert "layout-marker" in r.out and "error" in r.out
    assert cli("rule", "layout-marker", "--lang", "en").out.startswith("layout-marker (error")
    assert cli("rule", "nope").code == 2


def test_version(capsys):
    from yblint.cli import main

    with pytest.raises(SystemExit) as e:
        main(["--version"])
    assert e.value.code == 0
    assert capsys.readouterr().out == f"yblint {__version__}\n"


def test_output_file(cli, tmp_path):
    out = tmp_path / "r.json"
    r = cli("check", SEED, "--select", "layout-marker", "--format", "json", "--output", out)
    assert r.code == 1 and r.out == ""
    assert json.loads(out.read_text())["summary"]["findings"] == 2


@pytest.mark.parametrize(
    ("text", "lines", "suppressed"),
    [
        (
            "# 甲\n\n<!-- yblint-disable-next-line layout-marker -->\n正文（下转6版）\n\n"
            "<!-- yblint-disable -->\n正文（下转7版）\n<!-- yblint-enable -->\n\n正文（下转8版）\n",
            [10],
            2,
        ),
        # ``yblint-disable-line`` at the end of a line, as markdownlint and eslint have it: that
        # line's findings of its rules only (it was read as ``yblint-disable`` of a rule '-line')
        (
            "# 甲\n\n正文（下转6版）<!-- yblint-disable-line layout-marker -->\n\n"
            "正文（下转7版）<!-- yblint-disable-line dash -->\n\n正文（下转8版）\n",
            [5, 7],
            1,
        ),
    ],
)
def test_markdown_suppression_comments(cli, tmp_path, text, lines, suppressed):
    md = tmp_path / "a.md"
    md.write_text(text, encoding="utf-8")
    r = cli("check", md, "--select", "layout-marker", "--format", "json")
    report = r.json()
    assert [f["line"] for f in report["findings"]] == lines
    assert report["summary"]["suppressed"] == suppressed
    assert "unknown rule" not in r.err


def test_a_mistyped_rule_or_pack_gets_the_nearest_name(cli, tmp_path, monkeypatch):
    """An unknown name that is near a rule id or a pack name is answered with it (as ruff does);
    one near nothing is not, and the rule command still points at `yblint rules`."""
    monkeypatch.chdir(tmp_path)
    Path("a.txt").write_text("区妇联\n\n全区妇联开展活动12场次。\n", encoding="utf-8")
    cases = [
        (
            ["check", "a.txt", "--select", "duplicate-passag"],
            "unknown rule or pack 'duplicate-passag' in --select (did you mean 'duplicate-passage'?)",
        ),
        (
            ["check", "a.txt", "--ignore", "yearbok"],
            "unknown rule or pack 'yearbok' in --ignore (did you mean 'yearbook'?)",
        ),
        (["check", "a.txt", "--select", "zzz"], "unknown rule or pack 'zzz' in --select"),
        (["rule", "truncated-sentense"], "unknown rule 'truncated-sentense' (did you mean 'truncated-sentence'?)"),
        (["rule", "zzz"], "unknown rule 'zzz' (see 'yblint rules')"),
    ]
    for args, message in cases:
        r = cli(*args)
        assert (r.code, r.err) == (2, f"yblint: error: {message}\n")
    Path(".yblint.yaml").write_text("rules:\n  split-paragrap:\n    severity: error\n", encoding="utf-8")
    r = cli("check", "a.txt")
    assert (
        r.err
        == "yblint: error: .yblint.yaml:2: unknown rule 'split-paragrap' in 'rules' (did you mean 'split-paragraph'?)\n"
    )


def test_a_config_found_above_a_draft_is_named_as_the_run_names_files(cli, tmp_path, monkeypatch):
    """A broken .yblint.yaml found above a linted file is named relative to the working folder,
    as in every other error (its YAML errors named it by its absolute path)."""
    monkeypatch.chdir(tmp_path)
    Path("drafts").mkdir()
    Path("drafts/a.txt").write_text("区妇联\n\n全区妇联开展活动12场次。\n", encoding="utf-8")
    Path("drafts/.yblint.yaml").write_text("rules:\n  dash: [\n", encoding="utf-8")
    r = cli("check", "drafts/a.txt")
    assert r.code == 2
    assert r.err.startswith("yblint: error: drafts/.yblint.yaml:3: invalid YAML: ")


def test_gb18030_file_reports_its_encoding(cli, tmp_path):
    p = tmp_path / "gb.txt"
    p.write_bytes("区消防大队\n\n共发生火灾112起，未（下转6版）\n".encode("gb18030"))
    report = cli("check", p, "--format", "json", "--select", "layout-marker").json()
    assert report["files"][0]["encoding"] == "gb18030"
    assert (report["findings"][0]["line"], report["findings"][0]["column"]) == (3, 12)


def test_console_script_runs_as_a_module():
    r = subprocess.run(
        [sys.executable, "-m", "yblint", "check", str(SEED), "--select", "layout-marker"],
        capture_output=True,
        text=True,
        cwd=Path(ROOT),
    )
    assert r.returncode == 1
    assert ":217:152: error layout-marker" in r.stdout


def _module_run(*args: str, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "yblint", *args], capture_output=True, cwd=Path(ROOT), **kw)


def test_the_command_ends_at_once_with_its_whole_report_written():
    """``python -m yblint`` (and the console script, yblint.cli:run) ends the process without
    tearing it down: what it wrote must all be there, through a pipe and in a file, with the code."""
    whole = _module_run("check", str(Path(ROOT) / "fixtures"), "--format", "json")
    report = json.loads(whole.stdout)
    assert whole.returncode == 1 and len(whole.stdout) > 65536  # more than a pipe's buffer
    assert report["summary"]["findings"] == len(report["findings"]) > 50
    clean = _module_run("check", str(SEED), "--select", "layout-marker", "--exit-zero")
    assert clean.returncode == 0 and b"layout-marker" in clean.stdout
    assert _module_run("check", "no-such-file.txt").returncode == 2


def test_the_command_writes_its_report_file_before_it_ends(tmp_path):
    out = tmp_path / "r.sarif"
    r = _module_run("check", str(SEED), "--format", "sarif", "-o", str(out))
    assert r.returncode == 1 and r.stdout == b""
    assert json.loads(out.read_text(encoding="utf-8"))["runs"][0]["results"]


def test_the_command_when_its_reader_goes_away():
    """``yblint … | head -1``: the reader closes the pipe; no traceback, no 'Exception ignored'."""
    p = subprocess.Popen(
        [sys.executable, "-m", "yblint", "check", str(SEED), "--format", "json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=Path(ROOT),
    )
    assert p.stdout is not None and p.stderr is not None
    assert p.stdout.read(10)
    p.stdout.close()
    err = p.stderr.read().decode()
    assert p.wait() in (0, 1) and "Traceback" not in err and "Exception" not in err, err


def test_the_command_under_a_tracer_exits_as_usual(tmp_path):
    """A profiler or coverage needs the usual exit to write what it found: under one, run() exits
    through sys.exit (here: an atexit handler still runs)."""
    code = (
        "import atexit, sys\n"
        "atexit.register(lambda: print('atexit ran', file=sys.stderr))\n"
        "sys.settrace(lambda *a: None)\n"
        f"sys.argv = ['yblint', 'check', {str(SEED)!r}, '--select', 'layout-marker']\n"
        "from yblint.cli import run\n"
        "run()\n"
    )
    traced = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=Path(ROOT))
    assert traced.returncode == 1 and "atexit ran" in traced.stderr
    fast = subprocess.run(
        [sys.executable, "-c", code.replace("sys.settrace(lambda *a: None)\n", "")],
        capture_output=True,
        text=True,
        cwd=Path(ROOT),
    )
    assert fast.returncode == 1 and "atexit ran" not in fast.stderr
    assert ":217:152: error layout-marker" in fast.stdout
    covered = subprocess.run(  # coverage on Python 3.12+ may measure through sys.monitoring, no tracer
        [
            sys.executable,
            "-c",
            code.replace(
                "sys.settrace(lambda *a: None)\n", "import types; sys.modules['coverage'] = types.ModuleType('c')\n"
            ),
        ],
        capture_output=True,
        text=True,
        cwd=Path(ROOT),
    )
    assert covered.returncode == 1 and "atexit ran" in covered.stderr


@pytest.mark.skipif(not os.path.isdir("/proc/self/task") or (os.cpu_count() or 1) < 2, reason="Linux, 2+ cores")
def test_the_command_keeps_numpy_to_one_thread():
    """numpy is imported after run() has set OpenBLAS to one thread (none spinning beside the run)."""
    code = (
        "import os, sys\n"
        "os.environ.pop('OPENBLAS_NUM_THREADS', None)\n"
        "import yblint.cli as cli\n"
        "assert 'numpy' not in sys.modules\n"
        "def fake(argv=None):\n"
        "    import numpy\n"
        "    print(len(os.listdir('/proc/self/task')))\n"
        "    return 0\n"
        "cli.main = fake\n"
        "cli.run()\n"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=Path(ROOT))
    assert (r.returncode, r.stdout.strip()) == (0, "1"), r.stderr


def test_formats_are_the_reporter_modules():
    from yblint.reporters import FORMATS, load_reporters

    assert sorted(FORMATS) == sorted(load_reporters())


def test_json_report_does_not_load_the_html_reporter():
    code = (
        "import sys; from yblint.cli import main\n"
        f"code = main(['check', {str(SEED)!r}, '--select', 'layout-marker', '--format', 'json'])\n"
        "print(code, 'jinja2' in sys.modules, 'yblint.reporters.html' in sys.modules, file=sys.stderr)"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=Path(ROOT))
    assert r.stderr.split()[-3:] == ["1", "False", "False"], r.stderr
