"""The baseline: --write-baseline records today's findings; --baseline (or config baseline:)
reports only new ones, says how many were suppressed and how many recorded findings no longer occur."""

import json
import shutil
from pathlib import Path

import jsonschema
import pytest
from conftest import ROOT, SEED

SCHEMA = json.loads((ROOT / "yblint" / "schema" / "report.schema.json").read_text())

FIRE = "全年共发生火灾112起，无人员伤亡，未（下转6版）"
DRAFT = f"""团区委

（紧接4版）代表大会选举工作，产生新一届领导班子。

开展志愿服务活动120场，服务群众3000人次。

区消防大队

{FIRE}

开展消防宣传进社区活动45场，培训群众5000人次。
"""


@pytest.fixture
def work(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


def check(cli, *args):
    return cli("check", *args, "--select", "layout-marker", "--lang", "en")


def write(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")


def test_write_baseline_records_findings_as_sorted_json(cli, work):
    write(work / "a.txt", DRAFT)
    r = check(cli, "a.txt", "--write-baseline", "base.json")
    assert r.code == 0
    assert "Recorded 2 findings in the baseline base.json." in r.out
    data = json.loads((work / "base.json").read_text(encoding="utf-8"))
    assert data["version"] == 1
    assert {e["excerpt"] for e in data["entries"]} == {"（紧接4版）", "（下转6版）"}
    assert all(e["rule"] == "layout-marker" and e["path"] == "a.txt" and e["count"] == 1 for e in data["entries"])
    fps = [e["fingerprint"] for e in data["entries"]]
    assert fps == sorted(fps) and all(len(fp) == 16 for fp in fps)
    text = (work / "base.json").read_text(encoding="utf-8")
    assert text == json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    # the same run writes the same bytes
    check(cli, "a.txt", "--write-baseline", "again.json")
    assert (work / "again.json").read_text(encoding="utf-8") == text


def test_round_trip_move_edit_remove(cli, work):
    draft = work / "a.txt"
    write(draft, DRAFT)
    assert check(cli, "a.txt").code == 1
    assert check(cli, "a.txt", "--write-baseline", "base.json").code == 0

    r = check(cli, "a.txt", "--baseline", "base.json")
    assert r.code == 0
    assert "Found 0 findings" in r.out
    assert "2 findings suppressed by the baseline base.json." in r.out

    # move the paragraph with the marker at its end to the other unit, before its first paragraph
    moved = DRAFT.replace(f"{FIRE}\n\n", "").replace("团区委\n\n", f"团区委\n\n{FIRE}\n\n")
    assert moved != DRAFT and moved.count(FIRE) == 1
    write(draft, moved)
    r = check(cli, "a.txt", "--baseline", "base.json")
    assert (r.code, "Found 0 findings" in r.out) == (0, True), r.out

    # edit the flagged text: the finding is back, and its old entry no longer matches
    write(draft, moved.replace("未（下转6版）", "未（下转7版）"))
    r = check(cli, "a.txt", "--baseline", "base.json")
    assert r.code == 1
    [line] = [ln for ln in r.out.splitlines() if "layout-marker" in ln]
    assert line.startswith("a.txt:3:20: error layout-marker ") and "（下转7版）" in line
    assert "1 finding suppressed by the baseline base.json; 1 recorded finding no longer occurs" in r.out

    # remove the flagged text: nothing to report, one entry no longer matches
    write(draft, moved.replace("未（下转6版）", "未造成财产损失。"))
    r = check(cli, "a.txt", "--baseline", "base.json")
    assert r.code == 0
    assert "1 finding suppressed by the baseline base.json; 1 recorded finding no longer occurs" in r.out


def test_moving_a_unit_to_another_file_keeps_it_suppressed(cli, work):
    write(work / "a.txt", DRAFT)
    write(work / "b.txt", "区妇联\n\n开展妇女儿童维权服务20次。\n")
    check(cli, "a.txt", "b.txt", "--write-baseline", "base.json")
    head, fire_unit = DRAFT.split("区消防大队\n")
    write(work / "a.txt", head)
    write(work / "b.txt", "区妇联\n\n开展妇女儿童维权服务20次。\n\n区消防大队\n" + fire_unit)
    r = check(cli, "a.txt", "b.txt", "--baseline", "base.json")
    assert r.code == 0, r.out
    assert "2 findings suppressed" in r.out and "no longer occur" not in r.out


def test_a_new_occurrence_of_a_baselined_text_is_reported(cli, work):
    write(work / "a.txt", DRAFT)
    check(cli, "a.txt", "--write-baseline", "base.json")
    # the same defect, word for word, in a new file: the baseline holds one, so one is reported,
    # and it is the one in the file the entry does not name
    write(work / "b.txt", f"区消防大队\n\n{FIRE}\n")
    r = check(cli, "a.txt", "b.txt", "--baseline", "base.json")
    assert r.code == 1
    assert [ln.split(": ")[0] for ln in r.out.splitlines() if "layout-marker" in ln] == ["b.txt:3:20"]
    assert "2 findings suppressed" in r.out


def test_counts_multiplicity(cli, work):
    write(work / "a.txt", f"区消防大队\n\n{FIRE}\n\n{FIRE}\n")
    check(cli, "a.txt", "--write-baseline", "base.json")
    [entry] = json.loads((work / "base.json").read_text(encoding="utf-8"))["entries"]
    assert entry["count"] == 2
    write(work / "a.txt", f"区消防大队\n\n{FIRE}\n\n{FIRE}\n\n{FIRE}\n")
    r = check(cli, "a.txt", "--baseline", "base.json")
    assert r.code == 1
    assert len([ln for ln in r.out.splitlines() if "layout-marker" in ln]) == 1
    write(work / "a.txt", f"区消防大队\n\n{FIRE}\n")
    r = check(cli, "a.txt", "--baseline", "base.json")
    assert r.code == 0
    assert "1 finding suppressed by the baseline base.json; 1 recorded finding no longer occurs" in r.out


def test_a_run_over_some_files_does_not_call_the_others_stale(cli, work):
    write(work / "a.txt", DRAFT)
    write(work / "b.txt", "区消防大队\n\n开展消防宣传。（下转3版）\n")
    check(cli, "a.txt", "b.txt", "--write-baseline", "base.json")
    r = check(cli, "a.txt", "--baseline", "base.json")  # as a pre-commit hook passes changed files only
    assert r.code == 0
    assert "2 findings suppressed" in r.out and "no longer occur" not in r.out
    (work / "b.txt").unlink()  # a deleted file's entries are stale
    r = check(cli, "a.txt", "--baseline", "base.json")
    assert "1 recorded finding no longer occurs" in r.out


def test_entries_of_rules_that_did_not_run_are_not_stale(cli, work):
    write(work / "a.txt", DRAFT)
    check(cli, "a.txt", "--write-baseline", "base.json")
    r = cli("check", "a.txt", "--baseline", "base.json", "--ignore", "layout-marker", "--lang", "en")
    assert "no longer occur" not in r.out


def test_config_baseline_is_relative_to_the_config_file(cli, work):
    (work / "cfg").mkdir()
    (work / "drafts").mkdir()
    write(work / "drafts" / "a.txt", DRAFT)
    write(work / "cfg" / ".yblint.yaml", "baseline: ../base/yb.json\nselect: [layout-marker]\nlang: en\n")
    (work / "base").mkdir()
    r = cli("check", "drafts", "--config", "cfg/.yblint.yaml", "--write-baseline", "base/yb.json")
    assert r.code == 0
    # paths in the baseline are relative to the baseline's folder
    entries = json.loads((work / "base" / "yb.json").read_text(encoding="utf-8"))["entries"]
    assert {e["path"] for e in entries} == {"../drafts/a.txt"}
    r = cli("check", "drafts", "--config", "cfg/.yblint.yaml")
    assert r.code == 0
    assert "2 findings suppressed by the baseline base/yb.json." in r.out


def test_json_summary_counts_and_schema(cli, work):
    write(work / "a.txt", DRAFT)
    check(cli, "a.txt", "--write-baseline", "base.json")
    write(work / "a.txt", DRAFT.replace("（紧接4版）", ""))
    r = check(cli, "a.txt", "--baseline", "base.json", "--format", "json")
    report = r.json()
    jsonschema.validate(report, SCHEMA)
    assert report["summary"]["baseline"] == {"file": "base.json", "suppressed": 1, "unmatched": 1, "written": False}
    assert report["summary"]["findings"] == 0
    plain = check(cli, "a.txt", "--format", "json").json()
    assert "baseline" not in plain["summary"]


def test_chinese_note(cli, work):
    write(work / "a.txt", DRAFT)
    cli("check", "a.txt", "--select", "layout-marker", "--write-baseline", "base.json")
    write(work / "a.txt", DRAFT.replace("（紧接4版）", ""))
    r = cli("check", "a.txt", "--select", "layout-marker", "--baseline", "base.json")
    assert "基线 base.json 屏蔽了 1 处已知问题；基线记录的问题中有 1 处已不再出现" in r.out


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "baseline file not found"),
        ("{not json", "the baseline is not valid JSON"),
        ('{"version": 2, "entries": []}', "unsupported baseline version 2"),
        ('{"version": 1, "entries": [{"rule": "x"}]}', "baseline entry 1 needs"),
        ("[]", "not a yblint baseline"),
    ],
)
def test_bad_baseline_is_a_clear_error(cli, work, content, message):
    write(work / "a.txt", DRAFT)
    if content is not None:
        write(work / "base.json", content)
    r = check(cli, "a.txt", "--baseline", "base.json")
    assert r.code == 2
    assert "base.json" in r.err and message in r.err


def test_seed_page_round_trip_with_every_rule(cli, work):
    shutil.copy(SEED, work / "seed.txt")
    first = cli("check", "seed.txt", "--format", "json").json()
    assert first["summary"]["findings"] >= 2
    assert cli("check", "seed.txt", "--write-baseline", "base.json").code == 0
    r = cli("check", "seed.txt", "--baseline", "base.json", "--format", "json")
    assert r.code == 0, r.out
    assert r.json()["summary"]["baseline"]["suppressed"] == first["summary"]["findings"]
    assert r.json()["summary"]["baseline"]["unmatched"] == 0


def _seed_units(*names: str) -> str:
    """The units of the seed page with these headings, as a draft of their own."""
    lines = SEED.read_text(encoding="utf-8").split("\n")
    out, keep = [], False
    for i, line in enumerate(lines):
        is_heading = line.strip() and len(line) <= 20 and (i == 0 or not lines[i - 1].strip())
        if is_heading and not line.endswith("。"):
            keep = line.strip() in names
        if keep:
            out.append(line)
    return "\n".join(out).strip() + "\n"


def test_copied_passage_moved_stays_suppressed_edited_comes_back(cli, work):
    original, copy = _seed_units("区城投集团"), _seed_units("拱投资")
    assert original.startswith("区城投集团") and copy.startswith("拱投资")
    write(work / "a.txt", original + "\n" + copy)
    args = ("--select", "duplicate-passage", "--lang", "en")
    assert cli("check", "a.txt", *args).code == 1
    cli("check", "a.txt", *args, "--write-baseline", "base.json")
    # move the units around: the copy first, then the original
    write(work / "a.txt", copy + "\n" + original)
    r = cli("check", "a.txt", *args, "--baseline", "base.json")
    assert r.code == 0, r.out
    # editing the copied passage (a word of it) brings it back
    edited = copy.replace("最终选定安置房房屋226套", "最终确定安置房房屋226套")
    assert edited != copy
    write(work / "a.txt", original + "\n" + edited)
    r = cli("check", "a.txt", *args, "--baseline", "base.json")
    assert r.code == 1, r.out
    assert "duplicate-passage" in r.out
    # so does changing only a figure of it: the copy is still there, but it is no longer what was accepted
    refigured = copy.replace("最终选定安置房房屋226套", "最终选定安置房房屋228套")
    assert refigured != copy
    write(work / "a.txt", original + "\n" + refigured)
    r = cli("check", "a.txt", *args, "--baseline", "base.json")
    assert r.code == 1, r.out


def test_no_baseline_is_written_when_a_draft_cannot_be_read(cli, work):
    """A baseline without an unreadable draft's findings would report them all as new once the
    draft is saved in one encoding: nothing is written, exit 2, a line says why."""
    write(work / "a.txt", DRAFT)
    (work / "b.txt").write_bytes("团区委\n\n（下转6版）\n".encode() + "截止9月底。\n".encode("gbk"))
    r = check(cli, "a.txt", "b.txt", "--write-baseline", "base.json")
    assert r.code == 2 and not (work / "base.json").exists()
    assert "b.txt" in r.err and "base.json: not written: 1 file(s) could not be read" in r.err
    (work / "b.txt").write_text("团区委\n\n开展活动。\n", encoding="utf-8")
    assert check(cli, "a.txt", "b.txt", "--write-baseline", "base.json").code == 0
    assert (work / "base.json").exists()
