"""Word .docx drafts, read with python-docx (optional extra ``yblint[docx]``).

Locations in a .docx are paragraph numbers: the Source's text holds one line per body paragraph,
so ``line`` N of a finding is paragraph N of the body and ``column`` the character in it.

* Every paragraph of the body counts, in order, empty ones included (they show in Word as empty
  lines and separate paragraphs the way blank lines do in plain text); paragraphs inside content
  controls count like the others. Text boxes, headers, footers, footnotes and comments are not read.
* A table counts one paragraph per row: the row's cells joined by tabs, the paragraphs of one cell
  joined by a space. The rows of a table form one TABLE block (not prose), but for the cells that
  hold sentences (a 供稿单 with the unit's entry typed in a cell, a column of remarks), read as
  body paragraphs: see :mod:`yblint.reading.docx_tables`. Two consecutive paragraphs or more that
  are rows typed with tabs between their cells form one TABLE block too.
* A manual line break (Shift+Enter, ``w:br``, ``w:cr``) inside a paragraph reads as U+2028 LINE
  SEPARATOR: a line break, not a space (no space-in-cjk there), and not a new line either, so the
  paragraph numbering holds.
  Tracked changes read as if accepted: insertions are kept, deletions dropped. A paragraph whose
  mark is deleted (``w:pPr/w:rPr/w:del`` or ``w:moveFrom``: a reviewer joined two paragraphs) is
  read joined to the next one, one block over both lines, so paragraph N stays line N (a finding
  after the join names the Word paragraph it is in); an inserted mark (``w:ins``) splits as Word
  shows it, a paragraph each.
* Hidden text (``w:vanish`` or ``w:specVanish`` in a run's ``w:rPr``: Font > Hidden), which Word
  neither shows nor prints, is left out as deleted text is. A symbol (``w:sym``, Insert > Symbol)
  reads as its character when its font is a Unicode font and its code a plain code point, else as
  one U+FFFC OBJECT REPLACEMENT CHARACTER (a Symbol or Wingdings glyph: no Unicode character is
  known for it), so the columns after it stay right.
* Headings: a paragraph in a heading style (``Heading 1``-``9``, ``标题 1``-``9``, or any style or
  paragraph with a Word outline level 1-9) is a HEADING block. Other short paragraphs are judged by
  the plain-text heading rule when the document is split into units. Paragraphs with Word list
  numbering are list items: linted as running text, never taken for unit headings.
* A table of contents (a TOC content control, or paragraphs in the TOC 1-9 / TOC Heading styles)
  counts in the numbering but is not read as text: its entries would read as unit headings.
"""

from __future__ import annotations

import io
import re
import zipfile
from functools import partial
from pathlib import Path
from typing import Any

from yblint.errors import InputError
from yblint.model import HEADING, LIST_ITEM, PROSE, TABLE, Block
from yblint.reading.source import DocxLimits, Source
from yblint.text.cells import is_tab_row
from yblint.text.marks import INLINE_SPACE, MANUAL_BREAK, skip_space, trim_space

NEEDS_EXTRA = "reading .docx needs the optional extra: pip install 'yblint[docx]'"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


# subtrees whose text is not part of the paragraph as printed
_SKIP = {
    _w(t) for t in ("pPr", "rPr", "del", "moveFrom", "delText", "instrText", "txbxContent", "sdtPr", "sdtEndPr", "rt")
} | {f"{{{MC}}}Fallback"}
LINE_SEPARATOR = MANUAL_BREAK  # a manual line break inside a paragraph: a line break, not a new paragraph
_CHARS = {_w("tab"): "\t", _w("ptab"): "\t", _w("cr"): LINE_SEPARATOR, _w("noBreakHyphen"): "-"}
_CONTAINERS = {_w("sdt"), _w("sdtContent"), _w("customXml")}
_BREAKS = re.compile(r"[\r\n\v\f\x85\u2029]")
_LEAD_WS = re.compile(r"[ \t\u3000\ufeff]*")
_HEADING_STYLE = re.compile(r"(?:heading|标题)\s*([1-9])", re.IGNORECASE)
_TOC_STYLE = re.compile(r"(?:toc|目录)\s*(?:[1-9]|heading|标题)", re.IGNORECASE)


_OFF = {"false", "0", "off"}


def _toggle(rpr: Any, name: str) -> bool:
    """Whether the toggle property ``name`` (``w:vanish`` …) is on in ``rpr``: present without
    ``w:val``, or with a true value."""
    prop = rpr.find(_w(name))
    return prop is not None and (prop.get(_w("val")) or "true").strip().lower() not in _OFF


def _hidden(run: Any) -> bool:
    """Whether a ``w:r`` is hidden text (Font > Hidden: ``w:vanish``; ``w:specVanish``, always
    hidden): Word neither shows nor prints it. A hidden character style is not looked at."""
    rpr = run.find(_w("rPr"))
    return rpr is not None and (_toggle(rpr, "vanish") or _toggle(rpr, "specVanish"))


#: a symbol (``w:sym``) without a Unicode character known for it
SYMBOL_PLACEHOLDER = "\ufffc"
#: fonts whose codes are their own, not Unicode: a ``w:sym`` in them is a glyph of the font
_SYMBOL_FONTS = re.compile(
    r"symbol|wingdings|webdings|mt extra|marlett|zapf ?dingbats|bookshelf symbol|ms outlook|monotype sorts"
    r"|ms reference specialty",
    re.IGNORECASE,
)


def symbol_char(sym: Any) -> str:
    """The character a ``w:sym`` (Insert > Symbol) reads as: its ``w:char`` where the font is a
    Unicode font and the code a plain code point; else (a Symbol or Wingdings font, a code in the
    F000-F0FF range those fonts use, a code that is no character) one SYMBOL_PLACEHOLDER, so that
    the columns after it stay right."""
    font = (sym.get(_w("font")) or "").strip()
    try:
        code = int((sym.get(_w("char")) or "").strip(), 16)
    except ValueError:
        return SYMBOL_PLACEHOLDER
    if _SYMBOL_FONTS.match(font) or not 0x20 <= code <= 0x10FFFF or 0xF000 <= code <= 0xF0FF:
        return SYMBOL_PLACEHOLDER
    ch = chr(code)
    if 0xD800 <= code <= 0xDFFF or 0x7F <= code <= 0x9F or ch in "\u2028\u2029\ufeff":
        return SYMBOL_PLACEHOLDER
    return ch


def pieces(el):
    """(element, text) for each piece of printed text below ``el`` in order: a ``w:t`` with its
    text, a tab, break, hyphen or symbol element with the character it reads as. Hidden runs and
    deleted text are left out. ``yblint annotate`` uses the elements to find the runs that hold
    given characters."""
    for child in el.iterchildren():
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIP:
            continue
        if tag == _w("t"):
            yield child, child.text or ""
        elif tag in _CHARS:
            yield child, _CHARS[tag]
        elif tag == _w("sym"):
            yield child, symbol_char(child)
        elif tag == _w("r") and _hidden(child):
            continue  # hidden text: not shown, not printed
        elif tag == _w("br"):
            # a line break inside the paragraph; page and column breaks print nothing
            if child.get(_w("type"), "textWrapping") == "textWrapping":
                yield child, LINE_SEPARATOR
        else:
            yield from pieces(child)


def paragraph_text(p) -> str:
    """The text of a ``w:p`` element as Word prints it, on one line (manual breaks as U+2028)."""
    return _BREAKS.sub(" ", "".join(text for _el, text in pieces(p)))


def _paragraphs_in(el):
    """``w:p`` elements below ``el`` (a table cell), nested tables included, text boxes excluded."""
    for child in el.iterchildren():
        if not isinstance(child.tag, str) or child.tag in _SKIP:
            continue
        if child.tag == _w("p"):
            yield child
        else:
            yield from _paragraphs_in(child)


def mark_deleted(p: Any) -> bool:
    """Whether the mark that ends paragraph ``p`` is deleted as a tracked change (``w:del`` or
    ``w:moveFrom`` in ``w:pPr/w:rPr``): accepted, the paragraph runs on into the next one."""
    rpr = p.find(f"{_w('pPr')}/{_w('rPr')}")
    return rpr is not None and (rpr.find(_w("del")) is not None or rpr.find(_w("moveFrom")) is not None)


def cell_parts(cell: Any) -> list[tuple[str, list[Any]]]:
    """The paragraphs of a table cell as read: (text, the ``w:p`` elements behind it) for each
    paragraph with text, in order. A paragraph whose mark is deleted runs on into the next one
    without a space (one part over both); empty paragraphs are left out. The cell reads as the
    parts' texts joined by a space (:func:`_cell_text`)."""
    parts: list[tuple[str, list[Any]]] = []
    text, held = "", []  # paragraphs whose marks are deleted, waiting for the one they run on into
    for p in _paragraphs_in(cell):
        text += paragraph_text(p)
        held.append(p)
        if mark_deleted(p):
            continue
        if text.strip():
            parts.append((text, held))
        text, held = "", []
    if text.strip():  # the cell's last mark cannot go: it ends the cell
        parts.append((text, held))
    return parts


def _cell_text(cell) -> str:
    """A table cell's paragraphs joined by a space (a paragraph whose mark is deleted runs on into
    the next one without it), empty ones left out."""
    return " ".join(text for text, _ps in cell_parts(cell))


def _cells(row):
    for child in row.iterchildren():
        if child.tag == _w("tc"):
            yield child
        elif child.tag in _CONTAINERS:
            yield from _cells(child)


def _rows(tbl):
    for child in tbl.iterchildren():
        if child.tag == _w("tr"):
            yield child
        elif child.tag in _CONTAINERS:
            yield from _rows(child)


def _is_toc_control(sdt) -> bool:
    gallery = sdt.find(f"{_w('sdtPr')}/{_w('docPartObj')}/{_w('docPartGallery')}")
    return gallery is not None and gallery.get(_w("val")) == "Table of Contents"


def _body_items(el, toc: bool = False):
    """(element, in a table of contents) for the paragraphs and tables of the body in order,
    looking inside block-level content controls."""
    for child in el.iterchildren():
        if child.tag in (_w("p"), _w("tbl")):
            yield child, toc
        elif child.tag in _CONTAINERS:
            yield from _body_items(child, toc or (child.tag == _w("sdt") and _is_toc_control(child)))


def body_lines(body):
    """The elements behind the lines of ``read_docx``'s text, in order: a ``w:p`` for a body
    paragraph, a ``w:tr`` for a table row."""
    for item, _toc in _body_items(body):
        if item.tag == _w("tbl"):
            yield from _rows(item)
        else:
            yield item


class _Styles:
    """Heading level and list numbering of paragraph styles, following ``basedOn``."""

    def __init__(self, styles_element) -> None:
        self.styles: dict[str, Any] = {}  # styleId -> lxml element
        if styles_element is not None:
            for s in styles_element.iterchildren(_w("style")):
                if s.get(_w("type")) == "paragraph" and s.get(_w("styleId")):
                    self.styles[s.get(_w("styleId"))] = s

    def _chain(self, style_id: str | None):
        seen = set()
        while style_id and style_id in self.styles and style_id not in seen:
            seen.add(style_id)
            s = self.styles[style_id]
            yield s
            based = s.find(_w("basedOn"))
            style_id = based.get(_w("val")) if based is not None else None

    def heading_level(self, style_id: str | None) -> int:
        for s in self._chain(style_id):
            name = s.find(_w("name"))
            m = _HEADING_STYLE.fullmatch((name.get(_w("val")) or "").strip()) if name is not None else None
            if m:
                return int(m.group(1))
            level = _outline_level(s.find(_w("pPr")))
            if level is not None:
                return level
        return 0

    def is_toc(self, style_id: str | None) -> bool:
        """A paragraph style of a table of contents (TOC 1-9, TOC Heading, 目录 1-9)."""
        s = self.styles.get(style_id) if style_id else None
        name = s.find(_w("name")) if s is not None else None
        return name is not None and _TOC_STYLE.fullmatch((name.get(_w("val")) or "").strip()) is not None

    def numbered(self, style_id: str | None) -> bool:
        return any(_has_numbering(s.find(_w("pPr"))) for s in self._chain(style_id))


def _outline_level(ppr) -> int | None:
    """Word outline level 0-8 as heading level 1-9; 9 is body text."""
    if ppr is None:
        return None
    lvl = ppr.find(_w("outlineLvl"))
    if lvl is None:
        return None
    try:
        value = int(lvl.get(_w("val"), "9"))
    except ValueError:
        return None
    return value + 1 if 0 <= value <= 8 else 0


def _has_numbering(ppr) -> bool:
    if ppr is None:
        return False
    num = ppr.find(_w("numPr"))
    if num is None:
        return False
    num_id = num.find(_w("numId"))
    return num_id is None or num_id.get(_w("val")) != "0"  # numId 0 switches numbering off


def _not_read(p: Any) -> tuple[str | None, int]:
    """The kind of a paragraph that is not read (an entry of a table of contents)."""
    return None, 0


def _paragraph_kind(p, styles: _Styles) -> tuple[str | None, int]:
    """Block kind and heading level of a paragraph; kind None for a table-of-contents entry."""
    ppr = p.find(_w("pPr"))
    style = ppr.find(_w("pStyle")) if ppr is not None else None
    style_id = style.get(_w("val")) if style is not None else None
    if styles.is_toc(style_id):
        return None, 0
    own = _outline_level(ppr)
    level = own if own is not None else styles.heading_level(style_id)
    if level:
        return HEADING, level
    if _has_numbering(ppr) or styles.numbered(style_id):
        return LIST_ITEM, 0
    return PROSE, 0


#: a part other than XML (a picture …) that inflates more than this many times, to more than
#: BOMB_MIN_MB, is a zip bomb: pictures are stored compressed already and barely shrink in a zip
BOMB_RATIO = 100
BOMB_MIN_MB = 10


def _check_size(data: bytes, path: str, limits: DocxLimits) -> None:
    """Refuse a .docx whose XML inflates beyond ``limits.max_xml_mb``, or with a part that is a
    zip bomb, before anything is inflated: zipfile never returns more than a member's declared
    size, so the declared sizes bound what python-docx reads into memory. Pictures do not count
    towards the limit (a draft with many photos is still read)."""
    mb = 1024 * 1024
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        infos = z.infolist()
    xml = sum(i.file_size for i in infos if i.filename.lower().endswith((".xml", ".rels")))
    if xml > limits.max_xml_mb * mb:
        raise InputError(
            f"inflates to {xml / mb:.0f} MB of XML, more than the {limits.max_xml_mb:g} MB a .docx may have "
            "(a zip bomb?); for a real draft, raise 'docx: max_xml_mb' in .yblint.yaml",
            path,
        )
    for i in infos:
        if i.file_size > BOMB_MIN_MB * mb and i.file_size > BOMB_RATIO * max(i.compress_size, 1):
            raise InputError(
                f"part {i.filename} inflates from {i.compress_size / 1024:.0f} kB to {i.file_size / mb:.0f} MB: "
                "a zip bomb, not a Word draft",
                path,
            )


_SAVE_AS_DOCX = 'in Word, use Save As > "Word Document (*.docx)" and lint that file'
#: what an Office Open XML package is, by the content type of its main part: (the content type
#: holds, what the file is, its own suffix; None for Word's other formats, which Word saves as .docx)
_PACKAGES = (
    ("spreadsheetml", "an Excel workbook", ".xlsx"),
    ("ms-excel", "an Excel workbook", ".xlsm"),
    ("presentationml", "a PowerPoint presentation", ".pptx"),
    ("ms-powerpoint", "a PowerPoint presentation", ".pptm"),
    ("ms-word.document.macroenabled", "a macro-enabled Word document (.docm)", None),
    ("ms-word.template", "a macro-enabled Word template (.dotm)", None),
    ("wordprocessingml.template", "a Word template (.dotx)", None),
)
_OPEN_DOCUMENT = "application/vnd.oasis.opendocument."
_WORD_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_STRICT_RELATIONSHIPS = "http://purl.oclc.org/ooxml/"


def not_a_word_document(data: bytes) -> str | None:
    """What a zip that python-docx could not open is, when it is another kind of office file (an
    Excel workbook renamed to .docx, a Word document saved as Strict Open XML, an OpenDocument
    text): the message of the input error, saying what to do. None when it is none of these."""
    from docx.oxml.parser import parse_xml  # lxml, entities not resolved

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            names = {n.lower(): n for n in z.namelist()}
            if "mimetype" in names:
                mimetype = z.read(names["mimetype"])[:100].decode("ascii", "replace").strip()
                if mimetype.startswith(_OPEN_DOCUMENT):
                    if mimetype[len(_OPEN_DOCUMENT) :].split(".")[0] == "text":
                        return f"is an OpenDocument text (.odt) named .docx, not a Word document: {_SAVE_AS_DOCX}"
                    return "is an OpenDocument file named .docx, not a Word document: lint the unit's Word draft"
            if "_rels/.rels" not in names or "[content_types].xml" not in names:
                return None
            rels = parse_xml(z.read(names["_rels/.rels"]))
            types = parse_xml(z.read(names["[content_types].xml"]))
    except Exception:  # a damaged zip or XML: python-docx's own reason says it
        return None
    main = [r for r in rels if (r.get("Type") or "").endswith("/officeDocument")]
    if any((r.get("Type") or "").startswith(_STRICT_RELATIONSHIPS) for r in main):
        return f"is saved as Strict Open XML, which yblint cannot read: {_SAVE_AS_DOCX}"
    if not main:
        return None
    part = "/" + (main[0].get("Target") or "").lstrip("/").lower()
    content_type = ""
    for t in types:
        tag = t.tag.rsplit("}", 1)[-1] if isinstance(t.tag, str) else ""
        if tag == "Override" and (t.get("PartName") or "").lower() == part:
            content_type = t.get("ContentType") or ""
            break
        if tag == "Default" and part.endswith("." + (t.get("Extension") or "").lower()):
            content_type = content_type or t.get("ContentType") or ""
    for holds, what, suffix in _PACKAGES:
        if holds in content_type.lower():
            if suffix is None:
                return f"is {what} named .docx, not a Word document: {_SAVE_AS_DOCX}"
            return (
                f"is {what} ({suffix}) named .docx, not a Word document: rename it to {suffix}, "
                "and lint the unit's Word draft"
            )
    if content_type and not content_type.startswith(_WORD_MAIN):
        return f"is not a Word document (its main part is '{content_type}'): save the draft in Word as .docx"
    return None


def _open(path: str, limits: DocxLimits, data: bytes | None = None):
    try:
        import docx
    except ImportError:
        raise InputError(NEEDS_EXTRA, path) from None
    p = Path(path)
    if data is None and p.is_dir():
        raise InputError("is a directory", path)
    try:
        data = p.read_bytes() if data is None else data
    except OSError as e:
        raise InputError(f"cannot read: {e.strerror or e}", path) from None
    if data.startswith(OLE_MAGIC):
        raise InputError("is a Word 97-2003 .doc or a password-protected file, not a .docx: save it as .docx", path)
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise InputError("is not a Word .docx file (not a zip archive, or a damaged one)", path)
    try:
        _check_size(data, path, limits)
        document = docx.Document(io.BytesIO(data))
        if document.element.find(_w("body")) is None:
            raise InputError("is not a readable Word .docx file (its document part has no body)", path)
        return document
    except InputError:
        raise
    except Exception as e:  # python-docx raises KeyError, ValueError, BadZipFile, lxml errors …
        what = not_a_word_document(data)
        if what:
            raise InputError(what, path) from None
        reason = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
        raise InputError(f"is not a readable Word .docx file ({reason})", path) from None


def read_docx(path: str, limits: DocxLimits | None = None, data: bytes | None = None) -> Source:
    """Read a .docx draft (from ``path``, or ``data`` read elsewhere: standard input) into a
    Source whose line N is body paragraph N, with its blocks. Raises InputError for a file
    beyond ``limits`` (decompressed size, paragraphs)."""
    limits = limits or DocxLimits()
    document = _open(path, limits, data)
    try:
        styles_element = document.styles.element
    except Exception:  # a document without a styles part
        styles_element = None
    styles = _Styles(styles_element)
    lines: list[str] = []
    blocks: list[Block] = []
    offset = 0

    def add_line(text: str) -> int:
        nonlocal offset
        if len(lines) >= limits.max_paragraphs:
            raise InputError(
                f"has more than {limits.max_paragraphs} paragraphs; for a real draft, raise "
                "'docx: max_paragraphs' in .yblint.yaml",
                path,
            )
        start = offset
        lines.append(text)
        offset += len(text) + 1
        return start

    typed_row: tuple[int, int] | None = None  # (block, last line) of the last paragraph that is a row typed with tabs
    items = list(_body_items(document.element.body))
    i = 0
    while i < len(items):
        item, in_toc = items[i]
        i += 1
        if item.tag == _w("tbl"):
            from yblint.reading.docx_tables import read_table, table_blocks  # it imports this module

            table = read_table(item)
            starts = [add_line(row.text) for row in table.rows]
            # the paragraphs of cells read as prose are judged as body paragraphs are (in a table of
            # contents, not read)
            blocks.extend(table_blocks(table, starts, _not_read if in_toc else partial(_paragraph_kind, styles=styles)))
            continue
        kind, level = _paragraph_kind(item, styles)
        if kind is None or in_toc:
            kind = None  # a table of contents: counted, not read as text of the draft
        # a paragraph whose mark is deleted runs on into the next paragraph (not into a table, nor
        # out of or into a table of contents): one block over their lines, each still a line
        group = [item]
        while kind is not None and mark_deleted(group[-1]) and i < len(items) and items[i][0].tag == _w("p"):
            next_kind, next_level = _paragraph_kind(items[i][0], styles)
            if next_kind is None or items[i][1]:
                break
            kind, level = next_kind, next_level  # the mark that stays is the last one: its style
            group.append(items[i][0])
            i += 1
        first_line = len(lines)
        inked: list[tuple[int, int, int, str]] = []  # (start, content, end, text) of the lines with text
        for p in group:
            text = paragraph_text(p)
            start = add_line(text)
            content = start + skip_space(text, 0, len(text), INLINE_SPACE)
            end = start + trim_space(text, 0, len(text), INLINE_SPACE)
            if content < end:
                inked.append((start, content, end, text))
        if not inked or kind is None:
            continue  # empty paragraphs: a separator, like a blank line; or a table of contents
        start, content, end = inked[0][0], inked[0][1], inked[-1][2]
        row = kind == PROSE and len(inked) == 1 and is_tab_row(inked[0][3])
        if row and typed_row == (len(blocks) - 1, first_line - 1):
            # rows typed with tabs, one paragraph each: with the row of the paragraph just before,
            # a table (as a Word table reads)
            blocks[-1] = Block(kind=TABLE, start=blocks[-1].start, end=end)
            typed_row = (len(blocks) - 1, len(lines) - 1)
            continue
        blocks.append(Block(kind=kind, start=start, end=end, content_start=content, level=level))
        typed_row = (len(blocks) - 1, len(lines) - 1) if row else None
    return Source(
        path=path,
        text="\n".join(lines),
        encoding="docx",
        format="docx",
        locations="paragraph",
        blocks=blocks,
        newline="\n",
    )
