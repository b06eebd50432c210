from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from yblint import ruledefs
from yblint.cli import main
from yblint.config import Config
from yblint.engine import lint
from yblint.parsing import build_document
from yblint.reading import read_source
from yblint.registry import Registry

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
SEED = FIXTURES / "gongshu-yearbook-2021-page5.txt"
SHARED = ROOT.parent / "shared"

ruledefs.STRICT = True  # an unfilled message placeholder or unknown message key fails the test

# no timed tests: hypothesis's deadline and its "input generation is slow" check measure the
# machine (a loaded CI runner), not yblint; speed lives in benchmarks/
settings.register_profile("yblint", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("yblint")


@dataclass
class CliResult:
    code: int
    out: str
    err: str

    def json(self) -> dict:
        return json.loads(self.out)


@pytest.fixture
def cli(capsys, monkeypatch):
    """Run ``yblint`` in-process: ``cli("check", path, "--format", "json")``."""
    monkeypatch.setenv("NO_COLOR", "1")

    def run(*args: str) -> CliResult:
        code = main([str(a) for a in args])
        captured = capsys.readouterr()
        return CliResult(code, captured.out, captured.err)

    return run


def doc_of(path, text: str | None = None, fmt: str | None = None):
    """A Document from a file, or from ``text`` written to ``path``."""
    if text is not None:
        Path(path).write_text(text, encoding="utf-8")
    return build_document(read_source(str(path)))


@functools.cache
def registry() -> Registry:
    """The built-in rules, loaded once for the whole test run."""
    return Registry.load()


def findings_of(paths, select: list[str] | None = None, config: Config | None = None):
    config = config or Config()
    reg = Registry.load(config.rules_dirs) if config.rules_dirs else registry()
    return lint([str(p) for p in paths], config, reg, select=select).findings


def findings_of_texts(folder, files: dict[str, str], select: list[str] | None = None, config: Config | None = None):
    """:func:`findings_of` on drafts written into ``folder`` first: ``files`` maps each name to its text."""
    paths = []
    for name, text in files.items():
        p = folder / name
        p.write_text(text, encoding="utf-8")
        paths.append(p)
    return findings_of(paths, select, config)


def where(findings) -> list[tuple[str, int, int]]:
    """(rule, line, column) of each finding, the way fixture tests assert them."""
    return [(f.rule, *f.location.range()[:2]) for f in findings]
