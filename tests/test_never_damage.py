"""Never damage a draft, never hang, never hide a crash (issue #10): symlinks, FIFOs, missing paths,
``-o`` onto an input, fixes that never settle, Word bombs, bad rule parameters, braces in user
messages, and crashing checks."""

import os
import stat
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import SEED

from yblint.check import CHECKS, Check, register_check

CUT = "截止11月15日，数产园共引进企业176家。\n"


# ---------------------------------------------------------------- 2. --fix through a symlink


def test_fix_through_a_symlink_fixes_the_target_and_keeps_link_and_mode(tmp_path, cli, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("real").mkdir()
    target = Path("real/draft.txt")
    target.write_text(CUT, encoding="utf-8")
    os.chmod(target, 0o640)
    link = Path("draft.txt")
    link.symlink_to("real/draft.txt")
    cli("check", "draft.txt", "--select", "cutoff-date", "--fix")
    assert link.is_symlink() and os.readlink(link) == "real/draft.txt"
    assert target.read_text(encoding="utf-8") == CUT.replace("截止", "截至")
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o640
    assert sorted(os.listdir("real")) == ["draft.txt"]  # no temporary file left behind


# ---------------------------------------------------------------- 4. FIFOs


def _run(args, cwd, timeout=30):
    return subprocess.run(
        [sys.executable, "-m", "yblint", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, "NO_COLOR": "1"},
    )


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_fifo_in_a_folder_or_on_the_command_line_is_skipped_with_one_line(tmp_path):
    d = tmp_path / "drafts"
    d.mkdir()
    (d / "a.txt").write_text(CUT, encoding="utf-8")
    os.mkfifo(d / "pipe.txt")
    os.mkfifo(tmp_path / "named.md")
    r = _run(["check", "drafts", "named.md", "--select", "cutoff-date"], tmp_path)
    assert r.returncode == 1, r.stderr  # the finding in a.txt; skipping is no error
    assert "drafts/a.txt:1:1" in r.stdout
    lines = r.stderr.splitlines()
    assert len(lines) == 2
    assert "drafts/pipe.txt" in lines[0] and "not a regular file" in lines[0]
    assert "named.md" in lines[1] and "not a regular file" in lines[1]


# ---------------------------------------------------------------- 5. a missing path


def test_missing_path_is_reported_the_rest_linted_and_exit_2(cli, tmp_path):
    r = cli("check", "no/such/draft.md", SEED, "--select", "layout-marker", "--format", "json")
    assert r.code == 2
    assert r.err == "yblint: error: no/such/draft.md: no such file or directory\n"
    report = r.json()
    assert report["summary"]["findings"] == 2
    assert report["errors"][0]["path"] == "no/such/draft.md"


# ---------------------------------------------------------------- 6. -o naming an input


@pytest.mark.parametrize("how", ["same path", "other spelling", "symlink", "inside a folder"])
def test_output_naming_an_input_is_refused(cli, tmp_path, monkeypatch, how):
    monkeypatch.chdir(tmp_path)
    Path("drafts").mkdir()
    Path("drafts/a.txt").write_text(CUT, encoding="utf-8")
    Path("out.txt").symlink_to("drafts/a.txt")
    inputs, output = {
        "same path": (["drafts/a.txt"], "drafts/a.txt"),
        "other spelling": (["drafts/a.txt"], "./drafts/../drafts/a.txt"),
        "symlink": (["drafts/a.txt"], "out.txt"),
        "inside a folder": (["drafts"], str(tmp_path / "drafts" / "a.txt")),
    }[how]
    r = cli("check", *inputs, "-o", output)
    assert r.code == 2
    assert r.err.count("\n") == 1 and "is one of the inputs" in r.err
    assert Path("drafts/a.txt").read_text(encoding="utf-8") == CUT


def test_output_elsewhere_is_written(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("a.txt").write_text(CUT, encoding="utf-8")
    assert cli("check", "a.txt", "-o", "report.txt", "--select", "cutoff-date").code == 1
    assert "cutoff-date" in Path("report.txt").read_text(encoding="utf-8")


# ---------------------------------------------------------------- 7. a fix that never settles


def test_a_fix_that_never_settles_is_not_applied_and_named(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("house").mkdir()
    Path("house/grow.yaml").write_text(
        "id: grow\ntype: substitution\nmessage: 重复\nliteral: true\nswap:\n  截止: 截止截止\n", encoding="utf-8"
    )
    Path(".yblint.yaml").write_text("rules_dirs: [house]\n", encoding="utf-8")
    Path("a.txt").write_text("截止11月15日，共引进企业 176家。\n", encoding="utf-8")
    r = cli("check", "a.txt", "--select", "grow,space-in-cjk", "--fix")
    # the other rule's fix applies; the growing one writes nothing
    assert Path("a.txt").read_text(encoding="utf-8") == "截止11月15日，共引进企业176家。\n"
    assert "grow" in r.err and "settle" in r.err
    assert r.err.count("\n") == 1
    assert r.code == 1  # the grow finding is still reported


def test_a_fix_that_never_settles_shows_no_diff(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("house").mkdir()
    Path("house/grow.yaml").write_text(
        "id: grow\ntype: substitution\nmessage: 重复\nliteral: true\nswap:\n  截止: 截止截止\n", encoding="utf-8"
    )
    Path(".yblint.yaml").write_text("rules_dirs: [house]\n", encoding="utf-8")
    Path("a.txt").write_text("截止11月15日。\n", encoding="utf-8")
    r = cli("check", "a.txt", "--select", "grow", "--diff")
    assert "截止截止" not in r.out and "grow" in r.err


# ---------------------------------------------------------------- 8. Word bombs


def _docx_bomb(path: Path, paragraphs: int, text: str = "全区共接警出动1504次，无人员伤亡。") -> None:
    import docx

    docx.Document().save(str(path))
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    body = f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>" * paragraphs
    xml = parts["word/document.xml"].decode("utf-8")
    start = xml.index("<w:body>") + len("<w:body>")
    parts["word/document.xml"] = (xml[:start] + body + xml[start:]).encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for n, data in parts.items():
            z.writestr(n, data)


def test_docx_bomb_is_refused_with_one_line(tmp_path, cli):
    bomb = tmp_path / "bomb.docx"
    _docx_bomb(bomb, 60_000, "全区共接警出动1504次，无人员伤亡。" * 20)  # 62 MB of XML
    assert bomb.stat().st_size < 400_000
    r = cli("check", bomb, SEED, "--select", "layout-marker", "--format", "json")
    assert r.code == 2
    [line] = r.err.splitlines()
    assert "bomb.docx" in line and "MB of XML" in line and "docx: max_xml_mb" in line
    assert r.json()["summary"]["findings"] == 2  # the other file is still linted


def test_docx_paragraph_limit_and_the_setting_that_raises_it(tmp_path, cli):
    doc = tmp_path / "long.docx"
    _docx_bomb(doc, 3_000, "短段。")
    cfg = tmp_path / "c.yaml"
    cfg.write_text("docx:\n  max_paragraphs: 1000\n", encoding="utf-8")
    r = cli("check", doc, "--config", cfg)
    assert r.code == 2 and "long.docx" in r.err and "1000 paragraphs" in r.err
    cfg.write_text("docx:\n  max_paragraphs: 5000\n  max_xml_mb: 10\n", encoding="utf-8")
    assert cli("check", doc, "--config", cfg).code == 0


def test_docx_limits_are_validated(tmp_path, cli):
    cfg = tmp_path / "c.yaml"
    cfg.write_text("docx:\n  max_paragraphs: -1\n", encoding="utf-8")
    r = cli("check", SEED, "--config", cfg)
    assert r.code == 2 and "c.yaml:2" in r.err and "max_paragraphs" in r.err


# ---------------------------------------------------------------- crashes are never exit 1


@pytest.mark.parametrize(
    ("setting", "key"),
    [
        ("duplicate-passage: {ngram: 0}", "ngram"),
        ("duplicate-passage: {window: -3}", "window"),
        ("duplicate-passage: {similarity: 1.5}", "similarity"),
        ("duplicate-passage: {min_chars: 0}", "min_chars"),
        ("duplicate-passage: {boilerplate_units: 1}", "boilerplate_units"),
    ],
)
def test_rule_parameters_out_of_range_are_config_errors(tmp_path, cli, setting, key):
    cfg = tmp_path / "c.yaml"
    cfg.write_text(f"lang: zh\nrules:\n  {setting}\n", encoding="utf-8")
    r = cli("check", SEED, "--config", cfg)
    assert r.code == 2
    [line] = r.err.splitlines()
    assert f"{cfg}:3:" in line and key in line


@pytest.mark.parametrize("message", ["{}", "{0}", "未闭合{", "}", "{match", "{match!r}", "{match.__class__}"])
def test_braces_in_user_messages_are_literal(tmp_path, cli, message):
    rules = tmp_path / "house"
    rules.mkdir()
    (rules / "r.yaml").write_text(
        f"id: cut\ntype: existence\nmessage: '“{{match}}”有误 {message}'\ntokens: [截止]\n", encoding="utf-8"
    )
    cfg = tmp_path / "c.yaml"
    cfg.write_text(f"rules_dirs: [{rules}]\n", encoding="utf-8")
    a = tmp_path / "a.txt"
    a.write_text(CUT, encoding="utf-8")
    r = cli("check", a, "--config", cfg, "--select", "cut")
    assert r.code == 1, r.err
    assert f"“截止”有误 {message}" in r.out


@pytest.fixture
def crashing_check():
    @register_check("boom")
    class Boom(Check):
        def run(self, corpus):
            for doc in corpus.documents:
                if doc.path.endswith("b.txt"):
                    raise ZeroDivisionError("division by zero")
                yield from ()

    yield
    del CHECKS["boom"]


def _boom_rule(tmp_path: Path) -> Path:
    rules = tmp_path / "house"
    rules.mkdir()
    (rules / "boom.yaml").write_text("id: boom\nmessage: 炸\n", encoding="utf-8")
    cfg = tmp_path / "c.yaml"
    cfg.write_text(f"rules_dirs: [{rules}]\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text(CUT, encoding="utf-8")
    (tmp_path / "b.txt").write_text(CUT, encoding="utf-8")
    return cfg


def test_a_crashing_check_is_one_line_and_exit_2(tmp_path, cli, crashing_check):
    cfg = _boom_rule(tmp_path)
    r = cli("check", tmp_path / "a.txt", tmp_path / "b.txt", "--config", cfg, "--select", "boom,cutoff-date")
    assert r.code == 2
    [line] = r.err.splitlines()
    assert line == (
        f"yblint: internal error in boom on {tmp_path / 'b.txt'}: ZeroDivisionError: division by zero; "
        "--debug shows the traceback"
    )
    assert r.out == ""


def test_debug_shows_the_traceback(tmp_path, cli, crashing_check):
    cfg = _boom_rule(tmp_path)
    r = cli("check", tmp_path / "b.txt", "--config", cfg, "--select", "boom", "--debug")
    assert r.code == 2
    assert "Traceback (most recent call last)" in r.err and "ZeroDivisionError" in r.err


def test_a_crash_during_fix_is_exit_2_and_writes_nothing(tmp_path, cli, crashing_check):
    cfg = _boom_rule(tmp_path)
    b = tmp_path / "b.txt"
    r = cli("check", b, "--config", cfg, "--select", "boom,cutoff-date", "--fix")
    assert r.code == 2 and "internal error in boom" in r.err
    assert b.read_text(encoding="utf-8") == CUT


def test_a_crashing_reporter_is_one_line_and_exit_2(tmp_path, cli, monkeypatch):
    from yblint import reporters

    def broken(result, ctx):
        raise KeyError("oops")

    real = reporters.load_reporter
    monkeypatch.setattr("yblint.cli.load_reporter", lambda name: broken if name == "text" else real(name))
    r = cli("check", SEED, "--select", "layout-marker")
    assert r.code == 2
    [line] = r.err.splitlines()
    assert line.startswith("yblint: internal error in the text reporter: KeyError") and "--debug" in line


# ---------------------------------------------------------------- never mislead: selection, globs, comments


@pytest.mark.parametrize(
    ("ignore", "select", "runs"),
    [
        ("[yearbook]", "yearbook", True),  # the same name on the command line wins
        ("[yearbook]", "cutoff-date", True),  # a rule named by its id wins over its ignored pack
        ("[cutoff-date]", "cutoff-date", True),
        ("[cutoff-date]", "yearbook", False),  # the config's more specific ignore stays
        ("[cutoff-date]", "ALL", False),  # ALL names nothing
    ],
)
def test_select_on_the_command_line_wins_over_config_ignore_for_what_it_names(
    tmp_path, cli, monkeypatch, ignore, select, runs
):
    monkeypatch.chdir(tmp_path)
    Path(".yblint.yaml").write_text(f"ignore: {ignore}\n", encoding="utf-8")
    Path("a.txt").write_text(CUT, encoding="utf-8")
    r = cli("check", "a.txt", "--select", select, "--format", "json")
    assert ("cutoff-date" in r.json()["summary"]["by_rule"]) == runs


def test_corpus_globs_that_match_nothing_are_named(tmp_path, cli, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("2021").mkdir()
    Path("2021/a.txt").write_text(CUT, encoding="utf-8")
    Path(".yblint.yaml").write_text('corpus: ["2021/**/*.txt", "2O21/**/*.md"]\n', encoding="utf-8")
    r = cli("check", "2021/a.txt", "--corpus", "old/*.md", "--select", "cutoff-date")
    assert r.code == 1
    warnings = r.err.splitlines()
    assert warnings == [
        "yblint: warning: corpus glob '2O21/**/*.md' matches no file",
        "yblint: warning: corpus glob 'old/*.md' matches no file",
    ]


def test_unknown_rule_ids_in_suppression_comments_are_warned(tmp_path, cli, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("a.md").write_text(
        "# 团区委\n\n<!-- yblint-disable-next-line cutoff-dat, dash -->\n"
        + CUT
        + "\n<!-- yblint-disable cutoff-date -->\n"
        + CUT,
        encoding="utf-8",
    )
    r = cli("check", "a.md", "--select", "cutoff-date")
    assert r.err.splitlines() == [
        "yblint: warning: a.md:3: unknown rule 'cutoff-dat' in a yblint-disable-next-line comment"
        " (did you mean 'cutoff-date'?)"
    ]
    assert r.code == 1 and "a.md:4:1" in r.out and "a.md:7:1" not in r.out


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_diff_names_skipped_files_and_missing_paths_too(tmp_path, cli, monkeypatch):
    monkeypatch.chdir(tmp_path)
    os.mkfifo("pipe.txt")
    Path("a.txt").write_text(CUT, encoding="utf-8")
    r = cli("check", "pipe.txt", "gone.txt", "a.txt", "--select", "cutoff-date", "--diff")
    assert r.code == 2
    assert r.err.splitlines() == [
        "yblint: warning: pipe.txt: skipped: a FIFO, not a regular file",
        "yblint: error: gone.txt: no such file or directory",
    ]
    assert "+截至11月15日" in r.out


def test_write_baseline_naming_an_input_is_refused(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("a.txt").write_text(CUT, encoding="utf-8")
    r = cli("check", "a.txt", "--write-baseline", "a.txt")
    assert r.code == 2 and "is one of the inputs" in r.err
    assert Path("a.txt").read_text(encoding="utf-8") == CUT


def test_a_selected_pack_narrowed_by_the_config_says_so(tmp_path, cli, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path(".yblint.yaml").write_text("ignore: [cutoff-date]\n", encoding="utf-8")
    Path("a.txt").write_text(CUT, encoding="utf-8")
    r = cli("check", "a.txt", "--select", "yearbook")
    assert r.err.splitlines() == [
        "yblint: warning: .yblint.yaml: 'ignore' turns off cutoff-date of --select yearbook; "
        "name a rule in --select to run it"
    ]
    assert cli("check", "a.txt", "--select", "yearbook", "--ignore", "dash").err.count("\n") == 1
    assert cli("check", "a.txt", "--select", "cutoff-date").err == ""


def test_docx_pictures_do_not_count_but_a_bomb_among_them_does(tmp_path, cli):
    doc = tmp_path / "photos.docx"
    _docx_bomb(doc, 10, "全区共接警出动1504次。")
    with zipfile.ZipFile(doc, "a") as z:
        z.writestr("word/media/image1.jpeg", os.urandom(2 * 1024 * 1024))  # a photo: barely compresses
    cfg = tmp_path / "c.yaml"
    cfg.write_text("docx:\n  max_xml_mb: 1\n", encoding="utf-8")
    assert cli("check", doc, "--config", cfg).code == 0
    bomb = tmp_path / "bomb.docx"
    _docx_bomb(bomb, 10, "全区共接警出动1504次。")
    with zipfile.ZipFile(bomb, "a", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/media/image1.png", bytes(60 * 1024 * 1024))
    assert bomb.stat().st_size < 1_000_000
    r = cli("check", bomb)
    assert r.code == 2 and "image1.png" in r.err and "zip bomb" in r.err


def test_a_crash_while_reading_names_the_file(tmp_path, cli, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("parser bug")

    monkeypatch.setattr("yblint.engine.build_document", broken)
    a = tmp_path / "a.txt"
    a.write_text(CUT, encoding="utf-8")
    r = cli("check", a)
    assert r.code == 2
    assert r.err == f"yblint: internal error in reading on {a}: RuntimeError: parser bug; --debug shows the traceback\n"


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs Linux /proc")
def test_docx_bomb_is_refused_before_it_is_inflated(tmp_path):
    """Memory stays bounded: the refusal happens before any part is inflated."""
    bomb = tmp_path / "bomb.docx"
    _docx_bomb(bomb, 60_000, "全区共接警出动1504次，无人员伤亡。" * 20)  # 62 MB of XML
    code = (  # VmHWM: this process's peak (ru_maxrss would count the forked parent's too)
        "import re\n"
        "from yblint.cli import main\n"
        f"rc = main(['check', {str(bomb)!r}])\n"
        "peak = re.search(r'VmHWM:\\s*(\\d+)', open('/proc/self/status').read()).group(1)\n"
        "print(rc, int(peak) // 1024)\n"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    rc, peak_mb = map(int, r.stdout.splitlines()[-1].split())
    assert rc == 2 and "bomb.docx" in r.stderr
    assert peak_mb < 120, f"{peak_mb} MB"  # about 50 MB; inflating and parsing it takes 210 MB+
