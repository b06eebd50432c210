"""``yblint check --timings``: the CPU seconds each rule took, added up over the processes that ran
it, printed on stderr after the report (#14: which rule makes a commit hook slow)."""

from __future__ import annotations

import json
import os
import time
from collections import Counter

import pytest
from conftest import SEED

from yblint import engine, parallel, timings
from yblint.check import Check
from yblint.engine import run_checks
from yblint.model import Corpus
from yblint.parsing import build_document
from yblint.reading import read_source
from yblint.ruledefs import RuleDef

BURN = 0.03  # CPU seconds a test check spends on each document


def _burn(seconds: float) -> int:
    """Spend ``seconds`` of this process's CPU time (not sleeping)."""
    end, n = time.process_time() + seconds, 0
    while time.process_time() < end:
        n += 1
    return n


def _rule(rid: str) -> RuleDef:
    return RuleDef(id=rid, type="check", severity="info", description={}, messages={"default": {"zh": "在此"}})


class _Slow(Check):
    per_document = True

    def run(self, corpus):
        for doc in corpus.documents:
            _burn(BURN)
            yield self.finding(doc, 0, 1, data={"pid": os.getpid()})


class _Forking(Check):
    """A whole-book check that shares its work out between processes, as duplicate-passage does."""

    shares_work = True

    def run(self, corpus):
        done = parallel.fork_map(_burn, [BURN] * 4, self.jobs, min_weight=0)
        yield self.finding(corpus.documents[0], 0, 1, data={"n": len(done)})


def _docs(tmp_path, n: int):
    out = []
    for i in range(n):
        p = tmp_path / f"chapter-{i}.txt"
        p.write_text(f"区档案馆\n\n第{i}章的正文。\n", encoding="utf-8")
        out.append(build_document(read_source(str(p))))
    return out


def test_the_report_is_the_same_and_each_rule_run_gets_a_line(cli):
    plain = cli("check", SEED, "--format", "json", "-j", "1")
    timed = cli("check", SEED, "--format", "json", "-j", "1", "--timings")
    assert timed.code == plain.code == 1
    assert timed.out == plain.out  # stdout is the report alone
    found = Counter(f["rule"] for f in json.loads(timed.out)["findings"])
    lines = timed.err.strip().splitlines()
    head, rows, summary = lines[0], lines[1:-1], lines[-1]
    assert head.split() == ["规则", "CPU", "秒", "占比", "问题数"]
    table = {r.split()[0]: r.split() for r in rows}
    assert set(found) <= set(table)  # every rule that found something ran, and says how many
    for rule, n in found.items():
        assert int(table[rule][3]) == n
    seconds = [float(r.split()[1]) for r in rows]
    assert seconds == sorted(seconds, reverse=True)  # the slowest first
    assert summary.startswith("读取与准备 ") and summary.endswith("（-j 1）")


def test_english_with_lang_en(cli):
    r = cli("check", SEED, "--select", "layout-marker", "--timings", "--lang", "en", "-q")
    lines = r.err.strip().splitlines()
    assert lines[0].split() == ["rule", "CPU", "s", "share", "findings"]
    assert lines[1].split()[0] == "layout-marker" and lines[1].split()[2] == "100.0%"
    assert lines[-1].startswith("reading and setup ") and "s in all (-j 1)" in lines[-1]


def test_nothing_is_measured_without_the_option(cli, monkeypatch):
    def refuse() -> float:
        raise AssertionError("measured without --timings")

    monkeypatch.setattr(timings, "cpu_now", refuse)
    r = cli("check", SEED, "-j", "1")
    assert r.code == 1 and "CPU" not in r.err


@pytest.mark.skipif(not parallel.can_fork(), reason="needs fork")
def test_the_workers_times_come_back_with_their_findings(tmp_path):
    docs = _docs(tmp_path, 6)
    with timings.session(True) as taken:
        found, _ = run_checks([_Slow(_rule("slow"), {})], Corpus(documents=docs), jobs=2)
    assert {f.data["pid"] for f in found} - {os.getpid()}, "no document went to a worker"
    assert taken is not None and taken.rules["slow"] >= 0.9 * BURN * len(docs)


@pytest.mark.skipif(not parallel.can_fork(), reason="needs fork")
def test_a_check_that_shares_its_work_out_counts_its_processes(tmp_path):
    docs = _docs(tmp_path, 1)
    check = _Forking(_rule("forking"), {})
    with timings.session(True) as taken:
        found, _ = run_checks([check], Corpus(documents=docs), jobs=2)
    assert found[0].data["n"] == 4
    assert taken is not None and taken.rules["forking"] >= 0.9 * BURN * 4  # about half of it burnt in a forked process


def test_render_aligns_wide_characters_and_shares():
    taken = timings.Timings()
    taken.add({"a-rule": 0.3, "b": 0.1})
    taken.add({"b": 0.1})
    taken.phases.update(reading=0.25, report=0.05)
    taken.jobs = 2
    text = timings.render(taken, Counter({"b": 7}), 1.5, "zh")
    head, first, second, summary = text.splitlines()
    assert timings._width(head) == timings._width(first) == timings._width(second)
    assert first.split() == ["a-rule", "0.300", "60.0%", "0"]
    assert second.split() == ["b", "0.200", "40.0%", "7"]
    assert summary == "读取与准备 0.25 秒，规则合计 0.50 秒（CPU），报告 0.05 秒；全程 1.50 秒（-j 2）"


def test_a_crashing_check_still_counts_its_time(monkeypatch, tmp_path):
    class _Crash(Check):
        def run(self, corpus):
            _burn(0.01)
            raise ValueError("boom")
            yield  # pragma: no cover

    docs = _docs(tmp_path, 1)
    with timings.session(True) as taken, pytest.raises(engine.InternalError):
        run_checks([_Crash(_rule("crash"), {})], Corpus(documents=docs), jobs=1)
    assert taken is not None and taken.rules["crash"] > 0


def test_with_fix_the_fixing_run_is_named_apart(cli, tmp_path):
    draft = tmp_path / "a.md"
    draft.write_text("# 区统计局\n\n截止2021年底，全区共有企业12家。\n", encoding="utf-8")
    r = cli("check", draft, "--fix", "--timings", "-q")
    summary = r.err.strip().splitlines()[-1]
    assert summary.startswith("修复 ") and "（另一次运行，不在表中）" in summary
    assert "截至" in draft.read_text(encoding="utf-8")  # the fix was made
    plain = cli("check", draft, "--timings", "-q")
    assert plain.err.strip().splitlines()[-1].startswith("读取与准备 ")
