"""The YAML-only rule types, in the spirit of Vale's styles: ``existence``, ``substitution``,
``repetition`` and ``consistency``. A rule file picks one with ``type:`` and configures it with
the keys below; the matching itself is in yblint/patterns.py.

existence      tokens: [regex …]                flag every match
substitution   swap: {regex: replacement …}      flag every match, with a fix (\\1, \\g<name> allowed);
                                                a list of replacements names them all, without a fix
repetition     tokens: [regex …]                flag a token written twice or more in a row (的的)
consistency    either: {regex: regex …}          of each pair of forms, flag the one less used in the run

Every type also takes ``exceptions`` (regexes; a match lying inside one of their matches is not
reported), ``scope`` (paragraph kinds: prose, list_item, heading, table, code, html; default
prose and list_item), ``ignorecase``, ``literal`` (tokens are plain words, not regexes) and
``timeout`` (seconds one pattern may take on one paragraph; default 1).

``existence`` also takes ``quotations: skip``: a match inside quotation marks (“…”, ‘…’, 「…」,
『…』, however long, nested or not, up to the end of the paragraph when the closing mark is
missing) is someone else's words and is not reported.

A rule with several ``messages`` (existence, substitution) picks one by the match's named group:
a match of ``(?P<forecast>即将)`` gets ``messages.forecast``, any other ``messages.default``.

Messages are format templates; ``{match}`` is the matched text, named groups are available by
name, and each type adds its own (``{replacement}``, ``{token}``, ``{count}``, ``{other}`` …).
A substitution's fixes are applied by ``yblint check --fix`` unless the rule says ``fixable: false``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, ClassVar

import regex

from yblint.check import Check, register_type
from yblint.finding import Finding, Fix, Location
from yblint.i18n import tr
from yblint.model import Corpus, Document
from yblint.pattern_kinds import COMMON_PATTERN_KEYS, KINDS
from yblint.patterns import (
    Hit,
    Matcher,
    Pattern,
    PatternOptions,
    check_template,
    compile_list,
    compile_one,
    decode_options,
    group_args,
    rule_error,
)
from yblint.ruledefs import RuleDef
from yblint.text.marks import INLINE_SPACE

# --- typed definitions: what each type's keys decode to, once, when the rule is loaded ----------


@dataclass(frozen=True)
class ExistenceDef:
    options: PatternOptions
    tokens: tuple[Pattern, ...]
    skip_quotations: bool = False  # ``quotations: skip``

    @property
    def patterns(self) -> list[Pattern]:
        return list(self.tokens)


@dataclass(frozen=True)
class SubstitutionDef:
    options: PatternOptions
    swaps: tuple[Pattern, ...]  # payload: the replacement template

    @property
    def patterns(self) -> list[Pattern]:
        return list(self.swaps)


@dataclass(frozen=True)
class RepetitionDef:
    options: PatternOptions
    tokens: tuple[Pattern, ...]  # compiled as (?P<token>…)(?:space*(?P=token))+

    @property
    def patterns(self) -> list[Pattern]:
        return list(self.tokens)


@dataclass(frozen=True)
class ConsistencyDef:
    options: PatternOptions
    pairs: tuple[tuple[Pattern, Pattern], ...]  # payload: (pair index, 0 or 1)

    @property
    def patterns(self) -> list[Pattern]:
        return [p for pair in self.pairs for p in pair]


#: quotation marks: text holding one is set off by spaces in a fix's description, not quoted again
_QUOTES_IN = re.compile('[“”"]')


def _make_fix(hit: Hit, replacement: str, lang: str) -> Fix:
    before = hit.text
    if replacement and (_QUOTES_IN.search(before) or _QUOTES_IN.search(replacement)):  # 将 "三服务" 改为 “三服务”
        desc = tr(lang, f"将 {before} 改为 {replacement}", f"replace {before} with {replacement}")
    elif not replacement:
        desc = tr(lang, f"删除“{before}”", f"delete “{before}”")
    else:
        desc = tr(lang, f"将“{before}”改为“{replacement}”", f"replace “{before}” with “{replacement}”")
    return Check.replace(hit.document, hit.start, hit.end, replacement, desc)


class PatternCheck(Check):
    """A YAML-only rule type: ``decode`` turns the rule file's keys into a typed definition
    (raising ConfigError with file and line), ``run`` matches its patterns."""

    rule_keys: ClassVar[set[str]] = set(COMMON_PATTERN_KEYS)
    light = True  # one search of each document for the rule's patterns

    @classmethod
    def decode(cls, rule: RuleDef) -> Any:
        raise NotImplementedError

    @classmethod
    def validate(cls, rule: RuleDef) -> None:
        cls.decode(rule)

    def __init__(self, rule: RuleDef, params: dict[str, Any], lang: str = "zh", severity: str | None = None) -> None:
        super().__init__(rule, params, lang, severity)
        self.spec = self.decode(rule)
        self.matcher = Matcher(rule, self.spec.patterns, self.spec.options)

    def _args(self, hit: Hit, **extra: Any) -> dict[str, Any]:
        return {**group_args(hit), "match": hit.text, **extra}

    def _message_key(self, hit: Hit) -> str:
        """The message a match takes: ``messages.NAME`` for the first named group of the match
        that took part and has a message, else the default one."""
        for name, value in hit.match.groupdict().items():
            if value is not None and name in self.rule.messages:
                return name
        return "default"

    def years(self, doc: Document, corpus: Corpus) -> dict[str, str]:
        """The years messages may suggest (``{this_year}``, ``{last_year}``, ``{next_year}``,
        ``{year_before_last}``), counted from the year the draft is about (``year:`` in
        .yblint.yaml, else its path or title, else the year it names most, unless that is a weak
        guess the year of the run's other drafts outweighs); a neutral stand-in (××××) when none is
        known, or the text names two years most, as often (``suggested_year``)."""
        derived = doc.derived
        if "patterns.year" not in derived:
            from yblint.text.years import suggested_year  # only a run with such a finding

            derived["patterns.year"] = suggested_year(doc, corpus.year, corpus.drafts_year)
        year = derived["patterns.year"]
        names = ("this_year", "last_year", "next_year", "year_before_last")
        if year is None:
            unknown = "××××" if self.lang != "en" else "YYYY"
            return dict.fromkeys(names, unknown)
        return {n: str(year + d) for n, d in zip(names, (0, -1, 1, -2), strict=True)}

    def place_name(self) -> str:
        """The configured place (“拱墅区”), or a neutral stand-in for messages that suggest it."""
        if self.place:
            return f"“{self.place}”" if self.lang != "en" else self.place
        return "地名全称（如“××区”）" if self.lang != "en" else "the place's full name"


QUOTE_PAIRS = {"“": "”", "‘": "’", "「": "」", "『": "』"}
QUOTE_CLOSERS = {v: k for k, v in QUOTE_PAIRS.items()}
QUOTE_MARK = re.compile("[" + "".join(QUOTE_PAIRS) + "".join(QUOTE_CLOSERS) + "]")


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """Spans of ``text`` (one paragraph) inside quotation marks, outermost quotations only. A
    closing mark that closes nothing is ignored; a quotation never closed runs to the end."""
    spans: list[tuple[int, int]] = []
    stack: list[tuple[str, int]] = []
    for m in QUOTE_MARK.finditer(text):  # the marks only, not every character
        i, ch = m.start(), m.group()
        if ch in QUOTE_PAIRS:
            stack.append((ch, i))
        elif ch in QUOTE_CLOSERS and stack:
            for depth in range(len(stack) - 1, -1, -1):
                if stack[depth][0] == QUOTE_CLOSERS[ch]:
                    start = stack[depth][1]
                    del stack[depth:]
                    if not stack:
                        spans.append((start, i + 1))
                    break
    if stack:
        spans.append((stack[0][1], len(text)))
    return spans


@register_type("existence")
class Existence(PatternCheck):
    rule_keys: ClassVar[set[str]] = set(KINDS["existence"].keys)
    fixable: ClassVar[bool] = KINDS["existence"].fixable

    @classmethod
    def decode(cls, rule: RuleDef) -> ExistenceDef:
        quotations = rule.raw.get("quotations", "check")
        if quotations not in ("check", "skip"):
            raise rule_error(rule, f"rule '{rule.id}': 'quotations' must be check or skip", "quotations")
        tokens = tuple(compile_list(rule, "tokens", required=True))
        return ExistenceDef(decode_options(rule), tokens, skip_quotations=quotations == "skip")

    per_document = True

    def run(self, corpus: Corpus) -> Iterable[Finding]:
        self.matcher.prepare(corpus.documents)
        for doc in corpus.documents:
            quoted: dict[int, list[tuple[int, int]]] = {}
            for hit in self.matcher.hits(doc):
                if self.spec.skip_quotations:
                    para = hit.paragraph
                    spans = quoted.get(id(para))
                    if spans is None:
                        spans = quoted[id(para)] = quoted_spans(para.text)
                    at = hit.start - para.start
                    if any(s < at < e for s, e in spans):
                        continue
                yield self.finding(
                    doc,
                    hit.start,
                    hit.end,
                    unit=hit.paragraph.unit,
                    message_key=self._message_key(hit),
                    data={"match": hit.text},
                    **self._args(hit, place=self.place_name(), **self.years(doc, corpus)),
                )


def _swaps(rule: RuleDef, literal: bool) -> list[Pattern]:
    value = rule.raw.get("swap")
    if not isinstance(value, dict) or not value:
        raise rule_error(rule, f"rule '{rule.id}' of type 'substitution' needs 'swap' (a mapping bad: good)", "swap")
    out = []
    for bad, good in value.items():
        if isinstance(good, list):  # alternatives: the message names them all, no fix is offered
            if not good or not all(isinstance(g, str) and g for g in good):
                raise rule_error(rule, f"rule '{rule.id}': alternatives must be non-empty strings", "swap", bad)
            good = tuple(good)
        pat = compile_one(rule, bad, "swap", bad, literal=literal, payload=good)
        if literal:
            if isinstance(good, tuple):
                good = tuple(g.replace("\\", "\\\\") for g in good)
            elif isinstance(good, str):
                good = good.replace("\\", "\\\\")
            else:
                raise rule_error(rule, f"rule '{rule.id}': a replacement must be a string", "swap", bad)
            pat = Pattern(pat.source, pat.compiled, pat.key, good)
        for g in good if isinstance(good, tuple) else (good,):
            check_template(rule, pat, g, "swap", bad)
        out.append(pat)
    return out


@register_type("substitution")
class Substitution(PatternCheck):
    rule_keys: ClassVar[set[str]] = set(KINDS["substitution"].keys)
    fixable: ClassVar[bool] = KINDS["substitution"].fixable

    @classmethod
    def decode(cls, rule: RuleDef) -> SubstitutionDef:
        options = decode_options(rule)
        return SubstitutionDef(options, tuple(_swaps(rule, options.literal)))

    per_document = True

    def run(self, corpus: Corpus) -> Iterable[Finding]:
        self.matcher.prepare(corpus.documents)
        for doc in corpus.documents:
            for hit in self.matcher.hits(doc):
                payload = hit.pattern.payload
                fix = None
                if isinstance(payload, tuple):
                    choices = [hit.expand(g) for g in payload]
                    replacement = ("” or “" if self.lang == "en" else "”或“").join(choices)
                    data: dict[str, Any] = {"match": hit.text, "replacement": choices}
                else:
                    replacement = hit.expand(payload)
                    if replacement == hit.text:
                        continue
                    data = {"match": hit.text, "replacement": replacement}
                    fix = _make_fix(hit, replacement, self.lang)
                yield self.finding(
                    doc,
                    hit.start,
                    hit.end,
                    unit=hit.paragraph.unit,
                    message_key=self._message_key(hit),
                    data=data,
                    fix=fix,
                    **self._args(hit, replacement=replacement),
                )


@register_type("repetition")
class Repetition(PatternCheck):
    """``tokens`` are the things that must not be doubled; between two copies only spaces may
    stand. The finding spans the whole run; its fix keeps one copy."""

    rule_keys: ClassVar[set[str]] = set(KINDS["repetition"].keys)
    fixable: ClassVar[bool] = KINDS["repetition"].fixable

    @classmethod
    def decode(cls, rule: RuleDef) -> RepetitionDef:
        out = []
        for p in compile_list(rule, "tokens", required=True):
            body = p.compiled.pattern
            source = f"(?P<token>{body})(?:[{regex.escape(INLINE_SPACE)}]*(?P=token))+"
            try:
                compiled = regex.compile(source, p.compiled.flags)
            except regex.error as e:
                raise rule_error(rule, f"rule '{rule.id}': invalid token {p.source!r}: {e}", *p.key) from None
            out.append(Pattern(p.source, compiled, p.key))
            if compiled.groups > 1:
                raise rule_error(rule, f"rule '{rule.id}': repetition tokens must not contain groups", *p.key)
        return RepetitionDef(decode_options(rule), tuple(out))

    per_document = True

    def run(self, corpus: Corpus) -> Iterable[Finding]:
        self.matcher.prepare(corpus.documents)
        for doc in corpus.documents:
            for hit in self.matcher.hits(doc):
                token = hit.match.group("token")
                count = "".join(ch for ch in hit.text if ch not in INLINE_SPACE).count(token) if token else 0
                yield self.finding(
                    doc,
                    hit.start,
                    hit.end,
                    unit=hit.paragraph.unit,
                    data={"match": hit.text, "token": token, "count": count},
                    fix=_make_fix(hit, token, self.lang),
                    **self._args(hit, token=token, count=count),
                )


def _pairs(rule: RuleDef, literal: bool) -> list[tuple[Pattern, Pattern]]:
    value = rule.raw.get("either")
    if not isinstance(value, dict) or not value:
        raise rule_error(
            rule, f"rule '{rule.id}' of type 'consistency' needs 'either' (a mapping form: form)", "either"
        )
    out = []
    for i, (a, b) in enumerate(value.items()):
        pa = compile_one(rule, a, "either", a, literal=literal, payload=(i, 0))
        pb = compile_one(rule, b, "either", a, literal=literal, payload=(i, 1))
        out.append((pa, pb))
    return out


@register_type("consistency")
class Consistency(PatternCheck):
    """Of each pair of forms in ``either``, the one used less often in the whole run (every file
    linted, and the --corpus files) is flagged wherever it stands; on a tie, the form that came
    second. The message names the other form, both counts and where the other form is first used."""

    rule_keys: ClassVar[set[str]] = set(KINDS["consistency"].keys)
    fixable: ClassVar[bool] = KINDS["consistency"].fixable

    @classmethod
    def decode(cls, rule: RuleDef) -> ConsistencyDef:
        options = decode_options(rule)
        return ConsistencyDef(options, tuple(_pairs(rule, options.literal)))

    def run(self, corpus: Corpus) -> Iterable[Finding]:
        hits: dict[tuple[int, int], list[Hit]] = {}
        order: dict[int, int] = {}
        every = corpus.all_documents
        self.matcher.prepare(every)
        for n, doc in enumerate(every):
            order[id(doc)] = n
            for hit in self.matcher.hits(doc):
                hits.setdefault(hit.pattern.payload, []).append(hit)

        def first(hs: list[Hit]) -> tuple[int, int]:
            return (order[id(hs[0].document)], hs[0].start)

        for i in range(len(self.spec.pairs)):
            a, b = hits.get((i, 0), []), hits.get((i, 1), [])
            if not a or not b:
                continue
            if len(a) > len(b) or (len(a) == len(b) and first(a) <= first(b)):
                major, minor = a, b
            else:
                major, minor = b, a
            top = major[0]
            where = Location(top.document, top.start, top.end, top.paragraph.unit)
            line = where.range()[0]
            for hit in minor:
                if hit.document.reference:
                    continue
                yield self.finding(
                    hit.document,
                    hit.start,
                    hit.end,
                    unit=hit.paragraph.unit,
                    related=[where],
                    data={"match": hit.text, "other": top.text, "count": len(minor), "other_count": len(major)},
                    **self._args(
                        hit,
                        other=top.text,
                        count=len(minor),
                        other_count=len(major),
                        other_path=top.document.path,
                        other_line=line,
                    ),
                )
