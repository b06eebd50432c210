"""Every shell command the README and docs/ci.md show is run here (issue #10: docs that do not work
mislead). The ```sh blocks are extracted from the documents; ``COMMANDS`` says, for each command,
which exit codes it may end with, or why it is not run here. A command added to the docs without
an entry here fails ``test_every_documented_command_is_listed``; an entry no longer in the docs
fails it too.

Each block runs as one bash script, its commands in order, in a sandbox folder laid out as the docs
assume: ``drafts/`` and ``2021/`` (copies of the fixtures), ``a.md`` and ``b.txt``, ``fixtures`` and
``benchmarks`` from this repository, a git repository with a local pre-commit hook. ``/tmp/`` in a
command is the sandbox's ``tmp/``; ``REPORTS`` is a five-report sample of the reports corpus
(tests/data/reports-sample.jsonl); ``YBLINT`` is this checkout; ``yblint`` is this checkout's.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT, SEED, SHARED

DOCS = [ROOT / "README.md", ROOT / "docs" / "ci.md"]
SAMPLE = ROOT / "tests" / "data" / "reports-sample.jsonl"


@dataclass(frozen=True)
class Run:
    codes: tuple[int, ...] = (0,)
    output: str = ""  # text the block's output must contain after this command
    where: str = "sandbox"  # or "repo": run in this checkout (read-only commands)


@dataclass(frozen=True)
class Skip:
    reason: str
    network: bool = False


FINDINGS = Run((1,))  # a run that reports findings
COMMANDS: dict[str, Run | Skip] = {
    # README: getting started
    "pip install . && yblint check fixtures/gongshu-yearbook-2021-page5.txt": Skip(
        "installs yblint from the package index's build tools; the check itself is run below", network=True
    ),
    "pip install -e '.[test]' && pytest": Skip("this is CI itself (.ci/run installs the extras and runs pytest)"),
    # README: using it
    "yblint check drafts/": FINDINGS,
    "yblint check a.md b.txt --format json -o report.json": FINDINGS,
    "yblint check drafts/ --select layout-marker --lang en": FINDINGS,
    "yblint check drafts/ --format html -o report.html": FINDINGS,
    "yblint check drafts/ --fix": FINDINGS,
    "yblint annotate drafts/ --track-changes": Run((0, 1)),
    "yblint annotate drafts/": Run((0, 1)),
    "yblint annotate drafts/*.docx --track-changes --output-dir review/": Run((0, 1)),
    "yblint rules": Run(),
    "yblint rule layout-marker": Run(),
    # README: the reports corpus
    "export REPORTS=path/to/government-work-reports.jsonl": Skip("the test sets REPORTS to its sample"),
    'python benchmarks/write_reports.py "$REPORTS" /tmp/reports': Run(output="reports written"),
    "yblint check /tmp/reports --select ALL --format json -o /tmp/reports.json": FINDINGS,
    "yblint check /tmp/reports --select truncated-sentence,split-paragraph,unbalanced-punctuation,layout-marker": Run(
        (0, 1)
    ),
    "yblint check /tmp/reports --select inconsistent-total --format json \\\n"
    "  | python -c \"import json, sys; print(json.load(sys.stdin)['summary'])\"": Run(output="'files': 5"),
    "yblint check /tmp/reports --select yearbook --format json --fail-on error": Run(),
    "python benchmarks/style_rule_samples.py /tmp/reports": Run(),
    "yblint check drafts/ --diff": Run((0, 1)),
    # README: the whole-book rules
    "yblint check /tmp/reports --select name-variant,figure-conflict,partial-period --format json": Run((0, 1)),
    "python benchmarks/eval_book_drafts.py && python benchmarks/bench_book_index.py --repeat 7": Skip(
        "benchmarks over generated books and the whole reports corpus (minutes)"
    ),
    # README: pre-commit, baseline
    "pip install pre-commit && pre-commit install": Skip("installs pre-commit from the package index", network=True),
    'git add 2021/ && git commit -m "团区委 2021"': Run((0, 1)),
    "pre-commit run --all-files": Run((1,), output="yblint"),
    "yblint check 2021/ --write-baseline .yblint-baseline.json": Run(),
    "yblint check 2021/ --baseline .yblint-baseline.json": Run(),
    "yblint check drafts/ --format html -o report.html --lang en": FINDINGS,
    "pip install 'yblint[docx]'": Skip("installs from the package index", network=True),
    # README: Word measurement
    'python benchmarks/write_reports.py "$REPORTS" /tmp/reports'
    " --norm /tmp/reports-norm --docx /tmp/reports-docx": Run(),
    "yblint check /tmp/reports-norm --select ALL --format json -o norm.json": FINDINGS,
    "yblint check /tmp/reports-docx --select ALL --format json -o docx.json": FINDINGS,
    "python benchmarks/compare_reports.py norm.json docx.json": Run(output=" True"),
    "time yblint check /tmp/reports --format html -o reports.html": FINDINGS,
    # README: performance
    "mkdir -p /tmp/jscpd && npm i --prefix /tmp/jscpd -E jscpd@5.3.2": Skip("installs jscpd from npm", network=True),
    'python benchmarks/bench.py --corpus "$REPORTS" --jscpd /tmp/jscpd': Skip(
        "a benchmark of several minutes that needs jscpd from npm", network=True
    ),
    'python benchmarks/compare.py HEAD~3 --corpus "$REPORTS" --repeat 11': Skip(
        "a benchmark of several minutes that installs two versions of yblint (tests/test_benchmark_compare.py)",
        network=True,
    ),
    # README: development
    "pip install -e '.[test]'": Skip("installs from the package index", network=True),
    "pytest": Skip("this is the test suite itself"),
    "ruff check . && ruff format --check .": Run(where="repo"),
    "mypy": Skip("CI runs it (.ci/run); the checker is not necessarily on the tests' PATH"),
    "pre-commit install": Run(),
    # docs/ci.md: the worked example
    "git init yearbook && cd yearbook && mkdir drafts": Run(),
    "printf 'corpus: [\"drafts/**/*.md\"]\\n' > .yblint.yaml": Run(),
    "cat > .pre-commit-config.yaml <<'EOF'": Run(),
    'cp "$YBLINT/fixtures/duplicates/2021-chapter.md" drafts/ && git add -A && git commit -m 2021': Run(),
    'cp "$YBLINT/fixtures/duplicates/2022-chapter.md" drafts/': Run(),
    'git add drafts/2022-chapter.md && git commit -m 2022 || echo "the hook blocked the commit"': Run(
        output="the hook blocked the commit"
    ),
}


def _strip_comment(line: str) -> str:
    """A shell line without its trailing ``# comment`` (outside quotes)."""
    for m in re.finditer(r"\s+#", line):
        head = line[: m.start()]
        try:
            shlex.split(head)
        except ValueError:
            continue
        return head.rstrip()
    return line.rstrip()


def commands(block: str) -> list[tuple[str, str]]:
    """(key, text) of each command of a shell block: continued lines and heredocs joined; the key
    is the command without trailing comments (the first line only, for a heredoc)."""
    out: list[tuple[str, str]] = []
    lines = block.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        i += 1
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        text = [line]
        heredoc = re.search(r"<<\s*'?(\w+)'?", line)
        if heredoc:
            while i < len(lines):
                text.append(lines[i])
                i += 1
                if lines[i - 1].strip() == heredoc.group(1):
                    break
            out.append((_strip_comment(line), "\n".join(text)))
            continue
        while True:
            joined = "\n".join(text)
            try:
                shlex.split(joined, comments=True)
                complete = not joined.endswith("\\")
            except ValueError:
                complete = False
            if complete or i >= len(lines):
                break
            text.append(lines[i])
            i += 1
        out.append(("\n".join([*text[:-1], _strip_comment(text[-1])]), "\n".join(text)))
    return out


def shell_blocks() -> list[tuple[str, int, str]]:
    """(document, line, body) of every ```sh block of the docs."""
    found = []
    for doc in DOCS:
        text = doc.read_text(encoding="utf-8")
        for m in re.finditer(r"^```(sh|bash|shell)\n(.*?)^```", text, re.S | re.M):
            found.append((doc.relative_to(ROOT).as_posix(), text[: m.start()].count("\n") + 1, m.group(2)))
    return found


BLOCKS = shell_blocks()


def test_every_documented_command_is_listed():
    documented = [key for _, _, body in BLOCKS for key, _ in commands(body)]
    assert [k for k in documented if k not in COMMANDS] == []
    assert [k for k in COMMANDS if k not in documented] == []


def test_no_documented_command_reads_outside_the_repository():
    for _, _, body in BLOCKS:
        assert "../shared" not in body and "v0.1.0" not in body


def _sandbox(tmp: Path) -> Path:
    w = tmp / "w"
    (w / "drafts").mkdir(parents=True)
    (w / "2021").mkdir()
    (w / "tmp").mkdir()
    for name in ("fixtures", "benchmarks"):
        (w / name).symlink_to(ROOT / name)
    for src in (FIXTURES / "duplicates").glob("*.md"):
        shutil.copy(src, w / "drafts" / src.name)
    shutil.copy(SEED, w / "drafts" / "page5.txt")
    try:
        import docx
    except ImportError:
        pass
    else:
        word = docx.Document()
        for line in SEED.read_text(encoding="utf-8").splitlines()[:60]:
            word.add_paragraph(line)
        word.save(str(w / "drafts" / "区城投集团.docx"))
    shutil.copy(SEED, w / "2021" / "区消防大队.txt")
    (w / "a.md").write_text("# 团区委\n\n全年开展宣讲43场，未（下转6版）\n", encoding="utf-8")
    (w / "b.txt").write_text("区妇联\n\n今年举办活动12场。\n", encoding="utf-8")
    (w / ".pre-commit-config.yaml").write_text(
        "repos:\n  - repo: local\n    hooks:\n      - {id: yblint, name: yblint, entry: yblint check, "
        "language: system, files: '(?i)\\.(md|markdown|txt|docx)$', require_serial: true}\n",
        encoding="utf-8",
    )
    subprocess.run(["git", "init", "-q"], cwd=w, check=True)
    return w


def _env(w: Path) -> dict[str, str]:
    env = dict(os.environ)
    bin_dir = str(Path(sys.executable).parent)
    env.update(
        PATH=bin_dir + os.pathsep + env.get("PATH", ""),
        REPORTS=str(SAMPLE),
        YBLINT=str(ROOT),
        NO_COLOR="1",
        GIT_AUTHOR_NAME="editor",
        GIT_AUTHOR_EMAIL="editor@example.org",
        GIT_COMMITTER_NAME="editor",
        GIT_COMMITTER_EMAIL="editor@example.org",
        PRE_COMMIT_HOME=str(w.parent / "pre-commit-home"),
    )
    env.pop("GIT_DIR", None)
    env.pop("GIT_INDEX_FILE", None)
    return env


def _script(body: str, w: Path) -> tuple[str, list[str]]:
    lines, expected = ["set -u"], []
    for key, text in commands(body):
        spec = COMMANDS[key]
        if isinstance(spec, Skip):
            lines.append(f": skipped: {shlex.quote(key)}")
            continue
        text = text.replace("/tmp/", f"{w}/tmp/")
        codes = " ".join(map(str, spec.codes))
        if spec.where == "repo":
            text = f"( cd {shlex.quote(str(ROOT))} && {text}\n)"
        lines.append(text)
        lines.append(
            f'rc=$?; case " {codes} " in *" $rc "*) ;; '
            f'*) echo "DOC COMMAND FAILED (exit $rc):" {shlex.quote(key)} >&2; exit 99;; esac'
        )
        if spec.output:
            expected.append(spec.output)
    return "\n".join(lines) + "\n", expected


def _block_id(block: tuple[str, int, str]) -> str:
    return f"{block[0]}:{block[1]}"


@pytest.mark.slow
@pytest.mark.parametrize("block", BLOCKS, ids=_block_id)
def test_documented_commands_run(block, tmp_path):
    doc, line, body = block
    specs = [COMMANDS[k] for k, _ in commands(body)]
    if all(isinstance(s, Skip) for s in specs):
        pytest.skip("; ".join(s.reason for s in specs if isinstance(s, Skip)))
    if "pre-commit" in body and shutil.which("pre-commit", path=_env(tmp_path)["PATH"]) is None:
        pytest.skip("pre-commit is not installed")
    w = _sandbox(tmp_path)
    script, expected = _script(body, w)
    done = subprocess.run(
        ["bash", "-c", script], cwd=w, env=_env(w), capture_output=True, text=True, timeout=600, check=False
    )
    out = done.stdout + done.stderr
    assert done.returncode == 0, f"{doc}:{line}\n{out[-3000:]}"
    for text in expected:
        assert text in out, f"{doc}:{line}: {text!r} not in the output\n{out[-3000:]}"


def test_hook_args_shown_in_the_docs_are_accepted(cli):
    """``args: [...]`` lines in the docs' pre-commit examples (commented or not) are real options:
    ``[--ignore, style]`` named a pack that does not exist and exited 2."""
    shown = []
    for doc in DOCS:
        for m in re.finditer(r"args:\s*\[([^\]]*)\]", doc.read_text(encoding="utf-8")):
            shown.append([a.strip().strip("'\"") for a in m.group(1).split(",") if a.strip()])
    assert shown
    for args in shown:
        r = cli("check", SEED, *args)
        assert r.code == 1, (args, r.err)


def test_hook_definition_points_at_existing_docs():
    text = (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    named = re.findall(r"see ([\w./-]+\.md)", text)
    assert named and all((ROOT / n).is_file() for n in named)


@pytest.mark.slow
def test_readme_duplicate_count_on_the_reports_matches_a_run(tmp_path, cli):
    corpus = SHARED / "corpora" / "government-work-reports.jsonl"
    if not corpus.is_file():
        pytest.skip("the reports corpus is not here")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    stated = int(re.search(r"^\| `duplicate-passage` \|.*\| (\d+) \|$", readme, re.M).group(1))
    out = tmp_path / "reports"
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "write_reports.py"), str(corpus), str(out)], check=True)
    r = cli("check", out, "--select", "duplicate-passage", "--format", "json")
    assert r.json()["summary"]["by_rule"].get("duplicate-passage", 0) == stated
