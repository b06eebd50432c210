"""``-j N``: checks that look at one document at a time (``Check.per_document``) run on runs of
consecutive documents, the cross-file checks on the whole book, each such run or check a task; the
tasks are shared out between this process and ``N - 1`` forked workers: the workers take them from
the first on (the heavy whole-book checks first), this process from the last one back once it has
run the checks that share their own work out between processes (``Check.shares_work``:
duplicate-passage). The findings come back in the order one process makes them, so the report is
identical to a single-process run.

Workers are forked: they inherit the documents and the configured checks, and send back only
findings, with each document, unit and paragraph replaced by its number and their positions
resolved there. Where fork is not available, or a task fails, everything runs here.
"""

from __future__ import annotations

import io
import marshal
import os
import pickle
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, TypeVar

from yblint import re_cache, timings
from yblint.check import Check
from yblint.collector import paused
from yblint.finding import Edit, Finding, Fix, Location
from yblint.model import Corpus, Document, Paragraph, Unit

#: below this many characters a run stays in one process: forking costs more than it saves. On two
#: cores, every rule, medians of 5 by turns (-j 1 against -j 2): 30,000 characters 0.26 / 0.30 s,
#: 60,000 0.34 / 0.34 s, the reports' first 116,000 0.49 / 0.41 s, 464,000 0.82 / 0.70 s, 250
#: drafts of 450 characters 0.65 / 0.52 s (stop 19; 600,000 since -j came, 343b04c)
AUTO_CHARS = 100_000
AUTO_MAX_JOBS = 4

#: what forked workers inherit: the checks, the book, what the report needs, the tasks and the
#: bounds of those not taken yet (run_checks)
_STATE: tuple[list[Check], Corpus, str, list[tuple[list[int], int, int]], Any] | None = None
#: what fork_map's processes inherit: the function, the items, their runs, the count of runs taken
_MAP_STATE: tuple[Callable[[Any], Any], Sequence[Any], list[tuple[int, int]], Any] | None = None
#: runs of items to map, for a process to take while some are left: enough that the processes even out
RUNS_PER_PROCESS = 8
#: runs of documents a process for the per-document checks: small enough that the processes end
#: together (the last task one takes is short), large enough that a task's own cost is small (the
#: book by turns against 4: 8 +0.07 s wall, +0.14 s CPU; 3 the same wall, CPU -0.07 s)
PARTS_PER_PROCESS = 4
#: seconds a thread runs before another that waits takes the interpreter, while a pool runs
SWITCH_INTERVAL = 0.0002
T = TypeVar("T")
R = TypeVar("R")


def cpus() -> int:
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def can_fork() -> bool:
    """Fork is safe here (not on macOS, where system libraries forbid it, nor on Windows)."""
    return hasattr(os, "fork") and sys.platform.startswith(("linux", "freebsd"))


def auto_jobs(documents: list[Document], references: Sequence[Document] = (), checks: Sequence[Check] = ()) -> int:
    """The number of processes ``-j`` means by default: one for a small run, else one a core (at
    most four). A run's size is the text its checks read: the documents linted, and the reference
    documents (``--corpus``) too when one of ``checks`` reads the whole book (a commit hook that
    lints one chapter against the rest of the book runs its whole-book checks on all of it)."""
    size = sum(len(d.text) for d in documents)
    if any(not c.per_document for c in checks):
        size += sum(len(d.text) for d in references)
    if not can_fork() or size < AUTO_CHARS:
        return 1
    return max(1, min(cpus(), AUTO_MAX_JOBS))


_LOADING: list[Document] = []  # the documents that the findings being unpickled refer to


def _ref(n: int, kind: int, index: int) -> Document | Unit | Paragraph:
    doc = _LOADING[n]
    if kind == 1:
        return doc.units[index]
    if kind == 2:
        return doc.paragraphs[index]
    return doc


#: the first byte of what :func:`_dumps` writes: how the rest is written
_MARSHALLED, _PICKLED = b"M", b"P"


def _dumps(found: object, documents: list[Document]) -> bytes:
    """``found`` as bytes for the main process: with ``marshal`` when it holds only plain values
    (findings packed by :func:`_pack`: the book's 22,340 written in 68 ms against pickle's 108,
    read in 52 against 72, the collector paused as in a run), else pickled with each document,
    unit and paragraph replaced by its number: the main process has the same objects (a unit
    pickled whole would take its paragraphs along). A dispatch table, not ``persistent_id``, which
    pickle would call for every string and number. Both processes run the same interpreter."""
    try:
        return _MARSHALLED + marshal.dumps(found)  # type: ignore[arg-type]  # ValueError if it cannot
    except ValueError:  # a document, a unit, a paragraph or another object marshal cannot write
        pass
    numbers = {id(d): n for n, d in enumerate(documents)}

    def doc(d: Document) -> str | tuple:
        n = numbers.get(id(d))
        return (_ref, (n, 0, 0)) if n is not None else d.__reduce_ex__(pickle.HIGHEST_PROTOCOL)

    def part(obj: Unit | Paragraph, kind: int, items: list) -> str | tuple:
        n = numbers.get(id(obj.document))
        if n is None or obj.index >= len(items) or items[obj.index] is not obj:
            return obj.__reduce_ex__(pickle.HIGHEST_PROTOCOL)
        return _ref, (n, kind, obj.index)

    buf = io.BytesIO()
    buf.write(_PICKLED)
    pickler = pickle.Pickler(buf, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = {
        Document: doc,
        Unit: lambda u: part(u, 1, u.document.units),
        Paragraph: lambda p: part(p, 2, p.document.paragraphs),
    }
    pickler.dump(found)
    return buf.getvalue()


Packed = tuple  # a finding as plain values (see _pack)


def _pack_location(loc: Location, numbers: dict[int, int]) -> tuple:
    doc = loc.document
    n = numbers.get(id(doc))
    unit = loc.known_unit
    u: int | Unit = -1
    if unit is not None:
        units = doc.units
        u = unit.index if n is not None and 0 <= unit.index < len(units) and units[unit.index] is unit else unit
    return (doc if n is None else n, loc.start, loc.end, u, loc._pos)


def _unpack_location(t: tuple, documents: list[Document]) -> Location:
    d, start, end, u, pos = t
    doc = documents[d] if isinstance(d, int) else d
    unit = None if u == -1 else (doc.units[u] if isinstance(u, int) else u)
    loc = Location(doc, start, end, unit)
    loc._pos = pos
    return loc


def _pack_fix(fix: Fix | None, numbers: dict[int, int]) -> tuple | None:
    if fix is None:
        return None
    edits = [(numbers.get(id(e.document), e.document), e.start, e.end, e.replacement) for e in fix.edits]
    return (fix.description, fix.safe, edits)


def _unpack_fix(t: tuple | None, documents: list[Document]) -> Fix | None:
    if t is None:
        return None
    description, safe, edits = t
    return Fix(
        description,
        [Edit(documents[d] if isinstance(d, int) else d, start, end, new) for d, start, end, new in edits],
        safe,
    )


def _pack(found: list[list[Finding]], documents: list[Document]) -> list[list[Packed]]:
    """The findings as tuples of plain values, their locations' and fixes' documents and units as
    numbers: pickled many times faster than the objects (each a class, a dictionary of its slots
    and a call for every document or unit it points to). What is left (data) goes through the
    pickler of :func:`_dumps`."""
    numbers = {id(d): n for n, d in enumerate(documents)}
    return [
        [
            (
                f.rule,
                f.severity,
                f.message,
                _pack_location(f.location, numbers),
                [_pack_location(r, numbers) for r in f.related],
                f.data,
                _pack_fix(f.fix, numbers),
                f.key if f._fingerprint is None else None,  # it only makes the fingerprint (a copy's whole text)
                f._fingerprint,
                f._json,
            )
            for f in part
        ]
        for part in found
    ]


def _unpack(packed: list[list[Packed]], documents: list[Document]) -> list[list[Finding]]:
    out = []
    for part in packed:
        findings = []
        for rule, severity, message, loc, related, data, fix, key, fingerprint, line in part:
            f = Finding(
                rule,
                severity,
                message,
                _unpack_location(loc, documents),
                [_unpack_location(r, documents) for r in related],
                data,
                _unpack_fix(fix, documents),
                key,
            )
            f._fingerprint = fingerprint
            f._json = line
            findings.append(f)
        out.append(findings)
    return out


def prepare_for_report(f: Finding, report: str) -> None:
    """Work out what the report will need of ``f`` (engine.run_checks' ``report``): its position
    and its related ones; its fingerprint (``fingerprints``); its line of JSON (``json``)."""
    f.location.range()
    for r in f.related:
        r.range()
    if report == "json":
        f.json_line()  # its fingerprint with it
    elif report == "fingerprints":
        f.fingerprint  # noqa: B018 (kept on the finding)


def pack_finding(f: Finding, documents: list[Document]) -> Packed:
    """One finding as plain values (:func:`_pack`): for a whole-book check that makes its findings
    in the processes of a ``fork_map`` (:func:`prepare_for_report` first, where it is made)."""
    return _pack([[f]], documents)[0][0]


def unpack_finding(packed: Packed, documents: list[Document]) -> Finding:
    """The finding of :func:`pack_finding`, with this process's documents and units."""
    return _unpack([[packed]], documents)[0][0]


def _loads(data: bytes, documents: list[Document]) -> Any:
    """What :func:`_dumps` wrote, with this process's documents, units and paragraphs."""
    body = memoryview(data)[1:]
    if data[:1] == _MARSHALLED:
        return marshal.loads(body)
    _LOADING[:] = documents
    try:
        return pickle.loads(body)
    finally:
        _LOADING.clear()


def _every_document(corpus: Corpus) -> list[Document]:
    """The documents a finding may point to, in the order :func:`_dumps` numbers them."""
    return corpus.documents + corpus.references


def _run_task(which: list[int], lo: int, hi: int) -> tuple[list[list[Finding]], dict[str, float]]:
    """The findings of the checks ``which`` on the documents ``lo:hi``, or on the whole book
    (``lo`` -1), with what the report needs of them worked out (here, in parallel, not in the
    main process after the checks); and the CPU seconds each check took, when timings are taken
    (``yblint check --timings``)."""
    assert _STATE is not None
    checks, book, report = _STATE[:3]
    # a run of documents, with the whole run's years: the book's (year:) and its drafts'
    corpus = book if lo < 0 else Corpus(documents=book.documents[lo:hi], year=book.year, drafts_year=book.drafts_year)
    found = []
    times: dict[str, float] = {}
    timed = timings.active() is not None  # the session of the process this one was forked from
    for i in which:
        checks[i].jobs = 1  # a task shares out nothing more
        start = timings.cpu_now() if timed else 0.0
        found.append(list(checks[i].run(corpus)))
        if timed:
            times[checks[i].rule.id] = timings.cpu_now() - start
    for part in found:
        for f in part:
            prepare_for_report(f, report)
    return found, times


def _work(which: list[int], lo: int, hi: int) -> tuple[bytes, dict[str, float]]:
    """:func:`_run_task` in a worker: each check's findings, pickled, and their times."""
    found, times = _run_task(which, lo, hi)
    re_cache.save()  # the patterns this process compiled, for the next run
    assert _STATE is not None
    every = _every_document(_STATE[1])
    with paused():  # tens of thousands of small acyclic objects: no full collection over the book
        return _dumps(_pack(found, every), every), times


def _take(front: bool) -> int | None:
    """The first task not taken yet (``front``: a worker's) or the last one (this process's),
    now taken; None when none is left."""
    assert _STATE is not None
    bounds = _STATE[4]
    with bounds.get_lock():
        first, last = bounds[0], bounds[1]
        if first >= last:
            return None
        if front:
            bounds[0] = first + 1
            return first
        bounds[1] = last - 1
        return last - 1


def _ticket() -> tuple[int, bytes, dict[str, float]] | None:
    """In a worker: the first task not taken yet, done (:func:`_work`), with its number; None
    when none was left."""
    k = _take(front=True)
    if k is None:
        return None
    assert _STATE is not None
    return (k, *_work(*_STATE[3][k]))


def chunks(documents: list[Document], parts: int) -> list[tuple[int, int]]:
    """``parts`` runs of consecutive documents of about the same size (fewer if there are fewer
    documents)."""
    total = sum(len(d.text) for d in documents) or 1
    bounds: list[tuple[int, int]] = []
    size = lo = 0
    for i, d in enumerate(documents):
        size += len(d.text)
        if size * parts >= total * (len(bounds) + 1) and i + 1 < len(documents):
            bounds.append((lo, i + 1))
            lo = i + 1
    bounds.append((lo, len(documents)))
    return [b for b in bounds if b[1] > b[0]]


def tasks(
    checks: list[Check], pooled: list[int], per_doc: list[int], parts: list[tuple[int, int]]
) -> list[tuple[list[int], int, int]]:
    """The tasks, ``(checks, lo, hi)``, in the order the workers take them (this process takes them
    from the last one back): each whole-book check ``pooled`` a task of its own (``lo`` -1), so that
    they are shared out too, the heavier ones first (a commit hook's run, one run of documents beside
    them, lasts as long as its longest chain of tasks: the long ones should start first, in a
    worker), then the runs of documents ``parts``, then the light whole-book checks
    (``Check.light``), the first this process takes once its own checks are done."""
    heavy = [([i], -1, -1) for i in pooled if not checks[i].light]
    light = [([i], -1, -1) for i in pooled if checks[i].light]
    return heavy + [(per_doc, lo, hi) for lo, hi in parts] + light


def run_checks(
    checks: list[Check],
    corpus: Corpus,
    jobs: int,
    whole_book: Callable[[list[int]], dict[int, list[Finding]]],
    report: str = "fingerprints",
) -> dict[int, list[Finding]]:
    """Findings of every check, by its position in ``checks``: the per-document ones on runs of
    documents, the whole-book ones a task each, but for those that share their own work out
    (``Check.shares_work``), which ``whole_book`` runs here first; the tasks in the order of
    :func:`tasks`, taken by ``jobs - 1`` workers from the first on and by this process from the
    last one back. ``report``: what is worked out for the report with each task (engine.run_checks)."""
    global _STATE
    per_doc = [i for i, c in enumerate(checks) if c.per_document]
    here = [i for i, c in enumerate(checks) if not c.per_document and c.shares_work]
    pooled = [i for i, c in enumerate(checks) if not c.per_document and not c.shares_work]
    documents = corpus.documents
    parts = chunks(documents, PARTS_PER_PROCESS * jobs) if per_doc else []  # small enough to even out the processes
    # the tasks that can run at once: each run of documents, the whole-book checks, the work-sharing
    # ones here (one document linted against a --corpus: its checks beside the whole-book ones)
    if jobs <= 1 or len(parts) + bool(pooled) + bool(here) < 2 or not documents or not can_fork():
        return whole_book(list(range(len(checks))))
    import multiprocessing  # imported for a run that uses processes only
    from concurrent.futures import ProcessPoolExecutor

    if not here:  # nothing to do here meanwhile: the whole-book checks run here, as before
        here, pooled = pooled, []
    elif any(not checks[i].light for i in (*per_doc, *pooled)):
        # a heavy check in the pool keeps its processes busy while the work-sharing ones run here:
        # more processes for their work would only take turns on the same cores (every rule on the
        # reports 4x: 5.96 -> 5.81 s by turns, CPU 10.5 -> 10.2 s); alone, they share it out
        for i in here:
            checks[i].jobs = 1
    ctx = multiprocessing.get_context("fork")
    todo = tasks(checks, pooled, per_doc, parts)
    # the tasks not taken yet, [first, last): the workers take the first, this process the last
    _STATE = (checks, corpus, report, todo, ctx.Array("i", [0, len(todo)]))
    every = _every_document(corpus)
    try:
        # this process is one of the ``jobs``: once its own checks are done it takes tasks too, from
        # the last one back, while the workers take them from the first on (a process fewer to
        # fork; what this process runs need not be pickled and read back). A worker takes a task
        # only when it starts one of its tickets, so none is kept waiting behind another.
        with ProcessPoolExecutor(max_workers=jobs - 1, mp_context=ctx) as pool, _prompt_reading():
            tickets = [pool.submit(_ticket) for _ in todo]
            loaded: dict[int, list[list[Finding]]] = {}  # task -> its findings, by check
            times: list[dict[str, float]] = []

            def collect(wait: bool) -> None:
                """Read back what the workers have done (all of it, waiting for it, with ``wait``)."""
                for f in [t for t in tickets if wait or t.done()]:
                    tickets.remove(f)
                    got = f.result()
                    if got is not None:
                        k, payload, took = got
                        times.append(took)
                        with paused():  # see _work
                            loaded[k] = _unpack(_loads(payload, every), every)

            try:
                out = whole_book(here)
                try:
                    while (k := _take(front=False)) is not None:
                        collect(wait=False)
                        loaded[k], took = _run_task(*todo[k])
                        times.append(took)
                    collect(wait=True)
                    at = {(lo, hi) if lo >= 0 else which[0]: k for k, (which, lo, hi) in enumerate(todo)}
                    results = [loaded[at[part]] for part in parts]
                    from_book = [loaded[at[i]][0] for i in pooled]
                except Exception:  # a task failed (a pattern timeout …): run here, where errors are reported
                    results = None
            finally:  # failed or interrupted: no worker starts another task (the pool waits for them)
                while _take(front=True) is not None:
                    pass
        if results is None:
            out.update(whole_book(per_doc + pooled))
            return out
        taken = timings.active()
        if taken is not None:  # the tasks' times count only when their findings do
            for t in times:
                taken.add(t)
        for k, i in enumerate(per_doc):
            out[i] = [f for part in results for f in part[k]]
        for k, i in enumerate(pooled):
            out[i] = from_book[k]
        return out
    finally:
        _STATE = None


@contextmanager
def _prompt_reading() -> Iterator[None]:
    """While a pool's thread here reads what the workers send back (megabytes of findings, in
    pieces of a pipe's size) and this thread runs checks: at the usual 5 ms a turn it waits for
    the interpreter so long that a worker, blocked writing, stands idle (0.1 s between two of the
    book's tasks). A shorter turn costs nothing while no other thread waits."""
    switch = sys.getswitchinterval()
    sys.setswitchinterval(SWITCH_INTERVAL)
    try:
        yield
    finally:
        sys.setswitchinterval(switch)


def _map_runs() -> dict[int, list[Any]]:
    """Take runs of items one after another, as long as some are left (the counter is shared by
    every process of the map), and map them: each run's results by its number."""
    assert _MAP_STATE is not None
    func, items, runs, taken = _MAP_STATE
    out: dict[int, list[Any]] = {}
    while True:
        with taken.get_lock():
            k = taken.value
            taken.value = k + 1
        if k >= len(runs):
            re_cache.save()
            return out
        lo, hi = runs[k]
        out[k] = [func(x) for x in items[lo:hi]]


def weighted_runs(weights: Sequence[float], parts: int) -> list[tuple[int, int]]:
    """``parts`` runs of consecutive items of about the same total weight (fewer if there are
    fewer items)."""
    total = float(sum(weights)) or 1.0
    bounds: list[tuple[int, int]] = []
    acc, lo = 0.0, 0
    for i, w in enumerate(weights):
        acc += w
        if acc * parts >= total * (len(bounds) + 1) and i + 1 < len(weights) and len(bounds) + 1 < parts:
            bounds.append((lo, i + 1))
            lo = i + 1
    bounds.append((lo, len(weights)))
    return [b for b in bounds if b[1] > b[0]]


def fork_map(
    func: Callable[[T], R],
    items: Sequence[T],
    jobs: int,
    weights: Sequence[float] | None = None,
    min_weight: float = 0,
) -> list[R]:
    """``[func(x) for x in items]``, with the items cut into runs of about equal weight (by
    ``weights``, the cost of each item as far as it is known), several a process: this process
    and ``jobs`` - 1 forked ones take the runs one after another until none is left, so that
    one whose runs cost more than their weight said takes fewer. For a whole-book check whose
    work falls into independent pieces (duplicate-passage's pairs of units). The results must
    pickle; they come back in the order of ``items``, so the outcome is the same as one
    process's. One process when ``jobs`` is 1, when the total weight is under ``min_weight``
    (forking costs more than it saves), when fork is not available, or when a worker fails
    (then what it had taken runs here)."""
    global _MAP_STATE
    weights = weights if weights is not None else [1.0] * len(items)
    runs = weighted_runs(weights, jobs * RUNS_PER_PROCESS)
    if jobs <= 1 or len(runs) < 2 or sum(weights) < min_weight or not can_fork() or _MAP_STATE is not None:
        return [func(x) for x in items]
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    ctx = multiprocessing.get_context("fork")
    _MAP_STATE = (func, items, runs, ctx.Value("i", 0))  # the counter, shared by the forked processes
    try:
        done: dict[int, list[Any]] = {}
        with ProcessPoolExecutor(max_workers=min(jobs, len(runs)) - 1, mp_context=ctx) as pool, _prompt_reading():
            futures = [pool.submit(_map_runs) for _ in range(min(jobs, len(runs)) - 1)]
            done.update(_map_runs())
            for f in futures:
                try:
                    done.update(f.result())
                except Exception:  # a worker failed: its runs are done here, where errors are reported
                    continue
        for k, (lo, hi) in enumerate(runs):
            if k not in done:
                done[k] = [func(x) for x in items[lo:hi]]
        return [r for k in range(len(runs)) for r in done[k]]
    finally:
        _MAP_STATE = None
