"""Russian organisation names as a Russian register writes them, from the English the lists use.

The lists translate the descriptive words of a Russian name into English (SAINT PETERSBURG
EXCHANGE, JOINT STOCK COMPANY UNITED METALLURGICAL COMPANY) or transliterate them (AKTSIONERNOE
OBSHCHESTVO NAUCHNO PROIZVODSTVENNOE OBYEDINENIE POISK). A Russian register (EGRUL) and a Russian
supplier file write the Russian: legal form first (ООО, АО, ПАО...), the descriptive words in
Russian with the adjectives agreeing with their noun in gender and number (Санкт-Петербургская
биржа, Объединённая металлургическая компания), a brand name in quotation marks («Поиск»).
Written from Russian grammar and usage, apart from the matcher's tables.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

from bench.eval import russian

# Adjectives: English word(s) -> Russian stem and masculine ending (-ый, -ой or -ий).
ADJECTIVES: dict[str, tuple[str, str]] = {
    "trading": ("торгов", "ый"),
    "trade": ("торгов", "ый"),
    "construction": ("строительн", "ый"),
    "building": ("строительн", "ый"),
    "investment": ("инвестиционн", "ый"),
    "industrial": ("промышленн", "ый"),
    "international": ("международн", "ый"),
    "scientific research": ("научно-исследовательск", "ий"),
    "research": ("научно-исследовательск", "ий"),
    "scientific": ("научн", "ый"),
    "scientific production": ("научно-производственн", "ый"),
    "scientific and production": ("научно-производственн", "ый"),
    "research and production": ("научно-производственн", "ый"),
    "production": ("производственн", "ый"),
    "manufacturing": ("производственн", "ый"),
    "state": ("государственн", "ый"),
    "federal": ("федеральн", "ый"),
    "russian": ("российск", "ий"),
    "united": ("объединённ", "ый"),
    "joint": ("объединённ", "ый"),
    "metallurgical": ("металлургическ", "ий"),
    "machine building": ("машиностроительн", "ый"),
    "machine-building": ("машиностроительн", "ый"),
    "shipbuilding": ("судостроительн", "ый"),
    "shipyard": ("судостроительн", "ый"),
    "oil": ("нефтян", "ой"),
    "oil and gas": ("нефтегазов", "ый"),
    "gas": ("газов", "ый"),
    "energy": ("энергетическ", "ий"),
    "power": ("энергетическ", "ий"),
    "financial": ("финансов", "ый"),
    "insurance": ("страхов", "ой"),
    "transport": ("транспортн", "ый"),
    "marine": ("морск", "ой"),
    "maritime": ("морск", "ой"),
    "sea": ("морск", "ой"),
    "aviation": ("авиационн", "ый"),
    "chemical": ("химическ", "ий"),
    "mining": ("горнодобывающ", "ий"),
    "geological": ("геологическ", "ий"),
    "arctic": ("арктическ", "ий"),
    "electronic": ("электронн", "ый"),
    "technical": ("техническ", "ий"),
    "technological": ("технологическ", "ий"),
    "engineering": ("инженерн", "ый"),
    "commercial": ("коммерческ", "ий"),
    "central": ("центральн", "ый"),
    "national": ("национальн", "ый"),
    "special": ("специальн", "ый"),
    "experimental": ("экспериментальн", "ый"),
    "design": ("конструкторск", "ий"),
    "innovation": ("инновационн", "ый"),
    "innovative": ("инновационн", "ый"),
    "digital": ("цифров", "ой"),
    "leasing": ("лизингов", "ый"),
    "logistics": ("логистическ", "ий"),
    "management": ("управляющ", "ий"),
    "new": ("нов", "ый"),
    "main": ("главн", "ый"),
    "regional": ("региональн", "ый"),
    "private": ("частн", "ый"),
    "export": ("экспортн", "ый"),
    "shipping": ("судоходн", "ый"),
    "repair": ("ремонтн", "ый"),
    "instrument-making": ("приборостроительн", "ый"),
    "mechanical": ("механическ", "ий"),
    "space": ("космическ", "ий"),
    "military": ("военн", "ый"),
    "pipe": ("трубн", "ый"),
    "coal": ("угольн", "ый"),
    "fuel": ("топливн", "ый"),
    "nuclear": ("атомн", "ый"),
    "electric": ("электрическ", "ий"),
    "northern": ("северн", "ый"),
    "southern": ("южн", "ый"),
    "eastern": ("восточн", "ый"),
    "western": ("западн", "ый"),
    "far eastern": ("дальневосточн", "ый"),
    "siberian": ("сибирск", "ий"),
    "baltic": ("балтийск", "ий"),
    "tank": ("танков", "ый"),
    "armored": ("бронетанков", "ый"),
    "optical": ("оптическ", "ий"),
    "radio": ("радиотехническ", "ий"),
    "automobile": ("автомобильн", "ый"),
    "agricultural": ("сельскохозяйственн", "ый"),
    "automated": ("автоматизированн", "ый"),
    "instrument": ("приборостроительн", "ый"),
    "banking": ("банковск", "ий"),
    "medical": ("медицинск", "ий"),
    "polymer": ("полимерн", "ый"),
}

# Place names in a name: Russian writes them as adjectives (Saint Petersburg Exchange ->
# Санкт-Петербургская биржа, Moscow Plant -> Московский завод).
PLACE_ADJECTIVES: dict[str, tuple[str, str]] = {
    "saint petersburg": ("санкт-петербургск", "ий"),
    "st petersburg": ("санкт-петербургск", "ий"),
    "st. petersburg": ("санкт-петербургск", "ий"),
    "petersburg": ("петербургск", "ий"),
    "moscow": ("московск", "ий"),
    "novosibirsk": ("новосибирск", "ий"),
    "kazan": ("казанск", "ий"),
    "ural": ("уральск", "ий"),
    "urals": ("уральск", "ий"),
    "perm": ("пермск", "ий"),
    "tomsk": ("томск", "ий"),
    "samara": ("самарск", "ий"),
    "nizhny novgorod": ("нижегородск", "ий"),
    "yekaterinburg": ("екатеринбургск", "ий"),
    "vladivostok": ("владивостокск", "ий"),
    "krasnoyarsk": ("красноярск", "ий"),
    "omsk": ("омск", "ий"),
    "tula": ("тульск", "ий"),
    "rostov": ("ростовск", "ий"),
    "kaliningrad": ("калининградск", "ий"),
    "murmansk": ("мурманск", "ий"),
    "irkutsk": ("иркутск", "ий"),
    "chelyabinsk": ("челябинск", "ий"),
    "izhevsk": ("ижевск", "ий"),
    "kaluga": ("калужск", "ий"),
    "bryansk": ("брянск", "ий"),
    "khabarovsk": ("хабаровск", "ий"),
    "primorsky": ("приморск", "ий"),
    "smolensk": ("смоленск", "ий"),
    "voronezh": ("воронежск", "ий"),
    "ryazan": ("рязанск", "ий"),
    "saratov": ("саратовск", "ий"),
    "ulyanovsk": ("ульяновск", "ий"),
    "arkhangelsk": ("архангельск", "ий"),
    "kursk": ("курск", "ий"),
    "yaroslavl": ("ярославск", "ий"),
    "sevastopol": ("севастопольск", "ий"),
    "crimean": ("крымск", "ий"),
    "krasnodar": ("краснодарск", "ий"),
    "novorossiysk": ("новороссийск", "ий"),
    "volga": ("волжск", "ий"),
    "kamchatka": ("камчатск", "ий"),
    "sakhalin": ("сахалинск", "ий"),
    "yakutsk": ("якутск", "ий"),
    "tver": ("тверск", "ой"),
    "kirov": ("кировск", "ий"),
    "penza": ("пензенск", "ий"),
    "orenburg": ("оренбургск", "ий"),
    "arzamas": ("арзамасск", "ий"),
}

# Nouns: English word(s) -> Russian noun and its gender (m, f, n) or "pl".
NOUNS: dict[str, tuple[str, str]] = {
    "exchange": ("биржа", "f"),
    "bank": ("банк", "m"),
    "plant": ("завод", "m"),
    "works": ("завод", "m"),
    "factory": ("фабрика", "f"),
    "company": ("компания", "f"),
    "corporation": ("корпорация", "f"),
    "group": ("группа", "f"),
    "center": ("центр", "m"),
    "centre": ("центр", "m"),
    "institute": ("институт", "m"),
    "bureau": ("бюро", "n"),
    "association": ("объединение", "n"),
    "enterprise": ("предприятие", "n"),
    "fund": ("фонд", "m"),
    "foundation": ("фонд", "m"),
    "agency": ("агентство", "n"),
    "concern": ("концерн", "m"),
    "holding": ("холдинг", "m"),
    "house": ("дом", "m"),
    "expedition": ("экспедиция", "f"),
    "shipyard": ("верфь", "f"),
    "complex": ("комплекс", "m"),
    "systems": ("системы", "pl"),
    "technologies": ("технологии", "pl"),
    "service": ("служба", "f"),
    "firm": ("фирма", "f"),
    "laboratory": ("лаборатория", "f"),
    "academy": ("академия", "f"),
    "university": ("университет", "m"),
    "union": ("союз", "m"),
    "trust": ("трест", "m"),
    "administration": ("управление", "n"),
    "organization": ("организация", "f"),
    "fleet": ("флот", "m"),
    "lines": ("линии", "pl"),
    "port": ("порт", "m"),
    "airlines": ("авиалинии", "pl"),
    "airport": ("аэропорт", "m"),
    "solutions": ("решения", "pl"),
    "partnership": ("партнёрство", "n"),
    "investments": ("инвестиции", "pl"),
    "engineering": ("инжиниринг", "m"),
    "logistics": ("логистика", "f"),
    "leasing": ("лизинг", "m"),
    "capital": ("капитал", "m"),
    "transport": ("транспорт", "m"),
    "shipping": ("судоходство", "n"),
    "insurance": ("страхование", "n"),
    "energy": ("энергия", "f"),
    "mine": ("рудник", "m"),
    "combine": ("комбинат", "m"),
    "terminal": ("терминал", "m"),
    "station": ("станция", "f"),
    "network": ("сеть", "f"),
    "networks": ("сети", "pl"),
}

# The lists' Russian legal forms (English or transliterated) -> the register's abbreviation and
# full form.
LEGAL_FORMS: dict[str, tuple[str, str]] = {
    "public joint stock company": ("ПАО", "Публичное акционерное общество"),
    "public joint-stock company": ("ПАО", "Публичное акционерное общество"),
    "pjsc": ("ПАО", "Публичное акционерное общество"),
    "pao": ("ПАО", "Публичное акционерное общество"),
    "open joint stock company": ("ОАО", "Открытое акционерное общество"),
    "ojsc": ("ОАО", "Открытое акционерное общество"),
    "oao": ("ОАО", "Открытое акционерное общество"),
    "closed joint stock company": ("ЗАО", "Закрытое акционерное общество"),
    "cjsc": ("ЗАО", "Закрытое акционерное общество"),
    "zao": ("ЗАО", "Закрытое акционерное общество"),
    "joint stock company": ("АО", "Акционерное общество"),
    "joint-stock company": ("АО", "Акционерное общество"),
    "jsc": ("АО", "Акционерное общество"),
    "ao": ("АО", "Акционерное общество"),
    "aktsionernoe obshchestvo": ("АО", "Акционерное общество"),
    "aktsionernoye obshchestvo": ("АО", "Акционерное общество"),
    "aktsionernoe obschestvo": ("АО", "Акционерное общество"),
    "limited liability company": ("ООО", "Общество с ограниченной ответственностью"),
    "llc": ("ООО", "Общество с ограниченной ответственностью"),
    "ooo": ("ООО", "Общество с ограниченной ответственностью"),
    "ltd": ("ООО", "Общество с ограниченной ответственностью"),
    "obshchestvo s ogranichennoi otvetstvennostyu": (
        "ООО",
        "Общество с ограниченной ответственностью",
    ),
    "obshchestvo s ogranichennoy otvetstvennostyu": (
        "ООО",
        "Общество с ограниченной ответственностью",
    ),
    "obschestvo s ogranichennoi otvetstvennostyu": (
        "ООО",
        "Общество с ограниченной ответственностью",
    ),
    "federal state unitary enterprise": (
        "ФГУП",
        "Федеральное государственное унитарное предприятие",
    ),
    "fsue": ("ФГУП", "Федеральное государственное унитарное предприятие"),
}

# Transliterated Russian words of listed names and their spelling in Russian, where letter by
# letter would lose a soft or hard sign or a double letter.
TRANSLITERATED: dict[str, str] = {
    "obshchestvo": "общество",
    "nauchno": "научно",
    "proizvodstvennoe": "производственное",
    "proizvodstvennaya": "производственная",
    "obyedinenie": "объединение",
    "obedinenie": "объединение",
    "obieedinenie": "объединение",
    "zavod": "завод",
    "kompaniya": "компания",
    "gruppa": "группа",
    "grupp": "групп",
    "tsentr": "центр",
    "tekhnologii": "технологии",
    "tekhnologiya": "технология",
    "sistemy": "системы",
    "kholding": "холдинг",
    "inzhiniring": "инжиниринг",
    "byuro": "бюро",
    "predpriyatie": "предприятие",
    "kontsern": "концерн",
    "kombinat": "комбинат",
    "torgovy": "торговый",
    "torgovyi": "торговый",
    "dom": "дом",
    "firma": "фирма",
    "institut": "институт",
    "konstruktorskoe": "конструкторское",
    "issledovatelskiy": "исследовательский",
    "issledovatelski": "исследовательский",
    "gosudarstvennaya": "государственная",
    "rossiiskie": "российские",
    "rossiyskie": "российские",
    "rossiiskaya": "российская",
    "rossiyskaya": "российская",
    "neft": "нефть",
    "stroi": "строй",
    "stroy": "строй",
    "energo": "энерго",
    "promyshlennaya": "промышленная",
    "mezhdunarodnaya": "международная",
    "kapital": "капитал",
    "servis": "сервис",
    "invest": "инвест",
    "trans": "транс",
    "avia": "авиа",
    "ural": "урал",
    "sibir": "сибирь",
    "vostok": "восток",
    "zapad": "запад",
    "sever": "север",
    "yug": "юг",
}

# Words of DPRK names beside the Korean ones that russian.WORDS lacks: (translation, sound).
MORE_WORDS: dict[str, tuple[str, str]] = {
    "jv": ("СП", "СП"),
    "jvc": ("СП", "СП"),
    "shpg": ("Судоходная", "Шиппинг"),
    "companies": ("компаний", "Компаниз"),
    "economics": ("Экономическая", "Экономикс"),
    "economic": ("Экономическая", "Экономик"),
    "it": ("ИТ", "Ай-Ти"),
    "electronics": ("Электроника", "Электроникс"),
    "machinery": ("Машиностроительная", "Машинери"),
    "animation": ("Анимационная", "Анимейшн"),
    "cartoon": ("Мультипликационная", "Картун"),
    "internet": ("Интернет", "Интернет"),
    "materials": ("Материалы", "Материалс"),
    "metal": ("Металл", "Метал"),
}
# Places in DPRK-linked names, as Russian writes them (Palladius for Chinese).
PLACES: dict[str, str] = {
    "beijing": "Пекин",
    "dandong": "Даньдун",
    "shenyang": "Шэньян",
    "dalian": "Далянь",
    "chongqing": "Чунцин",
    "fujian": "Фуцзянь",
    "liaoning": "Ляонин",
    "yanbian": "Яньбянь",
    "hong": "Гонконг",
    "bangkok": "Бангкок",
    "singapore": "Сингапур",
    "dubai": "Дубай",
    "vladivostok": "Владивосток",
    "moscow": "Москва",
    "pyongyang": "Пхеньян",
}

STOP = {"of", "the", "and", "for", "named", "after", "in", "&"}
_ACRONYM_LETTERS = str.maketrans(
    "ABVGDEZIKLMNOPRSTUFHC", "АБВГДЕЗИКЛМНОПРСТУФХЦ"
)  # Russian acronyms the lists spell in Latin letters: VTB -> ВТБ, NPO -> НПО
_RUSSIAN_LOOKING = re.compile(
    r"(kh|zh|shch|sch|ts|yy|iy|yi|ya|yu|ov$|ev$|in$|sk|skiy$|skaya$|aya$|oye$|iya$|stroi|prom)"
)


def adjective(stem: str, ending: str, gender: str) -> str:
    """A Russian adjective agreeing with its noun: морск+ой -> морская (f), морские (pl)."""
    if gender == "m":
        return stem + ending
    if gender == "f":
        return stem + "ая"
    if gender == "n":
        # unstressed after ж ш ч щ: управляющее
        return stem + ("ее" if stem[-1] in "жшчщ" and ending == "ий" else "ое")
    return stem + ("ие" if stem[-1] in "кгхжшчщ" else "ые")


@dataclass(frozen=True, slots=True)
class Phrase:
    """The core of a name read as Russian: adjectives, one head noun, a brand (any may be empty)."""

    adjectives: tuple[tuple[str, str], ...]  # (stem, ending)
    noun: tuple[str, str] | None  # (noun, gender)
    brand: tuple[str, ...]  # words of the brand, as the list writes them


def _longest(words: list[str], at: int, table: dict[str, tuple[str, str]]) -> int:
    """How many words from `at` make the longest phrase in `table` (0 if none)."""
    for size in (3, 2, 1):
        if " ".join(words[at : at + size]) in table and at + size <= len(words):
            return size
    return 0


def read_phrase(words: list[str]) -> Phrase | None:
    """Read a name core (words as the list writes them) as [brand] adjectives noun [brand];
    None when it does not fit (a genitive "of", two heads, a brand between adjective and noun).
    A descriptive word with no noun after it is part of the brand (GAZPROM TRANSGAZ TOMSK)."""
    lower = [word.lower() for word in words]
    adjectives: list[tuple[str, str]] = []
    noun: tuple[str, str] | None = None
    before: list[str] = []
    after: list[str] = []
    i = 0
    while i < len(lower):
        adjective_size = _longest(lower, i, PLACE_ADJECTIVES) or _longest(lower, i, ADJECTIVES)
        noun_size = _longest(lower, i, NOUNS)
        if noun is None and (adjective_size or noun_size):
            start = i + max(adjective_size, 1)
            noun_follows = any(_longest(lower, j, NOUNS) for j in range(start, len(lower)))
            if adjective_size and noun_follows:
                phrase = " ".join(lower[i : i + adjective_size])
                adjectives.append(PLACE_ADJECTIVES.get(phrase) or ADJECTIVES[phrase])
                i += adjective_size
                continue
            if noun_size:
                noun = NOUNS[" ".join(lower[i : i + noun_size])]
                i += noun_size
                continue
        if lower[i] in STOP or (noun is not None and (adjective_size or noun_size)):
            return None  # "of", "and" outside a known phrase, or a second head noun
        if noun is None and adjectives:
            return None  # a brand between the adjectives and their noun
        (after if noun is not None else before).append(words[i])
        i += 1
    if before and after:
        return None
    return Phrase(tuple(adjectives), noun, tuple(before or after))


def looks_russian(word: str) -> bool:
    """Letter groups of BGN/PCGN-transliterated Russian (kh, zh, shch, -skiy, -aya, -ov...)."""
    return bool(_RUSSIAN_LOOKING.search(word.lower()))


def cyrillic_word(lower: str) -> str:
    """A transliterated Russian word in Cyrillic; "iy" before a vowel is и + я/е/ю (TIPOGRAFIYA ->
    типография), which letter-by-letter reading gets wrong."""
    for latin, cyrillic in (("iya", "ия"), ("iye", "ие"), ("iyu", "ию"), ("iyo", "иё")):
        lower = lower.replace(latin, cyrillic)
    return russian.latin_to_cyrillic(lower)


def brand_in_russian(words: tuple[str, ...], rng: random.Random) -> str:
    """A brand written back in Cyrillic: transliterated Russian words in their Russian spelling,
    Latin acronyms in Cyrillic letters (VTB -> ВТБ) or, as some registers keep them, in Latin."""
    out = []
    for original in words:
        parts = []
        for piece in original.split("-"):
            lower = piece.lower()
            if lower in TRANSLITERATED:
                parts.append(TRANSLITERATED[lower])
            elif piece.isupper() and (len(piece) <= 3 or not re.search(r"[AEIOUY]", piece)):
                parts.append(piece if rng.random() < 0.3 else piece.translate(_ACRONYM_LETTERS))
            else:
                parts.append(cyrillic_word(lower).capitalize())
        out.append("-".join(parts))
    return " ".join(out)


def render_phrase(phrase: Phrase, brand: str) -> str:
    gender = phrase.noun[1] if phrase.noun else "m"
    words = [adjective(stem, ending, gender) for stem, ending in phrase.adjectives]
    if phrase.noun:
        words.append(phrase.noun[0])
    text = " ".join(words)
    text = text[:1].upper() + text[1:]
    if brand and text:
        return f"{text} «{brand}»"
    return text or brand


def quote(text: str, rng: random.Random) -> str:
    style = rng.random()
    if style < 0.6:
        return f"«{text}»"
    if style < 0.9:
        return '"' + text.replace("«", '"').replace("»", '"') + '"'
    return text


def with_legal_form(core: str, form: tuple[str, str] | None, rng: random.Random) -> str:
    """The register's order: legal form first (abbreviated or in full), the name in quotes;
    sometimes the form after the name, as supplier sheets write it."""
    if form is None:
        form = rng.choice([("ООО", "Общество с ограниченной ответственностью"), ("АО", "")])
    abbreviation, full = form
    roll = rng.random()
    if roll < 0.55 or not full:
        return f"{abbreviation} {quote(core, rng)}"
    if roll < 0.8:
        return f"{full} {quote(core, rng)}"
    if roll < 0.9:
        return f"{quote(core, rng)} {abbreviation}"
    return core
