"""The command line: ``yblint check``, ``yblint rules``, ``yblint rule ID``, ``yblint --version``.

Exit codes: 0 nothing at or above the fail level, 1 findings, 2 usage, config or input errors,
and internal errors (a crash is never exit 1: one line, the traceback with ``--debug``).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import sys
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import NoReturn

from yblint import __version__, baseline, progress, timings
from yblint.collector import fewer_collections
from yblint.config import LANGS, Config, load_config
from yblint.engine import STDIN, InternalError, RunResult, expand_corpus, lint
from yblint.errors import YblintError
from yblint.finding import SEVERITIES, SEVERITY_RANK
from yblint.i18n import tr
from yblint.reading import discover
from yblint.registry import Registry
from yblint.reporters import FORMATS, ReportContext, load_reporter
from yblint.rule_help import rule_help
from yblint.ruledefs import RuleDef
from yblint.settings import Group, groups

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # one line, exit 2
        self.exit(EXIT_ERROR, f"yblint: error: {message} (see '{self.prog} --help')\n")


def _names(values: list[str] | None) -> list[str] | None:
    if not values:
        return None
    return [n.strip() for v in values for n in v.split(",") if n.strip()]


def _jobs(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"expected a number of processes (1 or more), not {value!r}")
    return int(value)


def _run_options(p: argparse.ArgumentParser) -> None:
    """Options shared by ``check`` and ``annotate``: selection, config, corpus, baseline, output."""
    p.add_argument("--select", action="append", metavar="RULES", help="only these rule ids or packs (comma-separated)")
    p.add_argument("--ignore", action="append", metavar="RULES", help="skip these rule ids or packs (comma-separated)")
    p.add_argument("--config", metavar="FILE", help="config file (default: the nearest .yblint.yaml above each file)")
    p.add_argument("--encoding", metavar="NAME", help="read every file in this encoding (default: detect)")
    p.add_argument("--lang", choices=LANGS, help="language of messages (default: zh)")
    p.add_argument("--fail-on", choices=SEVERITIES, help="lowest severity that fails the run (default: warning)")
    p.add_argument(
        "--corpus", action="append", metavar="GLOB", help="more files to compare against, not reported on (repeatable)"
    )
    p.add_argument(
        "--baseline", metavar="FILE", help="report only findings not recorded in FILE (default: config 'baseline:')"
    )
    p.add_argument("--extend-select", action="append", metavar="RULES", help="add rule ids or packs to the selection")
    p.add_argument("--extend-ignore", action="append", metavar="RULES", help="add rule ids or packs to the ignored")
    p.add_argument("--exit-zero", action="store_true", help="exit 0 even with findings (errors still exit 2)")
    p.add_argument("--quiet", "-q", action="store_true", help="print only the summary line and errors")


def build_parser() -> argparse.ArgumentParser:
    formats = sorted(FORMATS)
    parser = _Parser(prog="yblint", description="Consistency linter for yearbook and annual-report drafts.")
    parser.add_argument("--version", action="version", version=f"yblint {__version__}")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)

    check = sub.add_parser("check", help="lint drafts (files or folders)")
    check.add_argument("paths", nargs="*", metavar="PATH", help="files or folders (default: .)")
    check.add_argument("--format", choices=formats, default="text", help="report format (default: text)")
    check.add_argument("--output", "-o", metavar="FILE", help="write the report to FILE instead of stdout")
    _run_options(check)
    check.add_argument(
        "--write-baseline", metavar="FILE", help="record every finding of this run in FILE and exit 0 (see --baseline)"
    )
    check.add_argument(
        "--jobs",
        "-j",
        type=_jobs,
        metavar="N",
        help="processes for the per-document rules (default: automatic, several for a large run; 1: one)",
    )
    check.add_argument("--stdin-filename", metavar="NAME", help="with PATH '-': the name of the piped draft")
    check.add_argument("--statistics", action="store_true", help="print one line per rule with its count, sorted")
    check.add_argument(
        "--timings",
        action="store_true",
        help="after the report, print on stderr the CPU seconds each rule took, the slowest first",
    )
    check.add_argument("--show-settings", metavar="FILE", help="print the settings that apply to FILE and exit")
    check.add_argument("--fix", action="store_true", help="apply safe fixes in place, print them, then report the rest")
    check.add_argument("--diff", action="store_true", help="print the fixes --fix would make as a diff; write nothing")
    check.add_argument("--debug", action="store_true", help="show the traceback of an internal error")
    colour = check.add_mutually_exclusive_group()
    colour.add_argument("--color", dest="color", action="store_true", default=None, help="force colour")
    colour.add_argument("--no-color", dest="color", action="store_false", help="never colour")

    annotate = sub.add_parser("annotate", help="write a reviewed copy of each Word draft: comments, tracked fixes")
    annotate.add_argument("paths", nargs="*", metavar="PATH", help="files or folders (default: .)")
    _run_options(annotate)
    annotate.add_argument(
        "--output-dir",
        metavar="DIR",
        help="write STEM.yblint.docx here, in the drafts' folders below the one they share (default: beside each)",
    )
    annotate.add_argument(
        "--track-changes", action="store_true", help="write each safe fix as a tracked change (w:ins/w:del)"
    )
    annotate.add_argument(
        "--force", action="store_true", help="replace an existing STEM.yblint.docx (never a file the run reads)"
    )

    rules = sub.add_parser("rules", help="list every rule")
    rules.add_argument("--config", metavar="FILE")
    rules.add_argument("--lang", choices=LANGS)
    rule = sub.add_parser("rule", help="show one rule's documentation")
    rule.add_argument("id")
    rule.add_argument("--config", metavar="FILE")
    rule.add_argument("--lang", choices=LANGS)
    return parser


def _apply_cli(config: Config, args: argparse.Namespace) -> Config:
    if getattr(args, "lang", None):
        config.lang = args.lang
    if getattr(args, "fail_on", None):
        config.fail_on = args.fail_on
    if getattr(args, "encoding", None):
        config.encoding = args.encoding
    return config


def _use_colour(args: argparse.Namespace) -> bool:
    if args.color is not None:
        return args.color
    if args.output or os.environ.get("NO_COLOR"):
        return False
    return sys.stdout.isatty()


def _write(text: str, output: str | None) -> None:
    if output:
        try:
            with open(output, "w", encoding="utf-8", newline="\n") as fh:
                fh.write(text)
        except OSError as e:
            raise YblintError(f"cannot write report: {e.strerror or e}", output) from None
    else:
        sys.stdout.write(text)
        sys.stdout.flush()


def run_inputs(paths: list[str], config: Config, corpus: list[str] | None = None) -> list[str]:
    """Every file a run on ``paths`` reads: the drafts in its folders (the config's include and
    exclude), every file named, and the corpus (the config's and ``corpus``)."""
    found = discover(paths, config.include, config.exclude, errors=[], skipped=[])
    found += expand_corpus([*config.corpus, *(corpus or [])])
    found += [p for p in paths if os.path.isfile(p)]
    return found


def overwritten_input(output: str | os.PathLike[str], inputs: Iterable[str]) -> str | None:
    """The one of ``inputs`` that writing ``output`` would overwrite: the same file, also through a
    link (symbolic or hard) or another spelling of its path; None when there is none."""
    if not os.path.exists(output):
        return None
    for c in inputs:
        try:
            if os.path.samefile(c, output):
                return c
        except OSError:
            continue
    return None


def _refuse_output_on_input(args: argparse.Namespace, config: Config, paths: list[str] | None = None) -> None:
    """``-o`` (and ``--write-baseline``) must not name a draft: the report would overwrite it
    (also through a link or another spelling of its path, or a file inside a linted folder)."""
    outputs = [(o, what) for o, what in ((args.output, "report"), (args.write_baseline, "baseline")) if o]
    outputs = [(o, what) for o, what in outputs if os.path.exists(o)]
    if not outputs:
        return
    inputs = run_inputs(paths if paths is not None else args.paths or ["."], config, args.corpus)
    for output, what in outputs:
        c = overwritten_input(output, inputs)
        if c is not None:
            message = f"is one of the inputs ({c}); the {what} would overwrite it: name another file"
            raise YblintError(message, output)


def exit_code(result: RunResult, fail_on: str) -> int:
    if result.errors:
        return EXIT_ERROR
    threshold = SEVERITY_RANK[fail_on]
    return EXIT_FINDINGS if any(SEVERITY_RANK[f.severity] >= threshold for f in result.findings) else EXIT_OK


def _extend(config: Config, registry: Registry, args: argparse.Namespace) -> None:
    """--extend-select / --extend-ignore add to the config's selection instead of replacing it.
    Their names are checked here, so that a typo is reported as the option's, not as one in the
    config's select/ignore (with the config's line) or in --select."""
    extra = _names(getattr(args, "extend_select", None))
    extra_ignore = _names(getattr(args, "extend_ignore", None)) or []
    registry.expand(extra or [], "--extend-select")
    registry.expand(extra_ignore, "--extend-ignore")
    if extra:
        base = _names(args.select) or config.select or [d.id for d in registry.active(config)]
        config.select = list(dict.fromkeys([*base, *extra]))
        args.select = None if not args.select else [*args.select, *extra]
    config.ignore = [*config.ignore, *extra_ignore]


def _configured(args: argparse.Namespace, paths: list[str]) -> list[tuple[Group, Registry, list[str]]]:
    """Per config group: its config (command line applied), registry, and the corpus of the
    other groups' files, so cross-file rules still see every file of the run."""
    out = []
    found = groups(paths, args.config)
    for g in found:
        config = _apply_cli(g.config, args)
        registry = Registry.load(config.rules_dirs)
        _extend(config, registry, args)
        others = [p for h in found if h is not g for p in h.paths if p not in STDIN]
        out.append((g, registry, [*(args.corpus or []), *others]))
    return out


def _read_stdin(args: argparse.Namespace) -> list[str]:
    """The paths, with '-' replaced by the --stdin-filename whose bytes are read from stdin."""
    STDIN.clear()
    paths = list(args.paths or ["."])
    if "-" not in paths:
        if getattr(args, "stdin_filename", None):
            raise YblintError("--stdin-filename needs '-' among the paths")
        return paths
    name = getattr(args, "stdin_filename", None) or "stdin.txt"
    if getattr(args, "fix", False) or getattr(args, "diff", False):
        raise YblintError("--fix and --diff work on files, not on standard input")
    STDIN[name] = sys.stdin.buffer.read()
    return [name if p == "-" else p for p in paths]


def _merge(results: list[RunResult]) -> RunResult:
    if len(results) == 1:
        return results[0]
    merged = RunResult(documents=[], findings=[])
    rules: dict[str, RuleDef] = {}
    for r in results:
        merged.documents += r.documents
        merged.findings += r.findings
        merged.errors += r.errors
        merged.suppressed += r.suppressed
        merged.warnings += r.warnings
        rules.update({d.id: d for d in r.rules})
    merged.findings.sort(key=lambda f: f.sort_key())
    merged.rules = [rules[k] for k in sorted(rules)]
    return merged


def statistics(result: RunResult, lang: str) -> str:
    """One line per rule, most findings first, like ``ruff check --statistics``."""
    counts = Counter(f.rule for f in result.findings)
    fixable = {f.rule for f in result.findings if f.fix is not None and getattr(f.fix, "safe", True)}
    width = len(str(max(counts.values(), default=0)))
    rules = {d.id: d for d in result.rules}
    lines = []
    for rule, n in sorted(counts.items(), key=lambda t: (-t[1], t[0])):
        mark = "[*]" if rule in fixable else "   "
        title = rules[rule].name(lang) if rule in rules else ""
        lines.append(f"{n:>{width}}\t{rule}\t{mark} {title}".rstrip())
    return "\n".join(lines) + ("\n" if lines else "")


def show_settings(args: argparse.Namespace) -> int:
    import yaml

    target = args.show_settings
    (g, registry, _corpus), *_ = _configured(args, [target])
    c = g.config
    settings = {
        "file": target,
        "config": c.path,
        "lang": c.lang,
        "fail_on": c.fail_on,
        "select": c.select,
        "ignore": c.ignore,
        "include": c.include,
        "exclude": c.exclude,
        "encoding": c.encoding,
        "corpus": c.corpus,
        "baseline": c.baseline,
        "rules_dirs": c.rules_dirs,
        "units": {
            "max_heading_chars": c.units.max_heading_chars,
            "heading_pattern": c.units.heading_pattern.pattern if c.units.heading_pattern else None,
            "heading_level": c.units.heading_level,
        },
        "rules": c.rules,
        "active_rules": [d.id for d in registry.active(c, _names(args.select), _names(args.ignore))],
    }
    sys.stdout.write(yaml.safe_dump(settings, allow_unicode=True, sort_keys=False))
    return EXIT_OK


def _report_needs(args: argparse.Namespace, config: Config) -> str:
    """What the report will need of each finding (engine.run_checks): the workers of a ``-j`` run
    work it out for theirs."""
    if args.statistics:
        return "positions"
    if args.format == "json":
        return "json"
    if args.format == "sarif" or args.baseline or config.baseline or args.write_baseline:
        return "fingerprints"
    return "positions"


def cmd_check(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    if args.show_settings:
        return show_settings(args)
    paths = _read_stdin(args)
    configured = _configured(args, paths)
    config = configured[0][0].config
    for g, _registry, _corpus in configured:
        _refuse_output_on_input(args, g.config, [p for p in g.paths if p not in STDIN])
    chosen = {"select": _names(args.select), "ignore": _names(args.ignore)}  # the command line's selection
    fix_code = EXIT_OK
    fixed_in = 0.0  # seconds --fix took (its own lint run, then writing the files)
    if args.fix or args.diff:
        fix_started = time.perf_counter()
        from yblint import fixing

        log = sys.stdout if args.diff or (args.format == "text" and not args.output) else sys.stderr
        if args.quiet and not args.diff:
            log = io.StringIO()
        for g, registry, corpus in configured:
            code = fixing.run(
                g.paths,
                g.config,
                registry,
                **chosen,
                corpus=corpus,
                diff=args.diff,
                log=log,
                err=sys.stderr,
            )
            fix_code = max(fix_code, code)
        if args.diff:
            return fix_code
        fixed_in = time.perf_counter() - fix_started
    with timings.session(args.timings) as taken:
        if taken is not None and args.fix:
            taken.phases["fix"] = fixed_in
        code, result = _check_and_report(args, configured, chosen, fix_code)
    if taken is not None:
        wall = time.perf_counter() - started
        sys.stderr.write(timings.render(taken, Counter(f.rule for f in result.findings), wall, config.lang))
    return code


def _check_and_report(
    args: argparse.Namespace, configured: list, chosen: dict[str, list[str] | None], fix_code: int
) -> tuple[int, RunResult]:
    """The lint runs of ``check`` and their report: the exit code, and what was reported."""
    config = configured[0][0].config
    with progress.session(progress.wanted() and not args.quiet):
        results = [
            lint(
                g.paths,
                g.config,
                registry,
                **chosen,
                corpus=corpus,
                jobs=args.jobs,
                report=_report_needs(args, g.config),
            )
            for g, registry, corpus in configured
        ]
    result = _merge(results)
    if _KEPT is not None:  # the process ends at once (run): the book's model is not freed object by object
        _KEPT.append(result)
    baseline.apply(result, config.lang, args.baseline or config.baseline, args.write_baseline)
    for w in result.warnings:
        print(f"yblint: warning: {w}", file=sys.stderr)
    for e in result.errors:
        print(f"yblint: error: {e}", file=sys.stderr)
    ctx = ReportContext(lang=config.lang, color=_use_colour(args), rules=configured[0][1].defs)
    with timings.phase("report"):
        if args.statistics:
            report = statistics(result, config.lang)
        else:
            try:
                report = load_reporter(args.format)(result, ctx)
            except (YblintError, BrokenPipeError, KeyboardInterrupt):
                raise
            except Exception as e:
                raise InternalError(f"the {args.format} reporter", None, e) from e
            if args.quiet and args.format == "text":  # the summary line only
                report = report.rstrip("\n").rsplit("\n", 1)[-1] + "\n"
        _write(report, args.output)
    code = max(fix_code, exit_code(result, config.fail_on))
    return (EXIT_OK if args.exit_zero and code == EXIT_FINDINGS else code), result


def cmd_annotate(args: argparse.Namespace) -> int:
    from yblint import annotate

    paths = _read_stdin(args)
    configured = _configured(args, paths)
    config = configured[0][0].config
    en = config.lang == "en"
    log = io.StringIO() if args.quiet else sys.stdout
    # every file the run reads is never written over (as check's -o), and the copies of one run
    # never over each other: outputs decides each copy's path and refuses those
    read: list[str] = []
    drafts: list[str] = []
    for g, _registry, corpus in configured:
        files = [p for p in g.paths if p not in STDIN]
        read += run_inputs(files, g.config, corpus)
        read += [f for f in (g.config.path, args.baseline or g.config.baseline) if f]
        drafts += discover(files, g.config.include, g.config.exclude, errors=[], skipped=[])
        drafts += [p for p in g.paths if p in STDIN]
    outputs = annotate.Outputs(
        args.output_dir,
        drafts,
        lambda out: overwritten_input(out, read),
        force=args.force,
        lang=config.lang,
    )
    results, done, errors = [], [], []
    with progress.session(progress.wanted() and not args.quiet):
        for g, registry, corpus in configured:
            r, d, e = annotate.run(
                g.paths,
                g.config,
                registry,
                outputs=outputs,
                select=_names(args.select),
                ignore=_names(args.ignore),
                corpus=corpus,
                baseline=args.baseline,
                track_changes=args.track_changes,
                log=log,
                err=sys.stderr,
            )
            results.append(r)
            done += d
            errors += e
    result = _merge(results)
    for w in result.warnings:
        print(f"yblint: warning: {w}", file=sys.stderr)
    for err in [*result.errors, *errors]:
        print(f"yblint: error: {err}", file=sys.stderr)
    sys.stdout.write(annotate.summary(done, en))
    if errors or result.errors:
        return EXIT_ERROR
    code = exit_code(result, config.fail_on)
    return EXIT_OK if args.exit_zero else code


def cmd_rules(args: argparse.Namespace) -> int:
    config = _apply_cli(load_config(args.config), args)
    registry = Registry.load(config.rules_dirs)
    active = {d.id for d in registry.active(config)}
    width = max((len(r) for r in registry.defs), default=10)
    for rid in sorted(registry.defs):
        d = registry.defs[rid]
        sev = config.rules.get(rid, {}).get("severity", d.severity)
        mark = " " if rid in active else "-"
        print(f"{mark} {rid:<{width}}  {sev:<7}  {d.pack:<9}  {d.describe(config.lang)}")
    return EXIT_OK


def cmd_rule(args: argparse.Namespace) -> int:
    config = _apply_cli(load_config(args.config), args)
    registry = Registry.load(config.rules_dirs)
    d = registry.defs.get(args.id)
    if d is None:
        hint = registry.did_you_mean(args.id, otherwise=Registry.SEE_RULES)
        raise YblintError(f"unknown rule '{args.id}'{hint}")
    print(f"{d.id} ({d.severity}, {tr(config.lang, '规则包', 'pack')} {d.pack})")
    print(rule_help(d, config.lang)[0])
    return EXIT_OK


COMMANDS = {"check": cmd_check, "annotate": cmd_annotate, "rules": cmd_rules, "rule": cmd_rule}

#: what a run made, kept to the end by :func:`run` (None when main is called otherwise)
_KEPT: list[object] | None = None


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help()
        return EXIT_ERROR
    debug = getattr(args, "debug", False)
    try:
        with fewer_collections():  # the whole command: reading, checks and the report
            return COMMANDS[args.command](args)
    except YblintError as e:
        print(f"yblint: error: {e}", file=sys.stderr)
        return EXIT_ERROR
    except BrokenPipeError:
        return EXIT_OK
    except KeyboardInterrupt:
        return 130
    except Exception as e:  # a bug, never "findings": exit 2 with one line (the traceback with --debug)
        error = e if isinstance(e, InternalError) else InternalError("yblint", None, e)
        if debug:
            import traceback  # only for a crash shown with --debug

            traceback.print_exception(error.error, file=sys.stderr)
        print(f"yblint: {error}", file=sys.stderr)
        return EXIT_ERROR


def run() -> NoReturn:
    """The ``yblint`` command (and ``python -m yblint``): :func:`main`, its output flushed, then the
    process ends at once, without freeing the book's model object by object nor tearing the
    interpreter down, which a whole book would spend 0.05-0.15 s on (#14). Under a profiler, a
    tracer or coverage the process exits as usual, so that they can write what they found. numpy is
    imported (by the checks that use it) after this has set OpenBLAS to one thread."""
    global _KEPT
    # yblint uses numpy for sorting and counting, never its BLAS: OpenBLAS's thread pool, made
    # when numpy is imported, would spin on the other cores for about 0.08 s of CPU a run (#14)
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    if sys.getprofile() is not None or sys.gettrace() is not None or "coverage" in sys.modules:
        sys.exit(main())  # a profiler, a tracer or coverage (sys.monitoring on 3.12+) saves its data at exit
    _KEPT = []
    code = main()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except BrokenPipeError:  # the reader went away (yblint … | head): as main treats it
            pass
        except (OSError, ValueError) as e:  # the report could not be written out (a full disk …)
            if stream is sys.stdout:
                with contextlib.suppress(OSError, ValueError):
                    print(f"yblint: error: cannot write report: {e}", file=sys.stderr, flush=True)
                code = EXIT_ERROR
    os._exit(code)
