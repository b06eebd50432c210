"""``yblint check --fix`` and ``--diff``: apply the fixes that findings carry, whatever rule made them.

A fix is a list of edits (offsets into ``Document.text``, the decoded original with its line
endings). Per file, every safe fix whose edits overlap no fix already taken is applied; a fix
that overlaps another, or that its rule marks unsafe (``Fix.safe``), is left alone. The run is
repeated on the fixed text (at most ``MAX_ROUNDS`` times) until no fix is left, so that a second
``--fix`` finds nothing more to do; a rule whose fixes are still finding work after that never
settles (截止 → 截止截止): none of its fixes is applied, and the caller names it.

Files are written back in the encoding they were read in (a UTF-8 BOM is kept), and only when
the content changed; a file whose bytes would not come back identical when re-encoded unchanged
is never written. A file reached through a symbolic link is written in place of the file the link
points to (the link stays), with its mode. Word files (.docx) are never rewritten.
"""

from __future__ import annotations

import codecs
import difflib
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from yblint.check import Check
from yblint.config import Config
from yblint.engine import book_of, prepare, run_checks
from yblint.errors import YblintError
from yblint.finding import Edit, Finding, Fix
from yblint.model import Document
from yblint.parsing import build_document
from yblint.reading.encoding import BOMS
from yblint.reading.source import Source
from yblint.registry import Registry

MAX_ROUNDS = 8


@dataclass
class Change:
    """One applied fix, located in the text it was applied to."""

    rule: str
    line: int
    column: int
    before: str
    after: str


@dataclass
class FilePlan:
    original: Document  # as read from disk
    text: str  # after every round of fixes
    changes: list[Change] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return self.text != self.original.text


def _overlaps(a: Edit, b: Edit) -> bool:
    if a.start == a.end or b.start == b.end:  # insertions clash at the same point or inside a span
        return a.start == b.start or (b.start < a.start < b.end) or (a.start < b.start < a.end)
    return a.start < b.end and b.start < a.end


def select_fixes(findings: list[Finding], document: Document) -> tuple[list[tuple[Finding, Fix]], list[Finding]]:
    """The fixes of ``document`` that can be applied together: safe, wholly inside the document,
    not overlapping a fix taken before (in reading order). Returns (taken, left out)."""
    taken: list[tuple[Finding, Fix]] = []
    left: list[Finding] = []
    edits: list[Edit] = []
    candidates = [(f, f.fix) for f in findings if f.fix is not None and f.document is document]
    candidates.sort(key=lambda c: (min((e.start for e in c[1].edits), default=0), c[0].rule))
    n = len(document.text)
    for f, fix in candidates:
        ok = bool(fix.edits) and getattr(fix, "safe", True)
        ok = ok and all(e.document is document and 0 <= e.start <= e.end <= n for e in fix.edits)
        ok = ok and not any(_overlaps(a, b) for a in fix.edits for b in edits)
        ok = ok and not any(_overlaps(a, b) for i, a in enumerate(fix.edits) for b in fix.edits[i + 1 :])
        if not ok:
            left.append(f)
            continue
        taken.append((f, fix))
        edits.extend(fix.edits)
    return taken, left


def _newline(text: str, newline: str) -> str:
    """Line breaks in a replacement follow the file's own (\\r\\n stays \\r\\n)."""
    if newline == "\n" or "\n" not in text:
        return text
    return "".join(newline if ch == "\n" and (i == 0 or text[i - 1] != "\r") else ch for i, ch in enumerate(text))


def _shown(text: str) -> str:
    return text.replace("\r\n", "⏎").replace("\n", "⏎").replace("\r", "⏎")


def apply_fixes(document: Document, taken: list[tuple[Finding, Fix]]) -> tuple[str, list[Change]]:
    edits = sorted(((e, f.rule) for f, fix in taken for e in fix.edits), key=lambda t: (t[0].start, t[0].end))
    out, pos, changes = [], 0, []
    text = document.text
    for e, rule in edits:
        replacement = _newline(e.replacement, document.newline)
        out.append(text[pos : e.start])
        out.append(replacement)
        pos = e.end
        line, col = document.lines.position(e.start)
        changes.append(Change(rule, line, col, text[e.start : e.end], replacement))
    out.append(text[pos:])
    return "".join(out), changes


def plan(
    paths: list[str],
    config: Config,
    registry: Registry,
    select: list[str] | None = None,
    ignore: list[str] | None = None,
    corpus: list[str] | None = None,
    unsettled: set[str] | None = None,
    warnings: list[str] | None = None,
) -> tuple[list[FilePlan], list[YblintError]]:
    """Lint, fix in memory, lint the fixed text again … until nothing is left to fix. A rule
    whose fixes still find something to fix after ``MAX_ROUNDS`` passes (截止 → 截止截止) does not
    settle: the plan is made again without its fixes, and its id is added to ``unsettled``."""
    prepared = prepare(paths, config, registry, select, ignore, corpus)
    excluded: set[str] = set()
    while True:
        plans, growing = _plan_rounds(prepared.checks, prepared.documents, prepared.references, config, excluded)
        if not growing:
            break
        excluded |= growing
    if unsettled is not None:
        unsettled |= excluded
    if warnings is not None:
        warnings.extend(prepared.warnings)
    return plans, prepared.errors


def _plan_rounds(
    checks: list[Check], docs: list[Document], refs: list[Document], config: Config, excluded: set[str]
) -> tuple[list[FilePlan], set[str]]:
    """The fixes of every rule but ``excluded``, pass after pass; and the rules whose fixes had
    not settled after ``MAX_ROUNDS`` passes (empty when everything settled)."""
    plans = {d.path: FilePlan(d, d.text) for d in docs}
    current = list(docs)
    progressed = False
    for _round in range(MAX_ROUNDS + 1):
        findings, _ = run_checks(checks, book_of(current, refs, config))
        findings = [f for f in findings if f.rule not in excluded]
        if _round == MAX_ROUNDS:  # one more look: whatever still has a fix to apply does not settle
            growing = set()
            for doc in current:
                if doc.format != "docx":
                    growing |= {f.rule for f, _fix in select_fixes(findings, doc)[0]}
            return list(plans.values()), growing
        progressed = False
        nxt = []
        for doc in current:
            p = plans[doc.path]
            if doc.format == "docx":
                if _round == 0 and any(f.fix is not None and f.document is doc for f in findings):
                    p.skipped.append("docx")
                nxt.append(doc)
                continue
            taken, _left = select_fixes(findings, doc)
            if not taken:
                nxt.append(doc)
                continue
            text, changes = apply_fixes(doc, taken)
            if text == doc.text:
                nxt.append(doc)
                continue
            progressed = True
            p.text = text
            p.changes.extend(changes)
            source = Source(path=doc.path, text=text, encoding=doc.encoding, format=doc.format, newline=doc.newline)
            nxt.append(build_document(source, config.units))
        current = nxt
        if not progressed:
            break
    return list(plans.values()), set()


def encode(plan: FilePlan) -> bytes:
    """The fixed text in the file's own encoding. Raises YblintError when the file cannot be
    written back byte for byte (changed on disk since it was read, or an encoding that does not
    round-trip)."""
    doc = plan.original
    path = Path(doc.path)
    try:
        data = path.read_bytes()
    except OSError as e:
        raise YblintError(f"cannot read for fixing: {e.strerror or e}", doc.path) from None
    codec = doc.encoding
    # a byte-order mark left out on reading goes back in front (utf-8-sig writes its own)
    bom = BOMS.get(codecs.lookup(codec).name, b"")
    prefix = bom if bom and data.startswith(bom) else b""
    try:
        if prefix + doc.text.encode(codec) != data:
            raise YblintError("not fixed: the file changed since it was read, or its encoding does not round-trip")
        return prefix + plan.text.encode(codec)
    except (UnicodeEncodeError, LookupError) as e:
        raise YblintError(f"not fixed: cannot encode the fixed text as {codec}: {e}", doc.path) from None


def _write_atomic(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".yblint", dir=str(path.parent))
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def diff_lines(text: str) -> list[str]:
    """``text`` cut after each ``\n``, the only line end of a unified diff (as git and patch read
    files): a lone CR (an old Mac file, or one stray in a mixed file), a form feed or U+2028 stays
    inside its line, so the diff applies to the file's bytes. The last line may lack its ``\n``."""
    lines = text.split("\n")
    out = [line + "\n" for line in lines[:-1]]
    if lines[-1]:
        out.append(lines[-1])
    return out


def unified_diff(plan: FilePlan) -> str:
    """The fixes of ``plan`` as a unified diff, its lines the file's ``\n``-ended lines (see
    :func:`diff_lines`), as ``git diff`` shows them; a last line without ``\n`` is followed by
    ``\\ No newline at end of file``."""
    a = diff_lines(plan.original.text)
    b = diff_lines(plan.text)
    name = plan.original.path.lstrip("/")  # a/path, b/path as git writes them, also for absolute paths
    lines = difflib.unified_diff(a, b, fromfile=f"a/{name}", tofile=f"b/{name}")
    out = []
    for line in lines:
        out.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
    return "".join(out)


def _msg(lang: str, zh: str, en: str) -> str:
    return en if lang == "en" else zh


def write_fixes(plans: list[FilePlan], log: TextIO, lang: str = "zh") -> tuple[int, list[YblintError]]:
    """Write every changed file; print each change. Returns (files written, errors)."""
    written, errors = 0, []
    for p in plans:
        path = p.original.path
        if "docx" in p.skipped:
            log.write(
                _msg(
                    lang,
                    f"{path}: Word 文件不会被改写，请在 Word 中手工修改。\n",
                    f"{path}: .docx files are never rewritten; fix them in Word.\n",
                )
            )
            continue
        if not p.changed:
            continue
        try:
            data = encode(p)
            target = Path(os.path.realpath(path))  # through a link: fix the file it points to, keep the link
            mode = target.stat().st_mode
            _write_atomic(target, data)
            os.chmod(target, mode & 0o7777)
        except YblintError as e:
            e.path = e.path or path
            errors.append(e)
            continue
        except OSError as e:
            errors.append(YblintError(f"cannot write: {e.strerror or e}", path))
            continue
        written += 1
        for c in p.changes:
            log.write(f"{path}:{c.line}:{c.column}: {c.rule} “{_shown(c.before)}” → “{_shown(c.after)}”\n")
    if written or not errors:
        n = sum(len(p.changes) for p in plans if p.changed)
        log.write(
            _msg(lang, f"已修复 {n} 处，改写 {written} 个文件。\n", f"Fixed {n} finding(s) in {written} file(s).\n")
        )
    return written, errors


def diff_text(plans: list[FilePlan], lang: str = "zh") -> str:
    out = []
    for p in plans:
        if "docx" in p.skipped:
            path = p.original.path
            out.append(
                _msg(lang, f"# {path}: Word 文件不会被改写。\n", f"# {path}: .docx files are never rewritten.\n")
            )
        elif p.changed:
            out.append(unified_diff(p))
    return "".join(out)


def run(
    paths: list[str],
    config: Config,
    registry: Registry,
    *,
    select: list[str] | None = None,
    ignore: list[str] | None = None,
    corpus: list[str] | None = None,
    diff: bool = False,
    log: TextIO,
    err: TextIO,
) -> int:
    """``--fix`` (write, print each change to ``log``) or ``--diff`` (print a unified diff to
    ``log``, write nothing). Returns 2 when a file could not be read or written; for ``--diff``,
    1 when there is something to fix, else 0."""
    unsettled: set[str] = set()
    warnings: list[str] = []
    plans, errors = plan(paths, config, registry, select, ignore, corpus, unsettled, warnings)
    if diff:  # --fix: the lint that follows prints them
        for w in warnings:
            err.write(f"yblint: warning: {w}\n")
    for rid in sorted(unsettled):
        err.write(
            f"yblint: warning: the fixes of rule '{rid}' do not settle (each pass finds more to fix, "
            f"e.g. a replacement that contains what it replaces): none of them applied\n"
        )
    if diff:
        log.write(diff_text(plans, config.lang))
        log.flush()
        for e in errors:
            err.write(f"yblint: error: {e}\n")
        return 2 if errors else (1 if any(p.changed for p in plans) else 0)
    _written, write_errors = write_fixes(plans, log, config.lang)
    log.flush()
    for e in write_errors:  # read errors are reported by the lint that follows
        err.write(f"yblint: error: {e}\n")
    return 2 if write_errors else 0
