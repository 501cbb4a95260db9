"""The `people` family: listed individuals as contractor and supplier sheets write them.

DPRK IT workers present themselves as freelancers, so contractor lists hold people. A person's
name is read from the list's own layout (OFAC "FAMILY, Given Middle"; UN DPRK entries family
first; UK given names before the family name in capitals), then written again: order swapped,
the middle name or patronymic left out, initials, hyphen and apostrophe forms, Korean given names
in McCune-Reischauer and Revised Romanization, Hangul, Chinese characters, Cyrillic, the German
and French spellings of Russian names; with and without date of birth and nationality columns.
"""

from __future__ import annotations

import random
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from bench.eval import chinese, korean, russian
from bench.eval.generate import Row, is_dprk, is_latin
from bench.eval.rendering import Rendering
from screening.watchlist.model import Entry, EntryKind

if TYPE_CHECKING:
    from bench.eval.families import Widener


@dataclass(frozen=True, slots=True)
class PersonName:
    family: str  # as listed: CHOE, AL-ASSAD, Ivanov
    given: tuple[str, ...]  # given names in order, as listed: (Chun-sik,), (Sergei, Petrovich)
    family_first: bool = True  # the list's order: OFAC and UN DPRK family first, UK given first


def parse_person(entry: Entry, name: str) -> PersonName | None:
    """Family and given names from the list's own layout, or None where the layout does not say
    which is which."""
    if not is_latin(name) or any(char.isdigit() for char in name):
        return None
    if "," in name:
        family, given = (part.strip() for part in name.split(",", 1))
        if family and given and "," not in given:
            return PersonName(family, tuple(given.split()))
        return None
    words = name.split()
    if len(words) < 2:
        return None
    if entry.list_id == "un-sc" and entry.source_id.startswith("KPi"):
        return PersonName(words[0], tuple(words[1:]))  # DPRK names, family first
    if (
        entry.list_id == "uk-ofsi"
        and words[-1].isupper()
        and not any(w.isupper() for w in words[:-1])
    ):
        return PersonName(words[-1], tuple(words[:-1]), family_first=False)  # UK: family last
    return None


# --- Korean names ------------------------------------------------------------------------------

# Korean family names as the lists write them (MR, DPRK spelling) -> Hangul, the spellings South
# Korean passports and Western sheets use, and Russian (Kontsevich, then Soviet-Korean usage).
KOREAN_FAMILIES: dict[str, tuple[str, tuple[str, ...], tuple[str, ...]]] = {
    "kim": ("김", ("Kim", "Gim"), ("Ким",)),
    "ri": ("리", ("Lee", "Yi", "Rhee", "Ri"), ("Ли", "Ри")),
    "li": ("리", ("Lee", "Yi", "Li"), ("Ли",)),
    "pak": ("박", ("Park", "Bak", "Pak"), ("Пак",)),
    "choe": ("최", ("Choi", "Choe", "Chey"), ("Чхве", "Цой")),
    "jong": ("정", ("Jung", "Jeong", "Chung"), ("Чон",)),
    "chong": ("정", ("Jung", "Jeong", "Chung"), ("Чон",)),
    "kang": ("강", ("Kang", "Gang"), ("Кан",)),
    "jo": ("조", ("Cho", "Jo"), ("Чо",)),
    "cho": ("조", ("Cho", "Jo"), ("Чо",)),
    "yun": ("윤", ("Yoon", "Yun"), ("Юн",)),
    "jang": ("장", ("Jang", "Chang"), ("Чан",)),
    "chang": ("장", ("Jang", "Chang"), ("Чан",)),
    "han": ("한", ("Han",), ("Хан",)),
    "o": ("오", ("Oh", "O"), ("О",)),
    "so": ("서", ("Seo", "Suh", "So"), ("Со",)),
    "sin": ("신", ("Shin", "Sin"), ("Син",)),
    "kwon": ("권", ("Kwon", "Gwon"), ("Квон",)),
    "hwang": ("황", ("Hwang",), ("Хван",)),
    "an": ("안", ("Ahn", "An"), ("Ан",)),
    "song": ("송", ("Song",), ("Сон",)),
    "ryu": ("류", ("Ryu", "Yoo", "Yu"), ("Рю", "Ю")),
    "yu": ("유", ("Yoo", "Yu"), ("Ю",)),
    "hong": ("홍", ("Hong",), ("Хон",)),
    "jon": ("전", ("Jeon", "Jun", "Chun"), ("Чон",)),
    "chon": ("전", ("Jeon", "Jun", "Chun"), ("Чон",)),
    "ko": ("고", ("Ko", "Go"), ("Ко",)),
    "mun": ("문", ("Moon", "Mun"), ("Мун",)),
    "yang": ("양", ("Yang",), ("Ян",)),
    "ryang": ("량", ("Yang", "Ryang"), ("Рян", "Ян")),
    "son": ("손", ("Son", "Sohn"), ("Сон",)),
    "paek": ("백", ("Baek", "Paik", "Paek"), ("Пэк",)),
    "ho": ("허", ("Heo", "Huh", "Ho"), ("Хо",)),
    "nam": ("남", ("Nam",), ("Нам",)),
    "sim": ("심", ("Shim", "Sim"), ("Сим",)),
    "ro": ("로", ("Roh", "Ro", "No"), ("Ро", "Но")),
    "ha": ("하", ("Ha",), ("Ха",)),
    "kwak": ("곽", ("Kwak", "Gwak"), ("Квак",)),
    "cha": ("차", ("Cha",), ("Чха", "Ча")),
    "ju": ("주", ("Joo", "Ju", "Chu"), ("Чу",)),
    "u": ("우", ("Woo", "U"), ("У",)),
    "min": ("민", ("Min",), ("Мин",)),
    "myong": ("명", ("Myung", "Myeong"), ("Мён",)),
    "kil": ("길", ("Gil", "Kil"), ("Киль", "Кил")),
    "hyon": ("현", ("Hyun", "Hyeon"), ("Хён",)),
    "pang": ("방", ("Bang", "Pang"), ("Пан",)),
    "om": ("엄", ("Eom", "Um", "Om"), ("Ом",)),
    "rim": ("림", ("Lim", "Im", "Rim"), ("Рим", "Лим")),
    "im": ("임", ("Lim", "Im"), ("Им",)),
    "chae": ("채", ("Chae",), ("Чхэ",)),
    "won": ("원", ("Won",), ("Вон",)),
    "kye": ("계", ("Kye", "Gye"), ("Ке",)),
    "ji": ("지", ("Ji", "Chi"), ("Чи",)),
    "pyon": ("변", ("Byun", "Byeon"), ("Пён",)),
    "jin": ("진", ("Jin", "Chin"), ("Чин",)),
    "to": ("도", ("Do", "To"), ("То",)),
    "sok": ("석", ("Seok", "Suk"), ("Сок",)),
    "tong": ("동", ("Dong",), ("Тон",)),
}


def given_syllables(
    given: tuple[str, ...], parse: Callable[[str], list[str] | None], most: int
) -> list[str] | None:
    """A given name's syllables however the list splits it (Chun-sik, Chun Sik, Chunsik), or None
    when a part does not parse or there are more than `most`."""
    out: list[str] = []
    for word in given:
        for part in re.split(r"[-\s]", word):
            syllables = parse(part)
            if not syllables:
                return None
            out += syllables
    return out if 1 <= len(out) <= most else None


def korean_syllables(given: tuple[str, ...]) -> list[str] | None:
    return given_syllables(given, korean.syllable_texts, 3)


def _given_forms(syllables: list[str], rng: random.Random) -> str:
    """A given name of romanised syllables written as sheets do: Chun-sik, Chun-Sik, Chun Sik,
    Chunsik."""
    style = rng.randrange(4)
    if style == 0:
        return "-".join(syllables).capitalize()
    if style == 1:
        return "-".join(s.capitalize() for s in syllables)
    if style == 2:
        return " ".join(s.capitalize() for s in syllables)
    return "".join(syllables).capitalize()


def _ordered(family: str, given: str, rng: random.Random) -> tuple[str, str]:
    if rng.random() < 0.5:
        return f"{given} {family}", "given_family"
    return f"{family} {given}", "family_given"


def korean_person(
    person: PersonName, syllables: list[str], rng: random.Random
) -> tuple[str, str, bool] | None:
    """(rendering, style, needs a date of birth beside it) of a Korean name."""
    family_key = re.sub(r"['’]", "", person.family.lower())
    family_parts = KOREAN_FAMILIES.get(family_key)
    style = rng.choice(
        [
            "order",
            "order",
            "revised",
            "marked",
            "initials",
            "hangul",
            "hangul",
            "cyrillic",
            "cyrillic",
        ]
    )
    family_case = person.family.upper() if rng.random() < 0.4 else person.family.capitalize()
    if style == "order":
        text, order = _ordered(family_case, _given_forms(syllables, rng), rng)
        return text, f"romanised_{order}", False
    if style == "revised":
        parts = korean.revised_parts("".join(syllables), rng) or syllables
        if len(parts) != len(syllables):
            parts = syllables
        family = rng.choice(family_parts[1]) if family_parts else person.family.capitalize()
        text, order = _ordered(family, _given_forms(parts, rng), rng)
        return text, f"revised_{order}", False
    if style == "marked":
        marked = [korean.mccune_reischauer_marked(s, rng).lower() for s in syllables]
        family = korean.mccune_reischauer_marked(person.family, rng)
        given = "-".join(marked).capitalize()
        if given.replace("'", "") == "-".join(syllables).capitalize() and family == person.family:
            return None
        text, order = _ordered(family, given, rng)
        return text, f"marked_{order}", False
    if style == "initials":
        initials = "".join(f"{s[0].upper()}." for s in syllables)
        if rng.random() < 0.5:
            return f"{initials} {person.family.capitalize()}", "initials_first", True
        return f"{person.family.capitalize()} {initials}", "initials_last", True
    if style == "hangul":
        family = family_parts[0] if family_parts else korean.hangul(person.family, rng)
        given = "".join(korean.hangul(s, rng) for s in syllables)
        if not _is_hangul(family + given):
            return None
        return (family + given if rng.random() < 0.6 else f"{family} {given}"), "hangul", False
    strict = rng.random() < 0.6
    if family_parts:
        family = family_parts[2][0] if strict else rng.choice(family_parts[2])
    else:
        family = korean.kontsevich(person.family, rng)
    if strict:  # Kontsevich: family name, then the given name's syllables together
        given = korean.kontsevich("".join(syllables), rng)
    else:  # Russian usage: the syllables apart (Ким Чен Ын)
        given = " ".join(korean.loose_cyrillic(s, rng) for s in syllables)
    if re.search(r"[A-Za-z]", family + given):
        return None
    return f"{family} {given}", "kontsevich" if strict else "cyrillic_loose", False


def _is_hangul(text: str) -> bool:
    return all(0xAC00 <= ord(char) <= 0xD7A3 for char in text.replace(" ", ""))


# --- Russian names -----------------------------------------------------------------------------

# Russian given names in the lists' Latin spellings -> Russian.
RUSSIAN_GIVEN: dict[str, str] = {
    "sergei": "Сергей", "sergey": "Сергей", "aleksandr": "Александр", "alexander": "Александр",
    "aleksei": "Алексей", "alexey": "Алексей", "aleksey": "Алексей", "dmitri": "Дмитрий",
    "dmitry": "Дмитрий", "dmitriy": "Дмитрий", "andrei": "Андрей", "andrey": "Андрей",
    "vladimir": "Владимир", "yuri": "Юрий", "yuriy": "Юрий", "iurii": "Юрий",
    "mikhail": "Михаил", "nikolai": "Николай", "nikolay": "Николай", "igor": "Игорь",
    "oleg": "Олег", "viktor": "Виктор", "yevgeny": "Евгений", "evgeny": "Евгений",
    "evgeniy": "Евгений", "yevgeniy": "Евгений", "ivan": "Иван", "pavel": "Павел",
    "roman": "Роман", "denis": "Денис", "maksim": "Максим", "maxim": "Максим",
    "anatoly": "Анатолий", "anatoliy": "Анатолий", "vitaly": "Виталий", "vitaliy": "Виталий",
    "valery": "Валерий", "valeriy": "Валерий", "gennady": "Геннадий", "gennadiy": "Геннадий",
    "konstantin": "Константин", "boris": "Борис", "arkady": "Аркадий", "arkadiy": "Аркадий",
    "vyacheslav": "Вячеслав", "vasily": "Василий", "vasiliy": "Василий", "grigory": "Григорий",
    "anton": "Антон", "artem": "Артём", "artyom": "Артём", "ilya": "Илья", "kirill": "Кирилл",
    "leonid": "Леонид", "stanislav": "Станислав", "yaroslav": "Ярослав", "timur": "Тимур",
    "ruslan": "Руслан", "natalia": "Наталья", "natalya": "Наталья", "elena": "Елена",
    "yelena": "Елена", "olga": "Ольга", "tatiana": "Татьяна", "tatyana": "Татьяна",
    "irina": "Ирина", "svetlana": "Светлана", "anna": "Анна", "maria": "Мария",
    "yulia": "Юлия", "yuliya": "Юлия", "ekaterina": "Екатерина", "yekaterina": "Екатерина",
    "marina": "Марина", "lyudmila": "Людмила", "galina": "Галина", "oksana": "Оксана",
    "petr": "Пётр", "pyotr": "Пётр", "fedor": "Фёдор", "fyodor": "Фёдор", "semen": "Семён",
    "xenia": "Ксения", "gleb": "Глеб", "egor": "Егор", "yegor": "Егор", "vadim": "Вадим",
    "nikita": "Никита",
}  # fmt: skip
_RUSSIAN_FAMILY = re.compile(r"(ov|ev|yov|in|yn|sky|skiy|skii|ova|eva|ina|skaya|enko|uk|chuk)$")
_PATRONYMIC = re.compile(r"(ovich|evich|ich|ovna|evna|ichna)$")


def is_russian(entry: Entry, person: PersonName) -> bool:
    family = person.family.lower()
    patronymic = len(person.given) >= 2 and _PATRONYMIC.search(person.given[-1].lower())
    return bool(
        ("RU" in entry.countries or "BY" in entry.countries or patronymic)
        and _RUSSIAN_FAMILY.search(family)
        and " " not in family
        and "-" not in family
    )


def russian_cyrillic(word: str) -> str:
    found = RUSSIAN_GIVEN.get(word.lower())
    if found:
        return found
    # -ia is -ия (Kseniya, Xenia -> Ксения); x is кс
    lower = re.sub(r"ia$", "iya", word.lower())
    return russian.latin_to_cyrillic(lower).capitalize()


# Cyrillic -> German (Duden) and French (usage in the French press) spellings.
_GERMAN = {
    "а": "a", "б": "b", "в": "w", "г": "g", "д": "d", "е": "e", "ё": "jo", "ж": "sch", "з": "s",
    "и": "i", "й": "j", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "ch", "ц": "z", "ч": "tsch", "ш": "sch",
    "щ": "schtsch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "ju", "я": "ja",
}  # fmt: skip
_FRENCH = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "io", "ж": "j", "з": "z",
    "и": "i", "й": "ï", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "ou", "ф": "f", "х": "kh", "ц": "ts", "ч": "tch", "ш": "ch",
    "щ": "chtch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "iou", "я": "ia",
}  # fmt: skip
_VOWELS_CYR = "аеёиоуыэюя"


def spelled(cyrillic: str, language: str) -> str:
    """A Russian name in German or French spelling: Сергей Иванов -> Sergej Iwanow, Sergueï
    Ivanov; -ский is -ski in both; е after a vowel or at the start is je/ie."""
    word = cyrillic.lower()
    for ending in ("ский", "цкий"):
        if word.endswith(ending):
            word = word[: -len(ending)] + ("ски" if ending == "ский" else "цки")
    table = _GERMAN if language == "de" else _FRENCH
    out = []
    for i, char in enumerate(word):
        previous = word[i - 1] if i else ""
        if char == "е" and (not previous or previous in _VOWELS_CYR or previous in "ьъ"):
            out.append("je" if language == "de" else "ie")
        elif char == "с" and previous in _VOWELS_CYR and word[i + 1 : i + 2] in tuple(_VOWELS_CYR):
            out.append("ss")  # voiceless s between vowels
        elif language == "fr" and char == "г" and word[i + 1 : i + 2] in ("е", "и", "ы", "э"):
            out.append("gu")
        elif char == "й" and language == "fr" and previous not in _VOWELS_CYR:
            out.append("i")
        else:
            out.append(table.get(char, char))
    return "".join(out).capitalize()


def russian_person(person: PersonName, rng: random.Random) -> tuple[str, str, bool] | None:
    given = person.given[0]
    patronymic = person.given[1] if len(person.given) >= 2 else ""
    family_cyr = russian_cyrillic(person.family)
    given_cyr = russian_cyrillic(given)
    patronymic_cyr = russian_cyrillic(patronymic) if patronymic else ""
    style = rng.choice(
        ["cyrillic", "cyrillic", "cyrillic_initials", "no_middle", "initials", "german", "french"]
    )
    if style == "cyrillic":
        parts = [family_cyr, given_cyr] + ([patronymic_cyr] if patronymic_cyr else [])
        if rng.random() < 0.35:
            parts = parts[1:] + parts[:1]
        return " ".join(parts), "cyrillic", False
    if style == "cyrillic_initials":
        initials = given_cyr[0] + "." + (patronymic_cyr[0] + "." if patronymic_cyr else "")
        if rng.random() < 0.5:
            return f"{family_cyr} {initials}", "cyrillic_initials", True
        return f"{initials} {family_cyr}", "cyrillic_initials", True
    family = person.family.capitalize() if rng.random() < 0.6 else person.family.upper()
    if style == "no_middle":
        text, order = _ordered(family, given.capitalize(), rng)
        return text, f"no_middle_{order}", False
    if style == "initials":
        initials = given[0].upper() + "." + (patronymic[0].upper() + "." if patronymic else "")
        if rng.random() < 0.5:
            return f"{family} {initials}", "initials", True
        return f"{initials} {family}", "initials", True
    language = "de" if style == "german" else "fr"
    family_spelled = spelled(family_cyr, language)
    given_spelled = spelled(given_cyr, language)
    if rng.random() < 0.3 and patronymic_cyr:
        given_spelled += " " + spelled(patronymic_cyr, language)
    if family_spelled.lower() == person.family.lower() and given_spelled.lower() == given.lower():
        return None
    text, order = _ordered(family_spelled, given_spelled, rng)
    return text, f"{style}_{order}", False


# --- Chinese names -----------------------------------------------------------------------------

# Common Chinese family names in pinyin -> their usual character.
CHINESE_FAMILIES: dict[str, str] = {
    "li": "李", "wang": "王", "zhang": "张", "liu": "刘", "chen": "陈", "yang": "杨",
    "zhao": "赵", "huang": "黄", "zhou": "周", "wu": "吴", "xu": "徐", "sun": "孙", "hu": "胡",
    "zhu": "朱", "gao": "高", "lin": "林", "he": "何", "guo": "郭", "ma": "马", "luo": "罗",
    "liang": "梁", "song": "宋", "zheng": "郑", "xie": "谢", "han": "韩", "tang": "唐",
    "feng": "冯", "yu": "于", "dong": "董", "xiao": "萧", "cheng": "程", "cao": "曹",
    "yuan": "袁", "deng": "邓", "fu": "傅", "shen": "沈", "zeng": "曾", "peng": "彭",
    "lu": "卢", "su": "苏", "jiang": "蒋", "cai": "蔡", "jia": "贾", "ding": "丁", "wei": "魏",
    "xue": "薛", "ye": "叶", "yan": "闫", "pan": "潘", "du": "杜", "dai": "戴", "xia": "夏",
    "zhong": "钟", "tian": "田", "ren": "任", "fan": "范", "fang": "方", "shi": "石",
    "yao": "姚", "tan": "谭", "liao": "廖", "zou": "邹", "xiong": "熊", "jin": "金", "hao": "郝",
    "kong": "孔", "bai": "白", "cui": "崔", "kang": "康", "mao": "毛", "qiu": "邱", "qin": "秦",
    "gu": "顾", "hou": "侯", "shao": "邵", "meng": "孟", "long": "龙", "wan": "万",
    "duan": "段", "lei": "雷", "qian": "钱", "yin": "尹", "yi": "易", "chang": "常",
    "qiao": "乔", "lai": "赖", "gong": "龚", "wen": "文", "ni": "倪", "xing": "邢",
}  # fmt: skip


def chinese_syllables(given: tuple[str, ...]) -> list[str] | None:
    return given_syllables(given, chinese.pinyin_syllables, 2)


def chinese_person(
    person: PersonName, syllables: list[str], rng: random.Random
) -> tuple[str, str, bool] | None:
    style = rng.choice(["hanzi", "hanzi", "swapped", "hyphenated", "spaced", "initials"])
    family = person.family.capitalize() if rng.random() < 0.6 else person.family.upper()
    if style == "hanzi":
        characters = CHINESE_FAMILIES[person.family.lower()] + "".join(
            chinese.CHARACTERS[s] for s in syllables
        )
        return characters, "hanzi", False
    if style == "swapped":
        return f"{''.join(syllables).capitalize()} {family}", "given_family", False
    if style == "hyphenated":
        given = "-".join(s.capitalize() for s in syllables)
        text, order = _ordered(family, given, rng)
        return text, f"hyphenated_{order}", False
    if style == "spaced":
        return f"{family} {' '.join(s.capitalize() for s in syllables)}", "spaced", False
    initials = "".join(f"{s[0].upper()}." for s in syllables)
    return f"{initials} {family}", "initials", True


# --- other names ---------------------------------------------------------------------------


def other_person(person: PersonName, rng: random.Random) -> tuple[str, str, bool] | None:
    """Names of other origins: order swapped, middle names left out, initials, hyphens and
    apostrophes dropped or spaced (AL-ASSAD, Al Assad), French and German spellings of Arabic
    names (sh: ch, sch; u: ou; j: dj)."""
    given = list(person.given)
    family = person.family.title() if rng.random() < 0.6 else person.family.upper()
    options = ["swapped", "initials"]
    if len(given) >= 2:
        options += ["no_middle", "no_middle"]
    if re.search(r"['’-]", person.family):
        options.append("hyphen")
    if re.search(r"sh|u|j", " ".join([person.family, *given]).lower()):
        options.append("spelling")
    style = rng.choice(options)
    if style == "swapped":  # the other order than the list's
        given_text = " ".join(w.title() for w in given)
        if person.family_first:
            return f"{given_text} {family}", "given_family", False
        return f"{family.upper()} {given_text}", "family_given", False
    if style == "no_middle":
        text, order = _ordered(family, given[0].title(), rng)
        return text, f"no_middle_{order}", False
    if style == "initials":
        initials = " ".join(f"{_first_letter(w)}." for w in given if _first_letter(w))
        return f"{initials} {family}", "initials", True
    if style == "hyphen":
        joined = re.sub(r"['’-]", rng.choice(["", " "]), family)
        return f"{' '.join(w.title() for w in given)} {joined}", "hyphen", False
    language = rng.choice(["fr", "de"])
    words = [person.family, *given]
    if language == "fr":
        words = [
            re.sub("sh", "ch", re.sub("(?<!o)u", "ou", re.sub("j", "dj", w.lower()))) for w in words
        ]
    else:
        words = [re.sub("sh", "sch", re.sub("j", "dsch", w.lower())) for w in words]
    text = " ".join(w.title() for w in words[1:]) + " " + words[0].title()
    return text, f"spelling_{language}", False


def _first_letter(word: str) -> str:
    found = re.search(r"[A-Za-z]", word)
    return found.group(0).upper() if found else ""


# --- dates of birth and nationality ------------------------------------------------------------

_MONTHS = {m: i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1
)}  # fmt: skip
NATIONALITY_NAMES = {
    "KP": ("North Korea", "DPRK", "Korea, North", "Korea, DPR"),
    "RU": ("Russia", "Russian Federation"),
    "CN": ("China", "PRC"),
}


def date_of_birth(entry: Entry) -> tuple[int, int, int] | None:
    """The first full date of birth in the entry's remarks: OFAC "DOB 12 Oct 1954", UN "date of
    birth 22 February 1958"."""
    found = re.search(r"\bDOB (\d{1,2}) ([A-Z][a-z]{2}) (\d{4})", entry.remarks)
    if not found:
        found = re.search(r"birth:? (\d{1,2}) ([A-Z][a-z]+) (\d{4})", entry.remarks)
    if not found:
        return None
    month = _MONTHS.get(found.group(2)[:3].lower())
    return (int(found.group(3)), month, int(found.group(1))) if month else None


def written_date(date: tuple[int, int, int], rng: random.Random) -> str:
    year, month, day = date
    return rng.choice(
        [
            f"{year}-{month:02}-{day:02}",
            f"{day:02}.{month:02}.{year}",
            f"{day:02}/{month:02}/{year}",
        ]
    )


# --- the family --------------------------------------------------------------------------------


def fold(text: str) -> str:
    """The generator's own crude key for spellings of one name: Kseniya/Ksenia/Xenia,
    Nikolay/Nikolai, Chun-sik/Chunsik/Jun Sik. For labelling only, never for renderings."""
    text = re.sub(r"[^a-z]", "", text.lower())
    for old, new in (
        ("x", "ks"), ("kh", "h"), ("y", "i"), ("eo", "o"), ("eu", "u"), ("ch", "j"), ("k", "g"),
        ("t", "d"), ("p", "b"), ("oo", "u"), ("ee", "i"), ("w", "u"),
    ):  # fmt: skip
        text = text.replace(old, new)
    return re.sub(r"(.)\1+", r"\1", text).replace("ia", "a").replace("ie", "e")


def person_key(person: PersonName) -> str:
    """ "The same written person" for labelling: the family name and the first given name (a
    Korean given name whole: its syllables are one name), each folded. A sheet that leaves out a
    middle name or patronymic names every listed person who shares the rest."""
    family = re.sub(r"['’]", "", person.family.lower())
    korean_name = family in KOREAN_FAMILIES and korean_syllables(person.given)
    given = "".join(person.given) if korean_name else person.given[0]
    return fold(family) + "|" + fold(given)


class PeopleMaker:
    def __init__(self, widener: Widener) -> None:
        self.widener = widener
        self.by_key: dict[str, set[str]] = defaultdict(set)
        self.people: dict[str, list[tuple[Entry, str, PersonName]]] = defaultdict(list)
        generator = widener.generator
        for entry in sorted(generator.entries, key=lambda e: (e.list_id, e.source_id)):
            if entry.kind is not EntryKind.PERSON:
                continue
            for name in generator.strong_names(entry):
                person = parse_person(entry, name)
                if person is None:
                    continue
                self.by_key[person_key(person)].add(f"{entry.list_id}:{entry.source_id}")
                self.people[self.origin(entry, person)].append((entry, name, person))

    @staticmethod
    def origin(entry: Entry, person: PersonName) -> str:
        family = re.sub(r"['’]", "", person.family.lower())
        if (
            {"CN", "HK", "TW", "MO"} & set(entry.countries)
            and family in CHINESE_FAMILIES
            and chinese_syllables(person.given)
        ):
            return "chinese"
        if is_dprk(entry) and family in KOREAN_FAMILIES and korean_syllables(person.given):
            return "korean"
        if is_russian(entry, person):
            return "russian"
        return "other"

    def rows(self, size: int) -> list[Row]:
        rng = self.widener.rng("people")
        rows: list[Row] = []
        used: set[str] = set()
        shares = (("korean", 0.4), ("russian", 0.25), ("chinese", 0.15), ("other", 0.2))
        for origin, share in shares:
            candidates = [c for c in self.people[origin] if self.widener.in_half(c[0])]
            rng.shuffle(candidates)
            quota = round(size * share)
            taken = 0
            for entry, name, person in candidates:
                if taken >= quota:
                    break
                key = person_key(person)
                if key in used:
                    continue
                made = self.render(origin, person, rng)
                if made is None:
                    continue
                text, variant, needs_date = made
                rendering = self.with_columns(entry, text, variant, needs_date, rng)
                if rendering is None:
                    continue
                used.add(key)
                row = self.widener.row("people", entry, name, rendering)
                expected = set(row.expected) | self.same_name(key)
                row.expected = tuple(sorted(expected))
                rows.append(row)
                taken += 1
        return rows

    def same_name(self, key: str) -> set[str]:
        """Every listed person of that very name (common Korean names are listed several times),
        with their designations on the other lists."""
        keys = set(self.by_key.get(key, ()))
        cross_list = self.widener.generator.cross_list
        for found in list(keys):
            list_id, source_id = found.split(":", 1)
            keys.update(f"{lid}:{sid}" for lid, sid in cross_list.same_as(list_id, source_id))
        return keys

    @staticmethod
    def render(origin: str, person: PersonName, rng: random.Random) -> tuple[str, str, bool] | None:
        if origin == "korean":
            syllables = korean_syllables(person.given)
            return korean_person(person, syllables, rng) if syllables else None
        if origin == "russian":
            return russian_person(person, rng)
        if origin == "chinese":
            syllables = chinese_syllables(person.given)
            return chinese_person(person, syllables, rng) if syllables else None
        return other_person(person, rng)

    @staticmethod
    def with_columns(
        entry: Entry,
        text: str,
        variant: str,
        needs_date: bool,
        rng: random.Random,
    ) -> Rendering | None:
        """The row with its date of birth and nationality columns, as contractor sheets have
        them about half the time; a name of initials always comes with its date of birth."""
        born = date_of_birth(entry)
        if needs_date and born is None:
            return None
        evidence: list[str] = []
        dob = ""
        if born is not None and (needs_date or rng.random() < 0.5):
            dob = written_date(born, rng)
            evidence.append("date_of_birth")
        nationality = ""
        codes = sorted(entry.countries)
        if len(codes) == 1 and rng.random() < 0.4:
            code = codes[0]
            names = NATIONALITY_NAMES.get(code, ())
            nationality = rng.choice(names) if names and rng.random() < 0.5 else code
            evidence.append("nationality")
        country = ""
        roll = rng.random()
        if roll < 0.25 and codes:
            country = codes[0]
        elif roll < 0.45:
            country = rng.choice(["CN", "RU", "LA", "AE"])  # where the contractor works
        return Rendering(
            text,
            country,
            date_of_birth=dob,
            nationality=nationality,
            evidence=tuple(evidence),
            variant=variant,
        )
