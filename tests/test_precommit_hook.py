"""The pre-commit hook, for real: a drafts repository in a temp folder uses this checkout's
``.pre-commit-hooks.yaml`` by ``repo:`` + ``rev:`` (HEAD), and pre-commit installs yblint into
its own virtualenv from the package index.

pre-commit clones the repository at ``rev``, so these tests check what is committed. They need
the package index: they are skipped when it cannot be reached or when YBLINT_SKIP_NETWORK=1
(CI sets neither and runs them). pre-commit's home is one temp folder for the whole module, so
the hook's environment is built once."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT, SEED

pytestmark = [pytest.mark.network, pytest.mark.slow]

TIMEOUT = 900


def _git(*args: str, cwd: Path, env: dict | None = None) -> str:
    return subprocess.run(
        ["git", *args], cwd=cwd, env=env, check=True, capture_output=True, text=True, timeout=120
    ).stdout.strip()


def _index_url() -> str:
    """The index pip would use: PIP_INDEX_URL, pip's config, or pip's default."""
    url = os.environ.get("PIP_INDEX_URL")
    if url:
        return url.split()[0]
    try:
        out = subprocess.run(
            [sys.executable, "-m", "pip", "config", "list"], capture_output=True, text=True, timeout=60
        ).stdout
    except (OSError, subprocess.SubprocessError):
        out = ""
    for line in out.splitlines():
        key, _, value = line.partition("=")
        if key.endswith(".index-url") and not key.endswith("extra-index-url"):
            return value.strip().strip("'\"").split()[0]
    from pip._internal.models.index import PyPI  # pip's default index

    return PyPI.simple_url


def _skip_reason() -> str | None:
    if os.environ.get("YBLINT_SKIP_NETWORK") == "1":
        return "YBLINT_SKIP_NETWORK=1"
    if shutil.which("git") is None:
        return "git is not installed"
    try:
        import pre_commit  # noqa: F401
    except ImportError:
        return "pre-commit is not installed (pip install -e '.[test]')"
    url = _index_url()
    try:
        urllib.request.urlopen(urllib.request.Request(url, method="HEAD"), timeout=15).close()
    except urllib.error.HTTPError:
        pass  # the index answered
    except (urllib.error.URLError, OSError) as e:
        return f"the package index {url} cannot be reached ({e})"
    return None


@pytest.fixture(scope="module")
def hook(tmp_path_factory):
    """(this checkout's root, its HEAD sha, environment for git and pre-commit)."""
    reason = _skip_reason()
    if reason:
        pytest.skip(reason)
    try:
        root = Path(_git("rev-parse", "--show-toplevel", cwd=ROOT))
    except (subprocess.CalledProcessError, OSError):
        pytest.skip("this checkout is not a git repository")
    sha = _git("rev-parse", "HEAD", cwd=root)
    committed = subprocess.run(["git", "cat-file", "-e", f"{sha}:.pre-commit-hooks.yaml"], cwd=root).returncode == 0
    assert committed, ".pre-commit-hooks.yaml is not committed at HEAD: pre-commit tests what is committed"
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_") and k != "PRE_COMMIT_HOME"}
    env["PRE_COMMIT_HOME"] = str(tmp_path_factory.mktemp("pre-commit-home"))
    env["NO_COLOR"] = "1"
    return root, sha, env


def _drafts_repo(path: Path, hook, files: dict[str, str], yblint_yaml: str | None = None) -> Path:
    root, sha, env = hook
    path.mkdir()
    _git("init", "-q", cwd=path, env=env)
    _git("config", "user.name", "Yearbook Editor", cwd=path, env=env)
    _git("config", "user.email", "editor@example.invalid", cwd=path, env=env)
    _git("config", "commit.gpgsign", "false", cwd=path, env=env)
    (path / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {root.as_posix()}\n    rev: {sha}\n    hooks:\n      - id: yblint\n", encoding="utf-8"
    )
    if yblint_yaml is not None:
        (path / ".yblint.yaml").write_text(yblint_yaml, encoding="utf-8")
    _commit(path, hook, files, "drafts")
    return path


def _commit(repo: Path, hook, files: dict[str, str], message: str) -> None:
    env = hook[2]
    for name, text in files.items():
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        (repo / name).write_text(text, encoding="utf-8")
    _git("add", "-A", cwd=repo, env=env)
    _git("commit", "-q", "-m", message, cwd=repo, env=env)


def _pre_commit(repo: Path, hook, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", *args, "--color", "never"],
        cwd=repo,
        env=hook[2],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
    )


def _seed_units(*names: str) -> str:
    """The units of the seed page with these headings, as a draft of their own."""
    lines = SEED.read_text(encoding="utf-8").split("\n")
    out, keep = [], False
    for i, line in enumerate(lines):
        if line.strip() and len(line) <= 20 and not line.endswith("。") and (i == 0 or not lines[i - 1].strip()):
            keep = line.strip() in names
        if keep:
            out.append(line)
    return "\n".join(out).strip() + "\n"


def test_hook_blocks_a_draft_with_a_defect(hook, tmp_path):
    repo = _drafts_repo(tmp_path / "drafts", hook, {"2021/page5.txt": SEED.read_text(encoding="utf-8")})
    r = _pre_commit(repo, hook, "run", "--all-files")
    out = r.stdout + r.stderr
    assert r.returncode == 1, out
    assert "yblint" in out and "Failed" in out
    assert "2021/page5.txt:217:152: error layout-marker " in out
    assert "（下转6版）" in out


def test_hook_passes_a_clean_draft(hook, tmp_path):
    clean = (FIXTURES / "clean" / "district-trade-union.md").read_text(encoding="utf-8")
    # a file the hook does not match is never passed to yblint, even with a defect in it
    other = {"data/table.csv": "单位,说明\n消防,未（下转6版）\n"}
    repo = _drafts_repo(tmp_path / "drafts", hook, {"2021/trade-union.md": clean, **other})
    r = _pre_commit(repo, hook, "run", "--all-files")
    out = r.stdout + r.stderr
    assert r.returncode == 0, out
    assert "Passed" in out


def test_try_repo(hook, tmp_path):
    root, sha, _ = hook
    repo = _drafts_repo(tmp_path / "drafts", hook, {"page5.txt": SEED.read_text(encoding="utf-8")})
    r = _pre_commit(repo, hook, "try-repo", str(root), "yblint", "--ref", sha, "--all-files")
    out = r.stdout + r.stderr
    assert r.returncode == 1, out
    assert "page5.txt:217:152: error layout-marker " in out


def test_copied_passage_across_files_through_corpus(hook, tmp_path):
    root, sha, _ = hook
    has_rule = subprocess.run(["git", "cat-file", "-e", f"{sha}:rules/duplicate-passage.yaml"], cwd=root)
    if has_rule.returncode != 0:
        pytest.skip("rule duplicate-passage is not committed at HEAD yet")
    config = 'corpus: ["drafts/**/*.txt"]\nselect: [duplicate-passage]\n'
    repo = _drafts_repo(tmp_path / "yearbook", hook, {"drafts/chengtou.txt": _seed_units("区城投集团")}, config)
    # a later commit adds a unit that copied paragraphs of the first: the hook gets only the new
    # file, and the corpus glob brings in the other for comparison
    _commit(repo, hook, {"drafts/gongtouzi.txt": _seed_units("拱投资")}, "add 拱投资")
    r = _pre_commit(repo, hook, "run", "--files", "drafts/gongtouzi.txt")
    out = r.stdout + r.stderr
    assert r.returncode == 1, out
    assert "drafts/gongtouzi.txt:" in out and "duplicate-passage" in out
    assert "drafts/chengtou.txt:" in out  # the original, as the related location


def test_installed_hook_blocks_the_commit_of_the_seed_page_and_accepts_a_clean_draft(hook, tmp_path):
    env = hook[2]
    clean = (FIXTURES / "clean" / "district-trade-union.md").read_text(encoding="utf-8")
    repo = _drafts_repo(tmp_path / "drafts", hook, {"README.md": "# 2021年鉴稿件\n"})
    r = _pre_commit(repo, hook, "install")
    assert r.returncode == 0, r.stdout + r.stderr
    head = _git("rev-parse", "HEAD", cwd=repo, env=env)

    (repo / "2021").mkdir()
    (repo / "2021" / "page5.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    _git("add", "2021/page5.txt", cwd=repo, env=env)
    blocked = subprocess.run(
        ["git", "commit", "-m", "page 5"], cwd=repo, env=env, capture_output=True, text=True, timeout=TIMEOUT
    )
    out = blocked.stdout + blocked.stderr
    assert blocked.returncode != 0, out
    assert "2021/page5.txt:217:152: error layout-marker " in out
    assert _git("rev-parse", "HEAD", cwd=repo, env=env) == head

    _git("rm", "-q", "--cached", "2021/page5.txt", cwd=repo, env=env)
    (repo / "2021" / "trade-union.md").write_text(clean, encoding="utf-8")
    _git("add", "2021/trade-union.md", cwd=repo, env=env)
    accepted = subprocess.run(
        ["git", "commit", "-m", "trade union"], cwd=repo, env=env, capture_output=True, text=True, timeout=TIMEOUT
    )
    assert accepted.returncode == 0, accepted.stdout + accepted.stderr
    assert _git("rev-parse", "HEAD", cwd=repo, env=env) != head
