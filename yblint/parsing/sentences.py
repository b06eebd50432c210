"""Chinese sentence splitting on 。！？； and …… (and ! ?), keeping closing quotes and brackets
that follow the mark with the sentence they end."""

from __future__ import annotations

from yblint import lazyre as re
from yblint.model import Paragraph, Sentence
from yblint.text import marks
from yblint.text.marks import skip_space

CLOSERS = "".join(sorted(marks.CLOSERS)) + "\"'"  # closing marks stay with the sentence they end
TERMINATORS = "。！？；!?"
_END = re.compile(r"(?:[。！？!?；]+|…+|\.{3,})[" + re.escape(CLOSERS) + r"]*")


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Spans of the sentences in ``text[start:end]``, whitespace between them left out."""
    end = len(text) if end is None else end
    spans = []
    pos = start
    for m in _END.finditer(text, start, end):
        s, e = skip_space(text, pos, m.end()), m.end()
        if s < e:
            spans.append((s, e))
        pos = e
    s = skip_space(text, pos, end)
    if s < end:
        spans.append((s, end))
    return spans


def split_sentences(paragraph: Paragraph) -> list[Sentence]:
    text = paragraph.document.text
    return [
        Sentence(paragraph=paragraph, start=s, end=e, index=i)
        for i, (s, e) in enumerate(sentence_spans(text, paragraph.start, paragraph.end))
    ]
