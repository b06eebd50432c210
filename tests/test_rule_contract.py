"""The rule contract, checked over every registered rule (built-in checks, pattern types and
whatever rule a later change adds): nothing here names a rule.

* every rule file has its check and every check its rule file;
* every ``bad`` example of a rule, run as a draft, gives at least one finding of that rule, and
  every ``good`` one none (an example stands inside a unit of a one-file draft; ⏎ is a line break);
* messages are filled: a placeholder or message key the rule does not define raises here
  (``ruledefs.STRICT``, on for the whole test run) instead of printing ``{other}``;
* a parameter has one default, in the rule file: checks read ``self.params[name]``, never
  ``params.get(name, default)``, and read only parameters the rule file declares;
* ``fixable`` is what --fix does; the README's table of rules agrees with the rule files;
* description and messages are written in Chinese and English.
"""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import pytest

from yblint import ruledefs
from yblint.check import CHECKS, TYPES, load_checks
from yblint.config import Config
from yblint.engine import lint
from yblint.registry import Registry

LINE_BREAK_MARK = "⏎"
UNIT_HEADING = "示例单位"
#: example keys that must give findings / none
BAD_KEYS = ("bad",)
GOOD_KEYS = ("good", "not flagged")

REGISTRY = Registry.load()
RULES = sorted(REGISTRY.defs)


def draft_of(example: str) -> str:
    """A one-file plain-text draft with the example inside one unit."""
    body = example.strip("\n").replace(LINE_BREAK_MARK, "\n")
    return f"{UNIT_HEADING}\n\n{body}\n"


def findings_for(tmp_path: Path, rule_id: str, example: str, lang: str) -> list:
    path = tmp_path / "draft.txt"
    path.write_text(draft_of(example), encoding="utf-8")
    config = Config()
    config.lang = lang
    return [f for f in lint([str(path)], config, REGISTRY, select=[rule_id]).findings if f.rule == rule_id]


def _examples(kind_keys: tuple[str, ...]) -> list:
    out = []
    for rid in RULES:
        for i, ex in enumerate(REGISTRY.defs[rid].examples):
            for key in kind_keys:
                if key in ex:
                    out.append(pytest.param(rid, ex[key], id=f"{rid}-{i}-{key.replace(' ', '_')}"))
    return out


def test_strict_messages_are_on_for_the_tests():
    assert ruledefs.STRICT


def test_every_rule_file_has_a_check_and_every_check_a_rule_file():
    load_checks()
    check_rules = {rid for rid, d in REGISTRY.defs.items() if d.type == "check"}
    assert set(CHECKS) == check_rules
    assert {d.type for d in REGISTRY.defs.values()} - {"check"} <= set(TYPES)


def test_every_rule_has_a_bad_and_a_good_example():
    for rid in RULES:
        examples = REGISTRY.defs[rid].examples
        assert any("bad" in e for e in examples), f"{rid} has no bad example"
        assert any(k in e for e in examples for k in GOOD_KEYS), f"{rid} has no good example"


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize(("rule_id", "text"), _examples(BAD_KEYS))
def test_bad_example_is_found(tmp_path, rule_id, text, lang):
    found = findings_for(tmp_path, rule_id, text, lang)
    assert found, f"{rule_id}: no finding for its bad example {text!r}"
    for f in found:
        assert not re.search(r"\{[a-z_]+\}", f.message), f.message


@pytest.mark.parametrize(("rule_id", "text"), _examples(GOOD_KEYS))
def test_good_example_is_not_found(tmp_path, rule_id, text):
    assert findings_for(tmp_path, rule_id, text, "zh") == []


def test_a_missing_placeholder_raises_under_test():
    rule = REGISTRY.defs[RULES[0]]
    fake = ruledefs.RuleDef(
        id="x", type="check", severity="info", description={"zh": "x"}, messages={"default": {"zh": "{other}"}}
    )
    with pytest.raises(KeyError, match="other"):
        fake.message("default", "zh", {})
    with pytest.raises(KeyError, match="no_such_key"):
        rule.message("no_such_key", "zh", {})


_PARAMS_GET = re.compile(r"params\.get\(")
_PARAMS_INDEX = re.compile(r"\b(?:self\.params|p)\[\s*[\"']([a-z_]+)[\"']\s*\]")


@pytest.mark.parametrize("rule_id", sorted(CHECKS))
def test_parameters_have_one_default_in_the_rule_file(rule_id):
    source = inspect.getsource(inspect.getmodule(CHECKS[rule_id]))
    assert not _PARAMS_GET.search(source), f"{rule_id}: read parameters as self.params[name]; defaults go in YAML"
    declared = set(REGISTRY.defs[rule_id].parameters)
    for name in declared:
        second_default = re.search(rf"\.get\(\s*[\"']{name}[\"']\s*,", source)
        assert not second_default, f"{rule_id}: parameter '{name}' has a second default in the code"
    used = set(_PARAMS_INDEX.findall(source))
    assert used <= declared, f"{rule_id}: parameters read but not declared in the rule file: {used - declared}"


@pytest.mark.parametrize("rule_id", RULES)
def test_fixable_is_what_fix_does(tmp_path, rule_id):
    """``fixable`` (rule file, or the type's default) is the one source: a fixable rule's bad
    examples carry fixes --fix applies, a rule that is not fixable never offers one to --fix."""
    d = REGISTRY.defs[rule_id]
    assert isinstance(d.fixable, bool)
    fixes = [f.fix for ex in d.examples if "bad" in ex for f in findings_for(tmp_path, rule_id, ex["bad"], "zh")]
    applied = [fix for fix in fixes if fix is not None and fix.safe]
    if d.fixable:
        assert applied, f"{rule_id} says fixable but its bad examples give no fix"
    else:
        assert not applied, f"{rule_id} is not fixable but --fix would apply its fixes"


README = Path(__file__).resolve().parent.parent / "README.md"
_TABLE_ROW = re.compile(r"^\| (`[a-z0-9-]+`(?:, `[a-z0-9-]+`)*) \| (\w+) \| (.*?) \|", re.M)


def readme_rule_table() -> dict[str, tuple[str, bool]]:
    """rule id -> (severity, says fixable) from the README's table of rules."""
    section = README.read_text(encoding="utf-8").split("\n## Rules\n", 1)[1]
    section = section.split("\n| rule | severity |", 1)[1].split("\n\n", 1)[0]  # the first table
    out = {}
    for m in _TABLE_ROW.finditer(section):
        for rid in re.findall(r"`([a-z0-9-]+)`", m.group(1)):
            out[rid] = (m.group(2), "(fixable)" in m.group(3))
    return out


def test_readme_rule_table_matches_the_rules():
    table = readme_rule_table()
    assert sorted(table) == RULES, "add a row to the README's table of rules (## Rules) for each new rule"
    for rid, (severity, fixable) in table.items():
        d = REGISTRY.defs[rid]
        assert severity == d.severity, f"README says {rid} is {severity}, its rule file {d.severity}"
        assert fixable == d.fixable, f"README's '(fixable)' for {rid} disagrees with the rule file"


_MESSAGE_KEY = re.compile(r"message_key=[\"']([a-z_]+)[\"']")


@pytest.mark.parametrize("rule_id", sorted(CHECKS))
def test_message_keys_written_in_a_check_exist(rule_id):
    """Keys named literally in the code; computed ones (f"end_{reason}") are checked by STRICT
    whenever a test reaches them."""
    source = inspect.getsource(inspect.getmodule(CHECKS[rule_id]))
    missing = set(_MESSAGE_KEY.findall(source)) - set(REGISTRY.defs[rule_id].messages)
    assert not missing, f"{rule_id}: messages not in its rule file: {missing}"


@pytest.mark.parametrize("rule_id", RULES)
def test_description_and_messages_in_chinese_and_english(rule_id):
    d = REGISTRY.defs[rule_id]
    assert set(d.description) == {"zh", "en"}, f"{rule_id}: description needs zh and en"
    for key, texts in d.messages.items():
        assert set(texts) == {"zh", "en"}, f"{rule_id}: message '{key}' needs zh and en"


def test_every_rule_has_a_short_distinct_title_in_chinese_and_english():
    """``--statistics`` prints a rule's title: a few words, like ruff's rule names."""
    for lang, limit in (("zh", 12), ("en", 40)):
        names = {}
        for rule_id in RULES:
            d = REGISTRY.defs[rule_id]
            assert d.title and set(d.title) == {"zh", "en"}, f"{rule_id}: title needs zh and en"
            name = d.name(lang)
            assert 0 < len(name) <= limit, f"{rule_id}: title '{name}' is not short"
            assert name not in names, f"{rule_id} and {names.get(name)} have one title"
            names[name] = rule_id
