"""The first families of the evaluation set: renderings of listed organisations (issue 6).

`Generator` reads the lists and makes the families `legal_form` ... `identifier` below; it also
serves the widened families of families.py and people.py (pools, right answers). Deterministic:
the same lists and seed give the same rows. The renderings are made with the rules in korean.py,
russian.py and chinese.py and the word lists below, never with the matcher's own code or data,
so the evaluation does not grade the matcher on its own assumptions. `python -m bench.eval`
writes a whole set (evalset.py).
"""

from __future__ import annotations

import random
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import ClassVar

from bench.eval import chinese, korean, russian
from screening.watchlist.links import build_cross_list_index
from screening.watchlist.model import AliasType, Entry, EntryKind, IdentifierKind, ListSnapshot

SEED = 20260227
# Issue 15's rule: an initialism or alias of two or three letters alone is no hit; it needs an
# identifier, the country, a second word of the listed name or a strong alias beside it.
LONGEST_BARE_ACRONYM = 3

# How many renderings each family gets.
FAMILY_SIZES: dict[str, int] = {
    "legal_form": 130,
    "romanisation": 160,
    "spacing": 100,
    "cyrillic": 130,
    "hangul": 120,
    "chinese": 110,
    "typo": 160,
    "word_order": 90,
    "dropped_generic": 110,
    "extra_words": 110,
    "acronym": 50,
    "identifier": 80,
}

# The generator's own idea of legal forms and generic words (lower case, as words).
LEGAL_FORMS = [
    ("obshchestvo", "s", "ogranichennoi", "otvetstvennostyu"),
    ("obschestvo", "s", "ogranichennoi", "otvetstvennostyu"),
    ("limited", "liability", "company"),
    ("joint", "stock", "company"),
    ("closed", "joint", "stock", "company"),
    ("open", "joint", "stock", "company"),
    ("co", "ltd"),
    ("co", "limited"),
    ("company", "limited"),
    ("pte", "ltd"),
    ("pvt", "ltd"),
    ("llc",),
    ("ltd",),
    ("limited",),
    ("co",),
    ("corp",),
    ("corporation",),
    ("company",),
    ("inc",),
    ("jsc",),
    ("ojsc",),
    ("cjsc",),
    ("pjsc",),
    ("ooo",),
    ("zao",),
    ("oao",),
    ("pao",),
    ("ao",),
    ("jvc",),
    ("plc",),
    ("gmbh",),
    ("sarl",),
    ("fze",),
    ("fzco",),
    ("sa",),
    ("aktsionernoe", "obshchestvo"),
    ("aktsionernoye", "obshchestvo"),
    ("s", "r", "o"),
    ("s", "a"),
    ("l", "l", "c"),
    ("s", "a", "de", "c", "v"),
    ("b", "v"),
    ("sro",),
    ("bv",),
]
GENERIC = {
    "korea",
    "korean",
    "general",
    "trading",
    "trade",
    "international",
    "group",
    "industrial",
    "development",
    "national",
    "foreign",
    "dprk",
    "democratic",
    "peoples",
    "people's",
    "republic",
    "north",
    "holding",
    "holdings",
    "enterprise",
    "import",
    "export",
    "commercial",
}
STOP = {"of", "the", "and", "for", "&"}
# families whose renderings cannot tell apart the spellings of one Korean name (see korean_key)
KOREAN_RENDERINGS = ("hangul", "cyrillic", "romanisation", "spacing", "kontsevich", "split_joined")
RUSSIAN_FORMS = {"ooo", "ao", "zao", "oao", "pao", "obshchestvo", "obschestvo"}
NOT_KOREAN = {
    "general",
    "bureau",
    "national",
    "natural",
    "marine",
    "maritime",
    "operation",
    "animation",
    "mining",
    "machine",
    "banking",
    "unit",
    "asia",
    "tool",
    "automation",
    "european",
    "kapital",
    "pine",
    "sea",
    "metal",
    "team",
    "people",
    "media",
    "empire",
    "holding",
    "line",
    "one",
    "real",
    "engineering",
    "petroleum",
    "material",
    "mineral",
    "royal",
    "patriot",
    "hope",
    "orion",
    "golden",
    "rubin",
    "moon",
    "april",
    "neptun",
    "bella",
    "apollon",
    "marathon",
    "asian",
    "ocean",
    "pan",
    "gain",
    "tom",
    "mira",
    "io",
    "too",
    "al",
    "dot",
    "sun",
    "bunkering",
    "senat",
    "agitation",
    "maru",
    "taiyo",
    "oriental",
    "korea",
    "ooo",
    "ltd",
    "co",
    "inc",
    "corp",
    "llc",
    "jsc",
    "ao",
    "hong",
    "kong",
    "china",
    "beijing",
    "dalian",
    "weihai",
    "dandong",
    "yanbian",
    "liaoning",
    "singapore",
    "bangkok",
    "namibia",
    "mirae",
    "eko",
    "it",
    "rim",
    "sikreti",
    "murat",
    "insaat",
    "tarim",
    "petrochem",
    "bima",
}
_PINYIN_MARKS = re.compile(r"x|q|z|ao|ei|ou|ian|uan|iu|ua|eng|ui$")

# Renderings of English name words in a Korean document (the generator's own dictionary).
HANGUL_WORDS: dict[str, str] = {
    "korea": "조선",
    "korean": "조선",
    "general": "총",
    "trading": "무역",
    "trade": "무역",
    "corporation": "회사",
    "company": "회사",
    "corp": "회사",
    "co": "회사",
    "bank": "은행",
    "banking": "은행",
    "construction": "건설",
    "joint": "합영",
    "venture": "",
    "technology": "기술",
    "information": "정보",
    "development": "개발",
    "mining": "광업",
    "industrial": "공업",
    "international": "국제",
    "shipping": "해운",
    "commercial": "상업",
    "insurance": "보험",
    "national": "국가",
    "foreign": "대외",
    "investment": "투자",
    "marine": "해양",
    "maritime": "해사",
    "group": "그룹",
    "overseas": "해외",
    "project": "사업",
    "projects": "사업",
    "art": "미술",
    "studio": "창작사",
    "center": "센터",
    "centre": "센터",
    "bureau": "국",
    "economic": "경제",
    "cooperation": "협조",
    "machine": "기계",
    "oil": "원유",
    "credit": "신용",
    "computer": "콤퓨터",
    "united": "련합",
    "association": "협회",
    "ltd": "",
    "limited": "",
    "of": "",
    "the": "",
    "and": "",
}

BRANCH_TEMPLATES = (
    "{name} (Vladivostok branch)",
    "{name} Vladivostok Branch",
    "{name} (Khabarovsk)",
    "{name} - Moscow Representative Office",
    "{name}, Moscow office",
    "{name} Shenyang Office",
    "{name} (Dandong branch)",
    "{name} Dubai Branch",
    "{name} Representative Office",
    "{name} Branch Office Nakhodka",
    "{name} (Ulaanbaatar)",
    "Filial {name} Khabarovsk",
    "{name} Branch in Dalian",
    "{name} Head Office",
    "{name} (Hong Kong) Branch",
    "{name} - Yanji office",
    "{name} (Kuwait branch)",
    "{name} Beijing Representative Office",
)
FILLER_NAMES = (
    "Vostok Trade House",
    "Pacific Star Logistics",
    "Orient Bridge Supply",
    "Green Field Works",
    "Sea Wave Services",
    "Northern Route Partners",
    "Blue Sky Contractors",
    "Silver River Co",
    "Amur Resource Holdings",
    "Primorsky Building Systems",
    "Golden Bridge Consulting",
)


@dataclass
class Row:
    family: str
    name: str
    country: str
    registration_id: str
    expected: tuple[str, ...]
    base_name: str
    base_entry: str
    date_of_birth: str = ""
    nationality: str = ""
    evidence: str = ""  # what the row carries beside the name, ";"-separated
    variant: str = ""  # how the name was written, within its family


@dataclass
class Pools:
    dprk: list[Entry] = field(default_factory=list)
    russian: list[Entry] = field(default_factory=list)
    chinese: list[Entry] = field(default_factory=list)
    other: list[Entry] = field(default_factory=list)


VESSEL_PREFIX = "M/V"  # how the first families write a listed vessel's name (see family_rows)


def words_of(name: str) -> list[str]:
    """Words as a writer moves them around: hyphenated words and MR apostrophes stay inside a
    word (DAE-DONG, CH'OLHYO'N), quotation marks and other punctuation go."""
    words = (word.strip("'’-") for word in re.findall(r"[A-Za-z0-9'’-]+", name))
    return [word for word in words if word]


def name_key(name: str) -> str:
    """The generator's own comparison key: ASCII letters and digits, lower case, one space."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return " ".join(re.findall(r"[a-z0-9]+", text.replace("'", "")))


def is_latin(name: str) -> bool:
    return all(ord(char) < 0x250 or not char.isalpha() for char in name)


def is_dprk(entry: Entry) -> bool:
    return (
        any(program.upper().startswith("DPRK") for program in entry.programs)
        or any("Korea" in program for program in entry.programs)
        or "KP" in entry.countries
        or entry.list_id == "dprk-labour"
        or entry.source_id.startswith("KP")
    )


def split_legal(words: list[str]) -> tuple[list[str], list[str]]:
    """(core words, legal-form words) of a name, the forms found at its start or end."""
    lower = [word.lower().strip(".,") for word in words]
    core_start, core_stop = 0, len(words)
    form: list[str] = []
    changed = True
    while changed and core_stop - core_start > 1:
        changed = False
        for spelling in sorted(LEGAL_FORMS, key=len, reverse=True):
            size = len(spelling)
            if core_stop - core_start <= size:
                continue
            if tuple(lower[core_stop - size : core_stop]) == spelling:
                form = words[core_stop - size : core_stop] + form
                core_stop -= size
                changed = True
                break
            if tuple(lower[core_start : core_start + size]) == spelling:
                form = words[core_start : core_start + size] + form
                core_start += size
                changed = True
                break
    return words[core_start:core_stop], form


def core_key(name: str) -> str:
    core, _ = split_legal(words_of(name))
    return name_key(" ".join(core))


def korean_key(name: str) -> str:
    """A key that does not tell apart the spellings of one Korean name in MR, RR and informal
    romanisation: only for labelling which listed names a Hangul or Cyrillic rendering cannot
    distinguish, never for making renderings."""
    key = "".join(word for word in core_key(name).split() if word not in ("korea", "dprk"))
    for old, new in (
        ("eo", "o"),
        ("eu", "u"),
        ("ch", "j"),
        ("k", "g"),
        ("t", "d"),
        ("p", "b"),
        ("l", "r"),
        ("ng", "n"),
        ("ae", "e"),
        ("'", ""),
    ):
        key = key.replace(old, new)
    return key


def korean_words(words: Iterable[str]) -> list[str]:
    return [
        word
        for word in words
        if len(word) >= 3
        and word.lower() not in NOT_KOREAN
        and word.lower() not in GENERIC
        and not _PINYIN_MARKS.search(word.lower())
        and korean.is_korean_word(word)
    ]


def titled(text: str, like: str) -> str:
    return text.upper() if like.isupper() else text


class Generator:
    def __init__(self, snapshots: list[ListSnapshot], seed: int = SEED) -> None:
        self.rng = random.Random(seed)
        self.cross_list = build_cross_list_index(snapshots)
        self.entries = [entry for snapshot in snapshots for entry in snapshot.entries]
        self.by_name: dict[str, set[str]] = defaultdict(set)
        self.by_core: dict[str, set[str]] = defaultdict(set)  # name without legal form
        self.by_korean: dict[str, set[str]] = defaultdict(set)  # see korean_key
        self.by_identifier: dict[str, set[str]] = defaultdict(set)
        for entry in self.entries:
            for name in entry.all_names():
                if is_latin(name):
                    key = f"{entry.list_id}:{entry.source_id}"
                    self.by_name[name_key(name)].add(key)
                    self.by_core[core_key(name)].add(key)
                    self.by_korean[korean_key(name)].add(key)
            for identifier in entry.identifiers:
                self.by_identifier[self.identifier_key(identifier.value)].add(
                    f"{entry.list_id}:{entry.source_id}"
                )
        # words of names from countries that do not write Chinese: a word met there is English
        # (or another language), not pinyin, and is not written in characters
        self.foreign_words: set[str] = set()
        for entry in self.entries:
            if entry.countries and not set(entry.countries) & {"CN", "HK", "TW", "MO", "KP", "SG"}:
                for name in entry.all_names():
                    self.foreign_words.update(w.lower() for w in words_of(name))
        self.pools = Pools()
        for entry in sorted(self.entries, key=lambda e: (e.list_id, e.source_id)):
            if entry.kind not in (EntryKind.ORGANIZATION, EntryKind.VESSEL):
                continue
            if is_dprk(entry):
                self.pools.dprk.append(entry)
            elif "RU" in entry.countries:
                self.pools.russian.append(entry)
            elif "CN" in entry.countries or "HK" in entry.countries:
                self.pools.chinese.append(entry)
            else:
                self.pools.other.append(entry)
        self.used: dict[str, set[str]] = defaultdict(set)  # family -> base names used

    @staticmethod
    def identifier_key(value: str) -> str:
        return re.sub(r"[^A-Z0-9]", "", value.upper())

    def expected(
        self, entry: Entry, base: str, rendering: str = "", family: str = ""
    ) -> tuple[str, ...]:
        """The right answers: the entry, the same designation on the other lists, any entry
        with the same name but for the legal form (a rendering that changes the legal form
        cannot tell "X Co" from "X Corp"), any entry whose name is the rendering itself, and for
        Korean renderings any entry whose name is the same Korean words (대성 is both Taesong and
        Daesong)."""
        keys = set(self.by_core.get(core_key(base), ())) | {f"{entry.list_id}:{entry.source_id}"}
        if rendering and is_latin(rendering):
            keys |= self.by_name.get(name_key(rendering), set())
            keys |= self.by_core.get(core_key(rendering), set())
        if family in KOREAN_RENDERINGS and is_dprk(entry):
            keys |= self.by_korean.get(korean_key(base), set())
        for key in list(keys):
            list_id, source_id = key.split(":", 1)
            keys.update(f"{lid}:{sid}" for lid, sid in self.cross_list.same_as(list_id, source_id))
        return tuple(sorted(keys))

    @staticmethod
    def strong_names(entry: Entry) -> list[str]:
        """The entry's names but its weak aliases, which OFAC says are not a hit on their own."""
        weak = {alias.name for alias in entry.aliases if alias.type is AliasType.WEAK}
        return [name for name in entry.all_names() if name == entry.name or name not in weak]

    def latin_names(self, entry: Entry) -> list[str]:
        return [n for n in self.strong_names(entry) if is_latin(n) and len(name_key(n)) >= 4]

    def country_for(self, entry: Entry, family: str) -> str:
        roll = self.rng.random()
        if family == "cyrillic":
            return "RU" if roll < 0.8 else ""
        if family == "chinese":
            return "CN" if roll < 0.8 else ""
        if family == "hangul":
            return "KP" if roll < 0.3 else ""
        if roll < 0.45 or not entry.countries:
            return ""
        choices = sorted(entry.countries) if roll < 0.8 else ["RU", "CN", "AE", "MN"]
        return str(self.rng.choice(choices))  # the entry's country, or a host that may conflict

    # --- families: each returns the rendering or None when the name does not lend itself ---

    def legal_form(self, entry: Entry, base: str) -> str | None:
        core, form = split_legal(words_of(base))
        if not core:
            return None
        text = " ".join(core)
        if "RU" in entry.countries:
            templates = [
                "OOO {}",
                "{} LLC",
                "LLC {}",
                "Obshchestvo s ogranichennoy otvetstvennostyu {}",
                'OOO "{}"',
                "{} Limited Liability Company",
                "AO {}",
                "ZAO {}",
                "{} JSC",
            ]
        elif "CN" in entry.countries or "HK" in entry.countries:
            templates = [
                "{} Co., Ltd.",
                "{} Co. Ltd",
                "{} Company Limited",
                "{} Ltd.",
                "{} Limited",
                "{} Co., Limited",
                "{} Corp.",
            ]
        else:
            templates = [
                "{} Co., Ltd.",
                "{} Corp.",
                "{} Corporation",
                "{} LLC",
                "{} L.L.C.",
                "{} Ltd",
                "{} Company",
                "{} Inc.",
                "{} JVC",
                "{} Co.",
                "{} Pte. Ltd.",
                "{} FZE",
                "{} SARL",
                "{} JSC",
            ]
        original = " ".join(form).lower()
        choices = [t for t in templates if t.format("").strip(' ."').lower() != original]
        return self.rng.choice(choices).format(text)

    def romanisation(self, entry: Entry, base: str) -> str | None:
        words = words_of(base)
        targets = korean_words(words)
        has_korea = any(word.lower() == "korea" for word in words)
        if not targets and not has_korea:
            return None
        style = self.rng.random()
        out = []
        for word in words:
            if word.lower() == "korea" and (not targets or self.rng.random() < 0.4):
                out.append(titled(self.rng.choice(["Choson", "Chosun", "Joseon"]), word))
            elif word in targets:
                if style < 0.6:
                    out.append(titled(korean.revised(word.capitalize(), self.rng), word))
                elif style < 0.85:
                    out.append(korean.mccune_reischauer_marked(word, self.rng))
                else:
                    out.append(korean.apostrophised(word))
            else:
                out.append(word)
        text = " ".join(out)
        return text if name_key(text) != name_key(base) else None

    def spacing(self, entry: Entry, base: str) -> str | None:
        words = words_of(base)
        targets = [w for w in korean_words(words) if len(korean.parse_syllables(w) or ()) >= 2]
        short = [i for i, w in enumerate(words) if len(w) <= 4 and w in korean_words([w])]
        if targets and (self.rng.random() < 0.7 or len(short) < 2):
            target = self.rng.choice(targets)
            separator = self.rng.choice([" ", " ", "-"])
            out = [korean.syllables_apart(w, separator) if w == target else w for w in words]
            return " ".join(out)
        runs = [i for i in short if i + 1 in short]
        if runs:
            i = self.rng.choice(runs)
            joined = (
                (words[i] + words[i + 1].lower())
                if not words[i].isupper()
                else words[i] + words[i + 1]
            )
            return " ".join([*words[:i], joined, *words[i + 2 :]])
        return None

    def cyrillic(self, entry: Entry, base: str) -> str | None:
        core, _ = split_legal(words_of(base))
        if not core:
            return None
        transcribe = self.rng.random() < 0.35
        out = []
        if is_dprk(entry):
            targets = set(korean_words(core))
            if not targets:
                return None
            for word in core:
                if word in targets:
                    out.append(korean.cyrillic(word, self.rng))
                elif word.lower() in STOP:
                    continue
                else:
                    rendered = russian.word_in_russian(word, self.rng, transcribe=transcribe)
                    if rendered is None:
                        return None
                    if rendered:
                        out.append(rendered)
        elif "RU" in entry.countries:
            # only names the lists give in Russian transliteration (OOO ..., AO ...): a name
            # translated into English would be written in Russian words, not letter by letter
            _, form = split_legal(words_of(base))
            if not {w.lower() for w in form} & RUSSIAN_FORMS:
                return None
            for word in core:
                if word.lower() in STOP:
                    continue
                cyrillic = russian.latin_to_cyrillic(word)
                out.append(
                    cyrillic.upper() if word.isupper() and len(word) <= 4 else cyrillic.capitalize()
                )
        else:
            return None
        text = " ".join(part for part in out if part)
        if not text:
            return None
        return russian.legal_form(self.rng).format(text)

    def hangul(self, entry: Entry, base: str) -> str | None:
        words = [w for w in words_of(base) if w.lower() not in STOP]
        targets = set(korean_words(words))
        if not targets:
            return None
        out = []
        lower = [w.lower() for w in words]
        i = 0
        while i < len(words):
            word = words[i]
            if (
                lower[i] == "general"
                and i + 1 < len(words)
                and lower[i + 1] in ("corporation", "corp", "company")
            ):
                out.append("총회사")
                i += 2
                continue
            if word in targets:
                out.append(korean.hangul(word, self.rng))
            else:
                rendered = HANGUL_WORDS.get(lower[i])
                if rendered is None:
                    return None
                if rendered:
                    out.append(rendered)
            i += 1
        if self.rng.random() < 0.6:
            return "".join(out)
        # with spaces between words, but the syllables of one name together (TAE DONG GANG ->
        # 대동강): a Korean writer does not split a name into syllables
        text = ""
        for i, part in enumerate(out):
            joined = i and len(out[i - 1]) == 1 and (len(part) == 1 or out[i - 1] == "총")
            text += part if not i or joined else " " + part
        return text

    def chinese(self, entry: Entry, base: str) -> str | None:
        words = words_of(base)
        lower = [w.lower() for w in words]
        out: list[str] = []
        i = 0
        while i < len(words):
            pair = " ".join(lower[i : i + 2])
            if pair in chinese.LEGAL_FORMS and i + 2 == len(words):
                out.append(chinese.LEGAL_FORMS[pair])
                i += 2
                continue
            if pair in chinese.PLACES:
                place = chinese.PLACES[pair]
                out.append(f"({place})" if "(" in base else place)
                i += 2
                continue
            word = lower[i]
            if word in chinese.LEGAL_FORMS and i == len(words) - 1:
                out.append(chinese.LEGAL_FORMS[word])
            elif word in chinese.WORDS:
                out.append(chinese.WORDS[word])
            elif word in STOP:
                pass
            else:
                if word in self.foreign_words and word not in chinese.PLACES:
                    return None
                rendered = chinese.hanzi_for_word(word, self.rng)
                if rendered is None:
                    return None
                out.append(rendered)
            i += 1
        text = "".join(out)
        return text if len(text) >= 3 else None

    def typo(self, entry: Entry, base: str) -> str | None:
        words = words_of(base)
        core, _ = split_legal(words)
        targets = [
            i
            for i, word in enumerate(words)
            if word in core and len(word) >= 5 and word.lower() not in GENERIC and word.isalpha()
        ]
        if not targets:
            return None
        i = self.rng.choice(targets)
        words = list(words)
        words[i] = self.misspell(words[i])
        return " ".join(words)

    KEYBOARD: ClassVar[dict[str, str]] = {
        "a": "sq",
        "b": "vn",
        "c": "xv",
        "d": "sf",
        "e": "wr",
        "f": "dg",
        "g": "fh",
        "h": "gj",
        "i": "uo",
        "j": "hk",
        "k": "jl",
        "l": "k",
        "m": "n",
        "n": "bm",
        "o": "ip",
        "p": "o",
        "q": "w",
        "r": "et",
        "s": "ad",
        "t": "ry",
        "u": "yi",
        "v": "cb",
        "w": "qe",
        "x": "zc",
        "y": "tu",
        "z": "x",
    }

    def misspell(self, word: str) -> str:
        position = self.rng.randrange(1, len(word) - 1)
        kind = self.rng.choice(["substitute", "delete", "double", "transpose"])
        char = word[position]
        if kind == "substitute":
            options = self.KEYBOARD.get(char.lower(), "e")
            new = self.rng.choice(options)
            new = new.upper() if char.isupper() else new
            return word[:position] + new + word[position + 1 :]
        if kind == "delete":
            return word[:position] + word[position + 1 :]
        if kind == "double":
            return word[:position] + char + word[position:]
        return word[: position - 1] + word[position] + word[position - 1] + word[position + 1 :]

    def word_order(self, entry: Entry, base: str) -> str | None:
        core, form = split_legal(words_of(base))
        core = [w for w in core if w.lower() not in STOP]
        if len(core) < 2:
            return None
        # the orders met in supplier files: a word moved from the end to the front or back, or
        # two neighbouring words swapped
        move = self.rng.random()
        if move < 0.35:
            shuffled = core[1:] + core[:1]
        elif move < 0.7:
            shuffled = core[-1:] + core[:-1]
        else:
            i = self.rng.randrange(len(core) - 1)
            shuffled = [*core[:i], core[i + 1], core[i], *core[i + 2 :]]
        if shuffled == core:
            return None
        if form and self.rng.random() < 0.5:
            return " ".join(form + shuffled)
        return " ".join(shuffled + form)

    def dropped_generic(self, entry: Entry, base: str) -> str | None:
        words = words_of(base)
        generic = [i for i, w in enumerate(words) if w.lower() in GENERIC]
        rest = [w for w in words if w.lower() not in GENERIC and w.lower() not in STOP]
        core, _ = split_legal(rest) if rest else ([], [])
        if not generic or not core:
            return None
        drop = self.rng.choice(generic)
        return " ".join(w for i, w in enumerate(words) if i != drop)

    def extra_words(self, entry: Entry, base: str) -> str | None:
        return self.rng.choice(BRANCH_TEMPLATES).format(name=base)

    # --- the two families that do not start from a name --------------------------------------

    def acronym_rows(self, size: int) -> list[Row]:
        """Listed acronyms as sheets write them. Issue 15: a two- or three-letter acronym alone
        is not enough to flag (it needs an identifier, the country, a second word of the listed
        name or a strong alias), so such an acronym is a rendering only with the entry's own
        country beside it; without, the row is no positive and is left out (see README.md)."""
        rows: list[tuple[Row, bool]] = []
        seen = set()
        pool = self.pools.dprk + self.pools.chinese + self.pools.russian + self.pools.other
        for entry in pool:
            for name in self.strong_names(entry):
                clean = name.strip("'\" ")
                if not (3 <= len(clean) <= 6 and clean.isalpha() and clean.isupper()):
                    continue
                if clean in seen or not self.abbreviates(clean, entry):
                    continue
                seen.add(clean)
                style = self.rng.choice(
                    ["{}", "{} LLC", "{} Co., Ltd.", "{} Trading", "dotted", "lower"]
                )
                if style == "dotted":
                    text = ".".join(clean) + "."
                elif style == "lower":
                    text = clean.capitalize()
                else:
                    text = style.format(clean)
                country = self.country_for(entry, "acronym")
                bare = len(clean) <= LONGEST_BARE_ACRONYM and country not in entry.countries
                row = Row(
                    "acronym",
                    text,
                    country,
                    "",
                    self.expected(entry, name),
                    name,
                    f"{entry.list_id}:{entry.source_id}",
                )
                rows.append((row, bare))
        # shuffled and sorted with the bare ones still in, so that the random stream (which the
        # later families draw from) is what it was before they were left out
        self.rng.shuffle(rows)
        dprk_keys = {f"{e.list_id}:{e.source_id}" for e in self.pools.dprk}
        rows.sort(key=lambda item: item[0].base_entry not in dprk_keys)
        return [row for row, bare in rows if not bare][:size]

    @staticmethod
    def abbreviates(short: str, entry: Entry) -> bool:
        """Whether `short` is an acronym of another of the entry's names: same first letter, its
        letters in order in that name, and at least half of that name's word initials in it
        (KOMID: KOrea MIning Development...; KKBC: Korea Kwangson Banking Corp)."""
        for name in entry.all_names():
            words = [w.upper() for w in words_of(name) if w.lower() not in STOP]
            if len(words) < 2 or not words[0].startswith(short[0]):
                continue
            letters = iter("".join(words))
            if not all(char in letters for char in short):
                continue
            initials = [w[0] for w in words]
            if sum(1 for char in initials if char in short) * 2 >= len(initials):
                return True
        return False

    def identifier_rows(self, size: int) -> list[Row]:
        rows = []
        kinds = {
            IdentifierKind.REGISTRATION,
            IdentifierKind.TAX,
            IdentifierKind.IMO,
            IdentifierKind.SWIFT,
        }
        for entry in self.pools.dprk + self.pools.russian + self.pools.chinese:
            usable = [
                i
                for i in entry.identifiers
                if i.kind in kinds and len(self.identifier_key(i.value)) >= 7
            ]
            if not usable:
                continue
            identifier = self.rng.choice(usable)
            value = identifier.value
            if identifier.kind is IdentifierKind.IMO and self.rng.random() < 0.5:
                value = f"IMO {value}"
            elif (
                identifier.kind is IdentifierKind.SWIFT
                and len(value) == 8
                and self.rng.random() < 0.5
            ):
                value = value + "XXX"
            filler = self.rng.choice(FILLER_NAMES) + self.rng.choice(
                [" LLC", " Ltd", " Co., Ltd.", ""]
            )
            expected = set(self.by_identifier.get(self.identifier_key(identifier.value), ()))
            expected |= set(self.expected(entry, entry.name))
            rows.append(
                Row(
                    "identifier",
                    filler,
                    self.country_for(entry, "identifier"),
                    value,
                    tuple(sorted(expected)),
                    entry.name,
                    f"{entry.list_id}:{entry.source_id}",
                )
            )
        self.rng.shuffle(rows)
        dprk_keys = {f"{e.list_id}:{e.source_id}" for e in self.pools.dprk}
        rows.sort(key=lambda row: row.base_entry not in dprk_keys)
        return rows[:size]

    def family_rows(
        self,
        family: str,
        size: int,
        make: Callable[[Entry, str], str | None],
        pools: list[tuple[list[Entry], float]],
    ) -> list[Row]:
        rows: list[Row] = []
        for pool, share in pools:
            quota = round(size * share)
            candidates = list(pool)
            self.rng.shuffle(candidates)
            taken = 0
            for entry in candidates:
                if taken >= quota or len(rows) >= size:
                    break
                names = self.latin_names(entry)
                if not names:
                    continue
                base = self.rng.choice(names)
                if name_key(base) in self.used[family]:
                    continue
                rendering = make(entry, base)
                if not rendering or (
                    name_key(rendering) == name_key(base)
                    and family not in ("cyrillic", "hangul", "chinese")
                ):
                    continue
                if entry.kind is EntryKind.VESSEL:
                    # issue 15: a listed vessel is matched by name only in a cell that names a
                    # vessel, as a shipping sheet does; a company's name alone never matches one.
                    # A fixed prefix, drawn from no random stream: every other row is unchanged.
                    rendering = f"{VESSEL_PREFIX} {rendering}"
                self.used[family].add(name_key(base))
                rows.append(
                    Row(
                        family,
                        rendering,
                        self.country_for(entry, family),
                        "",
                        self.expected(entry, base, rendering, family),
                        base,
                        f"{entry.list_id}:{entry.source_id}",
                    )
                )
                taken += 1
        return rows

    def generate(self) -> list[Row]:
        p = self.pools
        mixed = [(p.dprk, 0.6), (p.russian, 0.15), (p.chinese, 0.15), (p.other, 0.1)]
        korean_only = [(p.dprk, 1.0)]
        plan: list[
            tuple[str, Callable[[Entry, str], str | None], list[tuple[list[Entry], float]]]
        ] = [
            (
                "legal_form",
                self.legal_form,
                [(p.dprk, 0.5), (p.russian, 0.25), (p.chinese, 0.15), (p.other, 0.1)],
            ),
            ("romanisation", self.romanisation, korean_only),
            ("spacing", self.spacing, korean_only),
            ("cyrillic", self.cyrillic, [(p.dprk, 0.6), (p.russian, 0.4)]),
            ("hangul", self.hangul, korean_only),
            (
                "chinese",
                self.chinese,
                [(p.chinese, 0.8), ([e for e in p.dprk if {"CN", "HK"} & set(e.countries)], 0.2)],
            ),
            ("typo", self.typo, mixed),
            ("word_order", self.word_order, mixed),
            (
                "dropped_generic",
                self.dropped_generic,
                [(p.dprk, 0.8), (p.other + p.chinese + p.russian, 0.2)],
            ),
            ("extra_words", self.extra_words, mixed),
        ]
        rows: list[Row] = []
        for family, make, pools in plan:
            made = self.family_rows(family, FAMILY_SIZES[family], make, pools)
            if len(made) < FAMILY_SIZES[family] and pools is not korean_only:  # top up
                more = self.family_rows(
                    family,
                    FAMILY_SIZES[family] - len(made),
                    make,
                    [(p.dprk + p.chinese + p.russian + p.other, 1.0)],
                )
                made += more
            rows += made
        rows += self.acronym_rows(FAMILY_SIZES["acronym"])
        rows += self.identifier_rows(FAMILY_SIZES["identifier"])
        return rows
