from pathlib import Path

import pytest

from yblint.config import load_config
from yblint.errors import ConfigError
from yblint.registry import Registry


def write(tmp_path: Path, text: str) -> str:
    p = tmp_path / ".yblint.yaml"
    p.write_text(text, encoding="utf-8")
    return str(p)


def error_of(path: str) -> ConfigError:
    with pytest.raises(ConfigError) as e:
        cfg = load_config(path)
        reg = Registry.load(cfg.rules_dirs)
        reg.checks(cfg, reg.active(cfg))
    return e.value


def test_valid_config(tmp_path):
    cfg = load_config(write(tmp_path, "lang: en\nfail_on: error\nunits:\n  max_heading_chars: 12\n"))
    assert (cfg.lang, cfg.fail_on, cfg.units.max_heading_chars) == ("en", "error", 12)


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("lang: zh\ncolour: red\n", 2, "unknown key 'colour'"),
        ("lang: fr\n", 1, "'lang' must be zh or en"),
        ("fail_on: fatal\n", 1, "'fail_on' must be one of"),
        ("select: [layout-marker, no-such-rule]\n", 1, "unknown rule or pack 'no-such-rule'"),
        ("ignore:\n  - layout-marker\n  - nope\n", 3, "unknown rule or pack 'nope'"),
        ("rules:\n  no-such-rule:\n    severity: info\n", 2, "unknown rule 'no-such-rule'"),
        ("rules:\n  layout-marker:\n    severity: fatal\n", 3, "severity must be one of"),
        ("rules:\n  layout-marker:\n    colour: 3\n", 3, "unknown setting 'colour'"),
        ("units:\n  heading_pattern: '[unclosed'\n", 2, "not a valid regular expression"),
        ("units:\n  max_heading_chars: -1\n", 2, "positive whole number"),
        ("lang: [zh\n", 2, "invalid YAML"),
        ("- a\n- b\n", 1, "must be a YAML mapping"),
    ],
)
def test_config_errors_name_file_key_and_line(tmp_path, text, line, words):
    path = write(tmp_path, text)
    e = error_of(path)
    assert words in e.message
    assert e.path == path
    assert e.line == line


def test_config_is_found_by_walking_up(tmp_path, monkeypatch):
    write(tmp_path, "lang: en\n")
    sub = tmp_path / "a" / "b"
    sub.mkdir(parents=True)
    monkeypatch.chdir(sub)
    assert load_config(None).lang == "en"


def test_rule_severity_and_enabled(tmp_path):
    cfg = load_config(write(tmp_path, "rules:\n  layout-marker:\n    severity: info\n"))
    reg = Registry.load()
    [check] = reg.checks(cfg, reg.active(cfg, ["layout-marker"]))
    assert check.severity == "info"
    cfg = load_config(write(tmp_path, "rules:\n  layout-marker:\n    enabled: false\n"))
    assert "layout-marker" not in [d.id for d in reg.active(cfg)]
