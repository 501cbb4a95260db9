"""Russian-register renderings for the evaluation set, written apart from the matcher's tables.

How a Russian register (EGRUL) or a Russian-language supplier file writes a company: Russian
legal form first, the name in quotation marks; Korean names in Cyrillic (korean.cyrillic), the
English words of a name either translated (General Corporation -> Генеральная корпорация) or
transcribed by sound (Дженерал Корпорейшн); Russian names that the lists give in Latin letters
(TEKHNOLOGIYA) written back in Cyrillic.
"""

from __future__ import annotations

import random

# English words of DPRK and other names -> (Russian translation, transcription by sound).
WORDS: dict[str, tuple[str, str]] = {
    "korea": ("Корея", "Корея"),
    "korean": ("Корейская", "Кориан"),
    "general": ("Генеральная", "Дженерал"),
    "trading": ("Торговая", "Трейдинг"),
    "trade": ("Торговая", "Трейд"),
    "corporation": ("корпорация", "Корпорейшн"),
    "corp": ("корпорация", "Корп"),
    "company": ("компания", "Компани"),
    "co": ("компания", "Ко"),
    "bank": ("Банк", "Бэнк"),
    "banking": ("Банковская", "Бэнкинг"),
    "construction": ("Строительная", "Констракшн"),
    "international": ("Международная", "Интернешнл"),
    "group": ("Группа", "Груп"),
    "technology": ("Технологии", "Текнолоджи"),
    "information": ("Информационная", "Информейшн"),
    "mining": ("Горнодобывающая", "Майнинг"),
    "development": ("Развития", "Девелопмент"),
    "industrial": ("Промышленная", "Индастриал"),
    "shipping": ("Судоходная", "Шиппинг"),
    "joint": ("Совместное", "Джойнт"),
    "venture": ("предприятие", "Венчур"),
    "commercial": ("Коммерческий", "Коммершл"),
    "insurance": ("Страховая", "Иншуранс"),
    "national": ("Национальная", "Нэшнл"),
    "foreign": ("Внешнеторговый", "Форин"),
    "investment": ("Инвестиционная", "Инвестмент"),
    "energy": ("Энергетическая", "Энерджи"),
    "oil": ("Нефтяная", "Ойл"),
    "marine": ("Морская", "Марин"),
    "maritime": ("Морская", "Маритайм"),
    "management": ("Управляющая", "Менеджмент"),
    "overseas": ("Зарубежная", "Оверсиз"),
    "external": ("Внешняя", "Экстернал"),
    "bureau": ("Бюро", "Бюро"),
    "project": ("Проектная", "Проджект"),
    "projects": ("Проектная", "Проджектс"),
    "art": ("Художественная", "Арт"),
    "studio": ("студия", "Студио"),
    "steel": ("Сталь", "Стил"),
    "machine": ("Машиностроительная", "Машин"),
    "network": ("Сетевые", "Нетворк"),
    "computer": ("Компьютерная", "Компьютер"),
    "center": ("Центр", "Сентер"),
    "centre": ("Центр", "Сентер"),
    "cooperation": ("Сотрудничества", "Кооперейшн"),
    "export": ("Экспортная", "Экспорт"),
    "import": ("Импортная", "Импорт"),
    "trust": ("Траст", "Траст"),
    "credit": ("Кредитный", "Кредит"),
    "united": ("Объединённая", "Юнайтед"),
    "limited": ("", "Лимитед"),
    "ltd": ("", "Лтд"),
}

LEGAL_FORMS = (
    ("ООО «{}»", 0.35),
    ('ООО "{}"', 0.15),
    ("Общество с ограниченной ответственностью «{}»", 0.15),
    ("АО «{}»", 0.1),
    ("ЗАО «{}»", 0.05),
    ("{}", 0.2),
)

_LATIN_TO_CYRILLIC = (
    ("shch", "щ"),
    ("kh", "х"),
    ("zh", "ж"),
    ("ts", "ц"),
    ("ch", "ч"),
    ("sh", "ш"),
    ("yu", "ю"),
    ("ya", "я"),
    ("yo", "ё"),
    ("ye", "е"),
    ("iy", "ий"),
    ("yy", "ый"),
    ("a", "а"),
    ("b", "б"),
    ("v", "в"),
    ("g", "г"),
    ("d", "д"),
    ("e", "е"),
    ("z", "з"),
    ("i", "и"),
    ("k", "к"),
    ("l", "л"),
    ("m", "м"),
    ("n", "н"),
    ("o", "о"),
    ("p", "п"),
    ("r", "р"),
    ("s", "с"),
    ("t", "т"),
    ("u", "у"),
    ("f", "ф"),
    ("c", "к"),
    ("h", "х"),
    ("w", "в"),
    ("x", "кс"),
    ("q", "к"),
    ("j", "дж"),
)
_VOWELS = "aeiouy"


def latin_to_cyrillic(word: str) -> str:
    """A Russian word the lists give in BGN/PCGN Latin, written back in Cyrillic:
    TEKHNOLOGIYA -> Технология, ZARUBEZHNEFT -> Зарубежнефть (soft signs are lost)."""
    word = word.lower()
    out = []
    i = 0
    while i < len(word):
        if word[i] == "y":
            previous = word[i - 1] if i else ""
            following = word[i + 1] if i + 1 < len(word) else ""
            if following in ("u", "a", "o", "e"):
                out.append({"u": "ю", "a": "я", "o": "ё", "e": "е"}[following])
                i += 2
                continue
            out.append("й" if previous in _VOWELS or not previous else "ы")
            i += 1
            continue
        if word[i] == "e" and (i == 0 or word[i - 1] in _VOWELS):
            out.append("э" if i == 0 else "е")
            i += 1
            continue
        for latin, cyrillic in _LATIN_TO_CYRILLIC:
            if word.startswith(latin, i):
                out.append(cyrillic)
                i += len(latin)
                break
        else:
            out.append(word[i])
            i += 1
    return "".join(out)


def legal_form(rng: random.Random) -> str:
    roll = rng.random()
    for template, share in LEGAL_FORMS:
        roll -= share
        if roll <= 0:
            return template
    return "{}"


def word_in_russian(word: str, rng: random.Random, *, transcribe: bool) -> str | None:
    """An English word of a name in Russian, or None when there is no rendering for it."""
    found = WORDS.get(word.lower())
    if found is None:
        return None
    return found[1] if transcribe else found[0]
