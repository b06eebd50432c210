"""All known rules (built-in and from ``rules_dirs``), selection by id or pack, and the checks
configured for a run.

Every rule is known from its YAML file (id, pack, messages, parameters, docs, fixable); the code
of a registered check is imported only when its rule runs. A rule is validated by its code (a
pattern rule's regexes compiled) when it is configured for a run, and a rule from ``rules_dirs``
also at load, so that a broken house rule is an error even when it is not selected."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from yblint.check import TYPES, Check, check_for, has_check, load_types, type_keys
from yblint.config import Config
from yblint.errors import ConfigError
from yblint.pattern_kinds import KINDS
from yblint.ruledefs import RuleDef, builtin_rules_dir, load_rule_dir

ALL = "ALL"
RULE_SETTING_KEYS = {"severity", "enabled"}


class Registry:
    def __init__(self, defs: list[RuleDef]) -> None:
        self.defs: dict[str, RuleDef] = {}
        for d in defs:
            if d.id in self.defs:
                raise ConfigError(f"rule id '{d.id}' is defined twice (also in {self.defs[d.id].file})", d.file)
            self.defs[d.id] = d
        self.packs: dict[str, list[str]] = {}
        for d in self.defs.values():
            self.packs.setdefault(d.pack, []).append(d.id)
        self._validated: set[str] = set()

    @classmethod
    def load(cls, rules_dirs: list[str] | None = None) -> Registry:
        keys = type_keys()
        defs = load_rule_dir(builtin_rules_dir(), keys, cache=True)
        house: list[RuleDef] = []
        for folder in rules_dirs or []:
            p = Path(folder)
            if not p.is_dir():
                raise ConfigError("rules folder not found", folder)
            house.extend(load_rule_dir(p, keys, default_pack=p.name))
        for d in [*defs, *house]:
            if d.type == "check" and not has_check(d.id):
                raise ConfigError(f"rule '{d.id}' has no registered check (type: check)", d.file)
            if d.fixable is None:  # a check's rule file says it; a pattern rule's type has a default
                d.fixable = KINDS[d.type].fixable if d.type != "check" else False
        registry = cls([*defs, *house])
        for d in house:
            registry.runner(d)
        return registry

    def runner(self, d: RuleDef) -> type[Check]:
        """The code that runs ``d`` (its module imported now if need be), validated once."""
        runner = check_class(d)
        if d.id not in self._validated:
            runner.validate(d)
            self._validated.add(d.id)
        return runner

    def did_you_mean(self, name: str, packs: bool = False, otherwise: str = "") -> str:
        """`` (did you mean 'x'?)`` for the rule id (or pack name, with ``packs``) nearest a
        mistyped ``name``, or ``otherwise`` when none is near (difflib, as ruff suggests a selector)."""
        import difflib

        known = [*self.defs, *(self.packs if packs else ())]
        near = difflib.get_close_matches(name, known, n=1, cutoff=0.8)
        return f" (did you mean '{near[0]}'?)" if near else otherwise

    #: the hint for a name near no rule: where the rules are listed
    SEE_RULES = " (see 'yblint rules')"

    def expand(self, names: list[str], where: str, config: Config | None = None) -> set[str]:
        """Rule ids named by ``names`` (ids, pack names or ALL)."""
        out: set[str] = set()
        for i, n in enumerate(names):
            if n == ALL:
                out.update(self.defs)
            elif n in self.defs:
                out.add(n)
            elif n in self.packs:
                out.update(self.packs[n])
            else:
                msg = f"unknown rule or pack '{n}' in {where}{self.did_you_mean(n, packs=True)}"
                if config is not None and config.path and where in ("select", "ignore"):
                    raise config.error(msg, where, i)
                raise ConfigError(msg, config.path if config else None)
        return out

    def active(
        self, config: Config, cli_select: list[str] | None = None, cli_ignore: list[str] | None = None
    ) -> list[RuleDef]:
        for rid in config.rules:
            if rid not in self.defs:
                raise config.error(f"unknown rule '{rid}' in 'rules'{self.did_you_mean(rid)}", "rules", rid)
        if cli_select:
            selected = self.expand(cli_select, "--select")
        elif config.select is not None:
            selected = self.expand(config.select, "select", config)
        else:
            selected = {rid for rid, d in self.defs.items() if config.rules.get(rid, {}).get("enabled", d.enabled)}
        # the command line wins over the config's ignore for what it names: an id, or the very
        # name (pack) the config ignores; ALL names nothing, and a narrower ignore stays
        named = set(cli_select or []) - {ALL}
        self.expand(config.ignore, "ignore", config)  # unknown names are errors, with their line
        ignored: set[str] = set()
        for entry in config.ignore:
            if entry not in named:
                ignored |= self.expand([entry], "ignore") - named
        ignored |= self.expand(cli_ignore or [], "--ignore")
        return [self.defs[r] for r in sorted(selected - ignored)]

    def checks(self, config: Config, rules: list[RuleDef]) -> list[Check]:
        out = []
        for d in rules:
            settings = config.rules.get(d.id, {})
            cls = self.runner(d)
            params = self._params(config, d, settings)
            check = cls(d, params, lang=config.lang, severity=settings.get("severity"))
            check.place = config.place
            out.append(check)
        return out

    @staticmethod
    def _params(config: Config, d: RuleDef, settings: dict[str, Any]) -> dict[str, Any]:
        params = dict(d.parameters)
        for k, v in settings.items():
            if k in RULE_SETTING_KEYS:
                if k == "enabled" and not isinstance(v, bool):
                    raise config.error("'enabled' must be true or false", "rules", d.id, k)
                continue
            if k not in d.parameters:
                known = ", ".join(sorted([*RULE_SETTING_KEYS, *d.parameters]))
                raise config.error(f"unknown setting '{k}' for rule '{d.id}' (known: {known})", "rules", d.id, k)
            default = d.parameters[k]
            if default is not None and not _same_kind(default, v):
                raise config.error(
                    f"'{k}' of rule '{d.id}' must be {type(default).__name__}, not {type(v).__name__}", "rules", d.id, k
                )
            params[k] = v
        for k, (low, high) in check_class(d).param_ranges.items():
            v = params.get(k)
            if not isinstance(v, (int, float)) or isinstance(v, bool):
                continue
            if (low is not None and v < low) or (high is not None and v > high):
                bounds = f"between {low} and {high}" if high is not None else f"at least {low}"
                key = ("rules", d.id, k) if k in settings else ()
                raise config.error(f"'{k}' of rule '{d.id}' must be {bounds}, not {v}", *key)
        for k, choices in check_class(d).param_choices.items():
            v = params.get(k)
            wrong = [x for x in v if x not in choices] if isinstance(v, list) else []
            if wrong:
                key = ("rules", d.id, k) if k in settings else ()
                listed = ", ".join(map(str, wrong))
                raise config.error(f"'{k}' of rule '{d.id}' has no {listed} (it takes {', '.join(choices)})", *key)
        return params


def check_class(d: RuleDef) -> type[Check]:
    """The code that runs a definition: its registered check (imported on first use), or its pattern type."""
    if d.type != "check":
        load_types()  # the pattern types' code, on first use
        return TYPES[d.type]
    found = check_for(d.id)
    if found is None:
        raise ConfigError(f"rule '{d.id}' has no registered check (type: check)", d.file)
    return found


def _same_kind(default: Any, value: Any) -> bool:
    if isinstance(default, bool) or isinstance(value, bool):
        return isinstance(default, bool) and isinstance(value, bool)
    if isinstance(default, float):
        return isinstance(value, (int, float))
    return isinstance(value, type(default))
