"""What the registry must know of each pattern type (a YAML rule's ``type:``) before any of its
code runs: the keys a rule file of that type may carry besides the common ones, and whether
``--fix`` applies its fixes when the rule file does not say ``fixable:``. Kept apart from the
types' code (yblint.checks.pattern_types, which imports regex and the matcher) so that listing
the rules, or a run of registered checks alone, does not import it (#14); the types' classes take
their ``rule_keys`` and ``fixable`` from here."""

from __future__ import annotations

from typing import NamedTuple

#: keys every pattern rule may carry
COMMON_PATTERN_KEYS = frozenset({"exceptions", "scope", "ignorecase", "literal", "timeout"})


class Kind(NamedTuple):
    keys: frozenset[str]  # the keys of its rule files besides the common ones
    fixable: bool  # --fix applies its fixes unless the rule file says fixable: false


KINDS: dict[str, Kind] = {
    "existence": Kind(COMMON_PATTERN_KEYS | {"tokens", "quotations"}, False),
    "substitution": Kind(COMMON_PATTERN_KEYS | {"swap"}, True),
    "repetition": Kind(COMMON_PATTERN_KEYS | {"tokens"}, False),
    "consistency": Kind(COMMON_PATTERN_KEYS | {"either"}, False),
}
