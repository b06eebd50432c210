"""Start-up and report writing (#14): rule YAML parsed once with libyaml's loader, Jinja2 and
markdown-it imported only for the format and the drafts that need them, the JSON report written by
the C encoder one entry a line."""

from __future__ import annotations

import json
import subprocess
import sys

import yaml
from conftest import SEED

from yblint.reporters.json import dumps_report
from yblint.yamlpos import SafeLoader, load_yaml


def test_yaml_parsed_with_libyaml_gives_the_data_and_the_lines():
    text = "id: x\nswap:\n  a: b\n  c: [1, 2]\nlist:\n  - p\n  - q\n"
    data, lines = load_yaml(text, "x.yaml")
    assert data == yaml.safe_load(text)
    assert lines[("swap", "c")] == 4 and lines[("list", 1)] == 7
    assert SafeLoader is getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    assert load_yaml("", "empty.yaml") == (None, {})


def _imported(*args: str) -> set[str]:
    code = (
        "import sys\nfrom yblint.cli import main\n"
        f"try:\n    main({list(args)!r})\nexcept SystemExit:\n    pass\n"
        "print(' '.join(m for m in ('jinja2', 'markdown_it') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return set(out.stdout.split())


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
