"""Start-up and report writing (#14): rule YAML parsed once with libyaml's loader, Jinja2 and
markdown-it imported only for the format and the drafts that need them, the JSON report written by
the C encoder one entry a line; a run imports the checks of the rules it runs, and no others."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest
import yaml
from conftest import SEED
from hypothesis import given, settings
from hypothesis import strategies as st

from yblint.check import CHECKS, TYPE_MODULES, TYPES, check_module, has_check, load_checks
from yblint.reporters.json import dumps_report
from yblint.yamlpos import load_yaml, safe_loader


def test_yaml_parsed_with_libyaml_gives_the_data_and_the_lines():
    text = "id: x\nswap:\n  a: b\n  c: [1, 2]\nlist:\n  - p\n  - q\n"
    data, lines = load_yaml(text, "x.yaml")
    assert data == yaml.safe_load(text)
    assert lines[("swap", "c")] == 4 and lines[("list", 1)] == 7
    assert safe_loader() is getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    assert load_yaml("", "empty.yaml") == (None, {})


def _imported(*args: str) -> set[str]:
    code = (
        "import sys\nfrom yblint.cli import main\n"
        f"try:\n    main({list(args)!r})\nexcept SystemExit:\n    pass\n"
        "print(' '.join(m for m in ('jinja2', 'markdown_it') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return set(out.stdout.split())


def _fresh_run(*args: str) -> tuple[int, str, set[str]]:
    """``yblint ARGS`` in a fresh interpreter: exit code, stderr, and the check modules it imported."""
    code = (
        "import sys\nfrom yblint.cli import main\n"
        f"code = main({list(args)!r})\n"
        "print('MODULES', *(m for m in sys.modules if m.startswith('yblint.checks.')))\n"
        "sys.exit(code)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    return out.returncode, out.stderr, set(out.stdout.splitlines()[-1].split()[1:])


PATTERNS = {"yblint.checks.pattern_types"}


def test_the_pattern_types_are_known_without_their_code():
    """yblint.pattern_kinds says what each pattern type's class says (keys, fixable), so that the
    registry needs neither regex nor the matcher until a pattern rule runs."""
    from yblint.pattern_kinds import KINDS

    load_checks()
    from yblint.check import load_types

    load_types()
    assert set(KINDS) == set(TYPES)
    for name, cls in TYPES.items():
        assert (set(KINDS[name].keys), KINDS[name].fixable) == (cls.rule_keys, cls.fixable), name


def test_a_run_imports_the_checks_of_the_rules_it_runs_and_no_others(tmp_path):
    out = ["--format", "json", "-o", str(tmp_path / "r.json")]
    code, err, mods = _fresh_run("check", str(SEED), "--select", "duplicate-passage", *out)
    assert code in (0, 1) and err == ""
    assert mods == {"yblint.checks.duplicate_passage"}  # no pattern rule: not their code either
    code, _, mods = _fresh_run("check", str(SEED), "--select", "inconsistent-total,layout-marker", *out)
    assert code == 1
    assert {"yblint.checks.inconsistent_total", "yblint.checks.layout_marker"} <= mods
    assert "yblint.checks.duplicate_passage" not in mods and "yblint.checks.name_variant" not in mods
    code, _, mods = _fresh_run("check", str(SEED), *out)  # every default rule: every check
    assert code == 1
    load_checks()
    assert {check_module(rid) for rid in CHECKS} <= mods


def test_the_registry_knows_every_rule_without_importing_its_check(tmp_path, capsys):
    from yblint.cli import main

    assert main(["rules"]) == 0
    listed = {line[2:].split()[0] for line in capsys.readouterr().out.splitlines()}
    load_checks()
    assert set(CHECKS) <= listed
    code, err, mods = _fresh_run("rules")
    assert (code, err, mods) == (0, "", set())
    code, err, mods = _fresh_run("rule", "duplicate-passage")
    assert code == 0 and mods == set()  # its documentation, parameters and fixable: the rule file
    # a wrong selection is an error before any check is imported
    code, err, mods = _fresh_run("check", str(SEED), "--select", "duplicate-passages")
    assert code == 2 and "unknown rule or pack 'duplicate-passages'" in err and mods == set()
    code, err, mods = _fresh_run("check", str(SEED), "--ignore", "nope")
    assert code == 2 and "unknown rule or pack 'nope'" in err and mods == set()
    code, err, mods = _fresh_run("check", str(SEED), "--select", "common-typo", "--format", "json")
    assert code == 1 and mods == PATTERNS  # a pattern rule: the pattern types' code


def test_the_parameters_of_a_check_imported_on_first_use_are_still_checked(tmp_path):
    cfg = tmp_path / "c.yaml"
    cfg.write_text("rules:\n  duplicate-passage: {similarity: 1.5}\n", encoding="utf-8")
    code, err, _ = _fresh_run("check", str(SEED), "--config", str(cfg))
    assert code == 2
    assert (
        err
        == f"yblint: error: {cfg}:2: 'similarity' of rule 'duplicate-passage' must be between 0.5 and 1.0, not 1.5\n"
    )
    cfg.write_text("rules:\n  duplicate-passage: {windw: 3}\n", encoding="utf-8")
    code, err, _ = _fresh_run("check", str(SEED), "--config", str(cfg), "--select", "duplicate-passage")
    assert code == 2 and "unknown setting 'windw' for rule 'duplicate-passage'" in err
    # a list parameter's items are checked against what the check takes
    cfg.write_text("rules:\n  inconsistent-total: {checks: [breakdown, tabel]}\n", encoding="utf-8")
    code, err, _ = _fresh_run("check", str(SEED), "--config", str(cfg))
    assert code == 2 and err == (
        f"yblint: error: {cfg}:2: 'checks' of rule 'inconsistent-total' has no tabel "
        "(it takes breakdown, count, rate, growth, shares, table)\n"
    )


def test_each_check_lives_in_the_module_named_by_its_rule_id():
    """What lets a run import only the checks it runs: rule ``a-b`` is registered by ``yblint.checks.a_b``
    (or a module of that package), and every pattern type by a module of TYPE_MODULES."""
    load_checks()
    assert CHECKS and TYPES
    for rid, cls in CHECKS.items():
        home = check_module(rid)
        assert cls.__module__ == home or cls.__module__.startswith(home + "."), rid
        assert has_check(rid)
    for name, cls in TYPES.items():
        assert cls.__module__ in TYPE_MODULES, name
    assert not has_check("no-such-rule")


def test_jinja2_and_markdown_it_only_when_needed(tmp_path):
    assert _imported("check", str(SEED), "--format", "json", "-o", str(tmp_path / "r.json")) == set()
    (tmp_path / "a.md").write_text("# 团区委\n\n全年召开会议12次。\n", encoding="utf-8")
    assert _imported("check", str(tmp_path / "a.md"), "--format", "html", "-o", str(tmp_path / "r.html")) == {
        "jinja2",
        "markdown_it",
    }


def test_json_report_is_the_same_document_one_finding_a_line(cli):
    got = cli("check", SEED, "--format", "json")
    data = json.loads(got.out)
    assert data["findings"]
    lines = got.out.splitlines()
    assert lines[0] == "{" and lines[-1] == "}"
    one_a_line = [json.loads(line.strip().rstrip(",")) for line in lines if line.startswith('    {"rule"')]
    assert one_a_line == data["findings"]
    assert json.loads(dumps_report({"a": [], "b": [1, {"c": "中"}], "d": {"e": None}})) == {
        "a": [],
        "b": [1, {"c": "中"}],
        "d": {"e": None},
    }


def _layout_reference(data, written=None):
    """The report's layout as first written (one f-string a key), to hold dumps_report to it."""
    from yblint.json_text import one_line

    parts = []
    for key, value in data.items():
        if written and key in written:
            lines = written[key]
            body = ",\n".join("    " + line for line in lines)
            parts.append(f"  {one_line(key)}: [\n{body}\n  ]" if lines else f"  {one_line(key)}: []")
        elif isinstance(value, list) and value:
            body = ",\n".join("    " + one_line(v) for v in value)
            parts.append(f"  {one_line(key)}: [\n{body}\n  ]")
        else:
            parts.append(f"  {one_line(key)}: {one_line(value)}")
    return "{\n" + ",\n".join(parts) + "\n}\n"


_json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=3), inner, max_size=3),
    max_leaves=8,
)


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.text(max_size=4), _json_values, max_size=5), st.lists(_json_values, max_size=4))
def test_the_json_report_layout_is_the_same_text(data, findings):
    from yblint.json_text import one_line

    assert dumps_report(data) == _layout_reference(data)
    written = {"findings": [one_line(f) for f in findings]}
    data = {**data, "findings": []}
    assert dumps_report(data, written) == _layout_reference(data, written)


def test_sentences_are_split_on_first_use_as_they_were_split_while_reading():
    """Reading leaves sentences alone (most rules never read them); a paragraph splits its own on
    first use: prose and list items by sentence_spans, headings (also plain-text lines that turned
    out to head a unit) and the rest none."""
    from conftest import FIXTURES, doc_of

    from yblint.model import SENTENCE_KINDS
    from yblint.parsing.sentences import sentence_spans

    for path in [
        SEED,
        FIXTURES / "broken" / "district-womens-federation.md",
        FIXTURES / "style" / "yearbook-style-bad.md",
    ]:
        doc = doc_of(path)
        assert all(p._sentences is None for p in doc.paragraphs)
        kinds = {p.kind for p in doc.paragraphs}
        assert "heading" in kinds and "prose" in kinds
        for p in doc.paragraphs:
            spans = [(s.start, s.end) for s in p.sentences]
            want = sentence_spans(doc.text, p.start, p.end) if p.kind in SENTENCE_KINDS else []
            assert spans == want
            assert [s.index for s in p.sentences] == list(range(len(spans)))
            assert all(s.paragraph is p for s in p.sentences)
            assert p.sentences is p.sentences  # split once


def test_lazy_import_loads_the_module_on_first_use():
    from yblint.lazy import lazy_import

    code = (
        "import sys\nfrom yblint.lazy import lazy_import\n"
        "m = lazy_import('colorsys')\n"
        "assert 'colorsys' in sys.modules and type(m).__name__ == '_LazyModule'\n"
        "assert m.rgb_to_hsv(1.0, 0.0, 0.0) == (0.0, 1.0, 1.0)\n"  # the first use runs it
        "import colorsys\nassert colorsys is m and type(m).__name__ == 'module'\n"
        "print('ok')"
    )
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout == "ok\n"
    assert lazy_import("json") is json  # imported already: itself
    with pytest.raises(ModuleNotFoundError):
        lazy_import("no_such_module_here")


def test_rules_that_look_up_no_word_never_import_numpy(tmp_path):
    """text/words imports numpy on first use: rules that read names and paragraphs without
    looking a word up run without it (numpy alone is about 0.1 s of start-up)."""
    draft = tmp_path / "a.txt"
    draft.write_text("区统计局\n\n全年召开会议12次。\n", encoding="utf-8")
    rules = "layout-marker,name-variant,figure-conflict"
    code = (
        "import sys\nfrom yblint.cli import main\n"
        f"code = main(['check', {str(draft)!r}, '--select', {rules!r}])\n"
        "print('MODULES', 'numpy._core' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.stdout.splitlines()[-1] == "MODULES False", out.stderr


def test_a_lazy_pattern_is_compiled_on_first_use_and_answers_as_the_compiled_one():
    import re as real_re

    from yblint import lazyre

    p = lazyre.compile(r"(?P<n>\d+)([万亿])?", lazyre.I)
    assert p.__dict__["_compiled"] is None  # nothing compiled yet
    want = real_re.compile(r"(?P<n>\d+)([万亿])?", real_re.I)
    text = "共3万人，其中12人"
    assert [m.span() for m in p.finditer(text)] == [m.span() for m in want.finditer(text)]
    assert p.__dict__["_compiled"] == want
    assert "finditer" in p.__dict__  # kept: later calls go straight to the compiled pattern
    assert p.sub(r"<\g<n>>", text) == want.sub(r"<\g<n>>", text)
    assert (p.pattern, p.flags, p.groups, p.groupindex) == (want.pattern, want.flags, want.groups, want.groupindex)
    assert p.search("无") is None and p.fullmatch("5亿").group(2) == "亿"
    bad = lazyre.compile("(")  # a broken pattern fails where it is first used
    with pytest.raises(real_re.error):
        bad.search("x")
    assert lazyre.escape("a.b") == real_re.escape("a.b") and lazyre.M is real_re.M


def test_module_patterns_a_small_run_never_uses_are_never_compiled(tmp_path):
    """Modules compile their patterns on first use (yblint.lazyre): on a one-sentence draft with
    every default rule most of them stay uncompiled."""
    patterns = (
        "[v for m in list(sys.modules.values()) if m and m.__name__.startswith('yblint.')"
        " for v in vars(m).values() if isinstance(v, LazyPattern)]"
    )
    made, idle = _patterns_after_a_run(tmp_path, "测试。\n", [], patterns)
    assert made > 100 and idle > made // 2


def _patterns_after_a_run(tmp_path, text: str, args: list[str], patterns: str) -> tuple[int, int]:
    """Check a draft of ``text`` in a fresh process (with ``args``), then count the patterns that
    the expression ``patterns`` lists there, and those of them never compiled."""
    draft = tmp_path / "a.txt"
    draft.write_text(text, encoding="utf-8")
    code = (
        "import sys\nfrom yblint.cli import main\nfrom yblint.lazyre import LazyPattern\n"
        f"main(['check', {str(draft)!r}, *{args!r}])\n"
        f"ps = {patterns}\n"
        "print('PATTERNS', len(ps), sum(p.__dict__.get('_compiled') is None for p in ps))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.stdout.strip(), out.stderr
    _, made, idle = out.stdout.splitlines()[-1].split()
    return int(made), int(idle)


def test_built_in_rules_come_from_the_cache_as_the_parser_makes_them(tmp_path, monkeypatch):
    from yblint import cache, rules_cache
    from yblint.check import type_keys
    from yblint.ruledefs import builtin_rules_dir, load_rule_dir

    monkeypatch.setattr(cache, "folder", lambda: tmp_path / "cache")
    rules = tmp_path / "rules"
    shutil.copytree(builtin_rules_dir(), rules)
    keys = type_keys()
    parsed = load_rule_dir(rules, keys)
    first = load_rule_dir(rules, keys, cache=True)  # parses, and stores
    [stored] = list((tmp_path / "cache").iterdir())
    assert (tmp_path / "cache").stat().st_mode & 0o777 == 0o700
    again = load_rule_dir(rules, keys, cache=True)  # from the cache
    assert repr(parsed) == repr(first) == repr(again)
    assert [(d.raw, d.line_of_key) for d in again] == [(d.raw, d.line_of_key) for d in parsed]
    # a file edited: another name, parsed again
    f = rules / "layout-marker.yaml"
    f.write_text(f.read_text(encoding="utf-8").replace("severity: error", "severity: info"), encoding="utf-8")
    edited = {d.id: d for d in load_rule_dir(rules, keys, cache=True)}
    assert edited["layout-marker"].severity == "info"
    assert len(list((tmp_path / "cache").iterdir())) == 2 and stored.exists()
    # a cache another user could have written is not read
    (tmp_path / "cache").chmod(0o777)
    assert rules_cache.load(sorted(rules.rglob("*.yaml"))) is None
    (tmp_path / "cache").chmod(0o700)
    assert rules_cache.load(sorted(rules.rglob("*.yaml"))) is not None


def test_what_json_cannot_give_back_exactly_is_not_cached(tmp_path, monkeypatch):
    from yblint import cache, rules_cache

    monkeypatch.setattr(cache, "folder", lambda: tmp_path / "cache")
    f = tmp_path / "a.yaml"
    f.write_text("x", encoding="utf-8")
    rules_cache.store([f], [({1: "a"}, {("id",): 1})])  # an int key would come back a string
    assert rules_cache.load([f]) is None
    rules_cache.store([f], [({"a": [1, 2.5, True, None]}, {(): 1, ("a", 0): 2})])
    assert rules_cache.load([f]) == [({"a": [1, 2.5, True, None]}, {(): 1, ("a", 0): 2})]


def test_a_run_without_a_config_file_never_imports_yaml(tmp_path):
    draft = tmp_path / "a.txt"
    draft.write_text("测试。\n", encoding="utf-8")
    code = (
        "import sys\nfrom yblint.cli import main\n"
        f"main(['check', {str(draft)!r}, '-q'])\n"
        "print('MODULES', 'yaml.reader' in sys.modules)\n"
    )
    subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)  # fills the cache
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.splitlines()[-1] == "MODULES False"


def test_the_share_patterns_are_compiled_only_for_a_paragraph_that_states_shares(tmp_path):
    """inconsistent-total's pairs of shares (男…占, 女…占 …) are 21 patterns with a class of every
    CJK ideograph: compiled when the module was imported, they cost every run 17 ms. A draft that
    states no share compiles none of them."""
    shares = "sys.modules['yblint.checks.inconsistent_total.shares']"
    patterns = f"[p for pair in {shares}._PAIR_PATTERNS for p in pair[:2]] + [{shares}._RATIO3]"
    text = "区统计局\n\n全年完成投资12亿元，比上年增长5%。\n"
    assert _patterns_after_a_run(tmp_path, text, ["--select", "inconsistent-total"], patterns) == (21, 21)
