"""``--format html``: the review page as markup — summary counts, context, side-by-side pairs,
escaping of draft text, language, self-containment. (What a reader sees in a browser is tested in
test_html_browser.py.)"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

import pytest
from conftest import SEED

from yblint.check import Check
from yblint.engine import RunResult
from yblint.finding import Finding, Location
from yblint.model import Corpus
from yblint.parsing import build_document
from yblint.reading import read_source
from yblint.registry import Registry, check_class
from yblint.reporters import ReportContext, load_reporters
from yblint.reporters.html import char_diff
from yblint.ruledefs import RuleDef

lxml_html = pytest.importorskip("lxml.html")

PAIR_ORIGINAL = "今年已成功出让4宗地块，已收储5宗地，共计面积1290.55亩。"
PAIR_COPY = "今年已成功出让4宗地块，已收储6宗地，共计面积1290.55亩。"
PAIR_DRAFT = (
    f"区城投集团\n\n集约资源提升土地利用。{PAIR_ORIGINAL}\n\n"
    f"拱投资\n\n持续提升为民服务水平。{PAIR_COPY}\n\n"
    "（紧接4版）代表大会选举工作，未（下转6版）\n"
)
XSS_NAME = 'draft" onmouseover="alert(2).md'
XSS_DRAFT = (
    "# <img src=x onerror=alert(1)>\n\n"
    '正文<script>window.__pwned=1;alert(1)</script>" onload=alert(1) x="，未（下转6版）\n'
)

TEST_RULE = RuleDef(
    id="test-pair",
    type="check",
    severity="warning",
    description={"zh": "测试：雷同的段落", "en": "test: matching passages"},
    messages={"default": {"zh": "这段文字与“{other_unit}”雷同。", "en": "This passage matches “{other_unit}”."}},
)


class PairCheck(Check):
    """Test-only: PAIR_COPY is reported with PAIR_ORIGINAL as its related location."""

    def run(self, corpus: Corpus) -> Iterable[Finding]:
        for doc in corpus.documents:
            copy, original = doc.text.find(PAIR_COPY), doc.text.find(PAIR_ORIGINAL)
            if copy >= 0 and original >= 0:
                other = Location(doc, original, original + len(PAIR_ORIGINAL))
                yield self.finding(
                    doc,
                    copy,
                    copy + len(PAIR_COPY),
                    related=[other],
                    other_unit=other.unit_name,
                    data={"similarity": 0.97},
                )


@lru_cache(maxsize=1)
def registry() -> Registry:
    return Registry.load()


def run(paths: list[Path], lang: str = "zh", pair: bool = True) -> RunResult:
    """layout-marker and the test-only pair check over ``paths``, as the engine would run them."""
    rules = [registry().defs["layout-marker"]]
    checks: list[Check] = [check_class(rules[0])(rules[0], {}, lang=lang)]
    if pair:
        rules.append(TEST_RULE)
        checks.append(PairCheck(TEST_RULE, {}, lang=lang))
    docs = [build_document(read_source(str(p))) for p in paths]
    corpus = Corpus(documents=docs)
    findings = sorted((f for c in checks for f in c.run(corpus)), key=Finding.sort_key)
    return RunResult(documents=docs, findings=findings, rules=rules)


def pair_result(tmp_path: Path, lang: str = "zh") -> RunResult:
    draft = tmp_path / "draft.txt"
    draft.write_text(PAIR_DRAFT, encoding="utf-8")
    return run([draft], lang)


def render_html(result: RunResult, lang: str = "zh") -> str:
    rules = {**registry().defs, "test-pair": TEST_RULE}
    return load_reporters()["html"](result, ReportContext(lang=lang, rules=rules))


def dom(page: str):
    return lxml_html.document_fromstring(page)


def texts(root, xpath: str) -> list[str]:
    return [e.text_content() for e in root.xpath(xpath)]


def rows(root, table_class: str) -> list[list[str]]:
    return [
        [c.text_content().strip() for c in tr.xpath("./td")]
        for tr in root.xpath(f"//table[contains(@class,'{table_class}')]/tbody/tr")
    ]


def test_summary_counts_by_rule_and_by_unit(tmp_path: Path):
    root = dom(render_html(pair_result(tmp_path)))
    assert texts(root, "//p[@id='totals']") == ["共 1 个文件，发现 3 处问题（错误 2，警告 1，提示 0）。"]
    assert rows(root, "by-rule") == [
        [
            "layout-marker",
            "错误",
            "正文中残留报纸版面的转接标记（下转6版）（紧接4版）、版面页码（— 186 —、第186页）"
            "或未填写的占位符（XX件、××人、【待补】、TODO）。",
            "2",
        ],
        ["test-pair", "警告", "测试：雷同的段落", "1"],
    ]
    assert rows(root, "by-unit") == [
        ["区城投集团", "第 1–3 行", "0", "0", "0", "0"],
        ["拱投资", "第 5–9 行", "2", "1", "0", "3"],
    ]
    # a unit with findings links to its first finding
    assert root.xpath("//table[contains(@class,'by-unit')]//a/@href") == ["#f-1"]
    assert root.xpath("//article[@id='f-1']/@data-rule") == ["test-pair"]


def test_each_finding_shows_its_paragraph_with_the_span_marked(tmp_path: Path):
    root = dom(render_html(pair_result(tmp_path)))
    (article,) = root.xpath("//article[@data-rule='layout-marker'][.//mark[.='（下转6版）']]")
    assert article.get("data-severity") == "error"
    assert texts(article, ".//blockquote[@class='context']") == ["（紧接4版）代表大会选举工作，未（下转6版）"]
    assert texts(article, ".//*[@class='where']") == [f"{tmp_path / 'draft.txt'}:9:17"]
    assert texts(article, ".//*[@class='position']") == ["第 9 行第 17 列"]
    assert texts(article, ".//*[@class='unit']") == ["拱投资"]


def test_related_locations_are_shown_side_by_side_with_differences_marked(tmp_path: Path):
    root = dom(render_html(pair_result(tmp_path)))
    (article,) = root.xpath("//article[@data-rule='test-pair']")
    assert not article.xpath(".//blockquote")  # the pair replaces the single context
    this, other = article.xpath(".//div[@class='pair']/figure")
    assert this.get("class") == "side this" and other.get("class") == "side other"
    path = tmp_path / "draft.txt"
    assert this.xpath("./figcaption")[0].text_content() == f"本处 · {path}:7:12 · 拱投资"
    assert other.xpath("./figcaption")[0].text_content() == f"对照 · {path}:3:12 · 区城投集团"
    assert [m.text_content() for m in this.xpath(".//mark[@class='diff']")] == ["6"]
    assert [m.text_content() for m in other.xpath(".//mark[@class='diff']")] == ["5"]
    assert "".join(s.text_content() for s in this.xpath(".//span[@class='same'] | .//mark")) == PAIR_COPY
    assert "".join(s.text_content() for s in other.xpath(".//span[@class='same'] | .//mark")) == PAIR_ORIGINAL
    assert texts(this, ".//span[@class='around']")[0] == "持续提升为民服务水平。"
    assert texts(article, ".//p[@class='diff-note']") == ["标出不同的字 2 个"]


def test_long_paragraphs_are_cut_around_the_span_and_empty_spans_get_a_caret(tmp_path: Path):
    draft = tmp_path / "long.txt"
    head, tail = "甲" * 400, "乙" * 400
    draft.write_text(f"区妇联\n\n{head}（下转6版）{tail}\n", encoding="utf-8")
    result = run([draft], pair=False)
    doc = result.documents[0]
    result.findings.append(
        Finding("test-pair", "info", "缺少句号。", Location(doc, doc.text.index("乙"), doc.text.index("乙")))
    )
    root = dom(render_html(result))
    marker, caret = root.xpath("//blockquote[@class='context']")
    assert marker.text_content() == "…" + "甲" * 160 + "（下转6版）" + "乙" * 160 + "…"
    assert texts(caret, ".//mark[@class='hit empty']") == ["▲"]
    assert caret.text_content() == "…" + "甲" * 154 + "（下转6版）▲" + "乙" * 160 + "…"


def test_char_diff():
    left, right, changed = char_diff("出让金73.88亿元，收储5宗地", "出让金73.88亿元，收储6宗地")
    assert [(s.text, s.changed) for s in left] == [("出让金73.88亿元，收储", False), ("5", True), ("宗地", False)]
    assert [(s.text, s.changed) for s in right] == [("出让金73.88亿元，收储", False), ("6", True), ("宗地", False)]
    assert changed == 2
    left, right, changed = char_diff("完成任务", "完成年度任务")
    assert [s.text for s in left if s.changed] == [] and [s.text for s in right if s.changed] == ["年度"]
    assert changed == 2
    assert char_diff("相同", "相同")[2] == 0
    assert char_diff("长" * 30_000, "长" * 30_000)[2] is None


def test_markup_in_a_draft_is_escaped(tmp_path: Path, cli):
    draft = tmp_path / XSS_NAME
    draft.write_text(XSS_DRAFT, encoding="utf-8")
    out = tmp_path / "report.html"
    assert cli("check", draft, "--select", "layout-marker", "--format", "html", "-o", out).code == 1
    page = out.read_text(encoding="utf-8")
    for raw in ("<script>window", "<img src=x", '" onload=', '" onmouseover="'):
        assert raw not in page
    assert "&lt;script&gt;window.__pwned=1;alert(1)&lt;/script&gt;&#34; onload=alert(1) x=&#34;" in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    root = dom(page)
    assert [a for e in root.iter() if isinstance(e.tag, str) for a in e.attrib if a.startswith("on")] == []
    assert len(root.xpath("//script")) == 1 and not root.xpath("//img")
    (context,) = texts(root, "//blockquote[@class='context']")
    assert '<script>window.__pwned=1;alert(1)</script>" onload=alert(1) x="' in context
    assert texts(root, "//table[contains(@class,'by-unit')]//td[1]") == ["<img src=x onerror=alert(1)>"]
    assert root.xpath("//section[@class='file']/@data-path") == [str(draft)]


def test_page_is_self_contained_and_allows_only_its_own_style_and_script(tmp_path: Path):
    page = render_html(pair_result(tmp_path))
    root = dom(page)
    assert not root.xpath("//link | //iframe | //object | //embed | //img | //*[@src]")
    assert all(h.startswith("#") for h in root.xpath("//@href"))
    assert not re.search(r"https?://", page)
    (style,) = root.xpath("//style")
    (script,) = root.xpath("//script")
    (csp,) = root.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")

    def sha(text: str) -> str:
        return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"

    assert f"script-src {sha(script.text)}" in csp and f"style-src {sha(style.text)}" in csp
    assert "default-src 'none'" in csp and "unsafe-inline" not in csp
    # readable without JavaScript: the filters are hidden until the script shows them
    assert len(root.xpath("//form[@id='filters'][@hidden]")) == 1
    assert root.xpath("//form[@id='filters']//input[@name='rule']/@value") == ["layout-marker", "test-pair"]
    assert root.xpath("//form[@id='filters']//input[@name='severity']/@value") == ["error", "warning"]


def test_english_labels_with_lang_en(tmp_path: Path):
    root = dom(render_html(pair_result(tmp_path, lang="en"), lang="en"))
    assert root.get("lang") == "en"
    assert texts(root, "//h2") == ["Overview", "Findings"]
    assert texts(root, "//p[@id='totals']") == ["3 findings in 1 file (2 errors, 1 warning, 0 info)."]
    assert texts(root, "//article[@data-rule='test-pair']//*[@class='position']") == ["line 7, column 12"]
    assert texts(root, "//article[@data-rule='test-pair']//p[@class='message']") == [
        "This passage matches “区城投集团”."
    ]
    zh = dom(render_html(pair_result(tmp_path)))
    assert zh.get("lang") == "zh-CN" and texts(zh, "//h2") == ["概况", "问题清单"]


def test_docx_locations_read_as_paragraphs(tmp_path: Path):
    docx = pytest.importorskip("docx")
    d = docx.Document()
    for line in PAIR_DRAFT.rstrip("\n").split("\n"):
        d.add_paragraph(line)
    path = tmp_path / "draft.docx"
    d.save(str(path))
    root = dom(render_html(run([path])))
    assert texts(root, "//article[@data-rule='test-pair']//*[@class='position']") == ["第 7 段第 12 字"]
    assert rows(root, "by-unit")[1][:2] == ["拱投资", "第 5–9 段"]


def test_no_findings_and_unreadable_files(tmp_path: Path, cli):
    clean = tmp_path / "clean.txt"
    clean.write_text("区妇联\n\n开展宣讲43场。\n", encoding="utf-8")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(bytes(range(256)))
    out = tmp_path / "report.html"
    assert cli("check", clean, bad, "--select", "layout-marker", "--format", "html", "-o", out).code == 2
    root = dom(out.read_text(encoding="utf-8"))
    assert texts(root, "//p[@class='none']") == ["未发现问题。"]
    assert not root.xpath("//form") and not root.xpath("//article")
    assert texts(root, "//div[@class='errors']//li") == [
        f"{bad}: is a binary file, not a text draft (use --encoding to force one)"
    ]
    assert rows(root, "by-unit") == [["区妇联", "第 1–3 行", "0", "0", "0", "0"]]


def test_cli_report_of_the_seed_page(tmp_path: Path, cli):
    out = tmp_path / "seed.html"
    r = cli("check", SEED, "--select", "layout-marker", "--format", "html", "--output", out)
    assert (r.code, r.out) == (1, "")
    root = dom(out.read_text(encoding="utf-8"))
    assert [
        (a.get("data-rule"), a.xpath(".//*[@class='where']")[0].text_content()) for a in root.xpath("//article")
    ] == [
        ("layout-marker", f"{SEED}:3:1"),
        ("layout-marker", f"{SEED}:217:152"),
    ]
    by_unit = {r[0]: r[-1] for r in rows(root, "by-unit")}
    assert (by_unit["（首个标题之前）"], by_unit["区消防大队"], by_unit["团区委"]) == ("1", "1", "0")
    assert len(by_unit) == 21


def test_seed_page_copied_passage_is_paired_with_its_original(tmp_path: Path, cli):
    out = tmp_path / "seed.html"
    assert cli("check", SEED, "--select", "duplicate-passage", "--format", "html", "-o", out).code == 1
    root = dom(out.read_text(encoding="utf-8"))
    pairs = [
        (
            a.xpath(".//figure[contains(@class,'this')]/figcaption")[0].text_content(),
            a.xpath(".//figure[contains(@class,'other')]/figcaption")[0].text_content(),
        )
        for a in root.xpath("//article[@data-rule='duplicate-passage']")
        if a.xpath(".//div[@class='pair']")
    ]
    assert any(this.endswith("拱投资") and other.endswith("区城投集团") for this, other in pairs), pairs


def test_only_copies_get_the_side_by_side_diff(tmp_path: Path, cli):
    """split-paragraph and unbalanced-punctuation have a related place too: it is shown as a place,
    never as two passages with "differences" marked (issue #10)."""
    seed_copy = tmp_path / "seed.txt"
    seed_copy.write_text(
        (Path(__file__).resolve().parent.parent / "fixtures" / "gongshu-yearbook-2021-page5.txt").read_text(
            encoding="utf-8"
        )
        + "\n举办“纲要（草案）》宣讲。\n",
        encoding="utf-8",
    )
    out = tmp_path / "r.html"
    r = cli("check", seed_copy, "--select", "split-paragraph,duplicate-passage,unbalanced-punctuation")
    assert r.code == 1
    cli(
        "check",
        seed_copy,
        "--select",
        "split-paragraph,duplicate-passage,unbalanced-punctuation",
        "--format",
        "html",
        "-o",
        out,
    )
    root = dom(out.read_text(encoding="utf-8"))
    for article in root.xpath("//article[@data-rule='split-paragraph' or @data-rule='unbalanced-punctuation']"):
        assert not article.xpath(".//div[@class='pair']") and not article.xpath(".//mark[@class='diff']")
        assert article.xpath(".//blockquote[@class='context']")
    split = root.xpath("//article[@data-rule='split-paragraph']")
    assert len(split) == 5
    assert all(a.xpath(".//p[@class='related']/code") for a in split)
    assert "相关位置" in split[0].xpath(".//p[@class='related']")[0].text_content()
    mismatch = [
        a for a in root.xpath("//article[@data-rule='unbalanced-punctuation']") if a.xpath(".//p[@class='related']")
    ]
    assert mismatch
    copies = root.xpath("//article[@data-rule='duplicate-passage']")
    assert copies and all(a.xpath(".//div[@class='pair']") for a in copies)
