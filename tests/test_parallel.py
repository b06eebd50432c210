"""-j: per-document rules in a pool of processes, cross-file rules on the whole book; the report
is identical to a single-process run (#14)."""

from __future__ import annotations

import os
import shutil
import sys
import time
from types import SimpleNamespace

import pytest
from conftest import FIXTURES, SEED, registry

from yblint import engine, parallel
from yblint.check import Check
from yblint.config import Config
from yblint.engine import lint, run_checks
from yblint.finding import Location
from yblint.model import Corpus
from yblint.parsing import build_document
from yblint.reading import read_source
from yblint.reporters import ReportContext, load_reporters
from yblint.ruledefs import RuleDef

pytestmark = pytest.mark.skipif(not parallel.can_fork(), reason="needs fork")


def _book(tmp_path):
    """Every fixture, the seed page, and a copy of the seed's text in another chapter."""
    book = tmp_path / "book"
    shutil.copytree(FIXTURES, book)
    text = SEED.read_text(encoding="utf-8")
    (book / "chapter-x.txt").write_text("区档案馆\n\n" + text[2000:4000] + "\n", encoding="utf-8")
    return book


def _report(result, fmt: str) -> str:
    return load_reporters()[fmt](result, ReportContext(rules=registry().defs))


def test_two_processes_give_the_same_report_as_one(tmp_path):
    book = _book(tmp_path)
    one = lint([str(book)], Config(), registry(), jobs=1)
    two = lint([str(book)], Config(), registry(), jobs=2)
    assert len(one.documents) > 5 and one.findings
    assert {f.rule for f in one.findings} >= {"duplicate-passage", "split-paragraph", "unbalanced-punctuation"}
    for fmt in ("json", "text", "sarif"):
        assert _report(one, fmt) == _report(two, fmt)
    assert one.suppressed == two.suppressed


def test_workers_write_the_json_lines_and_the_report_is_the_same(tmp_path):
    book = _book(tmp_path)
    one = lint([str(book)], Config(), registry(), jobs=1)
    two = lint([str(book)], Config(), registry(), jobs=2, report="json")
    assert sum(f._json is not None for f in two.findings) > len(two.findings) // 2, "written in the workers"
    assert sum(f._json is not None for f in one.findings) == 0
    assert _report(one, "json") == _report(two, "json")


def test_workers_work_out_only_what_the_report_needs(tmp_path):
    book = _book(tmp_path)
    one = lint([str(book)], Config(), registry(), jobs=1)
    text = lint([str(book)], Config(), registry(), jobs=2, report="positions")
    assert all(f._fingerprint is None and f._json is None for f in text.findings)
    assert _report(one, "text") == _report(text, "text")
    sarif = lint([str(book)], Config(), registry(), jobs=2, report="fingerprints")
    assert sum(f._fingerprint is not None for f in sarif.findings) > len(sarif.findings) // 2
    assert _report(one, "sarif") == _report(sarif, "sarif")


def test_the_command_line_asks_for_what_its_report_needs(tmp_path):
    from argparse import Namespace

    from yblint.cli import _report_needs

    def needs(fmt="text", statistics=False, baseline=None, write_baseline=None, config=None):
        args = Namespace(format=fmt, statistics=statistics, baseline=baseline, write_baseline=write_baseline)
        return _report_needs(args, config or Config())

    assert needs() == "positions" and needs("github") == "positions" and needs("html") == "positions"
    assert needs("json") == "json" and needs("json", statistics=True) == "positions"
    assert needs("sarif") == "fingerprints" and needs(baseline="b.json") == "fingerprints"
    assert needs(write_baseline="b.json") == "fingerprints"
    assert needs(config=Config(baseline="b.json")) == "fingerprints"


def test_a_finding_changed_after_its_json_line_was_written_is_written_again(tmp_path):
    [f] = [f for f in lint([str(SEED)], Config(), registry()).findings if f.fix is not None][:1]
    before = f.json_line()
    f.fix = None
    f.changed()
    assert f.json_line() != before and '"fix": null' in f.json_line()


#: the rule of the test checks below
_RULE = RuleDef(id="book", type="check", severity="info", description={}, messages={"default": {"zh": "在此"}})


class _Where(Check):
    per_document = True

    def run(self, corpus):
        for doc in corpus.documents:
            yield self.finding(doc, 0, 1, data={"pid": os.getpid(), "kind": type(self).__name__})


class _SlowWhere(_Where):
    """A per-document check that takes a while on each document (every rule on a chapter)."""

    def run(self, corpus):
        for doc in corpus.documents:
            time.sleep(0.02)
            yield self.finding(doc, 0, 1, data={"pid": os.getpid(), "kind": type(self).__name__})


def test_per_document_checks_run_in_other_processes_and_come_back_in_order(tmp_path):
    """The runs of documents are shared out: a worker takes them from the first on, this process
    from the last one back; the findings come back in order, with this process's documents."""
    book = _book(tmp_path)
    docs = [build_document(read_source(str(p))) for p in sorted(book.rglob("*.txt"))]
    where = _SlowWhere(_RULE, {})
    findings, _ = run_checks([where], Corpus(documents=docs), jobs=2)
    assert sorted(f.document.path for f in findings) == sorted(d.path for d in docs)
    assert all(
        f.document is d
        for f, d in zip(
            sorted(findings, key=lambda f: f.document.path), sorted(docs, key=lambda d: d.path), strict=True
        )
    )
    pids = [f.data["pid"] for f in sorted(findings, key=lambda f: docs.index(f.document))]
    assert pids[0] != os.getpid(), "the first documents' findings came from a worker"
    assert pids[-1] == os.getpid(), "this process took the last documents"


class _Book(Check):
    """A whole-book check: one finding on the first document, naming the last one."""

    def run(self, corpus):
        first, last = corpus.documents[0], corpus.documents[-1]
        data = {"pid": os.getpid(), "kind": type(self).__name__}
        yield self.finding(first, 0, 1, related=[Location(last, 0, 1)], data=data)


class _Sharing(_Book):
    shares_work = True


class _SlowSharing(_Sharing):
    """A work-sharing check that takes a while (duplicate-passage on a book), half as long as a
    slow whole-book check (name-variant)."""

    def run(self, corpus):
        time.sleep(0.15)
        yield from super().run(corpus)


def test_whole_book_checks_run_in_a_worker_while_a_work_sharing_one_runs_here(tmp_path):
    book = _book(tmp_path)
    docs = [build_document(read_source(str(p))) for p in sorted(book.rglob("*.txt"))]
    checks = [_Where(_RULE, {}), _Book(_RULE, {}), _SlowSharing(_RULE, {})]
    two, _ = run_checks(checks, Corpus(documents=docs), jobs=2)
    whole_book = [f for f in two if f.related]
    assert len(whole_book) == 2
    assert {f.data["pid"] for f in whole_book} - {os.getpid()}, "the whole-book check ran in a worker"
    assert os.getpid() in {f.data["pid"] for f in whole_book}, "the work-sharing check ran here"
    assert all(f.document is docs[0] and f.related[0].document is docs[-1] for f in whole_book)
    one, _ = run_checks(checks, Corpus(documents=docs), jobs=1)

    def plain(fs):
        return [(f.rule, f.document.path, f.location.start, [r.document.path for r in f.related]) for f in fs]

    assert plain(one) == plain(two)


class _SharingJobs(_Book):
    """A work-sharing check that says how many processes it was given to share its work with."""

    shares_work = True

    def run(self, corpus):
        first = corpus.documents[0]
        yield self.finding(first, 0, 1, data={"pid": os.getpid(), "kind": "jobs", "jobs": self.jobs})


class _LightWhere(_Where):
    light = True  # one search of each document, as a pattern rule's


def test_a_work_sharing_check_forks_no_more_processes_beside_a_heavy_pool(tmp_path):
    """Beside a heavy task in the pool (the per-document rules, name-variant) the pool's processes
    keep the cores busy: the work-sharing check runs in this process alone; beside light tasks
    only (pattern rules), or alone, it shares its work out over the processes of -j."""
    book = _book(tmp_path)
    docs = [build_document(read_source(str(p))) for p in sorted(book.rglob("*.txt"))]

    def jobs_given(*others):
        found, _ = run_checks([*others, _SharingJobs(_RULE, {})], Corpus(documents=docs), jobs=2)
        return [f.data["jobs"] for f in found if f.data["kind"] == "jobs"]

    assert jobs_given(_Where(_RULE, {})) == [1]
    assert jobs_given(_LightWhere(_RULE, {}), _SlowBook(_RULE, {})) == [1]
    assert jobs_given(_LightWhere(_RULE, {})) == [2]
    assert jobs_given() == [2]


class _SlowBook(_Book):
    """A whole-book check that takes a while (name-variant on a book)."""

    def run(self, corpus):
        time.sleep(0.3)
        yield from super().run(corpus)


class _OtherSlowBook(_SlowBook):
    pass


def test_whole_book_checks_are_shared_out_between_the_workers(tmp_path):
    """Each whole-book check is a task of its own: two slow ones run at once, one in the worker, the
    other here once the work-sharing one, which runs here first, is done (the commit hook's run is
    as long as its longest task, not as all the whole-book checks one after another); the findings
    are those of one process."""
    book = _book(tmp_path)
    docs = [build_document(read_source(str(p))) for p in sorted(book.rglob("*.txt"))]
    checks = [_SlowBook(_RULE, {}), _OtherSlowBook(_RULE, {}), _Sharing(_RULE, {})]
    two, _ = run_checks(checks, Corpus(documents=docs), jobs=2)
    pids = {f.data["kind"]: f.data["pid"] for f in two}
    assert pids["_Sharing"] == os.getpid()
    assert pids["_SlowBook"] != pids["_OtherSlowBook"], "at once, in two processes"
    assert os.getpid() in (pids["_SlowBook"], pids["_OtherSlowBook"]), "this process takes one"
    one, _ = run_checks(checks, Corpus(documents=docs), jobs=1)
    assert [(f.data["kind"], f.document.path, f.related[0].document.path) for f in two] == [
        (f.data["kind"], f.document.path, f.related[0].document.path) for f in one
    ]


_HERE = os.getpid()  # the process the tests run in


class _FailsInAWorker(_Book):
    """A whole-book check that fails in a worker (a pattern timeout there), not here; or, with
    ``here``, here and not in a worker."""

    here = False

    def run(self, corpus):
        if (os.getpid() == _HERE) == self.here:
            raise RuntimeError("here" if self.here else "worker")
        yield from super().run(corpus)


class _Fails(_Book):
    def run(self, corpus):
        raise ValueError("boom")
        yield


def test_a_whole_book_check_failing_in_a_worker_runs_again_here(tmp_path):
    """A task that fails in a worker: every check runs again here, with the report of one process;
    a check that fails here too is reported as the internal error of its rule."""
    book = _book(tmp_path)
    docs = [build_document(read_source(str(p))) for p in sorted(book.rglob("*.txt"))]
    checks = [_Where(_RULE, {}), _FailsInAWorker(_RULE, {}), _SlowBook(_RULE, {}), _Sharing(_RULE, {})]
    two, _ = run_checks(checks, Corpus(documents=docs), jobs=2)
    one, _ = run_checks(checks, Corpus(documents=docs), jobs=1)
    assert [(f.data["kind"], f.document.path) for f in two] == [(f.data["kind"], f.document.path) for f in one]
    assert {f.data["pid"] for f in two} == {os.getpid()}
    failing = _Fails(RuleDef(id="fails", type="check", severity="info", description={}, messages={}), {})
    with pytest.raises(engine.InternalError) as e:
        run_checks([_Where(_RULE, {}), failing, _Sharing(_RULE, {})], Corpus(documents=docs), jobs=2)
    assert "fails" in str(e.value)


class _LightBook(_Book):
    light = True


def test_the_heavier_whole_book_checks_are_taken_first_and_the_light_ones_last():
    """The workers take the whole-book checks that are not light first, then the runs of
    documents, then the light ones (one search of each document), which fill the last gaps;
    each pattern rule type is light, every other check is not."""
    from yblint.checks import pattern_types

    checks = [_LightBook(_RULE, {}), _Where(_RULE, {}), _Book(_RULE, {}), _LightBook(_RULE, {}), _Book(_RULE, {})]
    assert parallel.tasks(checks, [0, 2, 3, 4], [1], [(0, 3), (3, 5)]) == [
        ([2], -1, -1),
        ([4], -1, -1),
        ([1], 0, 3),
        ([1], 3, 5),
        ([0], -1, -1),
        ([3], -1, -1),
    ]
    assert pattern_types.Consistency.light and pattern_types.Existence.light
    assert not Check.light


def test_small_runs_stay_in_one_process(tmp_path, monkeypatch):
    docs = [build_document(read_source(str(SEED)))]
    assert parallel.auto_jobs(docs) == 1
    assert parallel.chunks(docs * 5, 2) == [(0, 3), (3, 5)]
    # two processes pay on two cores from about 100,000 characters (measured in stop 19: 60,000
    # the same, 116,000 and more faster; 600,000 was the threshold before)
    monkeypatch.setattr(parallel, "cpus", lambda: 2)
    assert parallel.auto_jobs([SimpleNamespace(text="区" * 60_000)]) == 1
    assert parallel.auto_jobs([SimpleNamespace(text="区" * 60_000)] * 2) == 2


def test_a_run_s_size_counts_the_reference_documents_its_whole_book_checks_read(monkeypatch):
    """A commit hook lints one chapter with ``corpus:`` pointing at the rest of the book: its
    whole-book checks read all of it, so the run is as large as the book; its per-document checks
    read the chapter alone."""
    monkeypatch.setattr(parallel, "cpus", lambda: 2)
    chapter = [SimpleNamespace(text="区妇联" * 1_000)]
    rest = [SimpleNamespace(text="区城投集团" * (parallel.AUTO_CHARS // 5))]
    per_document, whole_book = _Where(_RULE, {}), _Book(_RULE, {})
    assert parallel.auto_jobs(chapter, rest, [per_document, whole_book]) == 2
    assert parallel.auto_jobs(chapter, rest, [per_document]) == 1
    assert parallel.auto_jobs(chapter, rest) == 1
    assert parallel.auto_jobs(chapter + rest, [], [per_document]) == 2


def test_one_chapter_against_the_book_runs_its_checks_side_by_side(tmp_path):
    """One document linted against reference documents: the whole-book check, the per-document
    ones and the work-sharing one run side by side (the work-sharing one here first, then what no
    worker has started), with the report of one process; with per-document checks alone there is
    nothing to run beside them and no process is forked."""
    book = _book(tmp_path)
    docs = [build_document(read_source(str(p))) for p in sorted(book.rglob("*.txt"))]
    chapter, rest = docs[0], docs[1:]
    for d in rest:
        d.reference = True
    checks = [_Where(_RULE, {}), _SlowBook(_RULE, {}), _SlowSharing(_RULE, {})]
    corpus = Corpus(documents=[chapter], references=rest)
    two, _ = run_checks(checks, corpus, jobs=2)
    one, _ = run_checks(checks, corpus, jobs=1)
    assert [(f.rule, f.document.path, f.location.start) for f in two] == [
        (f.rule, f.document.path, f.location.start) for f in one
    ]
    kinds = ("_Where", "_SlowBook", "_SlowSharing")
    pids = {kind: {f.data["pid"] for f in two if f.data["kind"] == kind} for kind in kinds}
    assert pids["_SlowSharing"] == {os.getpid()}, "the work-sharing check ran here"
    assert pids["_SlowBook"] != pids["_Where"], "the slow whole-book check beside the others"
    alone, _ = run_checks([_Where(_RULE, {})], Corpus(documents=[chapter], references=rest), jobs=2)
    assert {f.data["pid"] for f in alone} == {os.getpid()}


def test_the_commit_hook_s_run_uses_the_cores(tmp_path, monkeypatch):
    """``-j`` left to itself: one chapter against a large corpus runs in processes and gives the
    report of one process."""
    book = _book(tmp_path)
    chapter = book / "chapter-x.txt"
    seen = []
    real = engine.run_checks

    def recording(checks, corpus, jobs=1, report="fingerprints"):
        seen.append(jobs)
        return real(checks, corpus, jobs, report)

    monkeypatch.setattr(engine, "run_checks", recording)
    monkeypatch.setattr(parallel, "cpus", lambda: 2)
    monkeypatch.setattr(parallel, "AUTO_CHARS", 20_000)  # the fixtures stand for a book
    corpus = [str(book / "**" / "*")]
    auto = lint([str(chapter)], Config(), registry(), corpus=corpus)
    one = lint([str(chapter)], Config(), registry(), corpus=corpus, jobs=1)
    assert seen == [2, 1]
    assert any(f.rule == "duplicate-passage" for f in auto.findings), "compared with the corpus"
    assert _report(auto, "json") == _report(one, "json")
    alone = lint([str(chapter)], Config(), registry())
    assert seen[-1] == 1 and alone.findings, "the chapter alone is a small run"


def test_jobs_must_be_a_positive_number(cli):
    with pytest.raises(SystemExit) as e:
        cli("check", SEED, "-j", "0")
    assert e.value.code == 2


def test_cli_jobs_gives_the_same_report(cli, tmp_path):
    book = _book(tmp_path)
    one = cli("check", book, "--format", "json", "--jobs", "1")
    two = cli("check", book, "--format", "json", "--jobs", "2")
    assert one.code == two.code == 1
    assert one.out == two.out


def _signature(findings):
    return [(f.rule, f.document.path, f.location.start, f.location.end, f.message) for f in findings]


def test_every_per_document_check_sees_one_document_at_a_time(tmp_path):
    """A check marked ``per_document`` runs on a share of the book in a worker: its findings on the
    whole book must be the findings of each document alone, in the same order."""
    book = _book(tmp_path)
    docs = [build_document(read_source(str(p))) for p in sorted(book.rglob("*")) if p.is_file()]
    reg = registry()
    checks = [c for c in reg.checks(Config(), reg.active(Config(), ["ALL"], None)) if c.per_document]
    ids = {c.rule.id for c in checks}
    assert {"traditional-char", "number-format", "political-formula", "invisible-char", "first-person"} <= ids
    for check in checks:
        whole = list(check.run(Corpus(documents=docs)))
        alone = [f for d in docs for f in check.run(Corpus(documents=[d]))]
        assert _signature(whole) == _signature(alone), check.rule.id


def test_a_run_collects_garbage_less_often_and_restores_the_setting(monkeypatch):
    import gc

    from yblint import collector, engine

    seen = []
    real = engine.run_checks

    def recording(*args, **kwargs):
        seen.append(gc.get_threshold())
        return real(*args, **kwargs)

    monkeypatch.setattr(engine, "run_checks", recording)
    before = gc.get_threshold()
    result = engine.lint([str(SEED)], Config(), registry(), select=["layout-marker"])
    assert result.findings and seen == [collector.GC_THRESHOLDS] and gc.get_threshold() == before


def _square_and_pid(x):
    time.sleep(0.02)  # long enough for the forked process to take some of the runs
    return x * x, os.getpid()


def test_fork_map_keeps_the_order_and_shares_the_work_out():
    out = parallel.fork_map(_square_and_pid, list(range(9)), 2)
    assert [v for v, _ in out] == [x * x for x in range(9)]
    pids = [p for _, p in out]
    assert set(pids) - {os.getpid()}, "nothing ran in another process"
    assert os.getpid() in pids, "this process took runs too"
    assert {p for _, p in parallel.fork_map(_square_and_pid, list(range(9)), 1)} == {os.getpid()}
    # too little work to be worth a fork: all here
    small = parallel.fork_map(_square_and_pid, list(range(9)), 2, [1.0] * 9, min_weight=10)
    assert {p for _, p in small} == {os.getpid()}


def test_fork_map_cuts_by_weight_and_runs_here_when_a_worker_fails():
    assert parallel.weighted_runs([8, 1, 1, 1, 1], 2) == [(0, 1), (1, 5)]
    assert parallel.weighted_runs([1] * 6, 3) == [(0, 2), (2, 4), (4, 6)]
    assert parallel.weighted_runs([3], 2) == [(0, 1)]
    here = os.getpid()

    def fails_elsewhere(x):
        if os.getpid() != here:
            raise RuntimeError("worker")
        return x + 1

    assert parallel.fork_map(fails_elsewhere, [1, 2, 3, 4], 2) == [2, 3, 4, 5]


def _slow_in_the_middle(x):
    time.sleep(0.2 if x == 4 else 0.01)
    return x, os.getpid()


def test_fork_map_evens_out_runs_whose_cost_the_weights_did_not_say():
    """Runs are taken while some are left: the process held up by the slow item takes fewer."""
    out = parallel.fork_map(_slow_in_the_middle, list(range(16)), 2)
    assert [v for v, _ in out] == list(range(16))
    slow = out[4][1]
    assert sum(p == slow for _, p in out) <= 6  # a split in halves would give it 8


def test_duplicate_passage_shares_pairs_of_units_between_processes_with_the_same_findings(tmp_path, monkeypatch):
    """Three chapters that copy one another: several pairs of units, aligned in two processes."""
    text = SEED.read_text(encoding="utf-8")
    book = tmp_path / "book"
    book.mkdir()
    for i, (a, b) in enumerate([(0, 3000), (2000, 5000), (1000, 4000)]):
        (book / f"chapter-{i}.txt").write_text(f"区单位{i}\n\n" + text[a:b] + "\n", encoding="utf-8")
    # and a unit that ends in another's words, too short for a passage: a spliced end, looked for
    # in one of the processes while the copies are listed
    (book / "chapter-3.md").write_text(
        "# 县总工会\n\n【维权】全年开展劳动法律监督检查42次。\n\n【调解】全年新建改扩建中小学及幼儿园27所，"
        "新增学位2.16万个。\n\n# 团县委\n\n【青年大学习】组织开展网上主题团课学习48期。"
        "新建改扩建中小学及幼儿园27所，新增学位2.16万个，覆盖全县。\n",
        encoding="utf-8",
    )
    from yblint.checks import duplicate_passage

    one = lint([str(book)], Config(), registry(), select=["duplicate-passage"], jobs=1)
    monkeypatch.setattr(duplicate_passage, "FORK_ALIGNED", 0)  # fork even for this little
    monkeypatch.setattr(duplicate_passage, "FORK_LISTED", 0)
    two = lint([str(book)], Config(), registry(), select=["duplicate-passage"], jobs=2)
    assert len(one.findings) >= 4
    assert [f.location.unit_name for f in one.findings if f.location.document.path.endswith(".md")] == ["县总工会"]
    assert _report(one, "json") == _report(two, "json")
    # each finding is made, placed and written out as a line of JSON where its changes are listed
    three = lint([str(book)], Config(), registry(), select=["duplicate-passage"], jobs=2, report="json")
    assert all(f._json is not None and f.location._pos is not None for f in three.findings)
    assert [f.json_line() for f in three.findings] == [f.json_line() for f in one.findings]


def test_findings_come_back_with_this_process_s_documents_units_and_paragraphs(tmp_path):
    """What a worker sends back names documents, units and paragraphs by number: they are this
    process's own objects afterwards, and the positions were resolved in the worker."""
    book = _book(tmp_path)
    docs = [build_document(read_source(str(p))) for p in sorted(book.rglob("*.txt"))]
    doc = next(d for d in docs if len(d.units) > 2)
    unit, para = doc.units[2], doc.units[2].paragraphs[0]
    from yblint.finding import Finding, Location

    found = [[Finding(_RULE.id, "info", "在此", Location(doc, para.start, para.end, unit), data={"p": para})]]
    sent = parallel._dumps(found, docs)
    assert sent[:1] == b"P", "objects marshal cannot write are pickled"
    back = parallel._loads(sent, docs)[0][0]
    assert back.location.document is doc and back.location.unit is unit and back.data["p"] is para
    assert back.rule == _RULE.id
    # an object that is not one of the book's is pickled whole
    stray = build_document(read_source(str(SEED)))
    copy = parallel._loads(parallel._dumps([stray.units[0]], docs), docs)[0]
    assert copy is not stray.units[0] and copy.name == stray.units[0].name


def test_findings_packed_for_another_process_come_back_the_same(tmp_path):
    book = _book(tmp_path)
    result = lint([str(book)], Config(), registry(), jobs=1)
    docs = result.documents
    found = [result.findings[::2], result.findings[1::2]]
    for f in result.findings:
        f.location.range()
        f.json_line()
    sent = parallel._dumps(parallel._pack(found, docs), docs)
    assert sent[:1] == b"M", "findings packed as plain values go by marshal"
    back = parallel._unpack(parallel._loads(sent, docs), docs)
    for part, again in zip(found, back, strict=True):
        assert [f.to_dict() for f in part] == [f.to_dict() for f in again]
        assert [f.json_line() for f in part] == [f._json for f in again]
        assert all(
            f.document is g.document and f.location.unit is g.location.unit and f.location._pos == g.location._pos
            for f, g in zip(part, again, strict=True)
        )
        assert all(
            f.fix is None or f.fix.edits[0].document is g.fix.edits[0].document
            for f, g in zip(part, again, strict=True)
        )


class _Turns(_Where):
    """A per-document check that notes how long a thread keeps the interpreter while it runs."""

    def run(self, corpus):
        for doc in corpus.documents:
            time.sleep(0.02)
            yield self.finding(doc, 0, 1, data={"pid": os.getpid(), "kind": "turns", "turn": sys.getswitchinterval()})


def test_this_process_hands_the_interpreter_to_the_pool_s_reader_often_while_it_runs_checks(tmp_path):
    """While this process runs checks beside a pool, the pool's thread that reads the workers'
    findings gets the interpreter every SWITCH_INTERVAL (at the usual 5 ms a worker blocked
    writing stands idle); the usual turn is back after the run."""
    book = _book(tmp_path)
    docs = [build_document(read_source(str(p))) for p in sorted(book.rglob("*.txt"))]
    before = sys.getswitchinterval()
    found, _ = run_checks([_Turns(_RULE, {}), _Sharing(_RULE, {})], Corpus(documents=docs), jobs=2)
    here = [f.data["turn"] for f in found if f.data["kind"] == "turns" and f.data["pid"] == os.getpid()]
    assert here, "this process took the last documents"
    assert here == pytest.approx([parallel.SWITCH_INTERVAL] * len(here), abs=1e-6)
    assert sys.getswitchinterval() == before


class _LoggedWhere(_Where):
    """A per-document check that takes a while and notes each run it does in a worker."""

    log: str = ""

    def run(self, corpus):
        if os.getpid() != _HERE:
            with open(self.log, "a", encoding="utf-8") as fh:
                fh.write(f"{os.getpid()}\n")
        for doc in corpus.documents:
            time.sleep(0.05)
            yield self.finding(doc, 0, 1, data={"pid": os.getpid(), "kind": "logged"})


class _FailsHere(_FailsInAWorker):
    """A light whole-book check (the first task this process takes) that fails here only."""

    here = True
    light = True


class _SharingFailsHere(_Sharing):
    """A work-sharing check (the first this process runs) that fails."""

    def run(self, corpus):
        raise ValueError("here")
        yield


@pytest.mark.parametrize("fails", [_FailsHere, _SharingFailsHere])
def test_a_task_failing_here_stops_the_workers_taking_more(tmp_path, fails):
    """Once a check fails here, no worker starts another task (the pool waits for those it runs):
    the error is reported (after the checks ran again here, for a task), not after the workers
    did all the rest."""
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    for i in range(12):
        (drafts / f"d{i:02d}.txt").write_text(f"区妇联\n\n第{i}段正文。\n", encoding="utf-8")
    docs = [build_document(read_source(str(p))) for p in sorted(drafts.glob("*.txt"))]
    logged = _LoggedWhere(_RULE, {})
    logged.log = str(tmp_path / "worker-runs.log")
    failing = fails(RuleDef(id="fails", type="check", severity="info", description={}, messages={}), {})
    checks = [logged, failing] if fails is _SharingFailsHere else [logged, failing, _Sharing(_RULE, {})]
    with pytest.raises(engine.InternalError):
        run_checks(checks, Corpus(documents=docs), jobs=2)
    log = tmp_path / "worker-runs.log"
    runs = log.read_text(encoding="utf-8").split() if log.exists() else []
    assert len(parallel.chunks(docs, parallel.PARTS_PER_PROCESS * 2)) == 8
    assert len(runs) <= 2, "the worker stopped after the run it had started"


@pytest.mark.parametrize("configured", [2021, None])
def test_runs_of_documents_suggest_the_run_s_year_not_their_own(tmp_path, configured):
    """A message's suggested year (今年 → 如“2021年”) is the configured year, or the year most of
    the run's drafts are of: with -j a worker's run of documents is given the whole run's, so a
    draft that names only 2019 (成立于2019年) is told 2021 in either process (it was told 2019
    with -j 2 while year: 2021 was configured)."""
    body = "\n\n".join(["全区坚持稳中求进工作总基调，各项工作取得新成效。" * 6] * 6)
    for i in range(12):
        own = "今年以来，本单位完成各项任务。单位成立于2019年。" if i == 11 else "2021年，本单位完成各项任务。"
        (tmp_path / f"d{i:02d}.txt").write_text(f"区单位{i}\n\n{own}\n\n{body}\n", encoding="utf-8")
    config = Config(year=configured)
    one = lint([str(tmp_path)], config, registry(), select=["relative-time"], jobs=1)
    two = lint([str(tmp_path)], config, registry(), select=["relative-time"], jobs=2)
    assert [f.message for f in one.findings] == ["相对时间词“今年以来”：写明年份（如“2021年”）。"]
    assert _report(one, "json") == _report(two, "json")
