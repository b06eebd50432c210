"""Safe YAML loading that remembers the line of every mapping key, for errors that name the line."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from yblint.errors import ConfigError
from yblint.lazy import lazy_import

if TYPE_CHECKING:
    import yaml
else:  # imported when a YAML text is first parsed: the built-in rules come from a cache (ruledefs)
    yaml = lazy_import("yaml")

KeyPath = tuple


def safe_loader() -> type[yaml.CSafeLoader] | type[yaml.SafeLoader]:
    """libyaml's loader when PyYAML was built with it (about ten times faster), else the pure-Python one."""
    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _walk(node: yaml.Node, path: KeyPath, lines: dict[KeyPath, int]) -> None:
    lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            try:
                k = yaml.safe_load(yaml.serialize(key)) if not isinstance(key, yaml.ScalarNode) else key.value
            except yaml.YAMLError:
                k = None
            lines[(*path, k)] = key.start_mark.line + 1
            _walk(value, (*path, k), lines)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _walk(item, (*path, i), lines)


def load_yaml(text: str, path: str) -> tuple[Any, dict[KeyPath, int]]:
    """Parse ``text`` with the safe loader, once; return the data and a map from key paths to lines."""
    loader = safe_loader()(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        problem = getattr(e, "problem", None) or str(e).splitlines()[0]
        raise ConfigError(f"invalid YAML: {problem}", path, mark.line + 1 if mark else None) from None
    finally:
        loader.dispose()
    lines: dict[KeyPath, int] = {}
    if node is not None:
        _walk(node, (), lines)
    return data, lines


def line_of(lines: dict[KeyPath, int], *path: Any) -> int | None:
    """Line of the deepest known prefix of ``path``."""
    p = tuple(path)
    while p:
        if p in lines:
            return lines[p]
        p = p[:-1]
    return lines.get(())
