"""--format sarif: SARIF 2.1.0 that validates against the OASIS schema and carries what GitHub
code scanning reads (rules with descriptions and help, results with regions, related
locations, partial fingerprints)."""

import json
from pathlib import Path

import jsonschema
import pytest
from conftest import ROOT, SEED, doc_of

from yblint.check import Check
from yblint.config import Config
from yblint.engine import RunResult, lint
from yblint.errors import InputError
from yblint.finding import Finding, Location
from yblint.registry import Registry
from yblint.reporters import ReportContext
from yblint.reporters.sarif import artifact_uri, sarif_dict

SARIF_SCHEMA = json.loads((ROOT / "tests" / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
VALIDATOR = jsonschema.validators.validator_for(SARIF_SCHEMA)(SARIF_SCHEMA)
SEED_REL = SEED.relative_to(ROOT).as_posix()


def valid(sarif: dict) -> dict:
    errors = [f"{list(e.path)}: {e.message}" for e in VALIDATOR.iter_errors(sarif)]
    assert errors == []
    return sarif


@pytest.fixture
def in_root(monkeypatch):
    monkeypatch.chdir(ROOT)


def test_schema_copy_is_the_oasis_sarif_2_1_0_schema():
    assert SARIF_SCHEMA["id"].endswith("/sarif-schema-2.1.0.json")
    assert "draft-04" in SARIF_SCHEMA["$schema"]


def test_seed_page_sarif_validates_and_locates_findings(cli, in_root):
    r = cli("check", SEED_REL, "--format", "sarif")
    assert r.code == 1
    sarif = valid(json.loads(r.out))
    assert sarif["version"] == "2.1.0"
    [run] = sarif["runs"]
    assert run["columnKind"] == "unicodeCodePoints"
    assert run["invocations"] == [{"executionSuccessful": True}]
    driver = run["tool"]["driver"]
    assert driver["name"] == "yblint"
    rules = driver["rules"]
    assert [r["id"] for r in rules] == sorted(r["id"] for r in rules)
    assert "layout-marker" in [r["id"] for r in rules]
    as_json = cli("check", SEED_REL, "--format", "json").json()
    assert len(run["results"]) == len(as_json["findings"])
    for res, f in zip(run["results"], as_json["findings"], strict=True):
        assert res["ruleId"] == f["rule"]
        assert rules[res["ruleIndex"]]["id"] == res["ruleId"]
        assert res["message"]["text"] == f["message"]
        assert res["partialFingerprints"] == {"yblintFingerprint/v1": f["fingerprint"]}
        loc = res["locations"][0]["physicalLocation"]
        assert loc["artifactLocation"]["uri"] == SEED_REL
        region = loc["region"]
        assert (region["startLine"], region["startColumn"], region["endLine"], region["endColumn"]) == (
            f["line"],
            f["column"],
            f["end_line"],
            f["end_column"],
        )
    [marker] = [
        res
        for res in run["results"]
        if res["ruleId"] == "layout-marker" and res["locations"][0]["physicalLocation"]["region"]["startLine"] == 217
    ]
    assert marker["level"] == "error"
    assert marker["locations"][0]["physicalLocation"]["region"] == {
        "startLine": 217,
        "startColumn": 152,
        "endLine": 217,
        "endColumn": 158,
        "snippet": {"text": "（下转6版）"},
    }
    assert marker["properties"]["unit"] == "区消防大队"
    [artifact] = run["artifacts"]
    assert artifact["location"] == {"uri": SEED_REL, "uriBaseId": "%SRCROOT%"}
    assert artifact["encoding"] == "UTF-8"


def test_rule_metadata_has_descriptions_help_and_examples(cli, in_root):
    run = json.loads(cli("check", SEED_REL, "--format", "sarif", "--select", "layout-marker").out)["runs"][0]
    [rule] = run["tool"]["driver"]["rules"]
    d = Registry.load([]).defs["layout-marker"]
    assert rule["id"] == "layout-marker"
    assert rule["shortDescription"]["text"] == d.description["zh"]
    assert rule["fullDescription"]["text"].startswith(d.description["zh"])
    assert rule["defaultConfiguration"]["level"] == "error"
    example = d.examples[0]
    assert f"`{example['bad']}`" in rule["help"]["markdown"]
    assert f"`{example['good']}`" in rule["help"]["markdown"]
    assert example["bad"] in rule["help"]["text"] and example["good"] in rule["help"]["text"]
    en = json.loads(cli("check", SEED_REL, "--format", "sarif", "--select", "layout-marker", "--lang", "en").out)
    [rule_en] = valid(en)["runs"][0]["tool"]["driver"]["rules"]
    assert rule_en["shortDescription"]["text"] == d.description["en"]
    assert "**Examples**" in rule_en["help"]["markdown"]


def test_severity_levels_follow_the_config(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("a.txt").write_text("区消防大队\n\n未（下转6版）\n", encoding="utf-8")
    for severity, level in (("error", "error"), ("warning", "warning"), ("info", "note")):
        Path("c.yaml").write_text(f"rules:\n  layout-marker:\n    severity: {severity}\n", encoding="utf-8")
        args = ("check", "a.txt", "--config", "c.yaml", "--select", "layout-marker", "--format", "sarif")
        [res] = valid(json.loads(cli(*args).out))["runs"][0]["results"]
        assert res["level"] == level


def test_artifact_encodings_are_iana_names(cli, tmp_path, monkeypatch):
    """Each file's encoding as IANA names it (UTF-16LE, not utf-16-le), for drafts read by their
    byte-order mark and for GB18030."""
    monkeypatch.chdir(tmp_path)
    text = "区消防大队\n\n未（下转6版）\n"
    for codec in ("utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"):
        Path(f"{codec}.txt").write_bytes("\ufeff".encode(codec) + text.encode(codec))
    Path("gb.txt").write_bytes(text.encode("gb18030"))
    run = valid(json.loads(cli("check", ".", "--select", "layout-marker", "--format", "sarif").out))["runs"][0]
    got = {a["location"]["uri"]: a["encoding"] for a in run["artifacts"]}
    assert got == {
        "gb.txt": "GB18030",
        "utf-16-be.txt": "UTF-16BE",
        "utf-16-le.txt": "UTF-16LE",
        "utf-32-be.txt": "UTF-32BE",
        "utf-32-le.txt": "UTF-32LE",
    }


def test_columns_count_code_points_not_utf16_units(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    # 𠮷 is outside the BMP: two UTF-16 code units, one code point
    Path("a.txt").write_text("区消防大队\n\n𠮷𠮷未（下转6版）\n", encoding="utf-8")
    result = lint(["a.txt"], Config(), select=["layout-marker"])
    sarif = valid(sarif_dict(result, ReportContext()))
    [res] = sarif["runs"][0]["results"]
    region = res["locations"][0]["physicalLocation"]["region"]
    assert (region["startColumn"], region["endColumn"]) == (4, 10)
    assert sarif["runs"][0]["columnKind"] == "unicodeCodePoints"


def _result_with_related(tmp_path) -> tuple[RunResult, dict]:
    a = doc_of(tmp_path / "团区委.txt", "团区委\n\n开展志愿服务活动120场。\n")
    b = doc_of(tmp_path / "b c.md", "# 区妇联\n\n开展志愿服务活动120场。\n")
    reg = Registry.load([])
    rule = reg.defs["layout-marker"]
    f = Finding(
        rule="layout-marker",
        severity="info",
        message="复制了“团区委”的文字 50% 100%\n第二行",
        location=Location(b, b.text.index("开展"), b.text.index("。") + 1),
        related=[Location(a, a.text.index("开展"), a.text.index("。") + 1)],
        data={"similarity": 1.0},
        key="开展志愿服务活动120场。",
    )
    result = RunResult(documents=[b], findings=[f], rules=[rule])
    return result, valid(sarif_dict(result, ReportContext(rules=reg.defs)))


def test_related_locations_and_uris(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result, sarif = _result_with_related(Path("."))
    [run] = sarif["runs"]
    [res] = run["results"]
    assert res["level"] == "note"
    assert res["message"]["text"] == "复制了“团区委”的文字 50% 100%\n第二行"
    loc = res["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"]["uri"] == "b%20c.md"
    assert loc["region"] == {
        "startLine": 3,
        "startColumn": 1,
        "endLine": 3,
        "endColumn": 14,
        "snippet": {"text": "开展志愿服务活动120场。"},
    }
    [rel] = res["relatedLocations"]
    assert rel["id"] == 1
    rloc = rel["physicalLocation"]
    assert rloc["artifactLocation"]["uri"] == "%E5%9B%A2%E5%8C%BA%E5%A7%94.txt"
    assert run["artifacts"][rloc["artifactLocation"]["index"]]["location"]["uri"] == rloc["artifactLocation"]["uri"]
    assert (rloc["region"]["startLine"], rloc["region"]["startColumn"]) == (3, 1)
    assert "团区委.txt:3:1" in rel["message"]["text"] and "团区委" in rel["message"]["text"]
    assert res["partialFingerprints"]["yblintFingerprint/v1"] == result.findings[0].fingerprint
    assert res["properties"]["data"] == {"similarity": 1.0}
    for artifact in run["artifacts"]:
        assert all(ord(c) < 128 and c != " " for c in artifact["location"]["uri"])


def test_artifact_uri_forms(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert artifact_uri("./drafts/a.md") == ("drafts/a.md", "%SRCROOT%")
    assert artifact_uri(str(tmp_path / "drafts" / "a.md")) == ("drafts/a.md", "%SRCROOT%")
    outside = tmp_path.parent / "其他" / "a.md"
    uri, base = artifact_uri(str(outside))
    assert base is None and uri.startswith("file:///") and uri.endswith("/%E5%85%B6%E4%BB%96/a.md")


def test_unreadable_input_is_a_tool_notification():
    result = RunResult(documents=[], findings=[], errors=[InputError("binary file, not a draft", "x.docx")])
    sarif = valid(sarif_dict(result, ReportContext()))
    [inv] = sarif["runs"][0]["invocations"]
    assert inv["executionSuccessful"] is False
    [note] = inv["toolExecutionNotifications"]
    assert note["level"] == "error" and note["message"]["text"] == "binary file, not a draft"
    assert note["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "x.docx"


def test_fixes_are_sarif_fixes(tmp_path):
    doc = doc_of(tmp_path / "a.txt", "甲\n\n正文（下转6版）\n")
    reg = Registry.load([])
    start = doc.text.index("（")
    f = Finding(
        rule="layout-marker",
        severity="error",
        message="m",
        location=Location(doc, start, start + 6),
        fix=Check.replace(doc, start, start + 6, "", "删除标记"),
    )
    sarif = valid(
        sarif_dict(RunResult(documents=[doc], findings=[f], rules=[reg.defs["layout-marker"]]), ReportContext())
    )
    [fix] = sarif["runs"][0]["results"][0]["fixes"]
    assert fix["description"]["text"] == "删除标记"
    [change] = fix["artifactChanges"]
    assert change["replacements"] == [
        {
            "deletedRegion": {"startLine": 3, "startColumn": 3, "endLine": 3, "endColumn": 9},
            "insertedContent": {"text": ""},
        }
    ]


def test_output_is_stable(cli, in_root):
    a = cli("check", SEED_REL, "--format", "sarif").out
    b = cli("check", SEED_REL, "--format", "sarif").out
    assert a == b


def test_the_validator_rejects_a_broken_log():
    broken = {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "yblint"}}, "results": [{"ruleId": "x"}]}]}
    assert list(VALIDATOR.iter_errors(broken))  # a result needs a message


def test_a_fix_that_joins_lines_ends_at_column_1_of_the_next_line(tmp_path):
    doc = doc_of(tmp_path / "a.txt", "甲\n\n正文第一\n\n行。\n")
    start = doc.text.index("一") + 1
    end = doc.text.index("行")
    f = Finding(
        rule="layout-marker",
        severity="error",
        message="m",
        location=Location(doc, start, end),
        fix=Check.replace(doc, start, end, "", "合并段落"),
    )
    sarif = valid(sarif_dict(RunResult(documents=[doc], findings=[f]), ReportContext()))
    [change] = sarif["runs"][0]["results"][0]["fixes"][0]["artifactChanges"]
    region = change["replacements"][0]["deletedRegion"]
    assert region == {"startLine": 3, "startColumn": 5, "endLine": 5, "endColumn": 1}
