"""A rule's help, rendered once for every place that shows it (``yblint rule ID``, SARIF rule
metadata): what it finds, its bad/good examples, whether --fix applies it, parameters, source."""

from __future__ import annotations

from yblint.i18n import tr
from yblint.ruledefs import RuleDef

EXAMPLE_KINDS = (("bad", "bad", "误"), ("good", "good", "正"))


def rule_help(rule: RuleDef, lang: str) -> tuple[str, str]:
    """(plain text, Markdown) help for ``rule`` in ``lang``."""
    desc = rule.describe(lang)
    text, md = [desc], [desc]
    examples = [e for e in rule.examples if any(k in e for k, _, _ in EXAMPLE_KINDS)]
    if examples:
        md.extend(["", tr(lang, "**示例**", "**Examples**"), ""])
    for e in examples:
        for kind, en, zh in EXAMPLE_KINDS:
            if kind in e:
                label = tr(lang, zh, en)
                text.append(f"  {label}: {e[kind]}")
                md.append(f"* {label}: `{e[kind]}`")
    if rule.fixable:
        fixable = tr(lang, "可用 yblint check --fix 自动修改。", "yblint check --fix applies its fixes.")
        text.append(fixable)
        md.extend(["", fixable])
    if rule.parameters:
        params = ", ".join(f"{k}={v!r}" for k, v in rule.parameters.items())
        text.append(tr(lang, "参数：", "parameters: ") + params)
        md.extend(["", tr(lang, "**参数**：", "**Parameters**: ") + params])
    if rule.source or rule.link:
        src = " ".join(x for x in (rule.source, rule.link) if x)
        text.append(tr(lang, "依据：", "source: ") + src)
        md.extend(["", tr(lang, "**依据**：", "**Source**: ") + src])
    return "\n".join(text), "\n".join(md)
