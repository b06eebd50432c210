"""Where ``yblint annotate`` writes each reviewed copy, and what it never writes over.

* A copy is named after its draft: ``区妇联.docx`` → ``区妇联.yblint.docx``. A reviewed copy given
  as the draft (named on the command line: folders skip them) gives the next round,
  ``区妇联.yblint.docx`` → ``区妇联.2.yblint.docx`` → ``区妇联.3.yblint.docx``: the name still ends in
  ``.yblint.docx``, so a folder walk takes it for a copy, not for a draft.
* The copy goes beside its draft, or with ``--output-dir`` into that folder, below it in the
  draft's folder relative to the folder the run's Word drafts share: ``综合经济/区发改局.docx`` and
  ``社会事业/区发改局.docx`` → ``review/综合经济/区发改局.yblint.docx`` and
  ``review/社会事业/区发改局.yblint.docx``; drafts of one folder go straight into it.
* Never written over, ``--force`` or not: a file the run reads (a draft, named or found in a
  folder, a corpus file, a config or baseline file; also through a link or another spelling of its
  path, as ``is_input`` tells), nor a copy this run has already written. An existing file otherwise
  only with ``force``.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable
from pathlib import Path

from yblint.errors import YblintError
from yblint.reading.discover import REVIEW_COPY_SUFFIX

SUFFIX = REVIEW_COPY_SUFFIX
#: the round of a reviewed copy of a reviewed copy: 区妇联.2.yblint.docx (the first has none)
_ROUND = re.compile(r"(?P<base>.+)\.(?P<n>[2-9]|[1-9][0-9]{1,2})")


def copy_name(draft: str) -> str:
    """The file name of ``draft``'s reviewed copy (never the draft's own name)."""
    name = Path(draft).name
    if not name.lower().endswith(SUFFIX):
        return Path(name).stem + SUFFIX
    base = name[: -len(SUFFIX)]
    m = _ROUND.fullmatch(base)
    base, n = (m["base"], int(m["n"])) if m else (base, 1)
    return f"{base}.{n + 1}{SUFFIX}"


def common_folder(drafts: Iterable[str]) -> str | None:
    """The deepest folder that holds every one of ``drafts`` (absolute), None for none."""
    folders = sorted({os.path.dirname(os.path.abspath(d)) for d in drafts})
    if not folders:
        return None
    try:
        return os.path.commonpath(folders)
    except ValueError:  # on two drives
        return None


def output_path(draft: str, output_dir: str | None, base: str | None = None) -> Path:
    """Where ``draft``'s reviewed copy goes: beside it, or in ``output_dir``, in the draft's folder
    relative to ``base`` (the folder the run's drafts share) when it lies below it."""
    name = copy_name(draft)
    if not output_dir:
        return Path(draft).parent / name
    folder = Path(output_dir)
    if base is not None:
        try:
            rel = os.path.relpath(os.path.dirname(os.path.abspath(draft)), base)
        except ValueError:
            rel = "."
        if rel != "." and rel.split(os.sep)[0] != os.pardir:
            folder = folder / rel
    return folder / name


def _key(path: Path) -> str:
    return os.path.normcase(os.path.realpath(path))


class Outputs:
    """The reviewed copies of one run: their paths, and whether each may be written.

    ``drafts`` are the Word drafts the run annotates (for the folder they share); ``is_input``
    names the file of the run that writing a path would overwrite (None: none)."""

    def __init__(
        self,
        output_dir: str | None,
        drafts: Iterable[str],
        is_input: Callable[[Path], str | None],
        *,
        force: bool = False,
        lang: str = "zh",
    ) -> None:
        self.output_dir = output_dir
        docx = [d for d in drafts if d.lower().endswith(".docx")]
        self.base = common_folder(docx) if output_dir else None
        self.is_input = is_input
        self.force = force
        self.en = lang == "en"
        self.written: dict[str, str] = {}  # the real path of each copy written → its draft

    def path_for(self, draft: str) -> Path:
        return output_path(draft, self.output_dir, self.base)

    def refusal(self, draft: str, out: Path) -> YblintError | None:
        """Why ``out`` may not be written for ``draft`` (one line), or None."""
        shown = out.as_posix()
        hit = self.is_input(out)
        if hit is not None:
            same = os.path.abspath(hit) == os.path.abspath(out)
            if self.en:
                what = (
                    "one of the inputs" if same else f"the input {hit} (a link to it, or another spelling of its path)"
                )
                text = f"{shown} is {what}: the reviewed copy is not written; --force never replaces an input"
            else:
                what = "" if same else f" {hit}（链接或同一文件的另一种写法）"
                text = f"{shown} 是本次读取的输入文件{what}，批注副本未写入：--force 也不会覆盖输入文件"
            return YblintError(text, draft)
        earlier = self._written_for(out)
        if earlier is not None:
            if self.en:
                text = f"{shown} was written in this run as the reviewed copy of {earlier}: not replaced, not written"
            else:
                text = f"{shown} 已在本次运行中写为 {earlier} 的批注副本，不再覆盖：未写入"
            return YblintError(text, draft)
        if out.exists() and not self.force:
            text = f"{shown} exists (use --force to replace it)" if self.en else f"{shown} 已存在（用 --force 替换）"
            return YblintError(text, draft)
        return None

    def _written_for(self, out: Path) -> str | None:
        if not self.written:
            return None
        if (draft := self.written.get(_key(out))) is not None:
            return draft
        if out.exists():  # a hard link to an earlier copy
            for path, draft in self.written.items():
                try:
                    if os.path.samefile(path, out):
                        return draft
                except OSError:
                    continue
        return None

    def wrote(self, draft: str, out: Path) -> None:
        self.written[_key(out)] = draft
