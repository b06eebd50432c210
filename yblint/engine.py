"""One run: read the files, build the corpus, run the selected checks, keep what is to be reported.

The flow is one way: reading -> model -> checks -> findings. Reporters take the result.
"""

from __future__ import annotations

import glob
import os
from dataclasses import dataclass, field

from yblint.check import Check
from yblint.config import Config
from yblint.errors import YblintError
from yblint.finding import Finding
from yblint.model import Corpus, Document
from yblint.parsing import build_document
from yblint.reading import discover, read_source
from yblint.reading.discover import display_path
from yblint.registry import Registry
from yblint.ruledefs import RuleDef


@dataclass
class RunResult:
    documents: list[Document]
    findings: list[Finding]
    errors: list[YblintError] = field(default_factory=list)
    rules: list[RuleDef] = field(default_factory=list)
    suppressed: int = 0  # by inline comments
    notes: list[str] = field(default_factory=list)  # extra summary lines (e.g. baseline)
    baseline: dict | None = None  # what --baseline/--write-baseline did (yblint.baseline.Outcome.to_dict)


def expand_corpus(patterns: list[str]) -> list[str]:
    out: list[str] = []
    for pat in patterns:
        matches = sorted(glob.glob(pat, recursive=True)) if glob.has_magic(pat) else [pat]
        for m in matches:
            if os.path.isdir(m):
                out.extend(discover([m], ["*.md", "*.markdown", "*.txt", "*.docx"], []))
            elif os.path.isfile(m):
                out.append(display_path(m))
    return out


def read_documents(
    paths: list[str], config: Config, reference: bool = False
) -> tuple[list[Document], list[YblintError]]:
    docs, errors = [], []
    for path in paths:
        try:
            source = read_source(path, config.encoding)
        except YblintError as e:
            errors.append(e)
            continue
        docs.append(build_document(source, config.units, reference=reference))
    return docs, errors


@dataclass
class Prepared:
    """What a run works on: the configured checks, the linted documents and the reference ones."""

    rules: list[RuleDef]
    checks: list[Check]
    documents: list[Document]
    references: list[Document]
    errors: list[YblintError]


def prepare(
    paths: list[str],
    config: Config,
    registry: Registry,
    select: list[str] | None = None,
    ignore: list[str] | None = None,
    corpus: list[str] | None = None,
) -> Prepared:
    rules = registry.active(config, select, ignore)
    checks = registry.checks(config, rules)
    files = discover(paths, config.include, config.exclude)
    docs, errors = read_documents(files, config)
    linted = {d.path for d in docs}
    ref_paths = [p for p in expand_corpus([*config.corpus, *(corpus or [])]) if p not in linted]
    refs, ref_errors = read_documents(list(dict.fromkeys(ref_paths)), config, reference=True)
    return Prepared(rules, checks, docs, refs, errors + ref_errors)


def run_checks(checks: list[Check], corpus: Corpus) -> tuple[list[Finding], int]:
    """Findings of ``checks`` on ``corpus`` (none in reference documents, none suppressed by an
    inline comment), sorted; and how many inline comments suppressed."""
    findings: list[Finding] = []
    suppressed = 0
    for check in checks:
        for f in check.run(corpus):
            if f.document.reference:
                continue
            line = f.line
            if any(s.covers(f.rule, line) for s in f.document.suppressions):
                suppressed += 1
                continue
            findings.append(f)
    findings.sort(key=Finding.sort_key)
    return findings, suppressed


def lint(
    paths: list[str],
    config: Config,
    registry: Registry | None = None,
    select: list[str] | None = None,
    ignore: list[str] | None = None,
    corpus: list[str] | None = None,
) -> RunResult:
    """Lint ``paths`` (files or folders). Raises YblintError for a bad config or a missing path;
    an unreadable file is recorded in ``errors`` and the others are still linted."""
    registry = registry or Registry.load(config.rules_dirs)
    run = prepare(paths, config, registry, select, ignore, corpus)
    corpus = Corpus(documents=run.documents, references=run.references, year=config.year)
    findings, suppressed = run_checks(run.checks, corpus)
    return RunResult(
        documents=run.documents, findings=findings, errors=run.errors, rules=run.rules, suppressed=suppressed
    )
