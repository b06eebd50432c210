"""Which configuration governs which file: the nearest .yblint.yaml above each linted file, as
ruff does (``--config`` names one for all). Files under different configs are linted in groups,
each group with the other groups' files as corpus, so cross-file rules still compare them all."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from yblint.config import Config, config_for, load_config, shown_path
from yblint.engine import STDIN
from yblint.reading.discover import discover


@dataclass
class Group:
    config: Config
    paths: list[str] = field(default_factory=list)


def _key(found) -> str | None:
    return str(found) if found is not None else None


def groups(paths: list[str], explicit: str | None) -> list[Group]:
    """The files of ``paths`` grouped by the config that applies to them, in order."""
    if explicit:
        return [Group(load_config(explicit), list(paths))]
    loaded: dict[str | None, Config] = {}

    def config(found) -> Config:
        k = _key(found)
        if k not in loaded:
            # named as the run names files (relative to here), also in the errors of loading it
            loaded[k] = load_config(shown_path(found)) if found is not None else Config()
        return loaded[k]

    by_folder: dict[str, object] = {}

    def above(path: str):
        folder = os.path.dirname(path) or "."
        if folder not in by_folder:
            by_folder[folder] = config_for(path)
        return by_folder[folder]

    out: dict[str | None, Group] = {}
    for given in paths:
        if given in STDIN:  # piped text: the config above the name it stands for
            found = config_for(given)
            out.setdefault(_key(found), Group(config(found))).paths.append(given)
            continue
        here = config_for(given)
        top = config(here)  # its include/exclude decide what a folder holds
        if not os.path.isdir(given):
            out.setdefault(_key(here), Group(top)).paths.append(given)  # named: linted as is
            continue
        specials: list[str] = []  # FIFOs and the like: handed on, so the run says each is skipped
        files = discover([given], top.include, top.exclude, errors=[], skipped=[], specials=specials)
        if all(_key(above(f)) == _key(here) for f in files):  # one config: the folder stays a folder
            out.setdefault(_key(here), Group(top)).paths.append(given)
            continue
        for f in [*files, *specials]:
            found = above(f)
            out.setdefault(_key(found), Group(config(found))).paths.append(f)
    return list(out.values()) or [Group(config(config_for(".")), [])]
