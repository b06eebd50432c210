"""A generator of yearbook drafts for the book-level rules (name-variant, figure-conflict,
partial-period): running text drawn from the government work reports corpus, units with
bodies' names as headings, and planted faults of every kind the rules look for, beside
look-alike controls that must stay silent.

Nothing here is taken from the seed page: names are built from rare words of the corpus (words
jieba knows but seldom sees, so they read as parts of proper names), suffixes, numerals and
indicators from lists, all drawn by a seeded random generator.

``make_book(seed)`` returns a :class:`Book`: the files to write, the plants (rule, kind and the
text the finding must stand on) and the controls (texts no finding of these rules may touch).
"""

from __future__ import annotations

import functools
import json
import random
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpora" / "government-work-reports.jsonl"
RULES = ("name-variant", "figure-conflict", "partial-period")

NAME_FLAGS = {"ns", "nz", "nr", "nt", "n"}  # place, proper, person, organisation names and nouns
FALLBACK = [
    "坚持稳中求进工作总基调，统筹疫情防控和经济社会发展，各项工作取得新成效。",
    "深化放管服改革，优化营商环境，市场主体活力进一步增强。",
    "加强生态环境保护，推进污染防治攻坚，城乡面貌持续改善。",
    "扎实推进民生实事，教育、医疗、养老等公共服务水平不断提高。",
]
SUFFIXES = ["基金", "集团", "中心", "研究院", "产业园", "合作社", "服务站", "示范区"]
SPLIT_SUFFIXES = ["场馆", "公园", "乐园", "展馆"]  # the second character is a suffix on its own
SLIP_HEADS = ["创新", "服务", "节约", "学习", "外向", "开放", "科技", "智慧", "平台", "枢纽"]
SLIP_NOUNS = ["产业", "企业", "社区", "园区", "经济", "城市"]
SLIP_SUFFIXES = ["用地", "示范区", "基地", "平台"]
TRUNC_WORDS = ["红十字", "工商业", "科学技术", "文学艺术", "残疾人", "消费者", "个体劳动者"]
TRUNC_SUFFIXES = ["总会", "协会", "联合会", "基金会"]
NUMERALS = ["两", "三", "四", "五", "六", "七", "八", "九", "十"]
SLOGAN_TAILS = ["区", "园", "城", "带", "圈", "港"]
UNIT_NAMES = [
    "区统计局",
    "区发改局",
    "区经信局",
    "区商务局",
    "区财政局",
    "区卫健局",
    "区文旅局",
    "区住建局",
    "区教育局",
]
UNIT_NAMES += ["区农业农村局", "区民政局", "区人社局", "区科技局", "区城管局", "区市场监管局", "区应急管理局"]
INDICATORS = [
    ("常住人口", "万人", 1),
    ("户籍人口", "万人", 1),
    ("地区生产总值", "亿元", 2),
    ("一般公共预算收入", "亿元", 2),
    ("社会消费品零售总额", "亿元", 1),
    ("固定资产投资", "亿元", 1),
]
# text that must never be flagged by the three rules
FIXED_CONTROLS = [
    ("第一中学", "第二中学"),
    ("地铁3号线", "地铁4号线"),
    ("一期工程", "二期工程"),
    ("区委", "区委宣传部"),
    ("“两个确立”", "“两个维护”"),
]


@dataclass
class Plant:
    rule: str
    kind: str
    text: str  # the finding's span must be this text (name-variant, partial-period) or hold it


@dataclass
class Book:
    year: int
    files: dict[str, str]
    plants: list[Plant] = field(default_factory=list)
    controls: list[str] = field(default_factory=list)

    def write(self, folder: Path) -> list[Path]:
        out = []
        for name, text in self.files.items():
            p = folder / name
            p.write_text(text, encoding="utf-8")
            out.append(p)
        return out


_QUIET = re.compile(r"[“”《》（）()]|截[至止]|[0-9０-９一二两三四五六七八九十]+月|季度|半年|简称")


@functools.cache
def _corpus() -> tuple[list[str], list[str]]:
    """(filler paragraphs, rare two-character words) from the reports corpus (or a fallback)."""
    if not CORPUS.is_file():
        return FALLBACK, ["临平", "良渚", "瓶窑", "塘栖", "仓前", "闲林", "五常", "径山", "黄湖", "鸬鸟"]
    from yblint.text.book_index import INDICATORS as IND
    from yblint.text.book_index import NAME_SUFFIXES
    from yblint.text.words import jieba_module

    paras, rare = [], set()
    freq = jieba_module().dt.FREQ
    with CORPUS.open(encoding="utf-8") as f:
        for line in f:
            content = json.loads(line)["content"]
            for p in re.split(r"\n\s*\n|\n", content):
                p = p.strip()
                quiet = 40 <= len(p) <= 220 and p.endswith("。") and not _QUIET.search(p)
                if quiet and not any(s in p for s in (*IND, *NAME_SUFFIXES)):
                    paras.append(p)
    import jieba.posseg as pseg

    rng = random.Random(0)
    for p in rng.sample(paras, min(400, len(paras))):
        for t in pseg.lcut(p, HMM=False):
            word = t.word
            name_like = len(word) == 2 and t.flag in NAME_FLAGS and re.fullmatch(r"[\u4e00-\u9fff]{2}", word)
            if (
                name_like
                and 5 <= freq.get(word, 0) <= 400
                and not any(c in "一二两三四五六七八九十百千万亿" for c in word)
            ):
                rare.add(word)
    return paras, sorted(rare)


def make_book(seed: int, year: int = 2021, units: int = 10, split: bool = False) -> Book:
    """A book of ``units`` units with every kind of plant and control; ``split``: one Markdown
    file per unit (``2021-区统计局.md`` with a ``#`` heading), as units hand drafts in, instead
    of one plain-text file."""
    rng = random.Random(seed)
    paras, rare = _corpus()
    if len(rare) < 40:
        pytest.skip(f"needs the reports corpus for 40 rare words to plant: {CORPUS} not found")
    words = rng.sample(rare, 40)
    w = iter(words)
    heads = rng.sample(UNIT_NAMES, units)
    body: list[list[str]] = [[rng.choice(paras) for _ in range(3)] for _ in range(units)]
    book = Book(year, {})

    def put(unit: int, sentence: str) -> None:
        body[unit].insert(rng.randrange(len(body[unit]) + 1), sentence)

    def two_units() -> tuple[int, int]:
        a, b = rng.sample(range(units), 2)
        return a, b

    # --- name-variant plants -------------------------------------------------------------------
    a, b = two_units()
    x, y, s = next(w), next(w), rng.choice(SUFFIXES)
    put(a, f"会同{x}{y}{s}开展合作，签约项目{rng.randint(3, 9)}个。")
    put(a, f"{x}{y}{s}全年运行平稳。")
    put(b, f"参与发起{y}{x}{s}，推动产业落地。")
    book.plants.append(Plant("name-variant", "swap", f"{y}{x}{s}"))

    a, b = two_units()
    head, noun, suf = rng.choice(SLIP_HEADS), rng.choice(SLIP_NOUNS), rng.choice(SLIP_SUFFIXES)
    good, bad = (
        (f"{head}型{noun}{suf}", f"{head}性{noun}{suf}")
        if rng.random() < 0.5
        else (f"{head}性{noun}{suf}", f"{head}型{noun}{suf}")
    )
    put(a, f"全年新增{good}{rng.randint(2, 9)}处。")
    put(a, f"加快建设{good}，完善配套设施。")
    put(b, f"出让{bad}{rng.randint(2, 9)}宗。")
    book.plants.append(Plant("name-variant", "slip", bad))

    a, b = two_units()
    x, y, s = next(w), next(w), rng.choice(SPLIT_SUFFIXES)
    put(a, f"有序推进{x}{y}{s}建设。")
    put(a, f"{x}{y}{s}年内完工。")
    put(b, f"{x}{y}{s[1]}建设全年无休。")
    book.plants.append(Plant("name-variant", "added", f"{x}{y}{s[1]}"))

    a, b = two_units()
    x, word, s = next(w), rng.choice(TRUNC_WORDS), rng.choice(TRUNC_SUFFIXES)
    put(a, f"获{x}{word}{s}表彰。")
    put(a, f"承办{x}{word}{s}年会。")
    put(b, f"获得{x}{word[0]}{s}表彰。")
    book.plants.append(Plant("name-variant", "truncated", f"{x}{word[0]}{s}"))

    a, b = two_units()
    n1, n2 = rng.sample(NUMERALS, 2)
    slogan = f"{next(w)}{rng.choice(SLOGAN_TAILS)}"
    put(a, f"为“{n1}个{slogan}”建设贡献力量。")
    put(a, f"围绕“{n1}个{slogan}”目标，加快推进重点项目。")
    put(b, f"以建设“{n2}个{slogan}”为关键，推进各项工作。")
    book.plants.append(Plant("name-variant", "numeral", f"{n2}个{slogan}"))

    # --- figure-conflict plants ----------------------------------------------------------------
    ind, unit, dec = rng.choice(INDICATORS)
    value = round(rng.uniform(20, 90), dec)
    other = round(value * rng.choice([0.8, 0.9, 1.1, 1.25]), dec)
    a, b = two_units()
    put(a, f"{year}年末，全区{ind}{value:.{dec}f}{unit}。")
    put(b, f"{year}年，全区{ind}{other:.{dec}f}{unit}，稳步增长。")
    book.plants.append(Plant("figure-conflict", "value", f"{ind}{other:.{dec}f}{unit}"))  # or its first statement

    # figure controls: other precision or unit that agrees, another year, period or scope
    ind2, unit2, _ = rng.choice([i for i in INDICATORS if i[0] != ind])
    v2 = round(rng.uniform(20, 90), 1)
    c, d = two_units()
    if unit2 == "万人":
        put(c, f"{year}年末，全区{ind2}{v2:.1f}万人。")
        put(d, f"全区{ind2}{round(v2 * 10000):,}人（{year}年末）。")
        book.controls.append(f"{round(v2 * 10000):,}人")
    else:
        put(c, f"{year}年，全区{ind2}{v2:.1f}亿元。")
        put(d, f"{year}年，全区{ind2}约{round(v2):d}亿元。")
        book.controls.append(f"约{round(v2):d}亿元")
    c, d = two_units()
    put(c, f"{year - 1}年，全区{ind2}{v2 * 0.8:.1f}{unit2}。")
    book.controls.append(f"{v2 * 0.8:.1f}{unit2}")
    put(d, f"全市{ind2}{v2 * 3.1:.1f}{unit2}。")
    book.controls.append(f"{v2 * 3.1:.1f}{unit2}")
    put(c, f"{year}年1—12月，全区{ind2}{v2:.1f}{unit2}。")

    # --- partial-period plants -----------------------------------------------------------------
    m = rng.randint(6, 11)
    a, b = two_units()
    put(a, f"1—{m}月，新招引产业项目{rng.randint(5, 30)}个。")
    book.plants.append(Plant("partial-period", "range", f"1—{m}月"))
    day = rng.randint(1, 28)
    put(b, f"截至{m}月{day}日，共引进企业{rng.randint(50, 300)}家。")
    book.plants.append(Plant("partial-period", "day", f"截至{m}月{day}日"))
    c = rng.randrange(units)
    put(c, f"截至{m - 1}月底，累计完成投资{rng.randint(2, 40)}亿元。")
    book.plants.append(Plant("partial-period", "month-end", f"截至{m - 1}月底"))
    # partial-period controls: the whole year, another year, no figure
    put(rng.randrange(units), f"截至{year}年底，全区共有养老机构{rng.randint(20, 90)}家。")
    book.controls.append(f"截至{year}年底")
    put(rng.randrange(units), f"与{year - 1}年1—9月相比，投诉量下降{rng.randint(5, 30)}%。")
    book.controls.append(f"{year - 1}年1—9月")
    put(rng.randrange(units), "截至目前，各项工作进展顺利。")
    book.controls.append("截至目前，各项工作进展顺利")

    # --- name controls -------------------------------------------------------------------------
    place = next(w)
    for left, right in FIXED_CONTROLS:
        a, b = two_units()
        if left.startswith("“"):
            put(a, f"坚决做到{left}。")
            put(b, f"坚决做到{right}。")
        else:
            put(a, f"{place}{left}完成改造提升。")
            put(b, f"{place}{right}顺利推进。")
        book.controls.extend([left.strip("“”"), right.strip("“”")])
    # a declared short form: the full name and its short form never differ by a slip
    a, b = two_units()
    x, word, s = next(w), rng.choice(TRUNC_WORDS), rng.choice(TRUNC_SUFFIXES)
    full, short = f"{x}{word}{s}", f"{x}{word[0]}{s}"  # a cut name, but declared
    put(a, f"成立{full}（以下简称“{short}”）。")
    put(b, f"{short}全年服务企业{rng.randint(100, 900)}家。")
    book.controls.append(short)
    # a name written the same way every time
    x, y = next(w), next(w)
    for u in rng.sample(range(units), 3):
        put(u, f"推进“{NUMERALS[3]}大{x}{y}行动”。")
    book.controls.append(f"{NUMERALS[3]}大{x}{y}行动")

    if split:
        for h, ps in zip(heads, body, strict=True):
            book.files[f"{year}-{h}.md"] = f"# {h}\n\n" + "\n\n".join(ps) + "\n"
    else:
        text = "\n\n".join(f"{h}\n\n" + "\n\n".join(ps) for h, ps in zip(heads, body, strict=True)) + "\n"
        book.files[f"draft-{year}.txt"] = text
    # another year's book in the same run: its variants of this year's names are not variants
    old = year - 10
    x2, y2, s2 = re.match(r"(..)(..)(.+)", book.plants[0].text).groups()  # type: ignore[union-attr]
    book.files[f"draft-{old}.txt"] = (
        f"区发改局\n\n{old}年，参与发起{y2}{x2}{s2}。全区{ind}{value * 0.5:.{dec}f}{unit}。\n\n"
        f"为“{n1}个{slogan}”建设贡献力量。\n"
    )
    book.controls.append(f"{value * 0.5:.{dec}f}{unit}")
    return book
