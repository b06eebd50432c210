"""Structure the code keeps as it grows: small modules, one name for one thing."""

from __future__ import annotations

import ast
from collections import Counter
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "yblint"
MAX_LINES = 700


def _modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def test_no_module_is_over_700_lines():
    long = {
        str(p.relative_to(PACKAGE)): n
        for p in _modules()
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}, f"split these modules by what they do: {long}"


def test_each_class_name_is_defined_once():
    names: Counter[str] = Counter()
    for p in _modules():
        tree = ast.parse(p.read_text(encoding="utf-8"))
        names.update(node.name for node in tree.body if isinstance(node, ast.ClassDef))
    twice = sorted(n for n, c in names.items() if c > 1)
    assert twice == [], f"one definition each: rename one of {twice}"
