"""``yblint annotate``: a reviewed copy of each Word draft, STEM.yblint.docx, with one Word comment
(author ``yblint``) per finding anchored on exactly the flagged characters and, with
``--track-changes``, each safe fix as a tracked revision.

* Findings come from the same run as ``yblint check`` (selection, config, corpus, baseline); the
  fixes are the ones ``yblint check --fix`` takes (``yblint.fixing.select_fixes``, one round), so
  accepting every revision gives the text ``--fix`` computes and rejecting them gives the input.
* A finding in a table's prose cell (a 供稿单's entry: yblint.reading.docx_tables) is anchored on its
  characters, its fix tracked, as in body paragraphs; one in a table row's figures, or across two
  cells, is commented at the start of its cell (of the first paragraph of the cell that holds
  it); the summary counts them. Its fix, if any, stays a comment.
* Non-.docx inputs are read (cross-file rules compare them) and skipped with one line each.
* The input is never written (nor any file the run reads, nor a copy written earlier in the run);
  an existing output is replaced only with ``force``: see :mod:`yblint.annotate.outputs`, which
  also says where each copy goes and how it is named.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from yblint import baseline as baseline_mod
from yblint.annotate.comments import comment_text
from yblint.annotate.outputs import SUFFIX, Outputs, output_path
from yblint.annotate.wordxml import Body
from yblint.config import Config
from yblint.engine import RunResult, book_of, prepare, run_checks
from yblint.errors import YblintError
from yblint.finding import Edit, Finding
from yblint.fixing import select_fixes
from yblint.model import Document
from yblint.reading.docx import _open
from yblint.reading.source import DocxLimits
from yblint.registry import Registry

AUTHOR = "yblint"
__all__ = ["SUFFIX", "Annotated", "Outputs", "annotate_document", "output_path", "run", "summary"]


@dataclass
class Annotated:
    """What one reviewed copy holds."""

    source: str
    output: str
    comments: int = 0
    at_cell_start: int = 0  # findings in a table cell, put at the start of their cell (not on their characters)
    revisions: int = 0  # fixes written as tracked changes
    fixes: list[Finding] = field(default_factory=list)


def _edits(f: Finding) -> list[Edit]:
    return f.fix.edits if f.fix is not None else []


def _trackable(fix_finding: Finding, body: Body) -> bool:
    edits = _edits(fix_finding)
    return all("\n" not in e.replacement and body.in_paragraphs(e.start, e.end) for e in edits)


def _marks(body: Body, start: int, end: int) -> list:
    """The paragraphs whose marks lie in [start, end) (the \\n after line i lies at lines[i].end)."""
    first, last = body.line_at(start), body.line_at(end)
    return [body.lines[i].element for i in range(first, last + 1) if start <= body.lines[i].end < end]


def _in_draft_already(body: Body, f: Finding) -> bool:
    """Whether ``f``'s fix is in the draft already as tracked changes: it only joins paragraphs,
    and each of their marks is deleted already (a reviewer joined them). Runs split first."""
    edits = _edits(f)
    for e in edits:
        marks = _marks(body, e.start, e.end)
        if e.replacement or body.runs(e.start, e.end) or not marks:
            return False
        if not all(body.mark_deleted(p) for p in marks):
            return False
    return bool(edits)


def _track(body: Body, f: Finding) -> None:
    """Write ``f``'s fix as tracked revisions: deleted characters in w:del, deleted paragraph
    marks in the paragraph's w:rPr, the replacement in w:ins after the deletion."""
    for e in _edits(f):
        runs = body.runs(e.start, e.end)
        like = runs[0] if runs else None
        where = body.point(e.start) if not runs else (runs[-1], "after")
        for run in runs:
            body.delete_run(run)
        for p in _marks(body, e.start, e.end):  # a mark deleted already stays as it is
            body.delete_paragraph_mark(p)
        if e.replacement:
            if like is None:
                target, _how = where
                like = target if target.tag.endswith("}r") else None
            wrapper = body.inserted_run(e.replacement, like)
            if runs:
                runs[-1].getparent().addnext(wrapper)  # after the w:del holding the last run
            else:
                body.insert(wrapper, where)


def annotate_document(
    doc: Document,
    findings: list[Finding],
    out: Path,
    lang: str,
    track_changes: bool,
    names: dict[str, str],
    limits: DocxLimits | None = None,
) -> Annotated:
    document = _open(doc.path, limits or DocxLimits())
    if not hasattr(document, "comments"):
        raise YblintError("yblint annotate needs python-docx 1.2 or later: pip install -U 'yblint[docx]'", doc.path)
    body = Body(document.element.body)
    result = Annotated(doc.path, str(out))
    mine = [f for f in findings if f.document is doc]
    taken = [f for f, _fix in select_fixes(mine, doc)[0]] if track_changes else []
    taken = [f for f in taken if _trackable(f, body)]
    # every boundary first, so that later splits never move what an earlier step marked
    for f in mine:
        if body.in_paragraphs(f.location.start, f.location.end):
            body.split_at(f.location.start)
            body.split_at(f.location.end)
    for f in taken:
        for e in _edits(f):
            body.split_at(e.start)
            body.split_at(e.end)
    there = [f for f in taken if _in_draft_already(body, f)]  # nothing to write: not a revision of ours
    taken = [f for f in taken if f not in there]
    from docx.text.run import Run

    for f in mine:
        exact = body.in_paragraphs(f.location.start, f.location.end)
        text = comment_text(f, lang, names, tracked=f in taken, in_draft=f in there)
        if not exact:  # say where in the row the characters are
            line, col, _, _ = f.location.range()
            shown = f.location.to_dict()["excerpt"]
            text += (
                f"\n(At paragraph {line}, character {col}: “{shown}”.)"
                if lang == "en"
                else f"\n（位置：第{line}段第{col}字“{shown}”）"
            )
        comment = document.comments.add_comment(text, author=AUTHOR, initials="YB")
        runs = body.runs(f.location.start, f.location.end) if exact else []
        if runs:
            Run(runs[0], document).mark_comment_range(Run(runs[-1], document), comment.comment_id)
        else:
            _point_comment(body, f.location.start, comment.comment_id, exact)
            if not exact:
                result.at_cell_start += 1
        result.comments += 1
    for f in taken:
        _track(body, f)
    result.revisions = len(taken)
    result.fixes = taken
    out.parent.mkdir(parents=True, exist_ok=True)
    buf = io.BytesIO()
    document.save(buf)
    out.write_bytes(buf.getvalue())
    return result


def _point_comment(body: Body, offset: int, comment_id: int, exact: bool) -> None:
    """A comment on no characters: at ``offset`` (an empty span), or at the start of the
    paragraph (a table row's first cell) when the span cannot be anchored."""
    from docx.oxml.ns import qn
    from docx.oxml.parser import OxmlElement

    start = OxmlElement("w:commentRangeStart", attrs={qn("w:id"): str(comment_id)})
    end = OxmlElement("w:commentRangeEnd", attrs={qn("w:id"): str(comment_id)})
    ref_run = OxmlElement("w:r")
    ref_run.append(OxmlElement("w:commentReference", attrs={qn("w:id"): str(comment_id)}))
    if exact:
        where = body.point(offset)
    else:
        p = body.paragraph_start(offset)
        if p is None:
            return
        first = next((c for c in p if c.tag != qn("w:pPr")), None)
        where = (first, "before") if first is not None else (p, "append")
    for node in (start, end, ref_run) if where[1] != "after" else (ref_run, end, start):
        body.insert(node, where)


def run(
    paths: list[str],
    config: Config,
    registry: Registry,
    *,
    outputs: Outputs,
    select: list[str] | None = None,
    ignore: list[str] | None = None,
    corpus: list[str] | None = None,
    baseline: str | None = None,
    track_changes: bool = False,
    log: TextIO,
    err: TextIO,
) -> tuple[RunResult, list[Annotated], list[YblintError]]:
    """Lint ``paths`` and write a reviewed copy of each .docx among them where ``outputs`` says,
    unless it refuses the path (a file the run reads, a copy written earlier in the run, an
    existing file without ``--force``: one error each, the other drafts are still written)."""
    # reviewed copies in a folder are skipped by discover; one named on the command line is read
    prepared = prepare(paths, config, registry, select, ignore, corpus)
    findings, suppressed = run_checks(prepared.checks, book_of(prepared.documents, prepared.references, config))
    result = RunResult(prepared.documents, findings, prepared.errors, prepared.rules, suppressed)
    result.warnings = list(prepared.warnings)
    baseline_mod.apply(result, config.lang, baseline or config.baseline, None)
    en = config.lang == "en"
    names = {d.path: Path(d.path).name for d in [*prepared.documents, *prepared.references]}
    done: list[Annotated] = []
    errors: list[YblintError] = []
    for doc in prepared.documents:
        if doc.format != "docx":
            err.write(
                f"yblint: {doc.path}: not a Word .docx: compared with the others, not annotated\n"
                if en
                else f"yblint: {doc.path}: 不是 Word 文件，只参与跨文件比对，不生成批注副本\n"
            )
            continue
        out = outputs.path_for(doc.path)
        refused = outputs.refusal(doc.path, out)
        if refused is not None:
            errors.append(refused)
            continue
        try:
            done.append(annotate_document(doc, result.findings, out, config.lang, track_changes, names, config.docx))
        except YblintError as e:
            errors.append(e)
        except OSError as e:
            errors.append(YblintError(f"cannot write {out.as_posix()}: {e.strerror or e}", doc.path))
        else:
            outputs.wrote(doc.path, out)
    for a in done:
        log.write(_line(a, en))
    return result, done, errors


def _line(a: Annotated, en: bool) -> str:
    if en:
        text = f"{a.source} -> {a.output}: {a.comments} comment(s), {a.revisions} tracked fix(es)"
        if a.at_cell_start:
            text += f", {a.at_cell_start} at the start of their table cell"
        return text + "\n"
    text = f"{a.source} → {a.output}：批注 {a.comments} 条，修订 {a.revisions} 处"
    if a.at_cell_start:
        text += f"，其中 {a.at_cell_start} 条在表格中，放在所在单元格开头"
    return text + "\n"


def summary(done: list[Annotated], en: bool) -> str:
    comments = sum(a.comments for a in done)
    revisions = sum(a.revisions for a in done)
    start = sum(a.at_cell_start for a in done)
    if en:
        return (
            f"Wrote {len(done)} reviewed cop{'y' if len(done) == 1 else 'ies'}: {comments} comment(s), "
            f"{revisions} tracked fix(es), {start} comment(s) at the start of a table cell.\n"
        )
    in_cells = f"其中 {start} 条放在表格单元格开头"
    return f"已生成 {len(done)} 份批注副本：批注 {comments} 条，修订 {revisions} 处，{in_cells}。\n"
