"""yblint's files kept between runs (yblint/cache.py): private, written whole, pruned when stale."""

from __future__ import annotations

import os
import time

import numpy as np
import pytest

from yblint import cache
from yblint.text import words


@pytest.fixture
def folder(tmp_path, monkeypatch):
    d = tmp_path / "yblint-cache"
    monkeypatch.setattr(cache, "folder", lambda: d)
    return d


def test_the_folder_is_made_private_and_a_shared_one_is_refused(folder):
    assert cache.private() is None  # not there yet
    assert cache.private(make=True) == folder
    assert folder.stat().st_mode & 0o777 == 0o700
    folder.chmod(0o777)
    assert cache.private() is None
    folder.chmod(0o700)


def test_writing_removes_files_of_the_same_kind_unused_for_a_week(folder):
    cache.private(make=True)
    old = folder / "jieba-tags-1-1.npy"
    recent = folder / "jieba-tags-2-2.npy"
    other = folder / "rules-abc.json"
    for p in (old, recent, other):
        p.write_text("x")
    week = time.time() - (cache.STALE_DAYS + 1) * cache.DAY
    os.utime(old, (week, week))
    os.utime(other, (week, week))
    new = folder / "jieba-tags-3-3.npy"
    cache.write(new, lambda tmp: tmp.write_text("table"), "jieba-tags-")
    assert new.read_text() == "table"
    assert not old.exists() and recent.exists() and other.exists()  # other kinds are left alone
    assert not [p for p in folder.iterdir() if p.name.endswith(".tmp")]


def test_a_file_in_use_is_marked_and_kept(folder):
    cache.private(make=True)
    p = folder / "rules-x.json"
    p.write_text("{}")
    week = time.time() - (cache.STALE_DAYS + 1) * cache.DAY
    os.utime(p, (week, week))
    cache.used(p)
    assert cache.prune(folder, "rules-") == []
    assert p.exists()


def test_word_tables_are_kept_in_the_private_folder_and_read_back(folder, monkeypatch):
    made = []

    def build():
        made.append(1)
        return np.arange(5, dtype=np.int64)

    first = words._cached_table("test", build)
    again = words._cached_table("test", build)
    assert first is not None and again is not None
    assert (first == again).all() and made == [1]
    [stored] = folder.glob("jieba-test-*.npy")
    assert stored.stat().st_mode & 0o077 == 0 or folder.stat().st_mode & 0o777 == 0o700


def test_the_temporary_directory_is_the_one_the_environment_names(tmp_path, monkeypatch):
    for name in ("TMPDIR", "TEMP", "TMP"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("TMP", str(tmp_path))
    assert cache.temporary_directory() == str(tmp_path)
    monkeypatch.setenv("TMPDIR", str(tmp_path / "missing"))  # not a folder: the next one
    assert cache.temporary_directory() == str(tmp_path)
    monkeypatch.delenv("TMP")
    if os.name != "nt":
        assert cache.temporary_directory() == "/tmp"


def test_a_cache_file_with_another_key_is_not_read(tmp_path, monkeypatch):
    from yblint import rules_cache
    from yblint.ruledefs import builtin_rules_dir

    monkeypatch.setattr(cache, "folder", lambda: tmp_path / "c")
    files = sorted(builtin_rules_dir().rglob("*.yaml"))[:2]
    rules_cache.store(files, [({"id": "a"}, {}), ({"id": "b"}, {})])
    assert rules_cache.load(files) == [({"id": "a"}, {}), ({"id": "b"}, {})]
    path = rules_cache.path_for(files)
    path.write_text(path.read_text(encoding="utf-8").replace('"key": "', '"key": "x'), encoding="utf-8")
    assert rules_cache.load(files) is None


@pytest.mark.skipif(os.name == "nt", reason="symbolic links")
def test_the_rules_key_names_each_file_by_its_folder_s_real_path(tmp_path):
    """Rule files of the same size and time in two folders have two keys; a folder reached
    through a link is the folder itself; a changed file is another key."""
    from yblint import rules_cache

    a, b = tmp_path / "a", tmp_path / "b"
    for d in (a, b):
        d.mkdir()
        (d / "r.yaml").write_text("id: r\n", encoding="utf-8")
        os.utime(d / "r.yaml", ns=(10**18, 10**18))
    (tmp_path / "link").symlink_to(a)
    key_a = rules_cache._key([a / "r.yaml"])
    assert key_a is not None and str(a.resolve() / "r.yaml") in key_a
    assert key_a != rules_cache._key([b / "r.yaml"])
    assert rules_cache._key([tmp_path / "link" / "r.yaml"]) == key_a
    (a / "r.yaml").write_text("id: rr\n", encoding="utf-8")
    assert rules_cache._key([a / "r.yaml"]) != key_a
    assert rules_cache._key([a / "gone.yaml"]) is None


def test_tables_of_a_format_no_longer_read_are_removed_too(folder, monkeypatch):
    cache.private(make=True)
    old_format = folder / "jieba-index2-1-1.npy"  # a name no version reads any more
    old_format.write_bytes(b"x")
    week = time.time() - (cache.STALE_DAYS + 1) * cache.DAY
    os.utime(old_format, (week, week))
    words._cached_table("fresh", lambda: np.arange(3))
    assert not old_format.exists() and list(folder.glob("jieba-fresh-*.npy"))


@pytest.fixture
def dictionary(tmp_path, monkeypatch):
    """A dictionary file of its own, in place of jieba's."""
    path = tmp_path / "dict.txt"
    path.write_text("经济 100 n\n发展 90 v\n", encoding="utf-8")
    monkeypatch.setattr(words, "_dictionary", lambda: path)
    words._dictionary_digest.cache_clear()
    yield path
    words._dictionary_digest.cache_clear()


def _builder(made: list[int]):
    def build():
        made.append(1)
        return np.arange(4, dtype=np.int64)

    return build


def test_copies_of_one_dictionary_share_one_table(folder, dictionary):
    # jieba installed again (another virtualenv, a reinstall): the same dictionary with another
    # modification time must not make (and keep, for a week) another 8 MB table
    made: list[int] = []
    words._cached_table("t", _builder(made))
    later = dictionary.stat().st_mtime + 3600
    os.utime(dictionary, (later, later))
    table = words._cached_table("t", _builder(made))
    assert table is not None and table.tolist() == [0, 1, 2, 3]
    assert made == [1]
    assert len(list(folder.glob("jieba-t-*.npy"))) == 1
    assert len(list(folder.glob("jieba-stamp-*"))) == 2  # one for each size and time seen


def test_another_dictionary_of_the_same_size_gets_its_own_table(folder, dictionary):
    made: list[int] = []
    words._cached_table("t", _builder(made))
    text = dictionary.read_text(encoding="utf-8")
    dictionary.write_text(text.replace("100", "200"), encoding="utf-8")  # same size, other words
    later = dictionary.stat().st_mtime + 3600
    os.utime(dictionary, (later, later))
    words._cached_table("t", _builder(made))
    assert made == [1, 1]
    assert len(list(folder.glob("jieba-t-*.npy"))) == 2


def test_a_damaged_stamp_is_made_again_from_the_dictionary(folder, dictionary):
    made: list[int] = []
    words._cached_table("t", _builder(made))
    [stamp] = folder.glob("jieba-stamp-*")
    digest = stamp.read_text(encoding="ascii")
    stamp.write_text("not a digest", encoding="ascii")
    words._dictionary_digest.cache_clear()
    words._cached_table("t", _builder(made))
    assert made == [1]  # the table was found again under the dictionary's digest
    assert stamp.read_text(encoding="ascii") == digest


def test_the_tables_made_from_opencc_s_dictionaries_are_kept_and_read_back(folder, monkeypatch):
    """traditional-char's tables are made from OpenCC's dictionaries once (25-45 ms) and read back
    by later runs (1 ms); a damaged file is made again."""
    from yblint.checks import traditional_char

    made = []
    real = traditional_char._made

    def counting():
        made.append(1)
        return real()

    monkeypatch.setattr(traditional_char, "_made", counting)
    traditional_char._plain.cache_clear()
    try:
        first = traditional_char._plain()
        traditional_char._plain.cache_clear()
        again = traditional_char._plain()
        assert again == first and made == [1]
        assert "農" in first[0] and first[3] >= 2
        [stored] = folder.glob("opencc-*.marshal")
        stored.write_bytes(b"damaged")
        traditional_char._plain.cache_clear()
        assert traditional_char._plain() == first and made == [1, 1]
    finally:
        traditional_char._plain.cache_clear()
