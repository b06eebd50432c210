"""The check interface and registry.

A check is a small class that reads the document model and yields findings. Checks for the
core rules register under their rule id; pattern engines (YAML-only rules) register under a
rule ``type``.

A run imports only the checks it runs: the check of rule ``some-rule`` lives in the module
``yblint.checks.some_rule`` (a module or a package), imported when the rule is first run; the
registry knows every rule from its YAML file alone. The modules that register pattern types are
listed in TYPE_MODULES and imported by every run (a rule file's keys depend on its type).
"""

from __future__ import annotations

import importlib
import importlib.util
import pkgutil
from collections.abc import Callable, Iterable
from typing import Any, ClassVar

from yblint.finding import Edit, Finding, Fix, Location
from yblint.model import Corpus, Document, Unit
from yblint.pattern_kinds import KINDS
from yblint.ruledefs import RuleDef
from yblint.wording import paragraph_wording

CHECKS: dict[str, type[Check]] = {}
TYPES: dict[str, type[Check]] = {}


class Check:
    """Base class. ``run`` sees the whole corpus, so cross-unit and cross-file rules can be written."""

    #: keys a rule definition of this type may carry besides the common ones (pattern engines)
    rule_keys: ClassVar[set[str]] = set()
    #: the place the book is about (``place:`` in .yblint.yaml), for messages that suggest it
    place: str | None = None
    #: pattern types: whether ``--fix`` applies the fixes of a rule of this type when its rule file
    #: does not say ``fixable:``. A registered check's rule file alone says it (default: false),
    #: so that the registry knows it without importing the check.
    fixable: ClassVar[bool] = False
    #: numeric parameters and their bounds (inclusive; None: unbounded), checked at config load
    param_ranges: ClassVar[dict[str, tuple[float | None, float | None]]] = {}
    #: the values a list parameter's items may take (inconsistent-total's checks), checked likewise
    param_choices: ClassVar[dict[str, tuple[str, ...]]] = {}
    #: True when ``run`` looks at each linted document on its own (never at another document or
    #: a reference): such checks may run on parts of the book in other processes (``-j``)
    per_document: ClassVar[bool] = False
    #: processes a whole-book check may share its own work out to (yblint.parallel.fork_map),
    #: set by the engine from ``-j``
    jobs: int = 1
    #: True for a whole-book check that shares its own work out (fork_map): with ``-j`` it runs in
    #: the main process, while the other whole-book checks run in a worker beside the documents
    shares_work: ClassVar[bool] = False
    #: True for a check whose cost is a search of each document for its patterns (the YAML pattern
    #: types): with ``-j``, such a whole-book check is run after the heavier tasks (parallel.tasks)
    light: ClassVar[bool] = False
    #: what the report will need of each finding (engine.run_checks' ``report``), set by the engine:
    #: a check that makes its findings in other processes works it out there
    report: str = "fingerprints"

    def __init__(self, rule: RuleDef, params: dict[str, Any], lang: str = "zh", severity: str | None = None) -> None:
        self.rule = rule
        self.params = params
        self.lang = lang
        self.severity = severity or rule.severity

    def run(self, corpus: Corpus) -> Iterable[Finding]:
        raise NotImplementedError

    @classmethod
    def validate(cls, rule: RuleDef) -> None:
        """Check a definition's type-specific keys; raise ConfigError naming file and line."""

    def finding(
        self,
        document: Document,
        start: int,
        end: int,
        *,
        message_key: str = "default",
        related: Iterable[Location] = (),
        data: dict[str, Any] | None = None,
        fix: Fix | None = None,
        key: str | None = None,
        unit: Unit | None = None,
        **args: Any,
    ) -> Finding:
        if fix is not None and not self.rule.fixable:
            fix.safe = False  # offered in reports, never applied: RuleDef.fixable is the one source
        paragraphs = document.locations == "paragraph"
        if fix is not None and paragraphs:
            fix.description = paragraph_wording(fix.description, self.lang)
        return Finding(
            rule=self.rule.id,
            severity=self.severity,
            message=self.rule.message(message_key, self.lang, args, paragraphs=paragraphs),
            location=Location(document, start, end, unit),
            related=list(related),
            data=data or {},
            fix=fix,
            key=key,
        )

    @staticmethod
    def replace(document: Document, start: int, end: int, replacement: str, description: str) -> Fix:
        return Fix(description=description, edits=[Edit(document, start, end, replacement)])


def register_check(rule_id: str) -> Callable[[type[Check]], type[Check]]:
    def deco(cls: type[Check]) -> type[Check]:
        CHECKS[rule_id] = cls
        return cls

    return deco


def register_type(type_name: str) -> Callable[[type[Check]], type[Check]]:
    def deco(cls: type[Check]) -> type[Check]:
        TYPES[type_name] = cls
        return cls

    return deco


CHECKS_PACKAGE = "yblint.checks"
#: the modules that register pattern types (``register_type``)
TYPE_MODULES = ("yblint.checks.pattern_types",)

_loaded = False


def check_module(rule_id: str) -> str:
    """The module of the check registered under ``rule_id``: ``inconsistent-total`` is
    ``yblint.checks.inconsistent_total``."""
    return f"{CHECKS_PACKAGE}.{rule_id.replace('-', '_')}"


def has_check(rule_id: str) -> bool:
    """Whether a check is (or would be, once its module is imported) registered under ``rule_id``,
    without importing it."""
    return rule_id in CHECKS or importlib.util.find_spec(check_module(rule_id)) is not None


def check_for(rule_id: str) -> type[Check] | None:
    """The check registered under ``rule_id``, its module imported on first use; None if there is none."""
    if rule_id not in CHECKS and has_check(rule_id):
        importlib.import_module(check_module(rule_id))
    return CHECKS.get(rule_id)


def load_checks() -> None:
    """Import every module in ``yblint.checks`` (runs import only what they run: check_for)."""
    global _loaded
    if _loaded:
        return
    import yblint.checks as pkg

    for mod in pkgutil.iter_modules(pkg.__path__):
        importlib.import_module(f"{pkg.__name__}.{mod.name}")
    _loaded = True


def load_types() -> None:
    for name in TYPE_MODULES:
        importlib.import_module(name)


def type_keys() -> dict[str, set[str]]:
    """The keys a rule file of each pattern type may carry besides the common ones (its code not
    imported: yblint.pattern_kinds)."""
    return {name: set(kind.keys) for name, kind in KINDS.items()}
