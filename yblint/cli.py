"""The command line: ``yblint check``, ``yblint rules``, ``yblint rule ID``, ``yblint --version``.

Exit codes: 0 nothing at or above the fail level, 1 findings, 2 usage, config or input errors,
and internal errors (a crash is never exit 1: one line, the traceback with ``--debug``).
"""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from collections.abc import Sequence
from typing import NoReturn

from yblint import __version__, baseline
from yblint.config import LANGS, Config, load_config
from yblint.engine import InternalError, RunResult, expand_corpus, lint
from yblint.errors import YblintError
from yblint.finding import SEVERITIES, SEVERITY_RANK
from yblint.i18n import tr
from yblint.reading import discover
from yblint.registry import Registry
from yblint.reporters import FORMATS, ReportContext, load_reporter
from yblint.rule_help import rule_help

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # one line, exit 2
        self.exit(EXIT_ERROR, f"yblint: error: {message} (see '{self.prog} --help')\n")


def _names(values: list[str] | None) -> list[str] | None:
    if not values:
        return None
    return [n.strip() for v in values for n in v.split(",") if n.strip()]


def build_parser() -> argparse.ArgumentParser:
    formats = sorted(FORMATS)
    parser = _Parser(prog="yblint", description="Consistency linter for yearbook and annual-report drafts.")
    parser.add_argument("--version", action="version", version=f"yblint {__version__}")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)

    check = sub.add_parser("check", help="lint drafts (files or folders)")
    check.add_argument("paths", nargs="*", metavar="PATH", help="files or folders (default: .)")
    check.add_argument("--format", choices=formats, default="text", help="report format (default: text)")
    check.add_argument("--output", "-o", metavar="FILE", help="write the report to FILE instead of stdout")
    check.add_argument(
        "--select", action="append", metavar="RULES", help="only these rule ids or packs (comma-separated)"
    )
    check.add_argument(
        "--ignore", action="append", metavar="RULES", help="skip these rule ids or packs (comma-separated)"
    )
    check.add_argument("--config", metavar="FILE", help="config file (default: nearest .yblint.yaml)")
    check.add_argument("--encoding", metavar="NAME", help="read every file in this encoding (default: detect)")
    check.add_argument("--lang", choices=LANGS, help="language of messages (default: zh)")
    check.add_argument("--fail-on", choices=SEVERITIES, help="lowest severity that fails the run (default: warning)")
    check.add_argument(
        "--corpus", action="append", metavar="GLOB", help="more files to compare against, not reported on (repeatable)"
    )
    check.add_argument(
        "--baseline", metavar="FILE", help="report only findings not recorded in FILE (default: config 'baseline:')"
    )
    check.add_argument(
        "--write-baseline", metavar="FILE", help="record every finding of this run in FILE and exit 0 (see --baseline)"
    )
    check.add_argument("--fix", action="store_true", help="apply safe fixes in place, print them, then report the rest")
    check.add_argument("--diff", action="store_true", help="print the fixes --fix would make as a diff; write nothing")
    check.add_argument("--debug", action="store_true", help="show the traceback of an internal error")
    colour = check.add_mutually_exclusive_group()
    colour.add_argument("--color", dest="color", action="store_true", default=None, help="force colour")
    colour.add_argument("--no-color", dest="color", action="store_false", help="never colour")

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


def _refuse_output_on_input(args: argparse.Namespace, config: Config) -> None:
    """``-o`` (and ``--write-baseline``) must not name a draft: the report would overwrite it
    (also through a link or another spelling of its path, or a file inside a linted folder)."""
    outputs = [(o, what) for o, what in ((args.output, "report"), (args.write_baseline, "baseline")) if o]
    outputs = [(o, what) for o, what in outputs if os.path.exists(o)]
    if not outputs:
        return
    paths = args.paths or ["."]
    candidates = discover(paths, config.include, config.exclude, errors=[], skipped=[])
    candidates += expand_corpus([*config.corpus, *(args.corpus or [])])
    candidates += [p for p in paths if os.path.isfile(p)]
    for output, what in outputs:
        for c in candidates:
            try:
                same = os.path.samefile(c, output)
            except OSError:
                continue
            if same:
                message = f"is one of the inputs ({c}); the {what} would overwrite it: name another file"
                raise YblintError(message, output)


def exit_code(result: RunResult, fail_on: str) -> int:
    if result.errors:
        return EXIT_ERROR
    threshold = SEVERITY_RANK[fail_on]
    return EXIT_FINDINGS if any(SEVERITY_RANK[f.severity] >= threshold for f in result.findings) else EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    config = _apply_cli(load_config(args.config), args)
    registry = Registry.load(config.rules_dirs)
    _refuse_output_on_input(args, config)
    fix_code = EXIT_OK
    if args.fix or args.diff:
        from yblint import fixing

        log = sys.stdout if args.diff or (args.format == "text" and not args.output) else sys.stderr
        fix_code = fixing.run(
            args.paths or ["."],
            config,
            registry,
            select=_names(args.select),
            ignore=_names(args.ignore),
            corpus=args.corpus,
            diff=args.diff,
            log=log,
            err=sys.stderr,
        )
        if args.diff:
            return fix_code
    result = lint(
        args.paths or ["."],
        config,
        registry,
        select=_names(args.select),
        ignore=_names(args.ignore),
        corpus=args.corpus,
    )
    baseline.apply(result, config.lang, args.baseline or config.baseline, args.write_baseline)
    for w in result.warnings:
        print(f"yblint: warning: {w}", file=sys.stderr)
    for e in result.errors:
        print(f"yblint: error: {e}", file=sys.stderr)
    ctx = ReportContext(lang=config.lang, color=_use_colour(args), rules=registry.defs)
    try:
        report = load_reporter(args.format)(result, ctx)
    except (YblintError, BrokenPipeError, KeyboardInterrupt):
        raise
    except Exception as e:
        raise InternalError(f"the {args.format} reporter", None, e) from e
    _write(report, args.output)
    return max(fix_code, exit_code(result, config.fail_on))


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
        raise YblintError(f"unknown rule '{args.id}' (see 'yblint rules')")
    print(f"{d.id} ({d.severity}, {tr(config.lang, '规则包', 'pack')} {d.pack})")
    print(rule_help(d, config.lang)[0])
    return EXIT_OK


COMMANDS = {"check": cmd_check, "rules": cmd_rules, "rule": cmd_rule}


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help()
        return EXIT_ERROR
    debug = getattr(args, "debug", False)
    try:
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
            traceback.print_exception(error.error, file=sys.stderr)
        print(f"yblint: {error}", file=sys.stderr)
        return EXIT_ERROR
