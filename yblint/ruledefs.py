"""Rule definitions: the YAML files in rules/ (shipped as package data) and in user ``rules_dirs``.

A definition carries what an editor reads and may change: id, severity, description, message
templates in Chinese and English, parameters with defaults, documentation. Which code runs it
is given by ``type``: ``check`` (the default) runs the Python check registered under the rule's
id; any other type (``existence``, ``substitution`` …) runs the pattern engine of that name,
configured by the definition's own keys.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from yblint import lazyre as re
from yblint import rules_cache
from yblint.errors import ConfigError
from yblint.finding import SEVERITIES
from yblint.i18n import LANGS, pick
from yblint.wording import paragraph_wording
from yblint.yamlpos import line_of, load_yaml

TITLE_END = re.compile(r"[：。；]|[:.;](?:\s|$)")
ID_RE = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
COMMON_KEYS = {
    "id",
    "type",
    "severity",
    "title",
    "description",
    "message",
    "messages",
    "parameters",
    "pack",
    "enabled",
    "link",
    "source",
    "examples",
    "fixable",
}
#: a message template naming a placeholder the check does not fill, or a message key the rule
#: does not define, raises KeyError instead of printing ``{other}`` (the tests turn this on)
STRICT = False


@dataclass
class RuleDef:
    id: str
    type: str
    severity: str
    description: dict[str, str]
    messages: dict[str, dict[str, str]]
    parameters: dict[str, Any] = field(default_factory=dict)
    pack: str = "core"
    enabled: bool = True
    link: str | None = None
    source: str | None = None
    examples: list[dict[str, str]] = field(default_factory=list)
    #: --fix applies its fixes; None until the registry fills in the type's default (Check.fixable)
    fixable: bool | None = None
    file: str = ""
    #: a few words naming the fault (``--statistics``); None: the description's first clause
    title: dict[str, str] | None = None
    line_of_key: dict = field(default_factory=dict, repr=False)
    raw: dict[str, Any] = field(default_factory=dict, repr=False)

    def describe(self, lang: str) -> str:
        return pick(self.description, lang)

    def name(self, lang: str) -> str:
        """The rule's short title in ``lang``; without one, the description up to its first
        colon or full stop."""
        if self.title:
            return pick(self.title, lang)
        return TITLE_END.split(self.describe(lang), maxsplit=1)[0].strip()

    def message(self, key: str, lang: str, args: dict[str, Any], paragraphs: bool = False) -> str:
        """The message ``key`` in ``lang`` filled with ``args``; ``paragraphs``: for a Word draft,
        where 第N行/空行 read 第N段/段落分隔 (yblint.wording)."""
        if STRICT and key not in self.messages:
            raise KeyError(f"rule '{self.id}' has no message '{key}'")
        templates = self.messages.get(key) or self.messages["default"]
        template = pick(templates, lang)
        if paragraphs:
            template = paragraph_wording(template, "en" if lang == "en" and "en" in templates else "zh")
        return fill(template, args)


_FIELD = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")


@lru_cache(maxsize=4096)
def _parts(template: str) -> tuple[str, ...]:
    """``template`` cut at its ``{name}`` fields: text, name, text, name, …, text."""
    return tuple(_FIELD.split(template))


def fill(template: str, args: dict[str, Any]) -> str:
    """``{name}`` replaced by ``args[name]``; every other brace (``{}``, ``{0}``, a lone ``{``,
    ``{name!r}``) stays as written: messages are text, not format strings. An unknown ``{name}``
    stays too, except under STRICT (the tests), where it raises: a check forgot a placeholder."""
    parts = _parts(template)
    if len(parts) == 1:
        return template
    out = [parts[0]]
    for i in range(1, len(parts), 2):
        name = parts[i]
        if name in args:
            out.append(str(args[name]))
        elif STRICT:
            raise KeyError(f"message placeholder '{{{name}}}' is not filled")
        else:
            out.append("{" + name + "}")
        out.append(parts[i + 1])
    return "".join(out)


def builtin_rules_dir() -> Path:
    """rules/ as installed (package data ``yblint.rules``, i.e. yblint/rules/) or, in a source
    checkout and an editable install, the top-level rules/ folder."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "rules", here.parent / "rules"):
        if candidate.is_dir() and any(candidate.rglob("*.yaml")):
            return candidate
    raise ConfigError("the built-in rule definitions are missing; reinstall yblint", str(here / "rules"))


def _texts(value: Any, path: str, lines: dict, *key: Any) -> dict[str, str]:
    if isinstance(value, str):
        return {"zh": value}
    if isinstance(value, dict) and value and all(k in LANGS and isinstance(v, str) for k, v in value.items()):
        return dict(value)
    raise ConfigError(f"'{key[-1]}' must be a string or a mapping of zh/en strings", path, line_of(lines, *key))


def parse_rule(data: Any, path: str, lines: dict, pack: str, extra_keys: dict[str, set[str]]) -> RuleDef:
    if not isinstance(data, dict):
        raise ConfigError("a rule file must be a YAML mapping", path, 1)
    rid = data.get("id")
    if not isinstance(rid, str) or not ID_RE.match(rid):
        raise ConfigError("rule 'id' must be lower-case words joined by '-'", path, line_of(lines, "id"))
    rtype = data.get("type", "check")
    if not isinstance(rtype, str):
        raise ConfigError("'type' must be a string", path, line_of(lines, "type"))
    if rtype != "check" and rtype not in extra_keys:
        known = ", ".join(sorted(["check", *extra_keys]))
        raise ConfigError(f"unknown rule type '{rtype}' (known: {known})", path, line_of(lines, "type"))
    allowed = COMMON_KEYS | extra_keys.get(rtype, set())
    for key in data:
        if key not in allowed:
            raise ConfigError(f"unknown key '{key}' in rule '{rid}'", path, line_of(lines, key))
    severity = data.get("severity", "warning")
    if severity not in SEVERITIES:
        raise ConfigError(f"severity must be one of {', '.join(SEVERITIES)}", path, line_of(lines, "severity"))
    description = _texts(data.get("description", rid), path, lines, "description")
    title = _texts(data["title"], path, lines, "title") if "title" in data else None
    messages: dict[str, dict[str, str]] = {}
    if "message" in data:
        messages["default"] = _texts(data["message"], path, lines, "message")
    raw_messages = data.get("messages") or {}
    if not isinstance(raw_messages, dict):
        raise ConfigError("'messages' must be a mapping", path, line_of(lines, "messages"))
    for k, v in raw_messages.items():
        messages[str(k)] = _texts(v, path, lines, "messages", k)
    if "default" not in messages:
        if not messages:
            raise ConfigError(f"rule '{rid}' has no 'message'", path, line_of(lines, "id"))
        messages["default"] = next(iter(messages.values()))
    params = data.get("parameters") or {}
    if not isinstance(params, dict):
        raise ConfigError("'parameters' must be a mapping", path, line_of(lines, "parameters"))
    examples = data.get("examples") or []
    if not isinstance(examples, list) or not all(isinstance(e, dict) for e in examples):
        raise ConfigError("'examples' must be a list of mappings (bad, good)", path, line_of(lines, "examples"))
    enabled = data.get("enabled", True)
    if not isinstance(enabled, bool):
        raise ConfigError("'enabled' must be true or false", path, line_of(lines, "enabled"))
    fixable = data.get("fixable")
    if fixable is not None and not isinstance(fixable, bool):
        raise ConfigError("'fixable' must be true or false", path, line_of(lines, "fixable"))
    return RuleDef(
        id=rid,
        type=rtype,
        severity=severity,
        description=description,
        messages=messages,
        parameters=dict(params),
        pack=str(data.get("pack", pack)),
        enabled=enabled,
        link=data.get("link"),
        source=data.get("source"),
        examples=examples,
        title=title,
        fixable=fixable,
        file=path,
        line_of_key=lines,
        raw=data,
    )


def load_rule_dir(
    directory: Path, extra_keys: dict[str, set[str]], default_pack: str = "core", cache: bool = False
) -> list[RuleDef]:
    """Every ``*.yaml``/``*.yml`` below ``directory``; a file in a sub-folder belongs to the pack
    named after that folder (rules/yearbook/… is the ``yearbook`` pack). ``cache``: keep what
    the YAML parser made of the files in a cache file (rules_cache), as for the built-in rules."""
    out = []
    files = sorted([*directory.rglob("*.yaml"), *directory.rglob("*.yml")])
    parsed = rules_cache.load(files) if cache else None
    if parsed is None:
        parsed = [_parse_file(f) for f in files]
        if cache:
            rules_cache.store(files, parsed)
    for f, (data, lines) in zip(files, parsed, strict=True):
        rel = f.relative_to(directory)
        pack = rel.parts[0] if len(rel.parts) > 1 else default_pack
        out.append(parse_rule(data, _shown(f), lines, pack, extra_keys))
    return out


def _shown(f: Path) -> str:
    return str(f).replace("\\", "/")


def _parse_file(f: Path) -> tuple[Any, dict]:
    try:
        text = f.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise ConfigError(f"cannot read rule file: {e}", _shown(f)) from None
    return load_yaml(text, _shown(f))
