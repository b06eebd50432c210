"""benchmarks/compare.py: two versions of yblint by turns (#14). Its timing is a benchmark's; here,
that a revision is exported whole and that two reports are told the same or apart."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest
from conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
import compare  # a script of benchmarks/, not a module of the package

pytestmark = pytest.mark.skipif(
    shutil.which("git") is None or not (ROOT / ".git").exists(), reason="needs git and this repository"
)

#: a stand-in for ``yblint check --format json -o OUT PATH``: writes its findings, one a line
FAKE = (
    "import sys\n"
    "out = sys.argv[sys.argv.index('-o') + 1]\n"
    "n = int(sys.argv[-1])\n"
    "lines = ',\\n'.join('    {\"rule\": \"r\"}' for _ in range(n))\n"
    "open(out, 'w').write('{\\n  \"findings\": [\\n' + lines + '\\n]}')\n"
)


def test_a_revision_is_exported_whole(tmp_path):
    commit = compare.export("HEAD", tmp_path / "src")
    head = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
    assert commit == head.stdout.strip()
    assert (tmp_path / "src" / "pyproject.toml").read_bytes() == subprocess.run(
        ["git", "-C", str(ROOT), "show", "HEAD:pyproject.toml"], capture_output=True, check=True
    ).stdout
    assert (tmp_path / "src" / "yblint" / "__init__.py").exists()
    with pytest.raises(subprocess.CalledProcessError):
        compare.export("no-such-revision", tmp_path / "other")


def test_two_reports_are_told_the_same_or_apart(tmp_path):
    fake = [sys.executable, "-c", FAKE]
    assert compare.same_report(fake, fake, ["3"], tmp_path) == "same findings"
    other = [sys.executable, "-c", FAKE.replace("n = int(sys.argv[-1])", "n = int(sys.argv[-1]) + 1")]
    assert compare.same_report(fake, other, ["3"], tmp_path) == "OTHER FINDINGS (3 against 4 lines)"
