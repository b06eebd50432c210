"""How long a run's rules took (``yblint check --timings``): CPU seconds by rule, added up over
every process that ran the rule, beside the time spent reading and reporting.

The engine measures a check only while a :func:`session` is open. A check's time is the CPU time
of the process that runs it plus that of the processes it forks and waits for (duplicate-passage
shares its pairs of units out); the ``-j`` workers measure the checks they run and send their
times back with their findings. Without a session nothing is measured.
"""

from __future__ import annotations

import os
import time
from collections import Counter, defaultdict
from collections.abc import Iterator
from contextlib import contextmanager


class Timings:
    """CPU seconds by rule id; wall seconds of the phases around the checks (reading, report)."""

    __slots__ = ("jobs", "phases", "rules")

    def __init__(self) -> None:
        self.rules: defaultdict[str, float] = defaultdict(float)
        self.phases: dict[str, float] = {}
        self.jobs = 1  # -j of the run (the most processes it used)

    def add(self, times: dict[str, float]) -> None:
        for rule, seconds in times.items():
            self.rules[rule] += seconds


_active: Timings | None = None


def active() -> Timings | None:
    """The timings being taken, or None (the usual run: nothing is measured)."""
    return _active


@contextmanager
def session(wanted: bool) -> Iterator[Timings | None]:
    """Take timings within the block when ``wanted``."""
    global _active
    if not wanted:
        yield None
        return
    _active = Timings()
    try:
        yield _active
    finally:
        _active = None


def cpu_now() -> float:
    """CPU seconds of this process and of its children that have ended and been waited for."""
    t = time.process_time()
    if os.name == "posix":
        import resource

        c = resource.getrusage(resource.RUSAGE_CHILDREN)
        t += c.ru_utime + c.ru_stime
    return t


@contextmanager
def phase(name: str) -> Iterator[None]:
    """Add the wall time of the block to the phase ``name`` of the timings being taken."""
    taken = _active
    if taken is None:
        yield
        return
    start = time.perf_counter()
    try:
        yield
    finally:
        taken.phases[name] = taken.phases.get(name, 0.0) + time.perf_counter() - start


_WORDS = {
    "zh": ("规则", "CPU 秒", "占比", "问题数"),
    "en": ("rule", "CPU s", "share", "findings"),
}


def _width(text: str) -> int:
    """Columns ``text`` takes in a terminal: two for a wide (CJK) character."""
    import unicodedata  # here: only a run with --timings prints the table

    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pad(text: str, width: int, right: bool = False) -> str:
    fill = " " * max(0, width - _width(text))
    return fill + text if right else text + fill


def render(taken: Timings, findings: Counter[str], wall: float, lang: str) -> str:
    """The timings as a table, the slowest rule first, and one line for the phases."""
    en = lang == "en"
    rule_w, cpu_w, share_w, found_w = _WORDS["en" if en else "zh"]
    total = sum(taken.rules.values())
    width = max([_width(rule_w), *map(len, taken.rules)])
    head = [_pad(rule_w, width), _pad(cpu_w, 8, True), _pad(share_w, 6, True), _pad(found_w, 8, True)]
    lines = ["  ".join(head)]
    for rule, seconds in sorted(taken.rules.items(), key=lambda t: (-t[1], t[0])):
        share = seconds / total if total > 0 else 0.0
        lines.append(f"{rule:<{width}}  {seconds:>8.3f}  {share:>6.1%}  {findings.get(rule, 0):>8}")
    reading, report = taken.phases.get("reading", 0.0), taken.phases.get("report", 0.0)
    fix = taken.phases.get("fix")
    if en:
        fixed = f"--fix {fix:.2f} s (its own run, not in the table), " if fix is not None else ""
        lines.append(
            f"{fixed}reading and setup {reading:.2f} s, rules {total:.2f} s of CPU, report {report:.2f} s; "
            f"{wall:.2f} s in all (-j {taken.jobs})"
        )
    else:
        fixed = f"修复 {fix:.2f} 秒（另一次运行，不在表中），" if fix is not None else ""
        lines.append(
            f"{fixed}读取与准备 {reading:.2f} 秒，规则合计 {total:.2f} 秒（CPU），报告 {report:.2f} 秒；"
            f"全程 {wall:.2f} 秒（-j {taken.jobs}）"
        )
    return "\n".join(lines) + "\n"
