"""The speed benchmark of issue #14: a whole yearbook with every rule, the reports corpus and its
near copies, duplicate-passage beside jscpd 5.3.2, and what each rule costs.

Builds, from the government work reports corpus (../shared/corpora, one JSON object a line):

* **book**: a 2-million-character yearbook of 30 files and ~1,000 units of ~2,000 characters: the
  reports' real paragraphs dealt in order into units, plus as much text of the same kind that is
  not a copy (an order-2 character model of the reports, sentence by sentence), with a few planted
  copies between units (exact and with one character in twelve changed); and the same book as an
  editor keeps its drafts (**drafts**: a folder a chapter, a file a unit);
* **reports k×**: one file per report, and copies 2..k of each report with one character in twelve
  replaced (benchmarks/bench_duplicates.py), so each unit has k-1 near copies;

then times every command in a fresh process (start-up included; wall time = median of --repeat
runs, peak = maximum resident set size) and prints one table. jscpd runs in the same run on the
same files (its native binary when npm installed it, else the ``node_modules/.bin/jscpd`` npm gives).

yblint runs as a user installs it and runs it: the ``yblint`` command of the project installed
(``pip install``) in a virtualenv of its own, made in the files' folder (``venv/``, reused by later
runs with --keep; yblint itself is installed again each run). (``venv/bin/python -m yblint`` run
from the checkout would import the checkout, the working folder being first on the path: until stop
12 the benchmark did, compiling every module on every run.) A checkout run from another environment
pays for what that environment loads at every start (an editable install's import hook, other
packages' ``.pth`` files: 0.08 s of CPU a run on the machine this was written on) and, with
PYTHONDONTWRITEBYTECODE set, compiles every module again on every run; an installed copy pays
neither. ``--here`` runs the checkout with this Python instead (its bytecode cached in
``<files>/pycache``), for a quick comparison of two versions. Before timing, one run of every rule
on a chapter of the book fills yblint's caches (the parsed built-in rule files,
yblint/rules_cache.py, jieba's), as any first run does.

    python benchmarks/bench.py --jscpd /tmp/jscpd        # cd /tmp/jscpd && npm i -E jscpd@5.3.2
    python benchmarks/bench.py --quick                   # book and 1x/4x only, no per-rule rows
    python benchmarks/bench.py --keep /tmp/bench         # keep the generated files (and the venv) there
    python benchmarks/bench.py --here                    # the checkout with this Python, no venv
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_duplicates import DEFAULT_CORPUS, load_reports, make_corpus, near_copy

BOOK_CHARS = 2_000_000
BOOK_FILES = 30
UNIT_CHARS = 2_000
PLANTED = 12
#: unit headings: short names of bodies, as a district yearbook has them
BODIES = [
    "区委办公室",
    "区政府办公室",
    "区委组织部",
    "区委宣传部",
    "区委统战部",
    "区委政法委",
    "区发展和改革局",
    "区教育局",
    "区科技局",
    "区公安分局",
    "区民政局",
    "区司法局",
    "区财政局",
    "区人力社保局",
    "区住建局",
    "区交通运输局",
    "区水利局",
    "区农业农村局",
    "区商务局",
    "区文化和旅游局",
    "区卫生健康局",
    "区退役军人事务局",
    "区应急管理局",
    "区审计局",
    "区市场监管局",
    "区统计局",
    "区医保局",
    "区城管局",
    "区信访局",
    "区数据资源局",
    "区总工会",
    "团区委",
    "区妇联",
    "区科协",
    "区侨联",
    "区残联",
    "区红十字会",
    "区档案馆",
]


def paragraphs_of(reports: list[tuple[str, str]]) -> list[str]:
    out: list[str] = []
    for _, text in reports:
        out.extend(p.strip() for p in text.splitlines() if len(p.strip()) >= 2)
    return out


def same_kind(paras: list[str], total: int, rng: random.Random) -> list[str]:
    """Paragraphs of text of the same kind that copy nothing: an order-2 character model of
    ``paras`` run sentence by sentence, each paragraph as long as a real one."""
    nxt: dict[str, list[str]] = {}
    for p in paras:
        s = "^^" + p
        for i in range(2, len(s)):
            nxt.setdefault(s[i - 2 : i], []).append(s[i])
    lengths = [len(p) for p in paras if 40 <= len(p) <= 800]
    out, made = [], 0
    while made < total:
        want = rng.choice(lengths)
        buf, ctx = [], "^^"
        while True:
            ch = rng.choice(nxt.get(ctx) or nxt["^^"])
            buf.append(ch)
            ctx = ctx[1] + ch
            if ch in "。！？" and len(buf) >= want:
                break
            if len(buf) > 2 * want:  # no sentence end in sight
                buf.append("。")
                break
        out.append("".join(buf))
        made += len(buf)
    return out


def deal(paras: list[str]) -> list[list[str]]:
    units, cur, size = [], [], 0
    for p in paras:
        cur.append(p)
        size += len(p)
        if size >= UNIT_CHARS:
            units.append(cur)
            cur, size = [], 0
    if cur:
        units.append(cur)
    return units


def make_book(
    reports: list[tuple[str, str]], folder: Path, seed: str = "book", drafts: Path | None = None
) -> tuple[int, int]:
    """Write the book into ``folder``: (characters, units). With ``drafts``, write it there too as
    an editor's drafts: one folder a chapter, one file a unit (its heading and its paragraphs)."""
    rng = random.Random(seed)
    real = paragraphs_of(reports)
    real_chars = sum(len(p) for p in real)
    units = deal(real) + deal(same_kind(real, max(0, BOOK_CHARS - real_chars), rng))
    rng.shuffle(units)
    # planted copies: a passage of 150-400 characters of one unit put into another, half of them
    # with one character in twelve changed
    pool = "".join(sorted({ch for p in real for ch in p if "\u4e00" <= ch <= "\u9fff"}))
    for i in range(PLANTED):
        src, dst = rng.sample(range(len(units)), 2)
        text = max(units[src], key=len)
        n = min(len(text), rng.randint(150, 400))
        start = rng.randrange(0, len(text) - n + 1)
        passage = text[start : start + n]
        if i % 2:
            passage = near_copy(passage, rng, pool)
        units[dst].insert(rng.randrange(0, len(units[dst]) + 1), passage)
    folder.mkdir(parents=True, exist_ok=True)
    per_file = math.ceil(len(units) / BOOK_FILES)
    chars = 0
    for f in range(BOOK_FILES):
        chunk = units[f * per_file : (f + 1) * per_file]
        parts = []
        for j, paras in enumerate(chunk):
            heading = BODIES[j % len(BODIES)] + ("" if j < len(BODIES) else f"第{j // len(BODIES) + 1}分部")
            parts.append(heading)
            parts.extend(paras)
            if drafts is not None:
                where = drafts / f"chapter-{f + 1:02d}"
                where.mkdir(parents=True, exist_ok=True)
                unit = "\n\n".join([heading, *paras]) + "\n"
                (where / f"{j + 1:02d}-{heading}.txt").write_text(unit, encoding="utf-8")
        text = "\n\n".join(parts) + "\n"
        chars += len(text)
        (folder / f"chapter-{f + 1:02d}.txt").write_text(text, encoding="utf-8")
    return chars, len(units)


#: the command that runs yblint: the virtualenv's ``yblint`` script, as a user runs it, or with
#: --here this Python's ``-m yblint`` (``python -m`` puts the working folder first on the path: from
#: a checkout it would run the checkout, not the installed copy)
COMMAND: list[str] = [sys.executable, "-m", "yblint"]
ROOT = Path(__file__).resolve().parent.parent


#: the chapter the commit-hook row lints, with the rest of the book as its corpus
HOOK_CHAPTER = "chapter-15.txt"


def check(command: list[str], out: str, *args: str) -> list[str]:
    """``command`` (what runs yblint) checking ``args`` with its JSON report written to ``out``."""
    return [*command, "check", "--format", "json", "-o", out, *args]


def yblint(folder: Path, *extra: str) -> list[str]:
    return check(COMMAND, os.devnull, *extra, str(folder))


def copies_found(folder: Path, out: Path) -> tuple[int, int]:
    """What duplicate-passage reports on ``folder`` (one run, not timed): the copies and their
    characters (``data.chars``), the output its time is spent on."""
    cmd = check(COMMAND, str(out), "--select", "duplicate-passage", str(folder))
    subprocess.run(cmd, env=CHILD_ENV, capture_output=True, check=False)
    found = json.loads(out.read_text(encoding="utf-8"))["findings"]
    return len(found), sum(f["data"]["chars"] for f in found)


def jscpd_exe(root: Path) -> list[str]:
    native = root / "node_modules" / "jscpd-linux-x64-gnu" / "bin" / "jscpd"
    return [str(native)] if native.exists() else [str(root / "node_modules" / ".bin" / "jscpd")]


def jscpd(exe: list[str], folder: Path, out: Path) -> list[str]:
    return [*exe, "--silent", "--reporters", "json", "--output", str(out), "--format", "txt", str(folder)]


_HELPER = (
    "import resource, subprocess, sys, time, json\n"
    "t = time.perf_counter()\n"
    "code = subprocess.call(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n"
    "wall = time.perf_counter() - t\n"
    "u = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
    "print(json.dumps([wall, u.ru_utime + u.ru_stime, u.ru_maxrss / 1024, code]))\n"
)


#: the environment of every timed child
CHILD_ENV: dict[str, str] = dict(os.environ)


def _made_with(venv: Path) -> str | None:
    """The interpreter the virtualenv ``venv`` was made with (its ``pyvenv.cfg``), None if unknown."""
    try:
        lines = (venv / "pyvenv.cfg").read_text(encoding="utf-8").splitlines()
    except OSError:
        return None
    for line in lines:
        key, _, value = line.partition("=")
        if key.strip() == "executable":
            return value.strip()
    return None


def install_into(venv: Path, source: Path, interpreter: str, work: Path) -> tuple[list[str], str]:
    """Install the project at ``source`` in the virtualenv ``venv`` of ``interpreter`` (made the
    first time, with its dependencies, and again when it was made with another interpreter; yblint
    itself again every time, its bytecode compiled by pip). Returns the command that runs its
    ``yblint`` and the Python version."""
    python = venv / "bin" / "python"
    pip = [str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check"]
    wanted = os.path.realpath(interpreter)
    if python.exists() and os.path.realpath(_made_with(venv) or "") != wanted:
        shutil.rmtree(venv)
    if not python.exists():
        subprocess.run([interpreter, "-m", "venv", str(venv)], check=True)
        subprocess.run([*pip, str(source)], check=True)
    else:
        subprocess.run([*pip, "--no-deps", "--force-reinstall", str(source)], check=True)
    CHILD_ENV.pop("PYTHONPATH", None)
    where, version = subprocess.run(
        [str(python), "-c", "import platform, yblint; print(yblint.__file__); print(platform.python_version())"],
        capture_output=True,
        text=True,
        check=True,
        env=CHILD_ENV,
        cwd=str(work),
    ).stdout.splitlines()
    if not where.startswith(str(venv)):
        raise SystemExit(f"the virtualenv imports yblint from {where}, not its own install")
    return [str(venv / "bin" / "yblint")], version


def install(work: Path, interpreter: str = sys.executable) -> str:
    """Install the project in ``work``/venv, a virtualenv of ``interpreter`` (:func:`install_into`)
    and run yblint from there. Returns what runs it."""
    COMMAND[:], version = install_into(work / "venv", ROOT, interpreter, work)
    return f"{COMMAND[0]} (pip install of {ROOT}, Python {version} of {os.path.realpath(interpreter)})"


def here(work: Path) -> str:
    """Run the checkout with this Python, its bytecode cached in ``work``/pycache."""
    cache = work / "pycache"
    CHILD_ENV.pop("PYTHONDONTWRITEBYTECODE", None)
    CHILD_ENV["PYTHONPYCACHEPREFIX"] = str(cache)
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "yblint")], env=CHILD_ENV, check=True)
    return f"{sys.executable} (this checkout, bytecode cached in {cache})"


def warm_up(sample: Path, command: list[str] | None = None) -> None:
    """Every rule run once on ``sample`` (with -j 1 and 2) by ``command`` (default: the benchmark's
    yblint): yblint's caches filled (the parsed rule files, jieba's dictionary, the word tables),
    as by any first run."""
    for extra in (["--select", "ALL", "-j", "1"], ["--select", "ALL", "-j", "2"]):
        cmd = check(command or COMMAND, os.devnull, *extra, str(sample))
        subprocess.run(cmd, env=CHILD_ENV, capture_output=True, check=False)


def measure(cmd: list[str]) -> tuple[float, float, float, int]:
    """``cmd`` in a fresh helper process: wall seconds, CPU seconds, peak RSS in MiB, exit code."""
    out = subprocess.run(
        [sys.executable, "-c", _HELPER, *cmd], capture_output=True, text=True, check=True, env=CHILD_ENV
    )
    wall, cpu, rss, code = json.loads(out.stdout)
    return wall, cpu, rss, code


def timed(*cmds: list[str], repeat: int) -> list[tuple[float, float, float]]:
    """For each command: median wall time, median CPU time, peak memory of ``repeat`` runs. The
    commands take turns (a, b, a, b …), so that two compared in a ratio (yblint and jscpd on the
    same files, or the 1x and 4x runs of a growth figure) see the machine at the same speed:
    this machine's moves by up to 45% from one half hour to the next."""
    runs: list[list[tuple[float, float, float, int]]] = [[] for _ in cmds]
    for _ in range(repeat):
        for got, cmd in zip(runs, cmds, strict=True):
            got.append(measure(cmd))
    out = []
    for got, cmd in zip(runs, cmds, strict=True):
        if any(r[3] not in (0, 1) for r in got):
            raise SystemExit(f"failed (exit {got[0][3]}): {' '.join(cmd)}")
        out.append((statistics.median(r[0] for r in got), statistics.median(r[1] for r in got), max(r[2] for r in got)))
    return out


def rule_ids() -> list[str]:
    out = subprocess.run([*COMMAND, "rules"], capture_output=True, text=True, check=True, env=CHILD_ENV)
    return [line.split()[0] for line in out.stdout.splitlines() if line.strip()]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--jscpd", type=Path, help="folder where `npm i -E jscpd@5.3.2` was run")
    ap.add_argument("--repeat", type=int, default=3, help="runs per row (median wall time)")
    ap.add_argument("--quick", action="store_true", help="skip 16x and the per-rule rows")
    ap.add_argument("--keep", type=Path, help="generate the files here and keep them")
    ap.add_argument("--jobs", "-j", help="pass -j to yblint")
    ap.add_argument("--here", action="store_true", help="run the checkout with this Python, not a venv's install")
    ap.add_argument(
        "--python",
        default=sys.executable,
        help="the interpreter of the virtualenv yblint is installed in (default: this one)",
    )
    args = ap.parse_args(argv)
    reports = load_reports(args.corpus)
    work = args.keep or Path(tempfile.mkdtemp(prefix="yblint-bench-"))
    jexe = jscpd_exe(args.jscpd) if args.jscpd else None
    extra = ["-j", args.jobs] if args.jobs else []
    book, drafts = work / "book", work / "drafts"
    for folder in (book, drafts):
        if folder.exists():
            shutil.rmtree(folder)
    chars, n_units = make_book(reports, book, drafts=drafts)
    scales = [1, 4] if args.quick else [1, 4, 16]
    sizes = {}
    for k in scales:
        folder = work / f"x{k}"
        if folder.exists():
            shutil.rmtree(folder)
        sizes[k] = make_corpus(reports, k, folder)
    r = args.repeat
    print(f"book: {BOOK_FILES} files, {n_units} units, {chars:,} chars; reports 1x: {sizes[1]:,} chars")
    print(f"files in {work}; yblint: {here(work) if args.here else install(work, args.python)}")
    warm_up(book / "chapter-01.txt")
    if jexe:
        print(f"jscpd: {' '.join(jexe)}")
    head = f"{'run':<46} {'wall s':>7} {'cpu s':>6} {'peak MiB':>9} {'vs jscpd':>9} {'growth':>7} {'slope':>6}"
    print(head)
    print("-" * len(head))

    def row(name, wall, cpu, rss, ref=None, base=None, k=1):
        """One line; ``ref``: jscpd's wall time on the same files; ``base``: the 1x wall time."""
        ratio = f"{wall / ref:.1f}x" if ref else ""
        growth = f"{wall / base:.1f}x" if base and k > 1 else ""
        slope = f"{math.log(wall / base) / math.log(k):.2f}" if base and k > 1 else ""
        print(f"{name:<46} {wall:>7.2f} {cpu:>6.2f} {rss:>9.0f} {ratio:>9} {growth:>7} {slope:>6}")
        sys.stdout.flush()

    if jexe:
        jbook, ybook = timed(jscpd(jexe, book, work / "jr"), yblint(book, *extra), repeat=r)
        row("jscpd 5.3.2, book", *jbook)
    else:
        [ybook] = timed(yblint(book, *extra), repeat=r)
    row("yblint, every default rule, book", *ybook)
    # an editor's commit hook: one chapter linted, the rest of the book its corpus (compared with,
    # not reported on)
    [hook] = timed(yblint(book / HOOK_CHAPTER, *extra, "--corpus", str(book / "*.txt")), repeat=r)
    row("yblint, one chapter, the book as --corpus", *hook)
    # the same book as an editor keeps it: a file a unit, a folder a chapter
    [ydrafts] = timed(yblint(drafts, *extra), repeat=r)
    row(f"yblint, every default rule, book as {n_units:,} drafts", *ydrafts)
    [read] = timed(yblint(book, "--ignore", "ALL"), repeat=r)
    row("yblint, reading alone (--ignore ALL), book", *read)
    # growth is a ratio too: the 1x and 4x runs take turns, as yblint and jscpd do
    every = timed(*(yblint(work / f"x{k}", *extra) for k in (1, 4)), repeat=r)
    for k, got in zip((1, 4), every, strict=True):
        row(f"yblint, every default rule, reports {k}x", *got, base=every[0][0], k=k)
    base_dup = None
    dup_walls: dict[int, float] = {}
    for ks in ((1, 4), (16,)) if 16 in scales else ((1, 4),):
        cmds = []
        for k in ks:
            if jexe:
                cmds.append(jscpd(jexe, work / f"x{k}", work / "jr"))
            cmds.append(yblint(work / f"x{k}", "--select", "duplicate-passage"))
        got_all = timed(*cmds, repeat=1 if ks == (16,) else r)
        step = 2 if jexe else 1
        for i, k in enumerate(ks):
            j = got_all[i * step] if jexe else None
            got = got_all[i * step + step - 1]
            if j:
                row(f"jscpd 5.3.2, reports {k}x", *j)
            base_dup = base_dup or got[0]
            row(f"yblint, duplicate-passage, reports {k}x", *got, ref=j[0] if j else None, base=base_dup, k=k)
            dup_walls[k] = got[0]
    # the k-x corpora are near copies of each other: what duplicate-passage reports grows far faster
    # than the text (each unit has k-1 copies to align and describe), so its time is set beside the
    # text and the copies together
    output = {k: copies_found(work / f"x{k}", work / f"copies-{k}x.json") for k in dup_walls}
    said = "; ".join(f"{k}x {n:,} copies, {c:,} characters" for k, (n, c) in output.items())
    print(f"duplicate-passage's output: {said}")
    for k in dup_walls:
        if k > 1:
            grew = (sizes[k] + output[k][1]) / (sizes[1] + output[1][1])
            print(f"  {k}x: text and copies x{grew:.1f}, time x{dup_walls[k] / dup_walls[1]:.1f}")
    if not args.quick:
        print(f"\nper rule on the book: --select RULE minus reading alone ({read[0]:.2f} s wall, {read[1]:.2f} s cpu)")
        for rid in rule_ids():
            [(wall, cpu, rss)] = timed(yblint(book, "--select", rid), repeat=r)
            print(f"  {rid:<24} {wall - read[0]:>+7.2f} s wall {cpu - read[1]:>+7.2f} s cpu {rss:>6.0f} MiB")
            sys.stdout.flush()
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
