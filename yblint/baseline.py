"""The baseline: findings that were accepted on a given day, so that a run reports only new ones.

``yblint check --write-baseline FILE`` records every finding of the run by rule and fingerprint
(see :func:`yblint.finding.fingerprint`: the rule and the normalised text of the finding with a
little context, never line numbers). ``--baseline FILE`` (or ``baseline:`` in the config) then
drops every finding that matches an entry and says how many were dropped and how many of the
findings it records occur no more (the defect was fixed, or its text was edited).

Matching is by (rule, fingerprint) with multiplicity: an entry with ``count: 2`` absorbs two
findings. It runs in two passes:

1. entries absorb findings with the same rule and fingerprint in the same file;
2. what is left absorbs findings with the same rule and fingerprint in any file.

So moving a passage within a file, renaming a file or moving a unit's section to another file of
the yearbook keeps its findings suppressed, while editing the flagged text (which changes the
fingerprint) brings the finding back. When a fingerprint now occurs more often than recorded,
the extra findings are reported, preferring those in files the entry does not name.

The file is pretty, sorted JSON without timestamps, so that it diffs well under version control::

    {"version": 1, "tool": "yblint",
     "entries": [{"rule": "layout-marker", "fingerprint": "3f1c…", "path": "drafts/a.txt",
                  "count": 1, "excerpt": "（下转6版）"}]}

``path`` is relative to the folder of the baseline file, with forward slashes.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from yblint.engine import RunResult
from yblint.errors import ConfigError, YblintError
from yblint.finding import Finding, excerpt

BASELINE_VERSION = 1
EXCERPT_CHARS = 60


@dataclass(frozen=True)
class Entry:
    rule: str
    fingerprint: str
    path: str
    count: int = 1
    excerpt: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "fingerprint": self.fingerprint,
            "path": self.path,
            "count": self.count,
            "excerpt": self.excerpt,
        }


@dataclass
class Baseline:
    file: str
    entries: list[Entry] = field(default_factory=list)

    @property
    def folder(self) -> str:
        return os.path.dirname(os.path.abspath(self.file))


@dataclass
class Outcome:
    """What applying a baseline did: ``suppressed`` findings, ``stale`` entries (with their
    unmatched counts) that no finding of this run matched. ``unmatched`` counts recorded findings,
    not entries (an entry with ``count: 3`` of which two were fixed adds 2), as ``suppressed``
    counts findings: the note says "findings" (处) of both."""

    file: str
    suppressed: int = 0
    stale: list[tuple[Entry, int]] = field(default_factory=list)
    written: bool = False

    @property
    def unmatched(self) -> int:
        return sum(n for _, n in self.stale)

    def to_dict(self) -> dict[str, Any]:
        return {"file": self.file, "suppressed": self.suppressed, "unmatched": self.unmatched, "written": self.written}


def relative_to(path: str, folder: str) -> str:
    """``path`` (as the run shows it) relative to ``folder``, with forward slashes."""
    full = os.path.abspath(path)
    try:
        rel = os.path.relpath(full, folder)
    except ValueError:  # another drive
        rel = full
    return rel.replace(os.sep, "/")


def entries_of(findings: Iterable[Finding], folder: str) -> list[Entry]:
    """One entry per (rule, fingerprint, path) with its count, sorted."""
    counts: Counter[tuple[str, str, str]] = Counter()
    excerpts: dict[tuple[str, str, str], str] = {}
    for f in sorted(findings, key=Finding.sort_key):
        k = (f.rule, f.fingerprint, relative_to(f.document.path, folder))
        counts[k] += 1
        excerpts.setdefault(k, excerpt(f.location.text, EXCERPT_CHARS))
    return [Entry(rule, fp, path, n, excerpts[(rule, fp, path)]) for (rule, fp, path), n in sorted(counts.items())]


def dumps(entries: list[Entry]) -> str:
    data = {"version": BASELINE_VERSION, "tool": "yblint", "entries": [e.to_dict() for e in entries]}
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def write_baseline(findings: Iterable[Finding], file: str) -> list[Entry]:
    """Record ``findings`` in ``file``; returns the entries written."""
    entries = entries_of(findings, os.path.dirname(os.path.abspath(file)))
    try:
        with open(file, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(dumps(entries))
    except OSError as e:
        raise YblintError(f"cannot write baseline: {e.strerror or e}", file) from None
    return entries


def load_baseline(file: str) -> Baseline:
    """Read and validate a baseline file; a ConfigError naming the file when it is wrong."""
    if not os.path.isfile(file):
        raise ConfigError("baseline file not found (create it with 'yblint check --write-baseline FILE')", file)
    try:
        with open(file, encoding="utf-8") as fh:
            data = json.load(fh)
    except (OSError, UnicodeDecodeError) as e:
        raise ConfigError(f"cannot read baseline: {e}", file) from None
    except json.JSONDecodeError as e:
        raise ConfigError(f"the baseline is not valid JSON: {e.msg}", file, e.lineno) from None
    if not isinstance(data, dict) or not isinstance(data.get("entries"), list):
        raise ConfigError("not a yblint baseline (an object with 'version' and 'entries' expected)", file)
    if data.get("version") != BASELINE_VERSION:
        raise ConfigError(
            f"unsupported baseline version {data.get('version')!r} (this yblint writes version {BASELINE_VERSION})",
            file,
        )
    entries = []
    for i, item in enumerate(data["entries"], 1):
        ok = (
            isinstance(item, dict)
            and all(isinstance(item.get(k), str) for k in ("rule", "fingerprint", "path"))
            and isinstance(item.get("count", 1), int)
            and not isinstance(item.get("count", 1), bool)
            and item.get("count", 1) >= 1
        )
        if not ok:
            raise ConfigError(f"baseline entry {i} needs 'rule', 'fingerprint', 'path' and a positive 'count'", file)
        count = item.get("count", 1)
        entries.append(Entry(item["rule"], item["fingerprint"], item["path"], count, str(item.get("excerpt", ""))))
    return Baseline(file, entries)


def filter_findings(
    findings: list[Finding], baseline: Baseline, linted: set[str], rules: set[str] | None
) -> tuple[list[Finding], Outcome]:
    """Drop the findings ``baseline`` covers (see the module docstring for the two passes).

    An entry that matched nothing counts as stale only when this run could have seen it: its rule
    ran (``rules``; None: any) and its file was linted (``linted``: paths relative to the
    baseline's folder) or no longer exists. A run over some files only (a pre-commit hook gets
    the changed files) thus does not call the entries of the other files stale."""
    folder = baseline.folder
    left: Counter[tuple[str, str, str]] = Counter()
    for e in baseline.entries:
        left[(e.rule, e.fingerprint, e.path)] += e.count
    paths = [relative_to(f.document.path, folder) for f in findings]
    matched = [False] * len(findings)
    for i, f in enumerate(findings):  # pass 1: same file
        k = (f.rule, f.fingerprint, paths[i])
        if left[k] > 0:
            left[k] -= 1
            matched[i] = True
    by_fp: dict[tuple[str, str], list[tuple[str, str, str]]] = {}
    for k in sorted(left):
        by_fp.setdefault(k[:2], []).append(k)
    for i, f in enumerate(findings):  # pass 2: any file
        if matched[i]:
            continue
        for k in by_fp.get((f.rule, f.fingerprint), ()):
            if left[k] > 0:
                left[k] -= 1
                matched[i] = True
                break
    kept = [f for f, m in zip(findings, matched, strict=True) if not m]
    outcome = Outcome(baseline.file, suppressed=sum(matched))
    for e in baseline.entries:
        n = min(left[(e.rule, e.fingerprint, e.path)], e.count)
        if n <= 0:
            continue
        left[(e.rule, e.fingerprint, e.path)] -= n
        seen = e.path in linted or not os.path.exists(os.path.join(folder, e.path))
        if seen and (rules is None or e.rule in rules):
            outcome.stale.append((e, n))
    return kept, outcome


def note(outcome: Outcome, lang: str) -> str:
    """The summary line for the text report."""
    n, m, file = outcome.suppressed, outcome.unmatched, outcome.file
    if lang == "en":
        if outcome.written:
            return f"Recorded {n} finding{'s' if n != 1 else ''} in the baseline {file}."
        text = f"{n} finding{'s' if n != 1 else ''} suppressed by the baseline {file}"
        if m:
            text += (
                f"; {m} recorded {'finding no longer occurs' if m == 1 else 'findings no longer occur'}"
                " (fixed or edited: refresh the baseline with --write-baseline)"
            )
        return text + "."
    if outcome.written:
        return f"已将 {n} 处问题记入基线 {file}。"
    text = f"基线 {file} 屏蔽了 {n} 处已知问题"
    if m:
        text += f"；基线记录的问题中有 {m} 处已不再出现（问题已修正或文字已改动，可用 --write-baseline 更新基线）"
    return text + "。"


def apply(result: RunResult, lang: str, baseline: str | None, write: str | None) -> Outcome | None:
    """The ``--baseline``/``--write-baseline`` step of ``yblint check``: filter ``result`` in
    place, add its summary note and ``result.baseline``; None when neither is given.

    With ``write`` every finding of the run is recorded and none is reported (exit 0); not when a
    file could not be read: a baseline without its findings would report them all as new once it
    can be, so nothing is written and the run fails (exit 2) with a line saying so."""
    if write and result.errors:
        unread = len(result.errors)
        # in English, as every other input error is (the lines above it name the unread files)
        message = (
            f"not written: {unread} file(s) could not be read, and a baseline without their findings would "
            "report them all as new once they can: fix the reading errors first"
        )
        result.errors.append(YblintError(message, write))
        result.findings = []
        return None
    if write:
        write_baseline(result.findings, write)
        outcome = Outcome(write, suppressed=len(result.findings), written=True)
        result.findings = []
    elif baseline:
        base = load_baseline(baseline)
        linted = {relative_to(d.path, base.folder) for d in result.documents}
        rules = {r.id for r in result.rules}
        result.findings, outcome = filter_findings(result.findings, base, linted, rules)
    else:
        return None
    result.notes.append(note(outcome, lang))
    result.baseline = outcome.to_dict()
    return outcome
