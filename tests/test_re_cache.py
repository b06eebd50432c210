"""yblint's regular expressions as earlier runs compiled them (yblint/re_cache.py): a pattern made
from the kept code is the pattern ``re.compile`` makes; a damaged or foreign file is not trusted."""

from __future__ import annotations

import importlib
import marshal
import pkgutil
import re
from pathlib import Path

import pytest

import yblint
from yblint import cache, lazyre, re_cache

ROOT = Path(__file__).resolve().parent.parent
SEED = (ROOT / "fixtures" / "gongshu-yearbook-2021-page5.txt").read_text(encoding="utf-8")

SAMPLES = [
    (r"(?P<year>\d{4})年(?P<month>\d{1,2})月", 0),
    (r"^#+\s*(.+)$", re.M),
    (r"[一二三四五六七八九十]+是", 0),
    (r"total\s+(\d+)", re.I),
    (r"(?<![\d.])\d+(?:\.\d+)?%", 0),
    (r"""(?x) 截止 \s* (?=\d)  # 截止 before a date""", 0),
    (r"(a)(b)?(?(2)c|d)", 0),
    (r"[^\W\d_]+", re.A),
]
TEXTS = [SEED, "2021年10月 TOTAL 12 其中三是 12.5% 截止2021 abd abc", "# 标题\n## 二级\nplain"]


def _next_run(monkeypatch) -> None:
    """Forget what this process read and compiled, as a new run would start."""
    for kept in (re_cache.RE, re_cache.REGEX):
        monkeypatch.setattr(kept, "known", None)
        monkeypatch.setattr(kept, "added", {})
        monkeypatch.setattr(kept, "used", set())
        monkeypatch.setattr(kept, "made", {})


@pytest.fixture
def fresh(tmp_path, monkeypatch):
    """An empty cache folder, and nothing read or compiled yet in this process."""
    d = tmp_path / "yblint-cache"
    monkeypatch.setattr(cache, "folder", lambda: d)
    _next_run(monkeypatch)
    return d


def _same(a: re.Pattern[str], b: re.Pattern[str]) -> None:
    assert (a.pattern, a.flags, a.groups, a.groupindex) == (b.pattern, b.flags, b.groups, b.groupindex)
    for text in TEXTS:
        assert [(m.span(), m.groups()) for m in a.finditer(text)] == [(m.span(), m.groups()) for m in b.finditer(text)]


def test_patterns_made_from_the_kept_code_match_as_re_compiles_them(fresh, monkeypatch):
    for pattern, flags in SAMPLES:
        _same(re_cache.compile(pattern, flags), re.compile(pattern, flags))
    re_cache.save()
    assert len(list(fresh.glob("re-*.marshal"))) == 1
    _next_run(monkeypatch)
    made = []
    monkeypatch.setattr(re_cache.RE, "arguments", lambda *a: made.append(a))  # a miss would call it
    for pattern, flags in SAMPLES:
        _same(re_cache.compile(pattern, flags), re.compile(pattern, flags))
    assert made == []  # every one came from the file
    assert re_cache.RE.added == {}


def test_every_lazy_pattern_of_yblint_round_trips(fresh, monkeypatch):
    """Every pattern yblint's modules compile through lazyre, compiled, kept, read back."""
    lazies = []
    for info in pkgutil.walk_packages(yblint.__path__, "yblint."):
        if info.name.endswith("__main__"):
            continue  # runs the command line
        module = importlib.import_module(info.name)
        lazies += [v for v in vars(module).values() if isinstance(v, lazyre.LazyPattern)]
    sources = list(dict.fromkeys(lazy._source for lazy in lazies))
    assert len(sources) > 100
    for pattern, flags in sources:
        re_cache.compile(pattern, flags)
    re_cache.save()
    _next_run(monkeypatch)
    for pattern, flags in sources:
        _same(re_cache.compile(pattern, flags), re.compile(pattern, flags))
    assert re_cache.RE.added == {}


def test_save_adds_to_what_another_process_wrote(fresh, monkeypatch):
    re_cache.compile("first", 0)
    re_cache.save()
    _next_run(monkeypatch)
    monkeypatch.setattr(re_cache.RE, "known", {})  # this process read the file before the other wrote it
    re_cache.compile("second", 0)
    re_cache.save()
    (path,) = fresh.glob("re-*.marshal")
    key, known = marshal.loads(path.read_bytes())
    assert key == re_cache.RE.key()
    assert set(known) == {("first", 0), ("second", 0)}


def test_nothing_new_writes_nothing(fresh):
    re_cache.save()
    assert not fresh.exists()


@pytest.mark.parametrize(
    "content",
    [b"", b"not marshal at all", marshal.dumps(["a list"]), marshal.dumps(("another key", {("x", 0): (0,)}))],
)
def test_a_damaged_or_foreign_file_is_not_trusted(fresh, monkeypatch, content):
    re_cache.compile("x(y)", 0)
    re_cache.save()
    (path,) = fresh.glob("re-*.marshal")
    path.write_bytes(content)
    _next_run(monkeypatch)
    _same(re_cache.compile("x(y)", 0), re.compile("x(y)", 0))
    assert ("x(y)", 0) in re_cache.RE.added  # compiled again, to be written again


def test_an_entry_sre_refuses_is_compiled_again(fresh, monkeypatch):
    re_cache.compile("a+b", 0)
    re_cache.save()
    (path,) = fresh.glob("re-*.marshal")
    key, known = marshal.loads(path.read_bytes())
    flags, _code, *rest = known[("a+b", 0)]
    known[("a+b", 0)] = (flags, [999, 1, 2], *rest)  # no code _sre accepts
    path.write_bytes(marshal.dumps((key, known)))
    _next_run(monkeypatch)
    _same(re_cache.compile("a+b", 0), re.compile("a+b", 0))


def test_a_bad_pattern_raises_as_re_compile_does(fresh):
    with pytest.raises(re.error, match="missing \\)"):
        re_cache.compile("(unclosed", 0)
    assert re_cache.RE.added == {}


def test_a_pattern_asked_again_is_the_one_made_before(fresh, monkeypatch):
    """Call sites that compile inside a function (lazyre.compile(...).search) pay for it once; the
    patterns kept so are as many as MADE_MOST at most."""
    first = re_cache.compile("其中|另有", 0)
    assert re_cache.compile("其中|另有", 0) is first
    monkeypatch.setattr(re_cache, "MADE_MOST", 3)
    for word in ("一", "二", "三", "四"):
        re_cache.compile(word, 0)
    assert len(re_cache.RE.made) <= 3


def test_a_full_file_keeps_only_the_patterns_of_the_run_that_writes_it(fresh, monkeypatch):
    monkeypatch.setattr(re_cache, "MOST", 3)
    for word in ("一", "二", "三"):
        re_cache.compile(word, 0)
    re_cache.save()
    _next_run(monkeypatch)
    re_cache.compile("三", 0)  # from the file
    re_cache.compile("四", 0)  # new: four in all, one too many
    re_cache.save()
    (path,) = fresh.glob("re-*.marshal")
    assert set(marshal.loads(path.read_bytes())[1]) == {("三", 0), ("四", 0)}


RULE_PATTERNS = [
    r"(?<![\p{Latin}0-9])([0-9０-９]{1,4})[ \t]*[-－–][ \t]*([0-9]{1,4})",
    r"(?:(?<=\p{Han})|(?<=[0-9%％）”’》」])(?=,[ \t]?\p{Han})),[ \t]?",
    r"(?P<token>，)(?:[ \u3000]*(?P=token))+",
    r"(?<=^|[，。；：！？]|年)(?<!各[^，。；！？：\n]{0,15})本(?:区(?![域划])|市)",
    r"(?:我们){e<=1}",
]


def test_rule_patterns_made_from_the_kept_code_match_as_regex_compiles_them(fresh, monkeypatch):
    """The rule files' patterns (the regex module): compiled, kept, read back, each the pattern
    regex.compile makes; a pattern regex refuses raises as it does."""
    import regex

    flags = int(regex.V0)
    for pattern in RULE_PATTERNS:
        re_cache.compile_regex(pattern, flags)
    re_cache.save()
    assert len(list(fresh.glob("regex-*.marshal"))) == 1
    _next_run(monkeypatch)
    made = []
    monkeypatch.setattr(re_cache.REGEX, "arguments", lambda *a: made.append(a))
    for pattern in RULE_PATTERNS:
        kept, fresh_one = re_cache.compile_regex(pattern, flags), regex.compile(pattern, flags)
        assert (kept.pattern, kept.flags, kept.groups, kept.groupindex) == (
            fresh_one.pattern,
            fresh_one.flags,
            fresh_one.groups,
            fresh_one.groupindex,
        )
        for text in [*TEXTS, "县(处)级 1,000个 2019-2021年 本区本市各本区，，我门"]:
            assert [(m.span(), m.groups()) for m in kept.finditer(text)] == [
                (m.span(), m.groups()) for m in fresh_one.finditer(text)
            ]
    assert made == []  # every one came from the file
    with pytest.raises(regex.error):
        re_cache.compile_regex("(unclosed", flags)
