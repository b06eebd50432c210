"""duplicate-passage: text copied between units and files, exactly or nearly.

Candidates come from a winnowing index over normalised text (yblint.text.similarity), never from
comparing all pairs of paragraphs; rapidfuzz aligns each candidate and gives its extent and
similarity. Which side is the copy is decided by a stated order of evidence (see
``decide_direction``), never by the text itself.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import Any, ClassVar

import numpy as np
from rapidfuzz.distance import Indel

from yblint.check import Check, register_check
from yblint.finding import Finding, Location
from yblint.i18n import line_name, tr
from yblint.model import Corpus, Document, Unit
from yblint.parallel import Packed, fork_map, pack_finding, prepare_for_report, unpack_finding
from yblint.text import marks
from yblint.text.alignment import Passage, PieceCache, Widening, find_passages
from yblint.text.chronicle import in_chronicle
from yblint.text.copy_wording import describe_likeness, similarity_percent, stale_sentence
from yblint.text.diffs import KEPT, NUMERIC, compact, compact_diffs, kept_chars, unchanged_figures
from yblint.text.direction import Seams, SeamValues, decide_direction
from yblint.text.formulae import fixed_expression
from yblint.text.passage_sets import (
    Match,
    Side,
    dedupe,
    implied_pairs,
    list_fellow_copies,
    merge_passages,
    mirrored,
)
from yblint.text.similarity import Candidate, Stream, build_stream, chain_seeds, find_seeds, normalise
from yblint.text.splices import unit_end_splices

TRAILING = set("0123456789０１２３４５６７８９.．%％‰")
ENDERS = marks.CLOSERS | set("。！？；…!?;")
SPACE = set(marks.SPACE)
CHAIN_GAP = 100
CHAIN_DRIFT = 16
ANCHOR_SPACING = 200  # long alignments are split at shared k-grams, one in each stretch of this many characters
#: a passage that runs on this many normalised characters or fewer into the next paragraph (or
#: begins with as many from the end of the one before) on a side leaves them out
SPILL_CHARS = 4
MAX_WIDENINGS = 64  # times the regions around a candidate are widened while a passage reaches their edge
# with -j, the work is shared out between processes only above this many characters (candidate
# regions to align; copies whose changes are listed): below, forking costs more than it saves
FORK_ALIGNED = 1_000_000
FORK_LISTED = 200_000
# what listing the changes of a copy costs, in characters aligned: about as much for any copy (its
# words cut, its figures compared: 0.3 ms for a copy of 50 characters), and up to twice that for a
# long one (the first window it compares, up to the fifth change: 0.6 ms from 1,200 characters on)
LISTED_ITEM_COST = 400
LISTED_COST_CAP = 1_200
# … and looking for the units' spliced ends, about as much as listing a copy for every this many
# characters of the documents (the reports 4x: 0.08 s for 4.5 million characters)
SPLICES_CHARS_PER_COST = 50

REASONS = {
    "chronicle": {
        "zh": "大事记记述单位正文中的同一事件",
        "en": "the chronicle tells an event the unit's text tells",
    },
    "git": {
        "zh": "另一处的文字在 git 中提交得更早",
        "en": "git history: the other passage's lines were committed first",
    },
    "year": {
        "zh": "据路径或标题中的年份，另一处更早",
        "en": "by the years in the paths or titles, the other passage is earlier",
    },
    "unclosed-bracket": {
        "zh": "此处在段落接缝处留下未配对的括号或引号，是拼接进来的",
        "en": "an opening bracket or quote at the seam is left unclosed here: the passage was spliced in",
    },
    "mid-sentence": {
        "zh": "此处的段落从本单位一句话的中间接入，另一处则是完整的句子",
        "en": "here the passage joins a sentence of the unit's own text, while the other is whole sentences",
    },
    "unit-end": {
        "zh": "此处是本单位最后一段的末尾，接在本单位文字之后，另一处则在其单位的正文中间",
        "en": "here the passage ends its unit, after the unit's own words in its last paragraph, while the other "
        "stands inside its unit's text",
    },
    "later": {
        "zh": "两处在同一文件中，后出现的一处为重复",
        "en": "both stand in one file: the later one repeats the earlier",
    },
    "unknown": {
        "zh": "无法判断哪一方是原文",
        "en": "which one is the original cannot be told",
    },
}


@register_check("duplicate-passage")
class DuplicatePassage(Check):
    shares_work = True  # its pairs of units and its findings' changes (fork_map)
    param_ranges: ClassVar[dict[str, tuple[float | None, float | None]]] = {
        "min_chars": (1, None),
        "similarity": (0.5, 1.0),
        "boilerplate_units": (2, None),
        "template_units": (0, None),
        "passage_chars": (0, None),
        "ngram": (1, None),
        "window": (1, None),
    }

    def run(self, corpus: Corpus) -> Iterable[Finding]:
        p = self.params
        min_chars = int(p["min_chars"])
        threshold = float(p["similarity"])
        max_units = int(p["boilerplate_units"])
        k = int(p["ngram"])
        w = int(p["window"])
        gap = 2 * (k + w)  # margin around a candidate when aligning it
        docs = corpus.documents + corpus.references
        doc_order = {id(d): i for i, d in enumerate(docs)}
        units: list[tuple[Document, Unit]] = []
        sources = []
        for d in docs:
            segs = []
            for u in d.units:
                spans = [(q.start, q.end) for q in u.paragraphs if q.is_prose]
                if spans:
                    segs.append((len(units), spans))
                    units.append((d, u))
            sources.append((d.text, segs))
        stream = build_stream(sources)
        seeds = find_seeds(
            stream, k, w, max_units, template_units=int(p["template_units"]), passage_chars=int(p["passage_chars"])
        )
        seeds.sort(stream)
        self._seeds, self._k, self._min_len = seeds, k, max(1, min_chars // 2)
        # seeds up to CHAIN_GAP characters apart on nearly one diagonal make one candidate
        cands = chain_seeds(stream, seeds, k, gap=CHAIN_GAP, drift=CHAIN_DRIFT, min_span=min_chars // 2)
        # characters not covered by boilerplate, counted up to each stream position
        own = np.zeros(len(stream) + 1, dtype=np.int32)  # int32, filled in place: no int64 copy
        np.cumsum(~seeds.boilerplate, dtype=np.int32, out=own[1:])
        by_pair: dict[tuple[int, int], list[Candidate]] = {}
        for c in cands:
            sa, sb = int(stream.seg[c.a0]), int(stream.seg[c.b0])
            if units[sa][0].reference and units[sb][0].reference:
                continue
            if min(own[c.a1] - own[c.a0], own[c.b1] - own[c.b0]) < min_chars // 2:
                continue  # mostly boilerplate
            by_pair.setdefault((sa, sb), []).append(c)
        self._stream, self._units, self._doc_order = stream, units, doc_order
        self._gap, self._threshold, self._min_chars = gap, threshold, min_chars
        self._own = own
        self._seams = Seams()
        # each pair of units is aligned on its own: with -j, pairs are shared out between processes
        pairs = list(by_pair.items())
        weights = [sum(c.a1 - c.a0 + c.b1 - c.b0 for c in cs) for _, cs in pairs]
        kept = fork_map(self._pair_matches, pairs, self.jobs, weights, FORK_ALIGNED)
        matches = self._matches(pairs, kept)
        # each occurrence of a fingerprint was paired with the first one only (find_seeds): compare
        # now what that left out and may matter (see _implied_pairs)
        implied = implied_pairs(matches, by_pair, stream)
        matches += self._matches(implied, [self._pair_matches(p) for p in implied])
        chosen = dedupe(matches)
        seams = self._seams
        list_fellow_copies(chosen, lambda a, b: decide_direction(a, b, seams.seam))
        # which is the copy cannot be told: both units are told, the other one's finding made
        # from the same list of changes (seen from its side)
        self._mirrors = mirrored(chosen)
        # listing a copy's changes stops at the fifth: its cost grows with its length only so far;
        # the units' spliced ends (-1, first) are looked for meanwhile, in one of the processes
        copied = [(x.doc, x.start, x.end) for m in chosen for x in (m.copy, m.original, *m.others)]
        weights = [sum(len(d.text) for d in docs) // SPLICES_CHARS_PER_COST]
        weights += [LISTED_ITEM_COST + min(m.copy.end - m.copy.start, LISTED_COST_CAP) // 3 for m in chosen]
        self._chosen, self._every, self._pid = chosen, docs, os.getpid()
        self._spliced = (units, min_chars, copied)
        spliced, *listed = fork_map(self._listed, [-1, *range(len(chosen))], self.jobs, weights, FORK_LISTED)
        for f in [*(f for pair in listed for f in pair), *spliced]:
            yield f if isinstance(f, Finding) else unpack_finding(f, docs)

    def _splices(
        self, units: list[tuple[Document, Unit]], min_chars: int, copied: list[tuple[Document, int, int]]
    ) -> Iterable[Finding]:
        """A unit ending with words of another unit's text, figures and all, too short for a
        passage (text/splices.py): reported at the unit's end."""
        for sp in unit_end_splices(units, min_chars, copied):
            if sp.document.reference:
                continue
            other = Location(sp.other_document, sp.other_start, sp.other_end, sp.other)
            line = other.range()[0]
            lang = self.lang
            yield self.finding(
                sp.document,
                sp.start,
                sp.end,
                unit=sp.unit,
                message_key="spliced",
                related=[other],
                # the contract's keys, as a passage's: the words are the same, figures and all
                data={"similarity": 1.0, "chars": sp.chars, "other_unit": sp.other.name or None}
                | {"other_path": sp.other_document.path, "other_line": line, "diffs": [], "figures_only": False}
                | {"direction_reason": "unit-end", "unchanged_figures": []},
                key=f"spliced\x1f{sp.document.text[sp.start : sp.end]}",
                chars=sp.chars,
                other_unit=sp.other.name or tr(lang, "文首无标题部分", "the untitled opening"),
                other_path=sp.other_document.path,
                other_where=line_name(line, lang, sp.other_document.locations == "paragraph"),
            )

    def _listed(self, i: int) -> list[Any]:  # findings (Finding | Packed)
        """The finding of the ``i``-th copy chosen (and of its mirror: the same seen from the other
        side, when which is the copy cannot be told), with its changes listed and what the report
        needs of it worked out (where it stands; its line of JSON or its fingerprint), in the
        process that lists it, so that this happens in parallel too; as plain values when that
        is another process. ``i`` -1: the findings of the units' spliced ends, so."""
        if i < 0:
            return [self._ready(f) for f in self._splices(*self._spliced)]
        m = self._chosen[i]
        diffs, figures_only, copy, original = _changes_of((compared_text(m.copy), compared_text(m.original)))
        out = [self._ready(self._finding(self._stream, m, diffs, figures_only, copy, original))]
        mirror = self._mirrors.get(i)
        if mirror is not None:
            seen = [{"copy": d["original"], "original": d["copy"]} for d in diffs]
            out.append(self._ready(self._finding(self._stream, mirror, seen, figures_only, original, copy)))
        return out

    def _ready(self, f: Finding) -> Finding | Packed:
        """``f`` with what the report needs of it worked out; as plain values in another process."""
        prepare_for_report(f, self.report)
        return f if os.getpid() == self._pid else pack_finding(f, self._every)

    def _matches(
        self, pairs: list[tuple[tuple[int, int], list[Candidate]]], found: list[list[PairMatch]]
    ) -> list[Match]:
        units, doc_order, seams = self._units, self._doc_order, self._seams
        out: list[Match] = []
        for ((sa, sb), _), got in zip(pairs, found, strict=True):
            for a_is_copy, a0, a1, b0, b1, sim, reason, (x0, x1, y0, y1), (seam_a, seam_b) in got:
                side_a = _side_at(units, doc_order, sa, a0, a1, x0, x1)
                side_b = _side_at(units, doc_order, sb, b0, b1, y0, y1)
                seams.learn(side_a, seam_a)  # worked out where the pair was aligned: the fellow
                seams.learn(side_b, seam_b)  # copies of an original are told apart with them
                copy, original = (side_a, side_b) if a_is_copy else (side_b, side_a)
                out.append(Match(copy, original, sim, reason))
        return out

    def _pair_matches(self, pair: tuple[tuple[int, int], list[Candidate]]) -> list[PairMatch]:
        """The shared passages of one pair of units that are worth a finding, each as (the first
        unit's side is the copy, its stream range, the other's, similarity, reason, the two sides'
        spans in their texts, their seams where they were worked out): plain values, so that they
        come back from another process."""
        (sa, sb), cands = pair
        stream, units, doc_order = self._stream, self._units, self._doc_order
        gap, threshold, min_chars = self._gap, self._threshold, self._min_chars
        items: list[Passage] = []
        last: tuple[int, int, int, int] | None = None
        self._pieces: PieceCache = {}  # the pieces of this pair of units aligned so far
        self._unit_texts: dict[int, str] = {}  # the two units' normalised text, decoded once
        for c in cands:
            if last and c.a0 >= last[0] and c.a1 <= last[1] and c.b0 >= last[2] and c.b1 <= last[3]:
                continue  # its seeds were inside the regions aligned last for this pair of units
            got, last = self._align(stream, sa, sb, c.a0, c.a1, c.b0, c.b1, gap, threshold)
            items.extend(got)
        out: list[PairMatch] = []
        own = self._own  # characters not covered by boilerplate, counted up to each stream position
        seams = self._seams
        for passage in merge_passages(items, threshold):
            a0, a1, b0, b1, sim = passage.a0, passage.a1, passage.b0, passage.b1, passage.similarity
            a0, a1, b0, b1 = self._within_paragraphs(stream, units, sa, sb, a0, a1, b0, b1)
            if min(a1 - a0, b1 - b0) < min_chars or sim < threshold:
                continue
            if sa == sb and a1 > b0:
                continue
            if min(int(own[a1] - own[a0]), int(own[b1] - own[b0])) < min_chars:
                continue
            side_a = self._side(stream, units, doc_order, sa, a0, a1)
            side_b = self._side(stream, units, doc_order, sb, b0, b1)
            if is_quotation(side_a) or is_quotation(side_b):
                continue  # a quotation marked as such cites the other text; it does not copy it
            if fixed_expression(side_a, side_b, min_chars):
                continue  # fixed formulae, quotations, a resolution restating its report (固定表述)
            if sa == sb and figure_similarity(side_a, side_b) < threshold:
                continue  # one sentence frame with other figures in one unit: a parallel enumeration
            chronicled = in_chronicle(side_a.unit), in_chronicle(side_b.unit)
            decided: tuple[Side, Side, str] | None
            if chronicled[0] != chronicled[1]:
                # a chronicle restates the text of its units: only figures told otherwise count
                if figure_similarity(side_a, side_b) >= 1.0:
                    continue
                decided = (side_a, side_b, "chronicle") if chronicled[0] else (side_b, side_a, "chronicle")
            else:
                decided = decide_direction(side_a, side_b, seams.seam)
            if decided is None:
                continue
            copy, _original, reason = decided
            spans = (side_a.start, side_a.end, side_b.start, side_b.end)
            seamed = (seams.known(side_a), seams.known(side_b))
            out.append((copy is side_a, a0, a1, b0, b1, round(sim, 3), reason, spans, seamed))
        return out

    @staticmethod
    def _within_paragraphs(
        stream: Stream, units: list[tuple[Document, Unit]], sa: int, sb: int, a0: int, a1: int, b0: int, b1: int
    ) -> tuple[int, int, int, int]:
        """The passage without a few characters that run on into the next paragraph (or come from
        the end of the one before) on either side: the normalised stream leaves the paragraph break
        out, so two paragraphs that both go on with 全年 … after the copy take 全年 into it. The
        same number of characters comes off both sides (they stand in the passage's matched ends)."""

        def spill(seg: int, s0: int, s1: int, at_end: bool) -> int:
            """The passage's characters in its last paragraph (``at_end``) or its first, when the
            paragraph goes on past the passage (a paragraph of its own, 各位代表：, is copied whole)
            and they are a few words, figures counted (成立于2015年 is a clause: it stays)."""
            doc = units[seg][0]
            para = doc.paragraph_at(int(stream.pos[s1 - 1 if at_end else s0]))
            whole = s1 - s0
            if para is None:
                return whole
            lo, hi = int(stream.bounds[seg]), int(stream.bounds[seg + 1])
            if at_end and not (s1 < hi and int(stream.pos[s1]) < para.end):
                return whole  # the paragraph ends with the passage
            if not at_end and not (s0 > lo and int(stream.pos[s0 - 1]) >= para.start):
                return whole
            pos = stream.pos[s0:s1]
            if at_end:  # characters of the passage at or after the start of its last paragraph
                n = whole - int(pos.searchsorted(para.start, "left"))
                words = doc.text[para.start : int(stream.pos[s1 - 1]) + 1]
            else:  # … before the end of its first one
                n = int(pos.searchsorted(para.end, "left"))
                words = doc.text[int(stream.pos[s0]) : para.end]
            return n if sum(c.isalnum() for c in words) <= SPILL_CHARS else whole

        for at_end in (True, False):
            extra = [spill(sa, a0, a1, at_end), spill(sb, b0, b1, at_end)]
            n = max((x for x in extra if x <= SPILL_CHARS and x < min(a1 - a0, b1 - b0)), default=0)
            if n and min(extra) < min(a1 - a0, b1 - b0):  # on one side at least, the rest is another paragraph
                if at_end:
                    a1, b1 = a1 - n, b1 - n
                else:
                    a0, b0 = a0 + n, b0 + n
        return a0, a1, b0, b1

    # --- candidates -------------------------------------------------------------------------

    def _align(
        self, stream: Stream, sa: int, sb: int, a0: int, a1: int, b0: int, b1: int, gap: int, threshold: float
    ) -> tuple[list[Passage], tuple[int, int, int, int]]:
        """Align the regions around a candidate, widened while a passage reaches their edge: the
        passages found there and the regions that were aligned.

        Within one unit the two occurrences must not overlap: the first is aligned with the second
        held at its first seed, then the second is aligned again, free to start where the first ends.
        """
        got, region = self._align_once(stream, sa, sb, a0, a1, b0, b1, gap, threshold, b0)
        if got and sa == sb:
            first = got[0]
            x0, x1, y0, y1 = first.a0, first.a1, first.b0, first.b1
            again, region2 = self._align_once(stream, sa, sb, x0, x1, y0, y1, gap, threshold, x1)
            if again and again[0].b1 - again[0].b0 >= y1 - y0:
                got, region = again, region2
        return got, region

    def _align_once(
        self,
        stream: Stream,
        sa: int,
        sb: int,
        a0: int,
        a1: int,
        b0: int,
        b1: int,
        gap: int,
        threshold: float,
        split: int,
    ) -> tuple[list[Passage], tuple[int, int, int, int]]:
        lo_a, hi_a = int(stream.bounds[sa]), int(stream.bounds[sa + 1])
        lo_b, hi_b = int(stream.bounds[sb]), int(stream.bounds[sb + 1])
        if sa == sb:  # a passage that stands twice in one unit: the first ends, the second starts at split
            hi_a, lo_b = min(hi_a, split), max(lo_b, split)
        slack = gap // 2
        left = right = gap
        best: list[Passage] = []
        region = (a0, a1, b0, b1)
        widening = Widening()  # a region widened to the right only keeps the blocks it had
        for _ in range(MAX_WIDENINGS):
            ra0, ra1 = max(lo_a, a0 - left), min(hi_a, a1 + right)
            rb0, rb1 = max(lo_b, b0 - left), min(hi_b, b1 + right)
            if ra1 - ra0 <= 0 or rb1 - rb0 <= 0:
                break
            region = (ra0, ra1, rb0, rb1)
            anchors = self._seeds.anchors(sa, sb, ra0, ra1, rb0, rb1, self._k, ANCHOR_SPACING)
            found = find_passages(
                self._region_text(stream, sa, ra0, ra1),
                self._region_text(stream, sb, rb0, rb1),
                threshold,
                anchors,
                self._k,
                self._min_len,
                cache=self._pieces,
                origin=(ra0, rb0),
                widening=widening,
            )
            ps = [p.shifted(ra0, rb0) for p in found]
            if not ps:
                break
            if best and sum(p.a1 - p.a0 for p in ps) <= sum(p.a1 - p.a0 for p in best):
                break  # widening found nothing more
            best = ps
            x0, x1 = min(p.a0 for p in ps), max(p.a1 for p in ps)
            y0, y1 = min(p.b0 for p in ps), max(p.b1 for p in ps)
            # a passage may go on past an edge of the regions that it comes near (a change of a few
            # characters can stand just inside the edge), if both regions can be widened there
            grow_left = (x0 - ra0 <= slack or y0 - rb0 <= slack) and ra0 > lo_a and rb0 > lo_b
            grow_right = (ra1 - x1 <= slack or rb1 - y1 <= slack) and ra1 < hi_a and rb1 < hi_b
            if not (grow_left or grow_right):
                break
            a0, a1, b0, b1 = x0, x1, y0, y1
            left = 2 * left if grow_left else gap
            right = 2 * right if grow_right else gap
        return best, region

    def _region_text(self, stream: Stream, seg: int, start: int, end: int) -> str:
        """The normalised text of ``start``..``end`` in unit ``seg``: cut from the unit's text,
        decoded once for the pair of units, when the region is a quarter of the unit or more (it
        is widened again and again: the reports 4x, 19 million characters decoded in regions
        against 12 million in their units), else decoded on its own (a formula's few dozen
        characters in a unit of thousands)."""
        lo, hi = int(stream.bounds[seg]), int(stream.bounds[seg + 1])
        if 4 * (end - start) < hi - lo:
            return stream.text(start, end)
        got = self._unit_texts.get(seg)
        if got is None:
            got = self._unit_texts[seg] = stream.text(lo, hi)
        return got[start - lo : end - lo]

    @staticmethod
    def _side(stream: Stream, units, doc_order, seg: int, s0: int, s1: int) -> Side:
        doc, unit = units[seg]
        start = int(stream.pos[s0])
        end = int(stream.pos[s1 - 1]) + 1
        text = doc.text
        lo = unit.start
        while start > lo and text[start - 1] in NUMERIC:
            start -= 1
        limit = unit.end
        while end < limit and text[end] in TRAILING:
            end += 1
        while end < limit and text[end] in ENDERS:
            end += 1
        return Side(seg, s0, s1, doc, unit, start, end, (doc_order[id(doc)], start))

    # --- the finding ------------------------------------------------------------------------

    def _finding(
        self,
        stream: Stream,
        m: Match,
        diffs: list[dict[str, str]],
        figures_only: bool,
        compacted: str,
        original_compacted: str,
    ) -> Finding:
        c, o = m.copy, m.original
        lang = self.lang
        chars = len(compacted)
        other_unit = o.unit.name or None
        original = Location(o.doc, o.start, o.end, o.unit)
        other_line = original.range()[0]  # resolved once, kept for the reporters
        unit_label = other_unit or tr(lang, "文首无标题部分", "the untitled opening")
        likeness = describe_likeness(m.similarity, diffs, figures_only, lang)
        if m.reason == "chronicle":
            key = "chronicle"
        elif m.reason == "unknown":
            key = "unknown"
        elif o.doc.reference:
            key = "reference"
        elif c.seg == o.seg:
            key = "same_unit"
        else:
            key = "default"
        # a copy of earlier material with its figures updated in part: the ones left as they were
        earlier = figures_only and key == "reference" and m.reason == "year"
        stale = unchanged_figures(compacted, original_compacted) if earlier else []
        data = {
            "similarity": m.similarity,
            "chars": chars,
            "other_unit": other_unit,
            "other_path": o.doc.path,
            "other_line": other_line,
            "diffs": diffs,
            "direction_reason": m.reason,
            "figures_only": figures_only,
            "unchanged_figures": stale,
        }
        related = [original] + [Location(x.doc, x.start, x.end, x.unit) for x in m.others]
        return self.finding(
            c.doc,
            c.start,
            c.end,
            unit=c.unit,
            message_key=key,
            related=related,
            data=data,
            key=compacted,  # any edit of the copied text, figures included, changes it
            chars=chars,
            similarity=similarity_percent(m.similarity),
            likeness=likeness,
            other_unit=unit_label,
            other_path=o.doc.path,
            other_line=other_line,
            other_where=line_name(other_line, lang, o.doc.locations == "paragraph"),
            reason=tr(lang, REASONS[m.reason]["zh"], REASONS[m.reason]["en"]),
            stale=stale_sentence(stale, lang),
        )


def _side_at(units, doc_order, seg: int, s0: int, s1: int, start: int, end: int) -> Side:
    """The side that DuplicatePassage._side gave for ``s0``..``s1`` of unit ``seg``, from its span."""
    doc, unit = units[seg]
    return Side(seg, s0, s1, doc, unit, start, end, (doc_order[id(doc)], start))


# --- which side is the copy --------------------------------------------------------------------


#: one shared passage of a pair of units, as DuplicatePassage._pair_matches gives it
PairMatch = tuple[
    bool, int, int, int, int, float, str, tuple[int, int, int, int], tuple[SeamValues | None, SeamValues | None]
]


QUOTES = {o: marks.PAIRS[o] for o in "“「『《"}


def compared_text(side: Side) -> str:
    """The text of a side without the headings, tables … that stand between its paragraphs (a
    part's heading: 二、主要工作, ### 主要工作): they were not compared, and are no change of
    the copy to list."""
    text, at = side.doc.text, side.start
    kept: list[str] = []
    for p in side.unit.paragraphs:
        if not p.is_prose and at <= p.block_start and p.end <= side.end:
            kept.append(text[at : p.block_start])
            at = p.end
    kept.append(text[at : side.end])
    return "".join(kept)


def is_quotation(side: Side) -> bool:
    """The passage stands wholly inside quotation marks or title marks: “…”, 「…」, 『…』, 《…》."""
    text = side.doc.text
    i = side.start - 1
    while i >= side.unit.start and text[i] in SPACE:
        i -= 1
    if i < side.unit.start or text[i] not in QUOTES:
        return False
    close = QUOTES[text[i]]
    last_kept = side.end - 1
    while last_kept > side.start and not KEPT.match(text[last_kept]) and text[last_kept] not in NUMERIC:
        last_kept -= 1
    j = text.find(close, side.start)
    return j > last_kept and (j < side.end or not kept_chars(text[side.end : j]))


def figure_similarity(a: Side, b: Side) -> float:
    """Similarity of the two passages with their figures (digits) counted."""
    ta = normalise(a.doc.text[a.start : a.end], digits=True)
    tb = normalise(b.doc.text[b.start : b.end], digits=True)
    return Indel.normalized_similarity(ta, tb)


def _changes_of(texts: tuple[str, str]) -> tuple[list[dict[str, str]], bool, str, str]:
    """What the finding of a copy (its text, the original's) says of their differences: where
    they differ, whether only figures do, and the copy (its key) and the original without spacing."""
    copy, original = compact(texts[0]), compact(texts[1])  # normalise leaves whitespace out too
    diffs = compact_diffs(copy, original)
    figures_only = bool(diffs) and normalise(copy) == normalise(original)
    return diffs, figures_only, copy, original
