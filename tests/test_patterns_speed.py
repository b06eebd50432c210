"""Pattern rules search each pattern once per document, and take its matches from there
(whole_safe) or search again only the paragraphs it matched in (edge_safe)
(yblint.patterns.Matcher.hits): the matches must be exactly those of a search paragraph by
paragraph, whatever the pattern looks at around a paragraph's edges."""

from __future__ import annotations

from conftest import doc_of
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from yblint import patterns
from yblint.patterns import Matcher, compile_one, edge_safe, required_chars, whole_safe
from yblint.ruledefs import RuleDef

PATTERNS = [
    "我们",
    "(?<![自忘敌你唯])我们",
    "(?<!\\p{Han})\\p{Han}[ \\u3000]{1,2}\\p{Han}(?!\\p{Han})",
    "(?<=\\p{Han}),",
    "^我",  # an anchor: searched paragraph by paragraph
    "们$",
    "(?<!\\s)我",  # a negative lookbehind that can match a newline
    "(?<![^我])们",
    "我.{0,3}们",
    "[^。]{3}",  # runs across paragraphs in the joined text
    "(?<!.)我",
    "\\b我们\\b",  # searched in the whole document at once (whole_safe) from here on
    "我?",  # may match nothing
    "们*(?=我)",
    "(?<=\\p{Han})们(?!\\p{Han})",
    "(?P<token>们)(?:[ \\u3000]*(?P=token))+",
    "[\\x20-\\x7f]",
    "(?:我){e<=1}",  # fuzzy: may take the newline for a character
    "[\\t-\\r]",
    "(?<=[我你]\\s?)们(?![的。])",  # a newline may stand in a positive lookbehind: searched again
    "我(?![^，。\\n]{0,3}的)",  # a negative lookahead over a class without the newline
    "(?=[^，\\n]{1,3}的)我",
    "[^。\\n]{2}",
    "我(?![^，。]{0,3}的)",  # the class takes the newline: paragraph by paragraph
    "们(?![\\n的])",
    "(?<![\\[(])我",
    "(?:们|你)?[，。]",  # searched only in the paragraphs holding ， or 。 (required_chars)
    "[ \\u3000]+我",
    "(?<=我)[，]{1,2}",
    "(?:[a-]|，，)们",
    "(?<=^|，)你",  # an anchor in a lookbehind: only the paragraphs holding 你, one by one
    "^[你的]+",
    "(?<!\\s)的",
    "(?<=(?:^|\n)[^a\n]*)a[^a\n]{0,3}a",  # a pair of one line, as half-width-punct's quotes
]


def _rule() -> RuleDef:
    return RuleDef(id="t", type="existence", severity="warning", description={}, messages={}, raw={})


def _one_by_one(matcher: Matcher, doc) -> list[tuple[int, int, str]]:
    """The reference: every pattern and exception on every paragraph alone (what hits() did before)."""
    out = []
    for para in matcher.paragraphs(doc):
        found = []
        for order, pat in enumerate(matcher.patterns):
            for m in pat.compiled.finditer(para.text):
                if m.end() > m.start():
                    found.append((m.start(), -(m.end() - m.start()), order, m))
        spans = [m.span() for exc in matcher.exceptions for m in exc.compiled.finditer(para.text)]
        found.sort(key=lambda t: t[:3])
        last = -1
        for start, _n, order, m in found:
            if start < last or any(s <= start and m.end() <= e for s, e in spans):
                continue
            last = m.end()
            out.append((para.start + start, para.start + m.end(), matcher.patterns[order].source))
    return out


def _hits(matcher: Matcher, doc) -> list[tuple[int, int, str]]:
    return [(h.start, h.end, h.pattern.source) for h in matcher.hits(doc)]


def test_edge_safe_tells_anchors_and_newline_lookarounds():
    assert edge_safe("(?<![自忘敌你唯])我们")
    assert edge_safe("(?<![\\p{Latin}0-9０-９\\-－–./:_#])1")
    assert edge_safe("(?<!a).b")  # . never matches the newline
    assert edge_safe("[^。]{3}")  # no negative lookaround: a match across paragraphs is searched again
    assert not edge_safe("^我")
    assert not edge_safe("们$")
    assert not edge_safe("(?<!\\s)我")
    assert not edge_safe("(?<![^我])们")
    assert not edge_safe("(?<!\\p{Common})我")
    assert not edge_safe("(?s)(?<!.)我")
    # only what stands in a negative lookaround is looked at, and a class that leaves out the newline
    assert edge_safe("(?<=[0-9０-９]\\s?)(万|亿)方(?![面向案针式法])")
    assert edge_safe("象(?=[^，。\\n]{1,12}一样)(?![^，。；！？\\n]{0,12}(?:现象|形象))")
    assert edge_safe("(?<!\\])(?:(?<=\\p{Han})|(?=\\([^()（）\\r\\n]{0,60}\\p{Han}))\\(")
    assert edge_safe("\\s(?!的)")
    assert not edge_safe("我(?![^，。]{0,3}的)")
    assert not edge_safe("我(?![^，\\n-。]{0,3}的)")  # a range: read the safe way
    assert not edge_safe("(?![\\s])我")
    assert not edge_safe("(?!(?:\\s))我")
    assert not edge_safe("(?!a)(?![[:space:]])我")  # a class read the safe way
    assert not edge_safe("(?!\\))\\s(?!\\s)")


def test_whole_safe_tells_what_may_see_a_newline():
    assert whole_safe("我们")
    assert whole_safe("(?<![自忘敌你唯])我们")
    assert whole_safe("(?<!\\p{Han})\\p{Han}[ \\u3000]{1,2}\\p{Han}(?!\\p{Han})")
    assert whole_safe("我.{0,3}们")  # . never matches the newline
    assert whole_safe("(?P<forecast>即将)\\d{2,}")
    assert whole_safe("[\\x20-\\x7f]")
    assert whole_safe("[ \t]")  # a tab, not a range from it
    assert whole_safe("[^，。\\n]{2}")  # a negated class that leaves out the newline
    assert whole_safe("[^]\\n]")  # a ] first in a class is one of its characters
    assert whole_safe("象(?=[^，\\n]{1,12}一样)(?![^，\n]{0,12}现象)")
    for source in [
        "^我",
        "们$",
        "[^。]{3}",
        "[^。\\\\n]",  # an escaped backslash and n
        "[^\\n-。]",
        "\\s",
        "\\W",
        "\\p{Common}",
        "\\P{Han}",
        "(?s).",
        "(?i)a",
        "(?:我){e<=1}",
        "[\\t-\\r]",
        "[\\x00-\\x7f]",
        "\\u000a",
        "\\x{a}",
        "[[:space:]]",
        "\\012",
        "\\N{LINE FEED}",
        "\n",
    ]:
        assert not whole_safe(source), source


def test_each_pattern_matches_as_paragraph_by_paragraph(tmp_path):
    text = "我们去了。\n\n我们\n\n你们我们，我 们\n\n目前我们\n\n们我\n\n# 我们\n\n我\n"
    doc = doc_of(tmp_path / "a.md", text)
    for source in PATTERNS:
        rule = _rule()
        matcher = Matcher(rule, [compile_one(rule, source, "tokens", 0)])
        assert _hits(matcher, doc) == _one_by_one(matcher, doc), source


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    paras=st.lists(st.text(alphabet="我们你的。， \u3000a", min_size=1, max_size=12), min_size=1, max_size=6),
    chosen=st.lists(st.sampled_from(PATTERNS), min_size=1, max_size=3, unique=True),
)
def test_any_text_any_patterns_same_matches(tmp_path, paras, chosen):
    text = "\n\n".join(p.strip() or "我" for p in paras) + "\n"
    doc = doc_of(tmp_path / "a.txt", text)
    rule = _rule()
    matcher = Matcher(rule, [compile_one(rule, s, "tokens", i) for i, s in enumerate(chosen)])
    assert _hits(matcher, doc) == _one_by_one(matcher, doc)
    share = patterns.HOLDING_SHARE
    patterns.HOLDING_SHARE = 1  # the paragraphs holding a required character searched alone, however many
    try:
        assert _hits(matcher, doc) == _one_by_one(matcher, doc)
    finally:
        patterns.HOLDING_SHARE = share


def test_required_chars():
    """The rare characters every match takes one of, for a pattern that does not start with a literal."""
    assert required_chars("(?<![\\p{Latin}0-9])([0-9０-９]{1,4})[ \\t]*[-－–][ \\t]*([0-9]{1,4})") == set("-－–")
    assert required_chars("(?<![\\-－A-Za-z])(?:--|－－)(?![\\-－])") == set("-－")
    assert required_chars("(?<!\\p{Han})\\p{Han}[ \\u3000]{1,2}\\p{Han}(?!\\p{Han})") == set(" \u3000")
    assert required_chars("[ \\t\\u3000]+\\p{Han}{2,4}[：:]") == set("：:")  # the smaller set
    assert required_chars("(?:a|b)?[，]+") == {"，"}
    assert required_chars("[0-9]+%") == {"%"}  # not the digits, which most paragraphs hold
    assert required_chars("[^。]，") == {"，"}
    for source in [
        "我们",  # a literal first: the regex module finds it fast
        "(?<![一二])千米",
        "(?P<token>，)(?:[ \\u3000]*(?P=token))+",  # a literal first, in a group
        "(?:，+)-",
        "(?P<c>[的和了])(?P=c)",  # ideographs: in most paragraphs
        "[-，]?我",  # may match without them
        "(?:-|我)们",  # a branch with an ideograph
        "(?V1)[[a]--[b]]",  # the regex module's own syntax
        "[\\p{Han}-]+",
        "[a-z]{0}-?",
    ]:
        assert required_chars(source) is None, source


def test_required_chars_of_a_pattern_searched_in_every_paragraph():
    """For a pattern searched paragraph by paragraph, a literal first and common characters
    count too; fuzzy matching never (any character may stand in)."""
    assert required_chars("^我", every=True) == {"我"}
    assert required_chars('"(?<=(?:^|\\n)[^"\\n]*)(?P<q>[^"\\n]{0,80})"', every=True) == {'"'}
    assert required_chars("(?<=^|[，。])本(?:区|市)", every=True) == {"本"}
    assert required_chars("(?P<c>[的和了])(?P=c)", every=True) == set("的和了")
    for source in [
        "(?:我){e<=1}",
        "我{e<=1}们",
        "[-，]?我?",
        "(?V1)[[a]--[b]]",
        "(?<=^)\\p{Han}",
        "^(?i:abc)",  # any case
        "(?i)^abc",
    ]:
        assert required_chars(source, every=True) is None, source
    assert required_chars("^(?i:a)bc", every=True) == {"b"}


def test_a_group_of_its_own_case_is_searched_in_every_paragraph(tmp_path):
    """A pattern searched paragraph by paragraph with a group that ignores case (^(?i:ab)) is not
    held to the paragraphs holding its lower-case letters."""
    text = "AB们在这里工作，情况很好。\n\nab们在那里工作，情况也好。\n\n我们在家里工作，情况一般。\n"
    doc = doc_of(tmp_path / "a.txt", "区妇联\n\n" + text)
    rule = _rule()
    matcher = Matcher(rule, [compile_one(rule, "^(?i:ab)们", "tokens", 0)])
    assert _hits(matcher, doc) == _one_by_one(matcher, doc)
    assert len(_hits(matcher, doc)) == 2


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    paras=st.lists(st.text(alphabet="我们你的。， a《》", min_size=1, max_size=12), min_size=1, max_size=6),
    chosen=st.lists(st.sampled_from(PATTERNS), min_size=1, max_size=3, unique=True),
    exceptions=st.lists(
        st.sampled_from(["你们", "我们的", "[^。]*的", "^我", "《[^《》\\n]{1,6}》", "我(?!们)"]),
        max_size=3,
        unique=True,
    ),
    whole=st.booleans(),
)
def test_exceptions_drop_the_same_matches(tmp_path, paras, chosen, exceptions, whole):
    """Exceptions searched paragraph by paragraph, or (whole: from the first paragraph with a
    match) in the whole document where they match there as in each paragraph."""
    text = "\n\n".join(p.strip() or "我" for p in paras) + "\n"
    doc = doc_of(tmp_path / "a.txt", text)
    rule = _rule()
    rule.raw = {"exceptions": exceptions}
    matcher = Matcher(rule, [compile_one(rule, s, "tokens", i) for i, s in enumerate(chosen)])
    threshold = patterns.WHOLE_EXCEPTIONS
    patterns.WHOLE_EXCEPTIONS = 1 if whole else 10**9
    try:
        assert _hits(matcher, doc) == _one_by_one(matcher, doc)
    finally:
        patterns.WHOLE_EXCEPTIONS = threshold


def _prepared_hits(matcher: Matcher, docs) -> list[list[tuple[int, int, str]]]:
    matcher.prepare(docs)
    return [_hits(matcher, d) for d in docs]


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    drafts=st.lists(
        st.lists(st.text(alphabet="我们你的。， \u3000a", min_size=1, max_size=10), min_size=1, max_size=4),
        min_size=2,
        max_size=5,
    ),
    chosen=st.lists(st.sampled_from(PATTERNS), min_size=1, max_size=4, unique=True),
    exceptions=st.lists(st.sampled_from(["你们", "我们的", "^我", "我(?!们)"]), max_size=2, unique=True),
    share=st.sampled_from([1, 4, 10**9]),
)
def test_a_run_of_drafts_searched_at_once_gives_each_draft_its_own_matches(tmp_path, drafts, chosen, exceptions, share):
    """prepare() searches the patterns that see no newline in every draft's paragraphs at once
    (#14: 1,000 drafts of a unit each, each pattern searched 1,000 times): each draft's hits are
    those of its paragraphs searched one by one, whether the paragraphs holding a rare character
    are searched alone (share 1) or the whole run is (share 10**9)."""
    docs = []
    for n, paras in enumerate(drafts):
        text = "\n\n".join(p.strip() or "我" for p in paras) + "\n"
        docs.append(doc_of(tmp_path / f"d{n}.txt", text))
    rule = _rule()
    rule.raw = {"exceptions": exceptions}
    matcher = Matcher(rule, [compile_one(rule, s, "tokens", i) for i, s in enumerate(chosen)])
    old = patterns.HOLDING_SHARE
    patterns.HOLDING_SHARE = share
    try:
        assert _prepared_hits(matcher, docs) == [_one_by_one(matcher, d) for d in docs]
    finally:
        patterns.HOLDING_SHARE = old


def test_a_run_of_drafts_is_searched_once_a_pattern(tmp_path, monkeypatch):
    """Three drafts, a pattern that sees no newline and one that does (an anchor): the first
    searched once for the three (one search of their paragraphs joined), the second in each
    draft; a draft prepare() was not given is searched on its own, with the same matches."""
    docs = [
        doc_of(tmp_path / f"d{n}.txt", f"区{n}\n\n我们今年完成了任务。\n\n我们也做了许多工作。\n") for n in range(3)
    ]
    rule = _rule()
    matcher = Matcher(rule, [compile_one(rule, s, "tokens", i) for i, s in enumerate(["我们", "^我"])])
    searched: list[tuple[str, int]] = []
    whole = Matcher._whole

    def spy(self, pat, scope):
        searched.append((pat.source, isinstance(scope, patterns._BookScope)))
        return whole(self, pat, scope)

    monkeypatch.setattr(Matcher, "_whole", spy)
    got = _prepared_hits(matcher, docs)
    assert [book for source, book in searched if source == "我们"] == [True]  # once, for the 3 drafts
    assert [book for source, book in searched if source == "^我"] == [False] * 3  # tried in each draft
    assert got == [_one_by_one(matcher, d) for d in docs] and all(len(g) == 2 for g in got)
    other = doc_of(tmp_path / "e.txt", "区\n\n我们去了。\n")
    assert _hits(matcher, other) == _one_by_one(matcher, other) != []


def test_a_run_whose_search_times_out_is_searched_draft_by_draft(tmp_path, monkeypatch):
    """The search of the whole run timing out, each draft is searched on its own (which names
    the paragraph should that time out too): the same matches."""
    docs = [doc_of(tmp_path / f"d{n}.txt", f"区{n}\n\n我们完成了任务。\n") for n in range(2)]
    rule = _rule()
    matcher = Matcher(rule, [compile_one(rule, "我们", "tokens", 0)])
    whole = Matcher._whole
    monkeypatch.setattr(
        Matcher,
        "_whole",
        lambda self, pat, scope: None if isinstance(scope, patterns._BookScope) else whole(self, pat, scope),
    )
    assert _prepared_hits(matcher, docs) == [_one_by_one(matcher, d) for d in docs]
    assert matcher._done == frozenset()
