"""The HTML review report as a reader sees it, in headless Chromium (Debian's ``chromium``).

Chromium is driven through the DevTools protocol over a pipe (``--remote-debugging-pipe``: JSON
messages ended by NUL on file descriptors 3 and 4), so no driver or extra package is needed.
Clicks are real mouse events at the element's place on the page.

``YBLINT_UPDATE_SCREENSHOT=1 pytest -m browser`` also rewrites docs/html-report.png.
"""

from __future__ import annotations

import base64
import fcntl
import json
import math
import os
import select
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, SEED
from test_html_report import PAIR_ORIGINAL, XSS_DRAFT, XSS_NAME, pair_result, render_html

from yblint.check import CHECKS, load_checks
from yblint.cli import main

pytestmark = pytest.mark.browser

CHROMIUM = os.environ.get("YBLINT_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
if CHROMIUM is None:
    pytest.skip("headless Chromium is not installed (Debian: apt-get install chromium)", allow_module_level=True)

TIMEOUT = 20.0
#: a capture of the findings smaller than this is a blank or half-painted page
MIN_SCREENSHOT_BYTES = 20_000
SCREENSHOT_TRIES = 5


class Chromium:
    """A headless Chromium driven over the DevTools protocol on a pipe."""

    def __init__(self) -> None:
        self.profile = tempfile.mkdtemp(prefix="yblint-chromium-")
        to_chrome_r, self._to_chrome = os.pipe()
        self._from_chrome, from_chrome_w = os.pipe()
        args = [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-extensions",
            "--no-first-run",
            "--no-default-browser-check",
            "--hide-scrollbars",
            "--force-device-scale-factor=1",
            f"--user-data-dir={self.profile}",
            "--remote-debugging-pipe",
            "about:blank",
        ]

        def fds() -> None:  # Chromium reads commands on fd 3 and writes answers on fd 4
            high = [fcntl.fcntl(fd, fcntl.F_DUPFD, 10) for fd in (to_chrome_r, from_chrome_w)]
            os.dup2(high[0], 3)
            os.dup2(high[1], 4)

        self.proc = subprocess.Popen(
            args,
            pass_fds=(3, 4),
            preexec_fn=fds,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(to_chrome_r)
        os.close(from_chrome_w)
        self._buffer = b""
        self._id = 0
        self.events: list[dict[str, Any]] = []

    def _read_message(self, deadline: float) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self._from_chrome], [], [], left)[0]:
                raise TimeoutError("Chromium did not answer in time")
            chunk = os.read(self._from_chrome, 1 << 16)
            if not chunk:
                raise RuntimeError("Chromium closed the pipe")
            self._buffer += chunk
        raw, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(raw)

    def _post(self, method: str, params: dict | None, session: str | None) -> int:
        self._id += 1
        msg: dict[str, Any] = {"id": self._id, "method": method, "params": params or {}}
        if session:
            msg["sessionId"] = session
        os.write(self._to_chrome, json.dumps(msg).encode() + b"\0")
        return self._id

    def send(self, method: str, params: dict | None = None, session: str | None = None) -> dict[str, Any]:
        wanted = self._post(method, params, session)
        deadline = time.monotonic() + TIMEOUT
        while True:
            msg = self._read_message(deadline)
            if msg.get("id") == wanted:
                if "error" in msg:
                    raise RuntimeError(f"{method}: {msg['error']}")
                return msg.get("result", {})
            if "method" in msg:
                self.events.append(msg)
                if msg["method"] == "Page.javascriptDialogOpening":  # never let a dialog block the page
                    self._post("Page.handleJavaScriptDialog", {"accept": True}, msg.get("sessionId"))

    def wait_for(self, method: str, session: str) -> dict[str, Any]:
        deadline = time.monotonic() + TIMEOUT
        for e in self.events:
            if e["method"] == method and e.get("sessionId") == session:
                return e
        while True:
            msg = self._read_message(deadline)
            if "method" in msg:
                self.events.append(msg)
                if msg["method"] == method and msg.get("sessionId") == session:
                    return msg

    def open(self, path: Path, javascript: bool = True, width: int = 1280, height: int = 900) -> Page:
        target = self.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Page", "Runtime", "Log"):
            self.send(f"{domain}.enable", session=session)
        self.send(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False},
            session,
        )
        if not javascript:
            self.send("Emulation.setScriptExecutionDisabled", {"value": True}, session)
        self.events = [e for e in self.events if e.get("sessionId") != session]
        self.send("Page.navigate", {"url": path.resolve().as_uri()}, session)
        self.wait_for("Page.loadEventFired", session)
        return Page(self, session)

    def close(self) -> None:
        try:
            self._post("Browser.close", None, None)
            self.proc.wait(10)
        except Exception:
            self.proc.kill()
            self.proc.wait(10)
        finally:
            os.close(self._to_chrome)
            os.close(self._from_chrome)
            shutil.rmtree(self.profile, ignore_errors=True)


class Page:
    def __init__(self, browser: Chromium, session: str) -> None:
        self.browser = browser
        self.session = session

    def js(self, expression: str) -> Any:
        """Evaluate in the page (also when the page's own scripts are disabled)."""
        r = self.browser.send(
            "Runtime.evaluate", {"expression": expression, "returnByValue": True, "awaitPromise": True}, self.session
        )
        if "exceptionDetails" in r:
            raise RuntimeError(r["exceptionDetails"])
        return r["result"].get("value")

    def click(self, selector: str) -> None:
        """A real mouse click in the middle of the element, as a reader would do it."""
        box = self.js(
            f"(() => {{ const e = document.querySelector({json.dumps(selector)});"
            " e.scrollIntoView({block: 'center'}); const r = e.getBoundingClientRect();"
            " return [r.x + r.width / 2, r.y + r.height / 2]; })()"
        )
        for kind in ("mousePressed", "mouseReleased"):
            self.browser.send(
                "Input.dispatchMouseEvent",
                {"type": kind, "x": box[0], "y": box[1], "button": "left", "clickCount": 1},
                self.session,
            )

    def visible(self, selector: str) -> list[bool]:
        return self.js(f"[...document.querySelectorAll({json.dumps(selector)})].map(e => e.checkVisibility())")

    def text(self, selector: str) -> str:
        """The text as rendered (findings off screen are laid out only when scrolled to)."""
        return self.js(
            f"(() => {{ const e = document.querySelector({json.dumps(selector)});"
            " e.scrollIntoView({block: 'center'}); return e.innerText; })()"
        )

    def events(self, method: str) -> list[dict[str, Any]]:
        return [e for e in self.browser.events if e["method"] == method and e.get("sessionId") == self.session]

    def problems(self) -> list[str]:
        """Script errors and console errors (a CSP violation is reported as one)."""
        out = [json.dumps(e["params"])[:300] for e in self.events("Runtime.exceptionThrown")]
        out += [
            e["params"]["entry"]["text"]
            for e in self.events("Log.entryAdded")
            if e["params"]["entry"]["level"] == "error"
        ]
        out += [
            json.dumps(e["params"])[:300]
            for e in self.events("Runtime.consoleAPICalled")
            if e["params"]["type"] == "error"
        ]
        return out

    def screenshot(self, path: Path, selector_from: str | None = None, max_height: int = 1700) -> None:
        """A PNG of the page from the top of ``selector_from`` (or the page top) down."""
        top = self.js(
            f"(() => {{ const e = document.querySelector({json.dumps(selector_from)});"
            " return e ? e.getBoundingClientRect().top + window.scrollY - 12 : 0; })()"
            if selector_from
            else "0"
        )
        # the DevTools protocol takes whole pixels; laid-out CJK glyphs measure fractions
        top = math.floor(top)
        height = math.ceil(min(self.js("document.documentElement.scrollHeight") - top, max_height))
        # findings are laid out when near the viewport (content-visibility): show the clip in it
        self.browser.send(
            "Emulation.setDeviceMetricsOverride",
            {"width": 1280, "height": height, "deviceScaleFactor": 1, "mobile": False},
            self.session,
        )
        # wait for the fonts and two frames after the scroll; on a loaded machine the first
        # frames may still be unpainted (content-visibility), so a blank-looking capture is retaken
        self.js(
            f"new Promise(done => {{ window.scrollTo(0, {top}); document.fonts.ready.then(() =>"
            " requestAnimationFrame(() => requestAnimationFrame(done))); })"
        )
        top = math.floor(self.js("window.scrollY"))
        clip = {"x": 0, "y": top, "width": 1280, "height": height, "scale": 1}
        png = b""
        for _ in range(SCREENSHOT_TRIES):
            data = self.browser.send(
                "Page.captureScreenshot", {"format": "png", "clip": clip, "captureBeyondViewport": True}, self.session
            )["data"]
            png = base64.b64decode(data)
            if len(png) >= MIN_SCREENSHOT_BYTES:
                break
            time.sleep(0.5)
        path.write_bytes(png)


@pytest.fixture(scope="module")
def browser():
    b = Chromium()
    try:
        b.send("Browser.getVersion")
    except Exception as e:  # pragma: no cover - a broken install
        b.close()
        pytest.skip(f"Chromium does not start: {e}")
    yield b
    b.close()


def _side_by_side(page: Page, pair_selector: str) -> dict[str, Any]:
    return page.js(
        f"(() => {{ const p = document.querySelector({json.dumps(pair_selector)});"
        " p.scrollIntoView({block: 'center'}); const [a, b] = p.querySelectorAll('figure.side');"
        " const ra = a.getBoundingClientRect(), rb = b.getBoundingClientRect();"
        " return {leftEnd: ra.right, rightStart: rb.left, topA: ra.top, topB: rb.top,"
        " visible: a.checkVisibility() && b.checkVisibility(),"
        " captionA: a.querySelector('figcaption').innerText, captionB: b.querySelector('figcaption').innerText,"
        " marksA: [...a.querySelectorAll('mark.diff')].map(m => m.innerText),"
        " marksB: [...b.querySelectorAll('mark.diff')].map(m => m.innerText),"
        " markColour: a.querySelector('mark.diff') && getComputedStyle(a.querySelector('mark.diff')).backgroundColor};"
        " })()"
    )


def test_reader_sees_counts_pair_and_working_filters(browser, tmp_path: Path):
    page_file = tmp_path / "report.html"
    page_file.write_text(render_html(pair_result(tmp_path)), encoding="utf-8")
    page = browser.open(page_file)
    assert page.text("#totals") == "共 1 个文件，发现 3 处问题（错误 2，警告 1，提示 0）。"
    assert page.js("[...document.querySelectorAll('table.by-rule tbody tr')].map(r => r.innerText.split('\\t'))") == [
        [
            "layout-marker",
            "错误",
            "正文中残留报纸版面的转接标记（下转6版）（紧接4版）、版面页码（— 186 —、第186页）"
            "或未填写的占位符（XX件、××人、【待补】、TODO）。",
            "2",
        ],
        ["test-pair", "警告", "测试：雷同的段落", "1"],
    ]
    units = page.js("[...document.querySelectorAll('table.by-unit tbody tr')].map(r => r.innerText.split('\\t'))")
    assert units == [
        ["区城投集团", "第 1–3 行", "0", "0", "0", "0"],
        ["拱投资", "第 5–9 行", "2", "1", "0", "3"],
    ]
    # the copy and its original, next to each other, the differing characters marked
    pair = _side_by_side(page, "article[data-rule=test-pair] .pair")
    assert pair["visible"]
    assert pair["leftEnd"] <= pair["rightStart"] and abs(pair["topA"] - pair["topB"]) < 2
    assert pair["captionA"].startswith("本处") and "拱投资" in pair["captionA"]
    assert pair["captionB"].startswith("对照") and "区城投集团" in pair["captionB"]
    assert (pair["marksA"], pair["marksB"]) == (["6"], ["5"])
    assert pair["markColour"] not in ("rgba(0, 0, 0, 0)", "transparent")
    assert PAIR_ORIGINAL in page.text("article[data-rule=test-pair] figure.other")

    # the filters: untick a rule, its findings go; untick a severity, its findings go; reset
    assert page.visible("#filters") == [True]
    assert page.visible("article.finding") == [True, True, True]
    page.click("#filters input[name=rule][value=layout-marker]")
    assert page.visible("article[data-rule=layout-marker]") == [False, False]
    assert page.visible("article[data-rule=test-pair]") == [True]
    assert page.text("#shown") == "显示 1 / 3 处"
    page.click("#filters input[name=severity][value=warning]")
    assert page.visible("article.finding") == [False, False, False]
    assert page.visible("section.file") == [False]
    page.click("#show-all")
    assert page.visible("article.finding") == [True, True, True]
    assert page.text("#shown") == "显示 3 / 3 处"
    assert page.problems() == []


def test_every_finding_shows_without_javascript(browser, tmp_path: Path):
    page_file = tmp_path / "report.html"
    page_file.write_text(render_html(pair_result(tmp_path)), encoding="utf-8")
    page = browser.open(page_file, javascript=False)
    assert page.visible("#filters") == [False]
    assert page.visible("article.finding") == [True, True, True]
    assert page.visible("article[data-rule=test-pair] .pair figure") == [True, True]
    assert page.text("#totals").startswith("共 1 个文件，发现 3 处问题")


def test_markup_in_a_draft_shows_as_text_and_never_runs(browser, tmp_path: Path):
    draft = tmp_path / XSS_NAME
    draft.write_text(XSS_DRAFT, encoding="utf-8")
    out = tmp_path / "report.html"
    assert main(["check", str(draft), "--select", "layout-marker", "--format", "html", "-o", str(out)]) == 1
    page = browser.open(out)
    assert page.events("Page.javascriptDialogOpening") == []
    assert page.js("typeof window.__pwned") == "undefined"
    shown = page.text("article.finding .context")
    assert "<script>window.__pwned=1;alert(1)</script>" in shown
    assert '" onload=alert(1) x="' in shown
    assert "<img src=x onerror=alert(1)>" in page.text("table.by-unit")
    handlers = page.js(
        "[...document.querySelectorAll('*')].flatMap(e => [...e.attributes].map(a => a.name))"
        ".filter(n => n.startsWith('on'))"
    )
    assert handlers == []
    assert page.js("document.scripts.length") == 1  # the report's own filter script
    assert page.js("document.images.length") == 0
    assert page.problems() == []


def test_chinese_is_drawn_in_a_cjk_font_not_boxes(browser, tmp_path: Path):
    """Two different Han characters drawn on a canvas differ only if a CJK font is installed
    (without one both are the same missing-glyph box); CI installs fonts-wqy-zenhei."""
    page = tmp_path / "glyphs.html"
    page.write_text("<!doctype html><meta charset=utf-8><canvas id=c width=64 height=32></canvas>", "utf-8")
    p = browser.open(page)
    same = p.js(
        "(() => { const c = document.getElementById('c').getContext('2d'); c.font = '28px sans-serif';"
        " const draw = ch => { c.clearRect(0, 0, 64, 32); c.fillText(ch, 2, 28);"
        " return Array.from(c.getImageData(0, 0, 64, 32).data).join(','); };"
        " return draw('拱') === draw('墅'); })()"
    )
    assert same is False, "no CJK font: install fonts-wqy-zenhei (as .ci/run does)"


def test_seed_page_shows_the_copied_passage_next_to_its_original(browser, tmp_path: Path, monkeypatch):
    load_checks()
    assert "duplicate-passage" in CHECKS
    out = tmp_path / "seed.html"
    monkeypatch.chdir(ROOT)  # paths in the page as an editor would type them
    assert main(["check", str(SEED.relative_to(ROOT)), "--format", "html", "-o", str(out)]) == 1
    page = browser.open(out, height=1000)
    assert page.problems() == []
    index = page.js(
        "[...document.querySelectorAll('article[data-rule=duplicate-passage]')].findIndex(a =>"
        " a.querySelector('.unit') && a.querySelector('.unit').textContent === '拱投资'"
        " && a.querySelector('figure.other figcaption').textContent.includes('区城投集团'))"
    )
    assert index >= 0, "the 拱投资 passage copied from 区城投集团 is shown as a pair"
    anchor = page.js(f"document.querySelectorAll('article[data-rule=duplicate-passage]')[{index}].id")
    pair = _side_by_side(page, f"#{anchor} .pair")
    assert pair["visible"] and pair["leftEnd"] <= pair["rightStart"] and abs(pair["topA"] - pair["topB"]) < 2
    assert "围绕“快收地、收好地、实现效益最大化”工作思路" in page.text(f"#{anchor} figure.this")
    assert "围绕“快收地、收好地、实现效益最大化”工作思路" in page.text(f"#{anchor} figure.other")

    # what the README shows: only the copied passages and the layout notes, filtered in the page
    for rule in page.js("[...document.querySelectorAll('#filters input[name=rule]')].map(b => b.value)"):
        if rule not in ("duplicate-passage", "layout-marker"):
            page.click(f"#filters input[name=rule][value={rule}]")
    assert all(page.visible(f"#{anchor}"))
    assert page.visible("article[data-rule=layout-marker]") == [True, True]
    shown = page.visible("article.finding")
    assert sum(shown) == len(page.visible("article[data-rule=duplicate-passage]")) + 2
    shot = tmp_path / "html-report.png"
    page.screenshot(shot, selector_from="#findings")
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size >= MIN_SCREENSHOT_BYTES
    if os.environ.get("YBLINT_UPDATE_SCREENSHOT"):
        shutil.copyfile(shot, ROOT / "docs" / "html-report.png")
