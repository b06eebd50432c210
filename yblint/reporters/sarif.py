"""``--format sarif``: SARIF 2.1.0, as GitHub code scanning and other SARIF viewers read it.

* ``tool.driver.rules``: every rule that ran (and any rule a finding names), with short and full
  descriptions, help (text and Markdown, with the rule's bad/good examples) and the default level.
* ``results``: ruleId and ruleIndex, level (error/warning/note), message, one physical location
  (URI relative to the working directory, forward slashes, percent-encoded; the region in lines
  and columns), ``relatedLocations`` for the other side (e.g. the original of a copied passage)
  and ``partialFingerprints`` from the finding's fingerprint, so that alerts follow moved text.
* Columns count Unicode code points (``columnKind: unicodeCodePoints``), as every yblint report
  does; for a Word file (``.docx``) a "line" is a paragraph number.
* ``artifacts``: every file with its encoding; ``invocations`` says whether the run succeeded
  and carries the unreadable inputs as notifications.
"""

from __future__ import annotations

import os
import posixpath
from pathlib import Path
from typing import Any
from urllib.parse import quote

from yblint import __version__
from yblint.engine import RunResult
from yblint.finding import Finding, Location
from yblint.i18n import tr
from yblint.json_text import indented
from yblint.model import Document
from yblint.reporters import ReportContext, reporter
from yblint.rule_help import rule_help
from yblint.ruledefs import RuleDef

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
FINGERPRINT_KEY = "yblintFingerprint/v1"
SRCROOT = "%SRCROOT%"
SNIPPET_CHARS = 400
MIME = {
    "markdown": "text/markdown",
    "text": "text/plain",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
LANGUAGES = {"markdown": "markdown", "text": "plaintext"}
ENCODINGS = {
    "utf-8": "UTF-8",
    "utf-8-sig": "UTF-8",
    "utf-16": "UTF-16",
    "utf-16-le": "UTF-16LE",
    "utf-16-be": "UTF-16BE",
    "utf-32-le": "UTF-32LE",
    "utf-32-be": "UTF-32BE",
    "gb18030": "GB18030",
    "gbk": "GBK",
}  # IANA's names


def artifact_uri(path: str) -> tuple[str, str | None]:
    """(uri, uriBaseId) of a path as the run shows it: relative to the working directory (the
    repository root in CI) when possible, else an absolute ``file:`` URI."""
    p = path.replace("\\", "/")
    if os.path.isabs(path):
        try:
            rel = os.path.relpath(path)
        except ValueError:
            rel = None
        if rel is None or rel.startswith(".."):
            return Path(path).resolve().as_uri(), None
        p = rel.replace(os.sep, "/")
    p = posixpath.normpath(p)
    return quote(p, safe="/"), SRCROOT


def rule_descriptor(rule: RuleDef, lang: str) -> dict[str, Any]:
    desc = rule.describe(lang)
    full = desc + (f" ({rule.source})" if rule.source else "")
    help_text, help_md = rule_help(rule, lang)
    out: dict[str, Any] = {
        "id": rule.id,
        "name": "".join(w.capitalize() for w in rule.id.split("-")),
        "shortDescription": {"text": desc},
        "fullDescription": {"text": full},
        "help": {"text": help_text, "markdown": help_md},
        "defaultConfiguration": {"level": LEVELS[rule.severity], "enabled": rule.enabled},
        "properties": {"tags": ["yblint", rule.pack], "pack": rule.pack, "fixable": bool(rule.fixable)},
    }
    if rule.link:
        out["helpUri"] = rule.link
    return out


def _fallback_rule(rule_id: str, severity: str) -> RuleDef:
    return RuleDef(id=rule_id, type="check", severity=severity, description={"en": rule_id}, messages={})


class _Artifacts:
    def __init__(self) -> None:
        self.index: dict[str, int] = {}
        self.items: list[dict[str, Any]] = []
        self.uris: dict[str, tuple[str, str | None]] = {}

    def uri(self, path: str) -> tuple[str, str | None]:
        """``artifact_uri(path)``, worked out once a file (it resolves the path on disk)."""
        found = self.uris.get(path)
        if found is None:
            found = self.uris[path] = artifact_uri(path)
        return found

    def add(self, doc: Document) -> int:
        if doc.path in self.index:
            return self.index[doc.path]
        uri, base = self.uri(doc.path)
        loc: dict[str, Any] = {"uri": uri}
        if base:
            loc["uriBaseId"] = base
        item: dict[str, Any] = {"location": loc, "mimeType": MIME.get(doc.format, "text/plain")}
        if doc.format != "docx":
            item["encoding"] = ENCODINGS.get(doc.encoding.lower(), doc.encoding.upper())
        if doc.format in LANGUAGES:
            item["sourceLanguage"] = LANGUAGES[doc.format]
        item["properties"] = {"locations": doc.locations, "reference": doc.reference}
        if doc.reference:
            item["roles"] = ["referencedOnCommandLine"]
        self.index[doc.path] = len(self.items)
        self.items.append(item)
        return self.index[doc.path]


def physical_location(loc: Location, artifacts: _Artifacts) -> dict[str, Any]:
    line, col, end_line, end_col = loc.range()
    uri, base = artifacts.uri(loc.document.path)
    artifact: dict[str, Any] = {"uri": uri, "index": artifacts.add(loc.document)}
    if base:
        artifact["uriBaseId"] = base
    region: dict[str, Any] = {"startLine": line, "startColumn": col, "endLine": end_line, "endColumn": end_col}
    if 0 < len(loc.text) <= SNIPPET_CHARS:
        region["snippet"] = {"text": loc.text}
    return {"artifactLocation": artifact, "region": region}


def result_of(f: Finding, rule_index: dict[str, int], artifacts: _Artifacts, lang: str) -> dict[str, Any]:
    out: dict[str, Any] = {
        "ruleId": f.rule,
        "ruleIndex": rule_index[f.rule],
        "level": LEVELS[f.severity],
        "message": {"text": f.message},
        "locations": [{"physicalLocation": physical_location(f.location, artifacts)}],
        "partialFingerprints": {FINGERPRINT_KEY: f.fingerprint},
    }
    if f.related:
        related = []
        for i, r in enumerate(f.related, 1):
            rl, rc, _, _ = r.range()
            unit = f"（{r.unit_name}）" if r.unit_name and lang != "en" else f" ({r.unit_name})" if r.unit_name else ""
            label = tr(lang, "相关位置", "related")
            related.append(
                {
                    "id": i,
                    "physicalLocation": physical_location(r, artifacts),
                    "message": {"text": f"{label}: {r.document.path}:{rl}:{rc}{unit}"},
                }
            )
        out["relatedLocations"] = related
    props: dict[str, Any] = {"unit": f.location.unit_name}
    if f.data:
        props["data"] = f.data
    out["properties"] = props
    if f.fix is not None:
        out["fixes"] = [_fix(f, artifacts)]
    return out


def _fix(f: Finding, artifacts: _Artifacts) -> dict[str, Any]:
    changes: dict[str, dict[str, Any]] = {}
    for e in f.fix.edits:  # type: ignore[union-attr]
        # exact positions: an edit that removes a line break ends at column 1 of the next line
        (line, col), (end_line, end_col) = e.document.lines.position(e.start), e.document.lines.position(e.end)
        uri, base = artifacts.uri(e.document.path)
        if e.document.path not in changes:
            loc: dict[str, Any] = {"uri": uri, "index": artifacts.add(e.document)}
            if base:
                loc["uriBaseId"] = base
            changes[e.document.path] = {"artifactLocation": loc, "replacements": []}
        changes[e.document.path]["replacements"].append(
            {
                "deletedRegion": {"startLine": line, "startColumn": col, "endLine": end_line, "endColumn": end_col},
                "insertedContent": {"text": e.replacement},
            }
        )
    return {"description": {"text": f.fix.description}, "artifactChanges": list(changes.values())}  # type: ignore[union-attr]


def sarif_dict(result: RunResult, ctx: ReportContext) -> dict[str, Any]:
    defs: dict[str, RuleDef] = {r.id: r for r in result.rules}
    for f in result.findings:
        if f.rule not in defs:
            defs[f.rule] = ctx.rules.get(f.rule) or _fallback_rule(f.rule, f.severity)
    ids = sorted(defs)
    rule_index = {rid: i for i, rid in enumerate(ids)}
    artifacts = _Artifacts()
    for d in result.documents:
        artifacts.add(d)
    results = [result_of(f, rule_index, artifacts, ctx.lang) for f in result.findings]
    notifications = []
    for e in result.errors:
        n: dict[str, Any] = {"level": "error", "message": {"text": e.message}}
        if e.path:
            uri, base = artifact_uri(e.path)
            loc: dict[str, Any] = {"artifactLocation": {"uri": uri}}
            if base:
                loc["artifactLocation"]["uriBaseId"] = base
            if e.line:
                loc["region"] = {"startLine": e.line}
            n["locations"] = [{"physicalLocation": loc}]
        notifications.append(n)
    invocation: dict[str, Any] = {"executionSuccessful": not result.errors}
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "yblint",
                "version": __version__,
                "semanticVersion": __version__,
                "rules": [rule_descriptor(defs[rid], ctx.lang) for rid in ids],
            }
        },
        "invocations": [invocation],
        "columnKind": "unicodeCodePoints",
        "artifacts": artifacts.items,
        "results": results,
    }
    if result.baseline is not None:
        run["properties"] = {"baseline": result.baseline}
    return {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}


@reporter("sarif")
def render(result: RunResult, ctx: ReportContext) -> str:
    return indented(sarif_dict(result, ctx)) + "\n"  # json.dumps(indent=2), faster
