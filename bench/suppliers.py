"""A realistic supplier file for benchmarks: 100,000 names, deterministic.

The mix follows what a buyer's vendor master holds: mostly companies with invented or ordinary
names in English, Russian (Latin and Cyrillic), Chinese (pinyin and characters), Korean, German,
Turkish, Arabic and other styles, with their legal forms; some sole traders (persons); repeats
(one supplier in several plants); and a few renderings of listed names and clean look-alikes from
the evaluation set. Nothing here is meant to be on a list except those renderings.
"""

from __future__ import annotations

import random
from collections.abc import Iterator

from bench.eval.measure import load_lookalikes, load_positives
from screening.supplier import Supplier

SEED = 7

_ONSETS = (
    "b",
    "br",
    "c",
    "cr",
    "d",
    "dr",
    "f",
    "fl",
    "g",
    "gr",
    "h",
    "j",
    "k",
    "kl",
    "l",
    "m",
    "n",
    "p",
    "pr",
    "r",
    "s",
    "st",
    "t",
    "tr",
    "v",
    "w",
    "z",
    "ch",
    "sh",
    "th",
    "sk",
    "sp",
)
_VOWELS = ("a", "e", "i", "o", "u", "ai", "ea", "io", "ou", "y")
_CODAS = ("", "", "n", "r", "s", "x", "l", "m", "t", "nd", "rt", "ks", "ng", "ck")

ENGLISH = (
    "Global",
    "United",
    "Pacific",
    "Northern",
    "Star",
    "Golden",
    "Silver",
    "Blue",
    "Green",
    "Prime",
    "First",
    "Royal",
    "Eagle",
    "Phoenix",
    "Summit",
    "Harbor",
    "River",
    "Ocean",
    "Alpha",
    "Delta",
    "Omega",
    "Apex",
    "Vertex",
    "Unity",
    "Liberty",
    "Victory",
    "Crown",
    "Bridge",
    "Atlas",
    "Orion",
    "Nova",
    "Horizon",
    "Pioneer",
    "Heritage",
    "Evergreen",
)
SECTORS = (
    "Trading",
    "Logistics",
    "Construction",
    "Textiles",
    "Garments",
    "Electronics",
    "Engineering",
    "Software",
    "IT Solutions",
    "Foods",
    "Seafood",
    "Shipping",
    "Metals",
    "Machinery",
    "Consulting",
    "Services",
    "Supplies",
    "Industries",
    "Holdings",
    "Group",
    "Technologies",
    "Pharma",
    "Medical",
    "Furniture",
    "Packaging",
    "Plastics",
    "Chemicals",
    "Energy",
    "Mining",
    "Timber",
    "Footwear",
    "Apparel",
    "Hotel",
    "Restaurant",
    "Security",
)
LEGAL_LATIN = (
    "Ltd",
    "Ltd.",
    "Limited",
    "LLC",
    "Inc.",
    "Corp.",
    "Co., Ltd.",
    "GmbH",
    "AG",
    "S.A.",
    "S.R.L.",
    "B.V.",
    "PLC",
    "Pty Ltd",
    "Pte. Ltd.",
    "LLP",
    "Sp. z o.o.",
    "s.r.o.",
    "A.S.",
    "Oy",
    "AB",
    "SARL",
    "JSC",
    "OOO",
    "AO",
    "FZE",
    "",
)
RU_WORDS = (
    "Vostok",
    "Sibir",
    "Ural",
    "Volga",
    "Neva",
    "Amur",
    "Baikal",
    "Sever",
    "Yug",
    "Zapad",
    "Tekhno",
    "Stroy",
    "Prom",
    "Invest",
    "Servis",
    "Trans",
    "Agro",
    "Energo",
    "Snab",
    "Torg",
    "Les",
    "Metall",
    "Khim",
    "Avto",
    "Mash",
    "Neft",
    "Gaz",
    "Svyaz",
)
CYRILLIC_WORDS = (
    "Восток",
    "Сибирь",
    "Урал",
    "Волга",
    "Нева",
    "Амур",
    "Байкал",
    "Север",
    "Юг",
    "Запад",
    "Техно",
    "Строй",
    "Пром",
    "Инвест",
    "Сервис",
    "Транс",
    "Агро",
    "Энерго",
    "Снаб",
    "Торг",
    "Лес",
    "Металл",
    "Хим",
    "Авто",
    "Маш",
    "Альфа",
    "Гранит",
    "Вектор",
    "Меридиан",
    "Радуга",
    "Луч",
    "Берёзка",
    "Империя",
)
CYRILLIC_FORMS = ("ООО «{}»", "АО «{}»", "ПАО «{}»", "ИП {}", 'ООО "{}"', "ЗАО «{}»", "{}")
HANZI = "华中国东南西北金银海天龙凤鑫盛达通宝恒昌祥瑞丰泰安康宏伟新光明远鸿兴隆福佳美嘉鼎晟辉"
HAN_WORDS = ("贸易", "科技", "实业", "电子", "机械", "服装", "纺织", "物流", "建设", "工程", "食品")
HAN_PLACES = ("深圳", "上海", "北京", "广州", "丹东", "沈阳", "大连", "青岛", "宁波", "杭州", "")
HANGUL = "가나다라마바사아자차카타파하강남동서한국성대신영미진수현우정"
HANGUL_WORDS = ("무역", "건설", "전자", "산업", "물산", "상사", "식품", "기술")
PINYIN = (
    "hua",
    "zhong",
    "guo",
    "dong",
    "nan",
    "xi",
    "bei",
    "jin",
    "yin",
    "hai",
    "tian",
    "long",
    "feng",
    "xin",
    "sheng",
    "da",
    "tong",
    "bao",
    "heng",
    "chang",
    "xiang",
    "rui",
    "tai",
    "kang",
    "hong",
    "wei",
    "guang",
    "ming",
    "yuan",
    "xing",
    "fu",
    "jia",
    "mei",
    "ding",
)
CITIES = (
    "Shenzhen",
    "Shanghai",
    "Ningbo",
    "Dalian",
    "Qingdao",
    "Guangzhou",
    "Hangzhou",
    "Moscow",
    "Vladivostok",
    "Novosibirsk",
    "Istanbul",
    "Dubai",
    "Hamburg",
    "Lyon",
)
FIRST = (
    "Ivan",
    "Sergey",
    "Olga",
    "Anna",
    "Wei",
    "Li",
    "Min",
    "Ahmed",
    "Maria",
    "John",
    "Hans",
    "Yuki",
    "Mehmet",
    "Fatima",
    "Jin",
    "Soo",
    "Elena",
    "Dmitry",
    "Chen",
    "Ali",
)
LAST = (
    "Ivanov",
    "Petrova",
    "Smirnov",
    "Wang",
    "Zhang",
    "Liu",
    "Kim",
    "Park",
    "Lee",
    "Mueller",
    "Schmidt",
    "Yilmaz",
    "Kaya",
    "Hassan",
    "Garcia",
    "Tanaka",
    "Novak",
    "Kowalski",
    "Chen",
)


def _pseudo_word(rng: random.Random) -> str:
    syllables = rng.choice((1, 2, 2, 3))
    word = "".join(
        rng.choice(_ONSETS) + rng.choice(_VOWELS) + rng.choice(_CODAS) for _ in range(syllables)
    )
    return word.capitalize()


def _company(rng: random.Random) -> str:
    style = rng.random()
    if style < 0.40:  # English-style
        parts = [rng.choice((_pseudo_word(rng), rng.choice(ENGLISH), _pseudo_word(rng)))]
        if rng.random() < 0.5:
            parts.append(rng.choice((_pseudo_word(rng), rng.choice(ENGLISH))))
        parts.append(rng.choice(SECTORS))
        if rng.random() < 0.15:
            parts.insert(0, rng.choice(CITIES))
        return " ".join([*parts, rng.choice(LEGAL_LATIN)]).strip()
    if style < 0.55:  # Russian transliterated
        name = rng.choice(RU_WORDS) + rng.choice(RU_WORDS).lower()
        form = rng.choice(("OOO", "LLC", "AO", "ZAO", "JSC"))
        return f"{form} {name}" if rng.random() < 0.5 else f"{name} {form}"
    if style < 0.65:  # Cyrillic
        name = rng.choice(CYRILLIC_WORDS) + rng.choice(CYRILLIC_WORDS).lower()
        return rng.choice(CYRILLIC_FORMS).format(name)
    if style < 0.78:  # Chinese in pinyin
        brand = "".join(rng.choice(PINYIN) for _ in range(2)).capitalize()
        city = rng.choice(CITIES[:7])
        return f"{city} {brand} {rng.choice(SECTORS)} Co., Ltd."
    if style < 0.86:  # Chinese characters
        brand = "".join(rng.choice(HANZI) for _ in range(2))
        return f"{rng.choice(HAN_PLACES)}{brand}{rng.choice(HAN_WORDS)}有限公司"
    if style < 0.90:  # Korean (South Korean suppliers)
        brand = "".join(rng.choice(HANGUL) for _ in range(2))
        return rng.choice(("주식회사 {}{}", "{}{} 주식회사", "㈜{}{}")).format(
            brand, rng.choice(HANGUL_WORDS)
        )
    # German, Turkish, French... styles
    name = _pseudo_word(rng) + rng.choice(("werk", "tech", "bau", "san", "tex", "plast", "ind"))
    return f"{name} {rng.choice(('GmbH', 'A.S.', 'SARL', 'S.p.A.', 'Sanayi ve Ticaret A.S.'))}"


def _person(rng: random.Random) -> str:
    name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    return rng.choice(("IP {}", "{}", "{} (sole trader)", "ИП {}")).format(name)


def supplier_names(count: int = 100_000, seed: int = SEED) -> list[str]:
    """`count` supplier names: about 88% companies, 5% sole traders, 6% repeats of earlier
    names, 1% renderings of listed names and clean look-alikes."""
    rng = random.Random(seed)
    listed = [p.supplier.name for p in load_positives()] + [
        n.supplier.name for n in load_lookalikes()
    ]
    names: list[str] = []
    for _ in range(count):
        roll = rng.random()
        if roll < 0.06 and names:
            names.append(rng.choice(names))
        elif roll < 0.07:
            names.append(rng.choice(listed))
        elif roll < 0.12:
            names.append(_person(rng))
        else:
            names.append(_company(rng))
    return names


def suppliers(count: int = 100_000, seed: int = SEED) -> Iterator[Supplier]:
    rng = random.Random(seed + 1)
    countries = ("CN", "RU", "KR", "DE", "TR", "AE", "VN", "US", "")
    for number, name in enumerate(supplier_names(count, seed)):
        yield Supplier(name=name, ref=f"V{number:06d}", country=rng.choice(countries))
