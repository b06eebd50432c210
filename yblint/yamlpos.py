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


MERGE_TAG = "tag:yaml.org,2002:merge"
STR_TAG = "tag:yaml.org,2002:str"
_NOT_COMPARED = object()


def _key_value(key: yaml.Node) -> Any:
    """What a key becomes in the data, as the data's dict compares it (``yes`` and ``true`` are
    one key, ``1`` and ``"1"`` two); ``_NOT_COMPARED`` for a merge (``<<``) or a key that is no
    scalar (``? [a, b]``)."""
    if key.tag == MERGE_TAG or not isinstance(key, yaml.ScalarNode):
        return _NOT_COMPARED
    if key.tag == STR_TAG:
        return key.value
    try:
        value = yaml.constructor.SafeConstructor().construct_object(key, deep=True)
        hash(value)
    except (yaml.YAMLError, TypeError, ValueError):
        return (key.tag, key.value)
    return value


def _shown_key(path: KeyPath) -> str:
    """``rules.relative-time``, ``examples[0]``: where a key sits, as an error names it."""
    out = ""
    for k in path:
        out += f"[{k}]" if isinstance(k, int) else (f".{k}" if out else str(k))
    return out


def check_duplicate_keys(node: yaml.Node | None, path: str) -> None:
    """Raise a ConfigError naming the line of the second occurrence of a key written twice in one
    mapping (``rules:`` twice, ``enabled:`` twice in a flow mapping), the first such in the text:
    YAML loaders keep the last one and drop the other without a word. Keys a merge
    (``<<: *defaults``) brings in may be overridden, as YAML means them to be. Runs on the
    composed nodes, before they are constructed (constructing flattens merges into the mapping)."""
    found: list[tuple[int, int, str]] = []  # (line, column, message) of each second occurrence
    seen_nodes: set[int] = set()
    stack: list[tuple[yaml.Node, KeyPath]] = [(node, ())] if node is not None else []
    while stack:
        n, where = stack.pop()
        if id(n) in seen_nodes:  # an alias: the same node again (or a recursive one)
            continue
        seen_nodes.add(id(n))
        if isinstance(n, yaml.MappingNode):
            first: dict[Any, int] = {}
            for key, value in n.value:
                k = _key_value(key)
                mark = key.start_mark
                if k is not _NOT_COMPARED:
                    if k in first:
                        inside = f" in '{_shown_key(where)}'" if where else ""
                        found.append(
                            (mark.line, mark.column, f"duplicate key '{key.value}'{inside} (first on line {first[k]})")
                        )
                    else:
                        first[k] = mark.line + 1
                stack.append((value, (*where, key.value if isinstance(key, yaml.ScalarNode) else "?")))
        elif isinstance(n, yaml.SequenceNode):
            stack.extend((item, (*where, i)) for i, item in enumerate(n.value))
    if found:
        line, _column, message = min(found)
        raise ConfigError(message, path, line + 1)


def load_yaml(text: str, path: str) -> tuple[Any, dict[KeyPath, int]]:
    """Parse ``text`` with the safe loader, once; return the data and a map from key paths to
    lines. A key written twice in one mapping is a ConfigError (:func:`check_duplicate_keys`)."""
    loader = safe_loader()(text)
    try:
        node = loader.get_single_node()
        check_duplicate_keys(node, path)
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
