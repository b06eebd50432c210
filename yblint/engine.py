"""One run: read the files, build the corpus, run the selected checks, keep what is to be reported.

The flow is one way: reading -> model -> checks -> findings. Reporters take the result.
"""

from __future__ import annotations

import bisect
import os
from dataclasses import dataclass, field
from types import TracebackType

from yblint import progress, re_cache, timings
from yblint.check import Check
from yblint.collector import fewer_collections
from yblint.config import Config
from yblint.errors import InputError, YblintError
from yblint.finding import Finding
from yblint.model import Corpus, Document
from yblint.parsing import build_document
from yblint.reading import discover, read_source
from yblint.reading.discover import display_path
from yblint.reading.git import is_untracked
from yblint.reading.source import DocxLimits, Source
from yblint.registry import Registry
from yblint.ruledefs import RuleDef

STDIN: dict[str, bytes] = {}  # ``check - --stdin-filename NAME``: NAME -> the bytes read from stdin


def stdin_source(name: str, encoding: str | None, limits: DocxLimits | None = None) -> Source:
    """The draft piped on standard input, read as if it were the file ``name``."""
    from yblint.reading.source import source_from_bytes

    return source_from_bytes(STDIN[name], name, encoding, limits)


@dataclass
class RunResult:
    documents: list[Document]
    findings: list[Finding]
    errors: list[YblintError] = field(default_factory=list)
    rules: list[RuleDef] = field(default_factory=list)
    suppressed: int = 0  # by inline comments
    notes: list[str] = field(default_factory=list)  # extra summary lines (e.g. baseline)
    warnings: list[str] = field(default_factory=list)  # one stderr line each (skipped files, empty globs …)
    baseline: dict | None = None  # what --baseline/--write-baseline did (yblint.baseline.Outcome.to_dict)


class InternalError(Exception):
    """An unexpected exception in a check or a reporter: one line on stderr, exit 2."""

    def __init__(self, where: str, path: str | None, error: BaseException) -> None:
        self.where, self.path, self.error = where, path, error
        super().__init__(str(self))

    def __str__(self) -> str:
        what = f"{type(self.error).__name__}: {self.error}".rstrip(": ").splitlines()[0]
        on = f" on {self.path}" if self.path else ""
        return f"internal error in {self.where}{on}: {what}; --debug shows the traceback"


def _document_in(tb: TracebackType | None) -> Document | None:
    """The document a crash happened on: the innermost frame of the traceback that has a
    Document (or something with one: a paragraph, unit, location) among its locals."""
    frames = []
    while tb is not None:
        frames.append(tb.tb_frame)
        tb = tb.tb_next
    for frame in reversed(frames):
        for value in frame.f_locals.values():
            doc = value if isinstance(value, Document) else getattr(value, "document", None)
            if isinstance(doc, Document):
                return doc
    return None


def expand_corpus(patterns: list[str], warnings: list[str] | None = None) -> list[str]:
    out: list[str] = []
    for pat in patterns:
        import glob  # only a run with a corpus

        matches = sorted(glob.glob(pat, recursive=True)) if glob.has_magic(pat) else [pat]
        if warnings is not None and not any(os.path.isdir(m) or os.path.isfile(m) for m in matches):
            warnings.append(f"corpus glob '{pat}' matches no file")
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
        progress.tick(path)
        try:
            if path in STDIN:
                source = stdin_source(path, config.encoding, config.docx)
            else:
                source = read_source(path, config.encoding, config.docx)
            docs.append(build_document(source, config.units, reference=reference))
        except YblintError as e:
            errors.append(e)
            continue
        except Exception as e:  # a bug in reading or parsing: one line naming the file, exit 2
            raise InternalError("reading", path, e) from e
    return docs, errors


@dataclass
class Prepared:
    """What a run works on: the configured checks, the linted documents and the reference ones."""

    rules: list[RuleDef]
    checks: list[Check]
    documents: list[Document]
    references: list[Document]
    errors: list[YblintError]
    warnings: list[str] = field(default_factory=list)


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
    missing: list[InputError] = []
    warnings: list[str] = []
    packs = [n for n in select or [] if n in registry.packs]
    if packs:  # --select yearbook while the config ignores first-person: say so, never silently
        running = {d.id for d in rules} | registry.expand(ignore or [], "--ignore")
        off = sorted(registry.expand(packs, "--select") - running)
        if off:
            warnings.append(
                f"{config.path}: 'ignore' turns off {', '.join(off)} of --select {','.join(packs)}; "
                "name a rule in --select to run it"
            )
    files = discover(
        [p for p in paths if p not in STDIN], config.include, config.exclude, errors=missing, skipped=warnings
    )
    for given in paths:  # a folder that holds no draft: a CI job that checks nothing must say so
        folder = display_path(given).rstrip("/")
        if given not in STDIN and os.path.isdir(given) and not any(f.startswith(folder + "/") for f in files):
            warnings.append(f"{display_path(given)}: no drafts found (include: {', '.join(config.include)})")
    files += [p for p in paths if p in STDIN]
    docs, errors = read_documents(files, config)
    linted = {d.path for d in docs}
    ref_paths = [p for p in expand_corpus([*config.corpus, *(corpus or [])], warnings) if p not in linted]
    if ref_paths and not config.corpus_untracked:  # in a drafts repository: tracked files only, no scratch files
        patterns = [*config.corpus, *(corpus or [])]
        import glob

        named = {display_path(p) for p in patterns if not glob.has_magic(p) and os.path.isfile(p)}
        ref_paths = [p for p in ref_paths if p in named or not is_untracked(p)]
    refs, ref_errors = read_documents(list(dict.fromkeys(ref_paths)), config, reference=True)
    for d in docs:
        warnings.extend(unknown_suppressions(d, registry))
    return Prepared(rules, checks, docs, refs, missing + errors + ref_errors, warnings)


def unknown_suppressions(doc: Document, registry: Registry) -> list[str]:
    """A warning for each rule id in a suppression comment that is no rule: it suppresses nothing."""
    out = []
    for s in doc.suppressions:
        for rid in sorted(s.rules or ()):
            if rid not in registry.defs:
                where = f"{doc.path}:{s.comment_line}"
                hint = registry.did_you_mean(rid, otherwise=registry.SEE_RULES)
                out.append(f"{where}: unknown rule '{rid}' in a yblint-{s.kind} comment{hint}")
    return out


def _touches(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether [start, end) overlaps one of the sorted, disjoint ``spans`` (an empty range: lies inside one)."""
    i = bisect.bisect_right(spans, (start, float("inf"))) - 1
    if i >= 0 and spans[i][0] <= start < spans[i][1]:
        return True
    j = i + 1
    return j < len(spans) and spans[j][0] < end


def _literal(f: Finding) -> bool:
    """A finding that starts or ends inside Markdown that is not prose (code, HTML, link
    targets …) is no finding (one that merely contains such a span, a copied passage with a link
    in it, stays); a fix that would edit such text is dropped."""
    spans = f.document.literal_spans
    if not spans:
        return False
    start, end = f.location.start, f.location.end
    if _touches(spans, start, start) or _touches(spans, max(start, end - 1), max(start, end - 1)):
        return True
    if f.fix is not None and any(_touches(spans, e.start, e.end) for e in f.fix.edits):
        f.fix = None
        f.changed()
    return False


def run_checks(
    checks: list[Check], corpus: Corpus, jobs: int = 1, report: str = "fingerprints"
) -> tuple[list[Finding], int]:
    """Findings of ``checks`` on ``corpus`` (none in reference documents, none in literal
    Markdown, none suppressed by an inline comment), sorted; and how many inline comments suppressed.
    With ``jobs`` > 1 the per-document checks run in that many processes (yblint.parallel); the
    result is the same. ``report``: what the report will need of each finding, which the workers
    work out for theirs while they are at it: ``positions`` (line and column), ``fingerprints``
    (those too: SARIF, a baseline) or ``json`` (the finding's line of the JSON report too)."""

    def run_one(check: Check) -> list[Finding]:
        progress.tick(check.rule.id)
        taken = timings.active()
        start = timings.cpu_now() if taken is not None else 0.0
        try:
            return list(check.run(corpus))
        except YblintError:
            raise
        except Exception as e:
            doc = _document_in(e.__traceback__)
            if doc is None and len(corpus.documents) == 1:
                doc = corpus.documents[0]
            raise InternalError(check.rule.id, doc.path if doc else None, e) from e
        finally:
            if taken is not None:
                taken.rules[check.rule.id] += timings.cpu_now() - start

    def whole_book(which: list[int]) -> dict[int, list[Finding]]:
        return {i: run_one(checks[i]) for i in which}

    for check in checks:
        check.jobs = jobs
        check.report = report

    if jobs > 1:
        from yblint import parallel

        by_check = parallel.run_checks(checks, corpus, jobs, whole_book, report)
    else:
        by_check = whole_book(list(range(len(checks))))
    findings: list[Finding] = []
    suppressed = 0
    for i in range(len(checks)):
        for f in by_check[i]:
            if f.document.reference or _literal(f):
                continue
            line = f.line
            if any(s.covers(f.rule, line) for s in f.document.suppressions):
                suppressed += 1
                continue
            findings.append(f)
    findings.sort(key=Finding.sort_key)
    re_cache.save()  # the patterns compiled here, for the next run (yblint/re_cache.py)
    return findings, suppressed


def book_of(documents: list[Document], references: list[Document], config: Config) -> Corpus:
    """The run's documents as a Corpus, with the book's year (``year:``) and the year most of its
    drafts are of, worked out once for the whole run."""
    from yblint.text.years import drafts_year

    return Corpus(documents, references, config.year, drafts_year(documents + references, config.year))


def lint(
    paths: list[str],
    config: Config,
    registry: Registry | None = None,
    select: list[str] | None = None,
    ignore: list[str] | None = None,
    corpus: list[str] | None = None,
    jobs: int | None = None,
    report: str = "fingerprints",
) -> RunResult:
    """Lint ``paths`` (files or folders). Raises YblintError for a bad config, InternalError for
    a check that crashed; a missing path or an unreadable file is recorded in ``errors`` and the
    others are still linted; skipped files and empty globs are in ``warnings``. ``jobs``: processes
    for the per-document checks (None: automatic, by the size of the run); ``report``: see
    :func:`run_checks`."""
    with fewer_collections():
        registry = registry or Registry.load(config.rules_dirs)
        with timings.phase("reading"):
            run = prepare(paths, config, registry, select, ignore, corpus)
        if jobs is None:
            from yblint.parallel import auto_jobs

            jobs = auto_jobs(run.documents, run.references, run.checks)
        taken = timings.active()
        if taken is not None:
            taken.jobs = max(taken.jobs, jobs)
        book = book_of(run.documents, run.references, config)
        findings, suppressed = run_checks(run.checks, book, jobs, report)
    return RunResult(
        documents=run.documents,
        findings=findings,
        errors=run.errors,
        rules=run.rules,
        suppressed=suppressed,
        warnings=run.warnings,
    )
