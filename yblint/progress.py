"""A progress bar on stderr for long runs (rich), shown only on a terminal.

The engine calls ``tick(label)`` once per file read and per check run; nothing is drawn unless a
``session`` is open, stderr is a terminal, ``CI`` is not set, and the run has lasted more than
``DELAY`` seconds (so quick runs, pipes, CI logs and pre-commit output never see it).
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

DELAY = 2.0
_active: _Session | None = None


def wanted(stream: Any = None) -> bool:
    stream = stream or sys.stderr
    if os.environ.get("CI") or os.environ.get("PRE_COMMIT") or os.environ.get("TERM") == "dumb":
        return False
    return bool(getattr(stream, "isatty", lambda: False)())


class _Session:
    def __init__(self, stream: Any, delay: float) -> None:
        self.stream, self.delay = stream, delay
        self.started = time.monotonic()
        self.count = 0
        self.bar: Any = None
        self.task: Any = None

    def tick(self, label: str) -> None:
        self.count += 1
        if self.bar is None:
            if time.monotonic() - self.started < self.delay:
                return
            from rich.console import Console
            from rich.progress import Progress, SpinnerColumn, TextColumn

            self.bar = Progress(
                SpinnerColumn(),
                TextColumn("yblint {task.completed} · {task.description} · {task.fields[elapsed]}"),
                console=Console(file=self.stream, force_terminal=True),
                transient=True,
            )
            self.bar.start()
            self.task = self.bar.add_task(label, completed=self.count, total=None, elapsed="")
        elapsed = f"{time.monotonic() - self.started:.0f} s"  # since the run started, not the bar
        self.bar.update(self.task, description=label, completed=self.count, elapsed=elapsed)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.stop()


@contextmanager
def session(enabled: bool, stream: Any = None, delay: float = DELAY) -> Iterator[None]:
    global _active
    if not enabled:
        yield
        return
    _active = _Session(stream or sys.stderr, delay)
    try:
        yield
    finally:
        _active.close()
        _active = None


def tick(label: str) -> None:
    if _active is not None:
        _active.tick(label)
