"""Whatever the input, the whole pipeline runs without a crash and every position stays inside
the text. Runs every rule that is registered, so new rules are covered as they land."""

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from yblint.config import Config
from yblint.engine import lint
from yblint.report import report_dict

CJK_HEAVY = st.text(
    alphabet=st.one_of(
        st.sampled_from(
            "区委团妇联工商残红十字会。，；：、！？…—-“”‘’《》（）【】「」()[]# \n\r\t\u30000123456789万亿%％"
        ),
        st.characters(codec="utf-8"),
    ),
    max_size=400,
)


def check_positions(tmp: Path, name: str, data: bytes) -> None:
    p = tmp / name
    p.write_bytes(data)
    result = lint([str(p)], Config())
    report = report_dict(result)
    if result.errors:
        assert all(e.path == str(p) for e in result.errors)
        return
    [doc] = result.documents
    n_lines = doc.lines.line_count
    for f in result.findings:
        for loc in [f.location, *f.related]:
            assert 0 <= loc.start <= loc.end <= len(loc.document.text)
            line, col, end_line, end_col = loc.range()
            assert 1 <= line <= end_line <= loc.document.lines.line_count
            assert col >= 1 and end_col >= 1
    for u in report["files"][0]["units"]:
        assert 1 <= u["line"] <= u["end_line"] <= n_lines


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=CJK_HEAVY, suffix=st.sampled_from([".txt", ".md"]), newline=st.sampled_from(["\n", "\r\n", "\r"]))
def test_random_text_never_crashes(tmp_path, text, suffix, newline):
    text = text.replace("\n", newline)
    check_positions(tmp_path, "draft" + suffix, text.encode("utf-8", "surrogatepass"))


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=300))
def test_random_bytes_never_crash(tmp_path, data):
    check_positions(tmp_path, "draft.txt", data)


@pytest.mark.parametrize("suffix", [".txt", ".md"])
def test_empty_and_blank_files(tmp_path, suffix):
    for i, data in enumerate([b"", b"\n\n\n", b"\xef\xbb\xbf", b"   \r\n\t\r"]):
        check_positions(tmp_path, f"e{i}{suffix}", data)


def test_mixed_line_endings(tmp_path):
    data = "区消防大队\r\n\r\n第一段（下转6版）\n\n第二段。\r\r第三段（下转7版）".encode()
    p = tmp_path / "m.txt"
    p.write_bytes(data)
    result = lint([str(p)], Config(), select=["layout-marker"])
    assert [f.location.range()[:2] for f in result.findings] == [(3, 4), (7, 4)]


@pytest.mark.slow
def test_five_megabyte_single_line(tmp_path):
    line = ("区城投集团全面推进100余个建设项目，共计出让金73.88亿元，" * 200_000)[:5_000_000]
    check_positions(tmp_path, "big.txt", line.encode("utf-8"))
