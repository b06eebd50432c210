"""The configuration file ``.yblint.yaml`` (the nearest one above each linted file, or named
with ``--config``), validated strictly: unknown keys, unknown rule ids and bad values are
errors that name the file, the key and its line."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from yblint.errors import ConfigError
from yblint.finding import SEVERITIES
from yblint.i18n import LANGS
from yblint.parsing.units import UnitOptions
from yblint.reading.discover import DEFAULT_INCLUDE
from yblint.reading.source import DocxLimits
from yblint.yamlpos import line_of, load_yaml

CONFIG_NAMES = (".yblint.yaml", ".yblint.yml")
TOP_KEYS = {
    "lang",
    "select",
    "ignore",
    "include",
    "exclude",
    "fail_on",
    "encoding",
    "units",
    "rules",
    "corpus",
    "baseline",
    "rules_dirs",
    "place",
    "corpus_untracked",
    "year",
    "docx",
}
UNIT_KEYS = {"heading_pattern", "max_heading_chars", "heading_level"}
DOCX_KEYS = {"max_xml_mb", "max_paragraphs"}


@dataclass
class Config:
    path: str | None = None
    lang: str = "zh"
    select: list[str] | None = None  # None: every rule enabled by default
    ignore: list[str] = field(default_factory=list)
    include: list[str] = field(default_factory=lambda: list(DEFAULT_INCLUDE))
    exclude: list[str] = field(default_factory=list)
    fail_on: str = "warning"
    encoding: str | None = None
    units: UnitOptions = field(default_factory=UnitOptions)
    rules: dict[str, dict[str, Any]] = field(default_factory=dict)
    corpus: list[str] = field(default_factory=list)
    baseline: str | None = None
    rules_dirs: list[str] = field(default_factory=list)
    corpus_untracked: bool = False  # in a git repository, corpus globs read tracked files only
    place: str | None = None  # the place the book is about (拱墅区), suggested by first-person
    year: int | None = None  # the year the book is about (partial-period, figure-conflict, name-variant)
    docx: DocxLimits = field(default_factory=DocxLimits)
    lines: dict = field(default_factory=dict, repr=False)

    def line(self, *key: Any) -> int | None:
        return line_of(self.lines, *key) if self.lines else None

    def error(self, message: str, *key: Any) -> ConfigError:
        return ConfigError(message, self.path, self.line(*key))


def find_config(start: Path | None = None) -> Path | None:
    here = (start or Path.cwd()).resolve()
    for d in (here, *here.parents):
        for name in CONFIG_NAMES:
            if (d / name).is_file():
                return d / name
    return None


def config_for(path: str) -> Path | None:
    """The nearest .yblint.yaml above a linted file (or in and above a folder), as ruff finds
    its configuration: the file's own place decides, not the working directory."""
    p = Path(path)
    return find_config(p if p.is_dir() else p.parent)


def _str_list(cfg: Config, value: Any, key: str) -> list[str]:
    if isinstance(value, str):
        return [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise cfg.error(f"'{key}' must be a list of strings", key)
    return list(value)


def _relative(cfg_dir: Path, value: str) -> str:
    """A path or glob from the config file, made relative to the working directory."""
    if os.path.isabs(value):
        return value
    joined = os.path.normpath(os.path.join(cfg_dir, value))
    try:
        rel = os.path.relpath(joined)
    except ValueError:
        return joined
    return rel.replace(os.sep, "/")


def shown_path(found: str | os.PathLike[str]) -> str:
    """A config file's path as a run shows it: relative to the working folder (absolute on
    another drive)."""
    try:
        return os.path.relpath(found).replace(os.sep, "/")
    except ValueError:
        return str(found)


def load_config(path: str | None) -> Config:
    """Load ``path``, or the nearest .yblint.yaml; a default Config when there is none."""
    if path is None:
        found = find_config()
        if found is None:
            return Config()
        shown, p = shown_path(found), found
    else:
        shown, p = path, Path(path)
        if not p.is_file():
            raise ConfigError("config file not found", path)
    try:
        text = p.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise ConfigError(f"cannot read config: {e}", shown) from None
    data, lines = load_yaml(text, shown)
    cfg = Config(path=shown, lines=lines)
    if data is None:
        return cfg
    if not isinstance(data, dict):
        raise cfg.error("the config must be a YAML mapping")
    cfg_dir = p.resolve().parent
    for key, value in data.items():
        if key not in TOP_KEYS:
            raise cfg.error(f"unknown key '{key}' (known: {', '.join(sorted(TOP_KEYS))})", key)
        if key == "lang":
            if value not in LANGS:
                raise cfg.error("'lang' must be zh or en", key)
            cfg.lang = value
        elif key == "fail_on":
            if value not in SEVERITIES:
                raise cfg.error(f"'fail_on' must be one of {', '.join(SEVERITIES)}", key)
            cfg.fail_on = value
        elif key == "encoding":
            if not isinstance(value, str):
                raise cfg.error("'encoding' must be a string", key)
            cfg.encoding = value
        elif key in ("select", "ignore", "include", "exclude"):
            setattr(cfg, key, _str_list(cfg, value, key))
        elif key in ("corpus", "rules_dirs"):
            setattr(cfg, key, [_relative(cfg_dir, v) for v in _str_list(cfg, value, key)])
        elif key == "corpus_untracked":
            if not isinstance(value, bool):
                raise cfg.error("'corpus_untracked' must be true or false", key)
            cfg.corpus_untracked = value
        elif key == "place":
            if not isinstance(value, str) or not value.strip():
                raise cfg.error("'place' must be a place name, e.g. 拱墅区", key)
            cfg.place = value.strip()
        elif key == "baseline":
            if not isinstance(value, str):
                raise cfg.error("'baseline' must be a file path", key)
            cfg.baseline = _relative(cfg_dir, value)
        elif key == "year":
            if not isinstance(value, int) or isinstance(value, bool) or not 1900 <= value <= 2100:
                raise cfg.error("'year' must be a year such as 2021", key)
            cfg.year = value
        elif key == "units":
            cfg.units = _units(cfg, value)
        elif key == "docx":
            cfg.docx = _docx(cfg, value)
        elif key == "rules":
            if not isinstance(value, dict):
                raise cfg.error("'rules' must map rule ids to their settings", key)
            for rid, settings in value.items():
                if settings is None:
                    settings = {}
                if not isinstance(settings, dict):
                    raise cfg.error(f"settings of rule '{rid}' must be a mapping", key, rid)
                sev = settings.get("severity")
                if sev is not None and sev not in SEVERITIES:
                    raise cfg.error(f"severity must be one of {', '.join(SEVERITIES)}", key, rid, "severity")
                cfg.rules[str(rid)] = dict(settings)
    return cfg


def _units(cfg: Config, value: Any) -> UnitOptions:
    if not isinstance(value, dict):
        raise cfg.error("'units' must be a mapping", "units")
    opts = UnitOptions()
    for k, v in value.items():
        if k not in UNIT_KEYS:
            raise cfg.error(f"unknown key '{k}' in 'units' (known: {', '.join(sorted(UNIT_KEYS))})", "units", k)
        if k in ("max_heading_chars", "heading_level"):
            if not isinstance(v, int) or isinstance(v, bool) or v < 1:
                raise cfg.error(f"'{k}' must be a positive whole number", "units", k)
            setattr(opts, k, v)
        elif v is not None:
            if not isinstance(v, str):
                raise cfg.error("'heading_pattern' must be a regular expression", "units", k)
            try:
                opts.heading_pattern = re.compile(v)
            except re.error as e:
                raise cfg.error(f"'heading_pattern' is not a valid regular expression: {e}", "units", k) from None
    return opts


def _docx(cfg: Config, value: Any) -> DocxLimits:
    if not isinstance(value, dict):
        raise cfg.error("'docx' must be a mapping", "docx")
    limits = DocxLimits()
    for k, v in value.items():
        if k not in DOCX_KEYS:
            raise cfg.error(f"unknown key '{k}' in 'docx' (known: {', '.join(sorted(DOCX_KEYS))})", "docx", k)
        whole = k == "max_paragraphs"
        if isinstance(v, bool) or not isinstance(v, int if whole else (int, float)) or v <= 0:
            raise cfg.error(f"'{k}' must be a positive {'whole ' if whole else ''}number", "docx", k)
        setattr(limits, k, v)
    return limits
