"""The widened positive families: listed organisations and vessels written the ways real
supplier, register and shipping sheets write them (issue 15).

`short_names`, `vessels`, `russian_cyrillic`, `kontsevich`, `noise_anywhere` and `split_joined`
here; `people` in people.py. Each family draws its own random stream from the seed, so adding a
family never changes another, and uses only the designations of its half (dev or held-out, see
`in_half`). The rules come from how names are written (bench/eval/README.md says where each
comes from), never from the matcher's code or data.
"""

from __future__ import annotations

import hashlib
import random
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from bench.eval import korean, russian, russian_translate
from bench.eval.generate import (
    LEGAL_FORMS,
    STOP,
    Generator,
    Row,
    is_dprk,
    is_latin,
    korean_words,
    name_key,
    split_legal,
    words_of,
)
from bench.eval.people import PeopleMaker
from bench.eval.rendering import Rendering
from screening.watchlist.model import Entry, EntryKind, IdentifierKind, LinkRelation

FAMILY_SIZES: dict[str, int] = {
    "short_names": 150,
    "vessels": 150,
    "russian_cyrillic": 150,
    "kontsevich": 120,  # one half of the DPRK organisations gives 95-110: all are taken
    "noise_anywhere": 150,
    "split_joined": 150,
    "people": 300,
}


Maker = Callable[[random.Random, Entry, str], Rendering | None]
# countries whose names the lists give in Russian transliteration; other countries' names are
# English (or another language), which a Russian register would not write letter by letter
_RUSSIAN_SPEAKING = frozenset({"RU", "BY", "UA", "KZ", "KG", "TJ", "UZ", "AM", "AZ", "GE", "MD"})


@dataclass
class Widener:
    """Makes the widened families from the lists the old generator has read."""

    generator: Generator
    seed: int
    half: int  # 0: the dev half of the designations, 1: the held-out half
    _halves: dict[tuple[str, str], int] = field(default_factory=dict)
    _vocabulary: frozenset[str] | None = None
    _english: frozenset[str] | None = None

    def rng(self, family: str) -> random.Random:
        return random.Random(f"{self.seed}:{family}")

    def in_half(self, entry: Entry) -> bool:
        """Whether the designation belongs to this set's half. One designation listed by several
        lists falls in one half, so no held-out rendering names an entry the dev set shows."""
        key = (entry.list_id, entry.source_id)
        if key not in self._halves:
            group = sorted([key, *self.generator.cross_list.same_as(*key)])
            digest = hashlib.sha256(f"{group[0][0]}:{group[0][1]}".encode()).digest()
            self._halves[key] = digest[0] & 1
        return self._halves[key] == self.half

    def take(
        self,
        family: str,
        size: int,
        pools: Sequence[tuple[Sequence[Entry], float]],
        names: Callable[[Entry], list[str]],
        make: Maker,
        per_entry: int = 1,
    ) -> list[Row]:
        """Up to `size` rows, a share from each pool (the last pool tops up), at most
        `per_entry` renderings of one entry, each base name once."""
        rng = self.rng(family)
        rows: list[Row] = []
        used: set[str] = set()
        for number, (pool, share) in enumerate(pools):
            last = number == len(pools) - 1
            quota = size - len(rows) if last else round(size * share)
            candidates = [entry for entry in pool if self.in_half(entry)]
            rng.shuffle(candidates)
            taken = 0
            for entry in candidates:
                bases = [base for base in names(entry) if name_key(base) not in used]
                rng.shuffle(bases)
                made_here = 0
                for base in bases:
                    if taken >= quota or made_here >= per_entry:
                        break
                    rendering = make(rng, entry, base)
                    if rendering is None or not rendering.name.strip():
                        continue
                    used.add(name_key(base))
                    rows.append(self.row(family, entry, base, rendering))
                    taken += 1
                    made_here += 1
        return rows

    def row(self, family: str, entry: Entry, base: str, rendering: Rendering) -> Row:
        expected = set(self.generator.expected(entry, base, rendering.name, family))
        for key in rendering.also_expected:
            expected.add(key)
            list_id, source_id = key.split(":", 1)
            expected.update(
                f"{lid}:{sid}" for lid, sid in self.generator.cross_list.same_as(list_id, source_id)
            )
        return Row(
            family,
            rendering.name,
            rendering.country,
            rendering.registration_id,
            tuple(sorted(expected)),
            base,
            f"{entry.list_id}:{entry.source_id}",
            date_of_birth=rendering.date_of_birth,
            nationality=rendering.nationality,
            evidence=";".join(rendering.evidence),
            variant=rendering.variant,
        )

    def latin_names(self, entry: Entry) -> list[str]:
        return self.generator.latin_names(entry)

    def generate(self) -> list[Row]:
        pools = self.generator.pools
        dprk = _organisations(pools.dprk)
        russian_orgs = _organisations(pools.russian)
        everything = _organisations(pools.dprk + pools.russian + pools.chinese + pools.other)
        mixed = [
            (dprk, 0.5),
            (russian_orgs, 0.2),
            (_organisations(pools.chinese), 0.15),
            (_organisations(pools.other), 0.15),
            (everything, 1.0),
        ]
        vessels = [entry for entry in self.generator.entries if entry.kind is EntryKind.VESSEL]
        vessels.sort(key=lambda e: (e.list_id, e.source_id))
        translatable = [entry for entry in russian_orgs if self.translatable_names(entry)]
        sizes = FAMILY_SIZES
        rows: list[Row] = []
        rows += self.take(
            "short_names", sizes["short_names"], [(everything, 1.0)], self.short_names,
            self.short_name,
        )  # fmt: skip
        rows += self.take(
            "vessels", sizes["vessels"], [([e for e in vessels if is_dprk(e)], 0.4), (vessels, 1)],
            self.vessel_names, self.vessel,
        )  # fmt: skip
        rows += self.take(
            "russian_cyrillic", sizes["russian_cyrillic"], [(translatable, 0.6), (russian_orgs, 1)],
            self.latin_names, self.russian_cyrillic,
        )  # fmt: skip
        rows += self.take(
            "kontsevich", sizes["kontsevich"], [(dprk, 1.0)], self.korean_names, self.kontsevich,
            per_entry=3,
        )  # fmt: skip
        rows += self.take(
            "noise_anywhere", sizes["noise_anywhere"], mixed, self.latin_names, self.noise
        )
        rows += self.take(
            "split_joined", sizes["split_joined"], mixed, self.latin_names, self.split_joined
        )
        rows += PeopleMaker(self).rows(sizes["people"])
        return rows

    # short names ------------------------------------------------------------------------------

    def short_names(self, entry: Entry) -> list[str]:
        return [name for name in self.generator.strong_names(entry) if short_core(name)]

    def short_name(self, rng: random.Random, entry: Entry, base: str) -> Rendering | None:
        """A listed short name or acronym (3 to 5 letters, at most two words, legal form aside),
        always with supporting evidence: the entry's identifier, or a legal form and the entry's
        country, or its full name beside the short one."""
        short = short_core(base) or base
        identifiers = [
            identifier.value
            for identifier in entry.identifiers
            if identifier.kind in _COMPANY_IDENTIFIERS
            and len(re.sub(r"[^0-9A-Za-z]", "", identifier.value)) >= 5
        ]
        longer = [
            name
            for name in self.latin_names(entry)
            if not short_core(name) and len(name_key(name)) > len(name_key(short)) + 3
        ]
        countries = sorted(entry.countries)
        roll = rng.random()
        if identifiers and (roll < 0.45 or not (countries or longer)):
            with_form = rng.random() < 0.5
            text = legal_form_for(rng.choice(countries) if countries else "", rng).format(short)
            country = rng.choice(countries) if countries and rng.random() < 0.5 else ""
            evidence = ["identifier"] + (["legal_form"] if with_form else [])
            evidence += ["country"] if country else []
            return Rendering(
                text if with_form else short,
                country,
                rng.choice(identifiers),
                evidence=tuple(evidence),
                variant="identifier",
            )
        if countries and (roll < 0.85 or not longer):
            country = rng.choice(countries)
            return Rendering(
                legal_form_for(country, rng).format(short),
                country,
                evidence=("legal_form", "country"),
                variant="legal_form_country",
            )
        if longer:
            full = rng.choice(longer)
            text = f"{short} ({full})" if rng.random() < 0.6 else f"{full} ({short})"
            return Rendering(text, evidence=("full_name",), variant="with_full_name")
        return None

    # vessels ----------------------------------------------------------------------------------

    def vessel_names(self, entry: Entry) -> list[str]:
        return [name for name in self.generator.strong_names(entry) if is_latin(name)]

    def vessel(self, rng: random.Random, entry: Entry, base: str) -> Rendering | None:
        """A listed vessel as a shipping company's sheet writes it: a vessel prefix (M/V, MV, MT
        for a tanker), the IMO number in its own column or in the cell, the flag, the owner."""
        imo = next((i.value for i in entry.identifiers if i.kind is IdentifierKind.IMO), "")
        vessel_type = _remark(entry.remarks, "Vessel Type")
        flag = _remark(entry.remarks, "Vessel Flag")
        owner = next(
            (link for link in entry.links if link.relation is LinkRelation.LINKED_TO and link.name),
            None,
        )
        text = base if rng.random() < 0.6 else base.title()
        evidence: list[str] = []
        variant: list[str] = []
        use_imo = bool(imo) and rng.random() < 0.75
        if rng.random() < 0.7 or not use_imo:
            tanker = "tanker" in vessel_type.lower()
            prefixes = ["MT", "M/T", "MV"] if tanker else ["M/V", "MV", "M.V.", "m/v", "MV."]
            text = f"{rng.choice(prefixes)} {text}"
            evidence.append("vessel_prefix")
            variant.append("prefix")
        registration_id = ""
        if use_imo:
            if rng.random() < 0.6:
                registration_id = f"IMO {imo}" if rng.random() < 0.5 else imo
                evidence.append("imo_column")
            else:
                template = rng.choice(["{} (IMO {})", "{}, IMO {}", "{} IMO:{}", "{} / IMO {}"])
                text = template.format(text, imo)
                evidence.append("imo_in_name")
            variant.append("imo")
        country = ""
        if entry.countries and rng.random() < 0.4:
            country = sorted(entry.countries)[0]
            evidence.append("flag_column")
        elif flag and rng.random() < 0.2:
            text = f"{text} ({flag} flag)" if rng.random() < 0.5 else f"{text}, flag: {flag}"
            evidence.append("flag_in_name")
        also: tuple[str, ...] = ()
        if owner is not None and rng.random() < 0.15:
            template = rng.choice(["{} / owner: {}", "{} (owner {})", "{} - {}"])
            text = template.format(text, owner.name)
            evidence.append("owner")
            variant.append("owner")
            if owner.source_id:
                also = (f"{owner.list_id or entry.list_id}:{owner.source_id}",)
        if imo:
            also += tuple(sorted(self.generator.by_identifier.get(imo, ())))
        return Rendering(
            text,
            country,
            registration_id,
            evidence=tuple(evidence),
            variant="+".join(variant),
            also_expected=also,
        )

    # Russian in Cyrillic ----------------------------------------------------------------------

    def is_english(self, word: str) -> bool:
        """Whether a word of a Russian entry's name is English (or another language) rather than
        transliterated Russian: it appears in names from countries that do not write Russian."""
        if self._english is None:
            words: set[str] = set(russian_translate.ADJECTIVES) | set(russian_translate.NOUNS)
            for entry in self.generator.entries:
                if entry.kind is EntryKind.PERSON or _RUSSIAN_SPEAKING & set(entry.countries):
                    continue
                for name in entry.all_names():
                    if is_latin(name):
                        words.update(w.lower() for w in words_of(name))
            self._english = frozenset(words - set(russian_translate.TRANSLITERATED))
        lower = word.lower()
        return lower in self._english and not russian_translate.looks_russian(lower)

    def russian_core(
        self, base: str
    ) -> tuple[tuple[str, str] | None, str, russian_translate.Phrase | None] | None:
        """(legal form, variant, phrase) of a Russian name the family can write in Russian."""
        form, core = split_russian_form(words_of(base))
        if not core:
            return None
        phrase = russian_translate.read_phrase(core)
        if (
            phrase is not None
            and (phrase.adjectives or phrase.noun)
            and not any(self.is_english(word) for word in phrase.brand)
        ):
            return form, "translated", phrase
        if not any(self.is_english(word) or word.lower() in STOP for word in core):
            return form, "transliterated", russian_translate.Phrase((), None, tuple(core))
        return None

    def translatable_names(self, entry: Entry) -> list[str]:
        return [
            base
            for base in self.latin_names(entry)
            if (found := self.russian_core(base)) and found[1] == "translated"
        ]

    def russian_cyrillic(self, rng: random.Random, entry: Entry, base: str) -> Rendering | None:
        """A listed Russian organisation as a Russian register writes it: the descriptive words
        translated with agreement (Санкт-Петербургская биржа), place names as adjectives, the
        brand in quotes and Cyrillic, the legal form first (ООО, АО, ПАО)."""
        found = self.russian_core(base)
        if found is None:
            return None
        form, variant, phrase = found
        assert phrase is not None
        brand = russian_translate.brand_in_russian(phrase.brand, rng)
        text = russian_translate.with_legal_form(
            russian_translate.render_phrase(phrase, brand), form, rng
        )
        if rng.random() < 0.12:
            text = text.upper()
        country = "RU" if rng.random() < 0.7 else ""
        return Rendering(text, country, evidence=("country",) if country else (), variant=variant)

    # Korean in Cyrillic -----------------------------------------------------------------------

    def korean_names(self, entry: Entry) -> list[str]:
        return [
            name
            for name in self.latin_names(entry)
            if korean_words(words_of(name)) or "korea" in name_key(name).split()
        ]

    def kontsevich(self, rng: random.Random, entry: Entry, base: str) -> Rendering | None:
        """A listed DPRK organisation in Russian: its Korean words by Kontsevich (Рёнбон, Мансудэ,
        Пхёнъян) or loosely from the Latin letters (Рёнбонг, Мансудае), Korea as Корея or Чосон,
        the other words either in Russian word order and grammar (Торговая компания «Кумрён»)
        or word by word, translated (генеральная корпорация) or sounded out (Трейдинг
        Корпорейшн); a Russian legal form as the register writes it."""
        form, words = split_russian_form(words_of(base))
        words = [w for w in words if w.lower() not in ("ltd", "limited", "llc")]
        strict = rng.random() < 0.6
        # a name whose only Korean word is Korea is written with Чосон (조선), the DPRK's word
        only_korea = not korean_words(words)

        def korean_word(word: str) -> str | None:
            lower = word.lower()
            if lower in ("korea", "korean"):
                return "Чосон" if only_korea or rng.random() < 0.5 else "Корея"
            if lower == "dprk":
                return "КНДР"
            if lower in russian_translate.PLACES:
                return russian_translate.PLACES[lower]
            parts = [part for part in re.split(r"[-‐]", word) if part]
            if not parts or not all(korean_words([part]) for part in parts):
                return None
            cyrillic = [
                korean.kontsevich(part, rng) if strict else korean.loose_cyrillic(part, rng)
                for part in parts
            ]
            text = "-".join(cyrillic)
            return None if re.search(r"[A-Za-z]", text) else text

        def other_word(word: str, transcribe: bool) -> str | None:
            lower = word.lower()
            if lower.isdigit():
                return word
            found = russian_translate.MORE_WORDS.get(lower)
            if found:
                return found[1] if transcribe else found[0]
            return russian.word_in_russian(word, rng, transcribe=transcribe)

        phrase = russian_translate.read_phrase(words)
        brand = [
            korean_word(word) or (word if word.isdigit() else None)
            for word in (phrase.brand if phrase else ())
        ]
        if phrase and phrase.noun and brand and None not in brand and rng.random() < 0.7:
            name = " ".join(part for part in brand if part)
            if rng.random() < 0.5:  # Russian order: Торговая компания «Кумрён»
                text = russian_translate.render_phrase(phrase, name)
                order = "russian_order"
            else:  # the list's order, the words agreeing: Корея Кумрён торговая компания
                descriptor = russian_translate.render_phrase(phrase, "")
                text = f"{name} {descriptor[:1].lower()}{descriptor[1:]}"
                order = "list_order"
        else:
            transcribe = rng.random() < 0.4
            out = []
            found_korean = False
            for position, word in enumerate(words):
                rendered = korean_word(word)
                found_korean |= rendered is not None and (
                    word.lower() not in _NOT_KOREAN_HERE or rendered == "Чосон"
                )
                if rendered is None and word.lower() not in STOP:
                    rendered = other_word(word, transcribe)
                    if rendered is None:
                        return None
                    if position and not transcribe:
                        rendered = rendered.lower()
                if rendered:
                    out.append(rendered)
            if not found_korean:
                return None
            text = " ".join(out)
            order = "word_by_word"
        if form is not None:
            text = russian_translate.with_legal_form(text, form, rng)
        else:
            roll = rng.random()
            if roll < 0.3:
                text = f"ООО «{text}»"
            elif roll < 0.45:
                text = f"«{text}»"
        country = rng.choice(["RU", "RU", "KP", ""])
        return Rendering(
            text,
            country,
            evidence=("country",) if country else (),
            variant=("kontsevich" if strict else "loose") + "_" + order,
        )

    # noise anywhere ---------------------------------------------------------------------------

    def noise(self, rng: random.Random, entry: Entry, base: str) -> Rendering | None:
        """City, branch, office and department words before, inside or after the name, stray
        punctuation and line breaks, as cells of exported supplier sheets carry them."""
        words = base.split()
        kinds = rng.sample(["prefix", "inside", "suffix", "punctuation", "line_break"], 2)
        if rng.random() < 0.4:
            kinds = kinds[:1]
        if len(words) < 2:
            kinds = [kind for kind in kinds if kind not in ("inside", "line_break")] or ["suffix"]
        text = base
        for kind in kinds:
            text = NOISE[kind](text, rng)
        return Rendering(text, variant="+".join(kinds))

    # split and joined words -------------------------------------------------------------------

    def split_joined(self, rng: random.Random, entry: Entry, base: str) -> Rendering | None:
        """Words split ("INTER NATIONAL", "SHIP PING") or run together ("TRADINGco., Ltd.",
        "HANAag", "KoreaRyonbong") as typed or exported sheets have them."""
        words = base.split()
        options: list[tuple[str, float]] = []
        splittable = [i for i, w in enumerate(words) if split_word(w, self.vocabulary)]
        if splittable:
            options.append(("split", 4))
        if glued_form(base) is not None:
            options.append(("legal_form_joined", 2.5))
        if len(words) >= 2:
            options.append(("words_joined", 2.5))
        if any("-" in w for w in words):
            options.append(("hyphen", 1))
        if not options:
            return None
        kind = rng.choices([k for k, _ in options], [w for _, w in options])[0]
        if kind == "split":
            i = rng.choice(splittable)
            parts = split_word(words[i], self.vocabulary) or [words[i]]
            text = " ".join([*words[:i], *parts, *words[i + 1 :]])
        elif kind == "legal_form_joined":
            stem, tail = glued_form(base) or (base, "")
            tail = tail or rng.choice(GLUED_FORMS)
            text = stem + (tail.lower() if rng.random() < 0.5 else tail)
        elif kind == "words_joined":
            i = rng.randrange(len(words) - 1)
            left, right = words[i], words[i + 1]
            joined = left + right if rng.random() < 0.5 else left.capitalize() + right.capitalize()
            text = " ".join([*words[:i], joined, *words[i + 2 :]])
        else:
            text = " ".join(w.replace("-", rng.choice(["", " "])) for w in words)
        if text == base:
            return None
        return Rendering(text, variant=kind)

    @property
    def vocabulary(self) -> frozenset[str]:
        """Words of three letters or more in the listed Latin names, and common English ones: a
        word splits into two of them (SHIPBUILDING -> SHIP BUILDING)."""
        if self._vocabulary is None:
            words = set(ENGLISH_PARTS)
            for entry in self.generator.entries:
                if entry.kind is not EntryKind.PERSON:
                    for name in entry.all_names():
                        if is_latin(name):
                            words.update(w.lower() for w in words_of(name) if len(w) >= 3)
            self._vocabulary = frozenset(words)
        return self._vocabulary


# words korean_word renders that are not Korean: a rendering needs one Korean word at least
_NOT_KOREAN_HERE = frozenset({"korea", "korean", "dprk", *russian_translate.PLACES})

_COMPANY_IDENTIFIERS = (
    IdentifierKind.REGISTRATION,
    IdentifierKind.TAX,
    IdentifierKind.SWIFT,
    IdentifierKind.IMO,
)


def _organisations(entries: Sequence[Entry]) -> list[Entry]:
    return [entry for entry in entries if entry.kind is EntryKind.ORGANIZATION]


def _remark(remarks: str, label: str) -> str:
    """The value after `label` in an OFAC remark: "Vessel Flag: Cameroon;" -> "Cameroon"."""
    found = re.search(re.escape(label) + r":?\s+([^;]+?)(?:;|\.\s|\.$|$)", remarks)
    return found.group(1).strip() if found else ""


def short_core(name: str) -> str | None:
    """The short part of a short name: at most two words, 3 to 5 letters or digits, legal form
    aside (KOMID, OMK CJSC -> OMK, 3DATA, AO IVK -> IVK); None for any other name."""
    if not is_latin(name):
        return None
    core, _ = split_legal(words_of(name))
    letters = re.sub(r"[^A-Za-z0-9]", "", "".join(core))
    if not core or len(core) > 2 or not 3 <= len(letters) <= 5:
        return None
    return " ".join(core)


def legal_form_for(country: str, rng: random.Random) -> str:
    """A legal form a supplier in `country` writes after (or before) its name."""
    forms = {
        "RU": ["OOO {}", "{} LLC", "AO {}", "{} JSC", 'OOO "{}"'],
        "BY": ["{} LLC", "OOO {}", "{} JSC"],
        "UA": ["{} LLC", "TOV {}", "PrJSC {}"],
        "CN": ["{} Co., Ltd.", "{} Co. Ltd", "{} Limited"],
        "HK": ["{} Limited", "{} Co., Limited", "{} Company Limited"],
        "KP": ["{} Corporation", "{} Co.", "{} Company"],
        "IR": ["{} Co.", "{} Company", "{} Ltd", "{} P.J.S."],
        "AE": ["{} FZE", "{} FZCO", "{} LLC", "{} General Trading LLC"],
        "SG": ["{} Pte. Ltd.", "{} Pte Ltd"],
        "DE": ["{} GmbH", "{} AG"],
        "TR": ["{} A.S.", "{} Ltd. Sti."],
        "MX": ["{} S.A. de C.V."],
        "FR": ["{} SARL", "{} SA"],
    }.get(country, ["{} Ltd.", "{} LLC", "{} Inc.", "{} S.A.", "{} Co."])
    return rng.choice(forms)


def glued_form(name: str) -> tuple[str, str] | None:
    """(the name before its legal form, the legal form as written) when the name ends in one:
    KOREA TRADING CO., LTD. -> ("KOREA TRADING", "CO., LTD."); ("NAME", "") when it has none;
    None when the form comes first (OOO NAME), where a form is not glued on."""
    words = words_of(name)
    _, form = split_legal(words)
    if not form:
        return name.rstrip(" ,."), ""
    if words[-len(form) :] != form:
        return None
    # the original spelling of the form: from its first word's last occurrence to the end
    at = name.rfind(form[0])
    if at <= 0 or name_key(name[at:]) != name_key(" ".join(form)):
        return None
    return name[:at].rstrip(" ,"), name[at:]


def split_russian_form(words: list[str]) -> tuple[tuple[str, str] | None, list[str]]:
    """(the register's legal form, the other words) of a Russian name as the lists write it,
    the form found at its start or end: JOINT STOCK COMPANY ZVEZDA -> (АО..., [ZVEZDA])."""
    lower = [w.lower().strip(".,") for w in words]
    for spelling, form in sorted(
        russian_translate.LEGAL_FORMS.items(), key=lambda item: -len(item[0].split())
    ):
        size = len(spelling.split())
        if len(words) <= size:
            continue
        if " ".join(lower[:size]) == spelling:
            return form, words[size:]
        if " ".join(lower[-size:]) == spelling:
            return form, words[:-size]
    return None, words


# --- noise ----------------------------------------------------------------------------------

PLACES = (
    "Vladivostok", "Khabarovsk", "Moscow", "Nakhodka", "Ussuriysk", "Dandong", "Shenyang",
    "Yanji", "Dalian", "Hunchun", "Ulaanbaatar", "Dubai", "Vientiane", "Phnom Penh",
    "Kuala Lumpur", "Bangkok", "Hong Kong", "Beijing", "Pyongyang", "Nampho", "Sinuiju",
    "St. Petersburg", "Novosibirsk", "Harbin", "Tianjin",
)  # fmt: skip
DEPARTMENTS = (
    "Sales Dept.", "Procurement Department", "Accounts", "Head Office", "Branch Office",
    "Representative Office", "Rep. Office", "Liaison Office", "Filial", "Branch No. 2",
    "Regional Office", "Construction Site 3", "Warehouse", "Main Office", "Purchasing",
    "Dept. 5", "Logistics Division",
)  # fmt: skip


def _around(templates: Sequence[str]) -> Callable[[str, random.Random], str]:
    """Noise that puts a place or a department around the name, by one of `templates`."""

    def put(text: str, rng: random.Random) -> str:
        place, department = rng.choice(PLACES), rng.choice(DEPARTMENTS)
        return rng.choice(templates).format(place=place, department=department, name=text)

    return put


_prefix = _around(
    [
        "{place} - {name}",
        "{place}: {name}",
        "{department} {name}",
        "{department} of {name}",
        "({place}) {name}",
        "{place} {department}, {name}",
        "c/o {name}",
        "Attn: {department}, {name}",
    ]
)
_suffix = _around(
    [
        "{name}, {place}",
        "{name} - {place} {department}",
        "{name} ({department}, {place})",
        "{name} / {department}",
        "{name}, {place} branch",
        "{name}; {department}",
        "{name} {place}",
    ]
)


def _inside(text: str, rng: random.Random) -> str:
    words = text.split()
    # between two words, but not inside a legal form (CO., LTD; S.A. DE C.V.)
    places = [
        at
        for at in range(1, len(words))
        if not (_is_form_word(words[at - 1]) and _is_form_word(words[at]))
    ] or [len(words)]
    at = rng.choice(places)
    place, department = rng.choice(PLACES), rng.choice(DEPARTMENTS)
    insert = rng.choice([f"({place})", place, f"- {place} {department} -", f"({department})"])
    return " ".join([*words[:at], insert, *words[at:]])


_FORM_WORDS = frozenset(word for form in LEGAL_FORMS for word in form) | {"de", "c", "v"}


def _is_form_word(word: str) -> bool:
    pieces = name_key(word).split()
    return bool(pieces) and all(piece in _FORM_WORDS for piece in pieces)


def _punctuation(text: str, rng: random.Random) -> str:
    kind = rng.randrange(4)
    if kind == 0:
        left, right = rng.choice([('"', '"'), ("'", "'"), ("«", "»"), ("*", "*"), ("[", "]")])
        return f"{left}{text}{right}"
    if kind == 1:
        return text + rng.choice([".", ",", ";", " -", "..", " /", " ,", "*"])
    if kind == 2:
        return rng.choice(["- ", "• ", "# ", ". ", "> "]) + text
    words = text.split()
    if len(words) < 2:
        return text + "."
    at = rng.randrange(1, len(words))
    glue = rng.choice(["  ", " , ", ". ", " ; ", " .", " _ "])
    return " ".join(words[:at]) + glue + " ".join(words[at:])


def _line_break(text: str, rng: random.Random) -> str:
    spaces = [i for i, char in enumerate(text) if char == " "]
    if not spaces:
        return text + "\n"
    at = rng.choice(spaces)
    return text[:at] + rng.choice(["\n", "\r\n", " \n", "\n "]) + text[at + 1 :]


NOISE: dict[str, Callable[[str, random.Random], str]] = {
    "prefix": _prefix,
    "inside": _inside,
    "suffix": _suffix,
    "punctuation": _punctuation,
    "line_break": _line_break,
}

# --- split and joined words -------------------------------------------------------------------

# English word parts that a careless typist or a line-wrapping export separates.
ENGLISH_PARTS = (
    "inter", "national", "ship", "ping", "building", "trans", "port", "multi", "petro", "chem",
    "aero", "agro", "auto", "electro", "euro", "geo", "hydro", "info", "micro", "mega", "over",
    "seas", "poly", "radio", "tele", "com", "techno", "logy", "under", "water", "super", "sino",
    "steel", "works", "sea", "food", "gold", "star", "line", "lines", "net", "work", "soft",
    "ware", "oil", "field", "free", "way", "trade", "mark", "land", "power", "house",
)  # fmt: skip
_PREFIXES = ("inter", "trans", "multi", "petro", "aero", "agro", "electro", "hydro", "over")
GLUED_FORMS = ("co., Ltd.", "Co.,Ltd", "LLC", "Ltd", "AG", "GmbH", "Inc", "Corp", "JSC", "CO.,LTD")


def split_word(word: str, vocabulary: frozenset[str]) -> list[str] | None:
    """Where a long word comes apart: after a prefix (INTER NATIONAL) or between two known
    words (SHIP PING, STEEL WORKS), the cut nearest the middle; None if nowhere."""
    letters = word.strip(".,()\"'")
    if len(letters) < 7 or not letters.isalpha() or letters != word:
        return None
    lower = letters.lower()
    cuts = [len(p) for p in _PREFIXES if lower.startswith(p) and len(lower) - len(p) >= 4]
    cuts += [
        i for i in range(3, len(lower) - 2) if lower[:i] in vocabulary and lower[i:] in vocabulary
    ]
    if not cuts:
        return None
    cut = min(cuts, key=lambda i: abs(len(lower) / 2 - i))
    return [letters[:cut], letters[cut:]]
