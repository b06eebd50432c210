"""The reviewed copy opens in a real office suite: LibreOffice (headless) converts it to PDF and
back to .docx without error, and keeps the comments and the tracked changes.

Marked ``office``; skipped when ``soffice`` is not installed, except in CI (``CI`` set), where
.ci/run installs Debian's ``libreoffice-writer-nogui`` and ``poppler-utils`` and a missing suite is
a failure. ``YBLINT_UPDATE_SCREENSHOT=1 pytest -m office`` also rewrites docs/word-review.png.

Comments go into the PDF with the filter options ``ExportNotes`` (as PDF annotations, every
LibreOffice) and ``ExportNotesInMargin`` (drawn in the page margin, LibreOffice 7.5 and later,
where pdftotext reads them). LibreOffice 7.4 (Debian 12) ignores the second, so the comments'
text is looked for in pdftotext's output and in the PDF's annotations (pypdf).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT, SEED
from test_annotate import comments_of, make_docx

pytestmark = pytest.mark.office

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
PDFTOTEXT = shutil.which("pdftotext")
if (SOFFICE is None or PDFTOTEXT is None) and not os.environ.get("CI"):
    pytest.skip(
        "LibreOffice or poppler-utils is not installed"
        " (Debian: apt-get install libreoffice-writer-nogui poppler-utils)",
        allow_module_level=True,
    )

PDF_OPTIONS = {"ExportNotes": {"type": "boolean", "value": "true"}}
PDF_OPTIONS["ExportNotesInMargin"] = {"type": "boolean", "value": "true"}
SEED_LINES = SEED.read_text(encoding="utf-8").rstrip("\n").split("\n")


def convert(path: Path, target: str, outdir: Path) -> Path:
    """``soffice --convert-to`` with its own profile; fails the test on any error."""
    assert SOFFICE, "soffice is not installed (CI installs libreoffice-writer-nogui)"
    profile = outdir / "profile"
    r = subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--norestore",
            "--convert-to",
            target,
            "--outdir",
            str(outdir),
            str(path),
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
    out = outdir / (path.stem + "." + target.split(":")[0])
    assert r.returncode == 0 and out.is_file(), (r.returncode, r.stdout, r.stderr)
    assert "Error" not in r.stderr, r.stderr
    return out


@pytest.fixture(scope="module")
def reviewed(tmp_path_factory) -> Path:
    from yblint.cli import main

    folder = tmp_path_factory.mktemp("office")
    draft = make_docx(folder / "seed.docx", SEED_LINES)
    assert main(["annotate", str(draft), "--select", "ALL", "--track-changes", "-q"]) == 1
    return folder / "seed.yblint.docx"


@pytest.fixture(scope="module")
def pdf(reviewed: Path) -> Path:
    return convert(reviewed, "pdf:writer_pdf_Export:" + json.dumps(PDF_OPTIONS), reviewed.parent / "pdf")


def pdf_annotations(path: Path) -> list[str]:
    pypdf = pytest.importorskip("pypdf")
    out = []
    for page in pypdf.PdfReader(str(path)).pages:
        for a in page.get("/Annots") or []:
            a = a.get_object()
            if a.get("/Subtype") == "/Text" and a.get("/Contents"):
                out.append(str(a["/Contents"]))
    return out


def test_libreoffice_converts_the_copy_to_pdf_with_the_comments(reviewed: Path, pdf: Path):
    text = subprocess.run([PDFTOTEXT, str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    flat = "".join(text.split())
    # the body, with the tracked fixes shown, is in the PDF
    assert "（紧接4版）代表大会选举工作" in flat
    assert "窨井" in flat and "窞井" in flat  # the insertion and the deletion, both shown
    comments = [t for _, t in comments_of(reviewed).values()]
    annotations = pdf_annotations(pdf)
    for c in comments:
        first = "".join(c.split("\n")[0].split())[:30]
        assert first in flat or any(first in "".join(a.split()) for a in annotations), first
    assert len(annotations) == len(comments) or all(c.split("\n")[0][:10] in text for c in comments)
    if os.environ.get("YBLINT_UPDATE_SCREENSHOT"):
        screenshot(pdf)


def screenshot(pdf: Path) -> None:
    """docs/word-review.png: the upper part of the page where 窞井 is corrected to 窨井."""
    page = 1
    while "窨井" not in "".join(
        subprocess.run(
            [PDFTOTEXT, "-f", str(page), "-l", str(page), str(pdf), "-"], capture_output=True, text=True
        ).stdout.split()
    ):
        page += 1
    subprocess.run(
        [
            *("pdftoppm", "-png", "-r", "110", "-f", str(page), "-l", str(page)),
            *("-x", "120", "-y", "60", "-W", "720", "-H", "620", "-singlefile"),
            *(str(pdf), str(ROOT / "docs" / "word-review")),
        ],
        check=True,
    )


def test_libreoffice_keeps_comments_and_revisions_when_it_saves_the_copy(reviewed: Path):
    """LibreOffice reads our comments as comments and our revisions as revisions: saved again
    as .docx, they are still there, with their author."""
    docx = pytest.importorskip("docx")
    again = convert(reviewed, "docx:MS Word 2007 XML", reviewed.parent / "resaved")
    d = docx.Document(str(again))
    ours = [c for c in d.comments if c.author == "yblint"]
    assert len(ours) == len(comments_of(reviewed))
    from docx.oxml.ns import qn

    authors = {e.get(qn("w:author")) for e in d.element.body.iter(qn("w:ins"), qn("w:del"))}
    assert authors == {"yblint"}
