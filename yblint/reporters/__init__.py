"""Reporters turn a RunResult into text for a person or a tool. One module a format, named as
the format and listed in FORMATS, each registering a function ``render(result, ctx) -> str``
with ``@reporter("name")``. Only the chosen format's module is imported (no Jinja2 for JSON)."""

from __future__ import annotations

import functools
import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass, field

from yblint.collector import paused
from yblint.engine import RunResult
from yblint.ruledefs import RuleDef

Render = Callable[[RunResult, "ReportContext"], str]
REPORTERS: dict[str, Render] = {}
#: every --format, each the name of its module in this package
FORMATS = ("github", "html", "json", "sarif", "text")


@dataclass
class ReportContext:
    lang: str = "zh"
    color: bool = False
    rules: dict[str, RuleDef] = field(default_factory=dict)  # every known rule, for rule metadata


def reporter(name: str) -> Callable[[Render], Render]:
    """Register ``fn`` as the renderer of format ``name``. It runs with the garbage collector
    paused: a report is made of tens of thousands of small dictionaries and strings, none of them
    cyclic, and one full collection on the way would scan the whole book's model again (a third
    of the JSON report's time on a 2M-character book)."""

    def deco(fn: Render) -> Render:
        @functools.wraps(fn)
        def render(result: RunResult, ctx: ReportContext) -> str:
            with paused():
                return fn(result, ctx)

        REPORTERS[name] = render
        return render

    return deco


def load_reporter(name: str) -> Render:
    """The renderer of format ``name`` (one of FORMATS), importing only its module."""
    if name not in REPORTERS:
        importlib.import_module(f"{__name__}.{name}")
    return REPORTERS[name]


def load_reporters() -> dict[str, Render]:
    """Every renderer (imports every reporter module)."""
    for mod in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{mod.name}")
    return REPORTERS
