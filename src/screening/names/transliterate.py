"""Any name to Latin letters: Cyrillic by table, Hangul and Chinese by word, the rest anyascii."""

from __future__ import annotations

import unicodedata
from functools import cache, lru_cache

from anyascii import anyascii

from screening.names.cyrillic import cyrillic_to_latin, with_cyrillic_lookalikes
from screening.names.han import han_to_latin
from screening.names.hangul import hangul_to_latin
from screening.names.khmer import has_khmer, khmer_to_latin
from screening.names.loanwords import english_word
from screening.names.palladius import chinese_readings
from screening.names.resources import load_data
from screening.names.respell import english_spelling
from screening.names.scripts import Script, script_runs


@cache
def _punctuated_native_forms() -> tuple[tuple[str, str], ...]:
    """Native legal forms written with punctuation, such as (주): replaced before segmenting."""
    forms = []
    for form in load_data("legal_forms")["form"]:
        for native, latin in form.get("native", {}).items():
            if not native.isalpha():
                forms.append((native, latin))
    return tuple(forms)


@lru_cache(maxsize=65536)
def _cyrillic_word(word: str) -> str:
    """A Cyrillic word in Latin letters: an English word written by sound as that word
    (Трейдинг -> trading), any other letter by letter (BGN/PCGN)."""
    latin = cyrillic_to_latin(word)
    return english_word(latin) or latin


def _convert(run: str, script: Script) -> str:
    if script is Script.LATIN:
        return run if run.isascii() else anyascii(run)
    if script is Script.CYRILLIC:
        return _cyrillic_word(run)
    if script is Script.HANGUL:
        return f" {hangul_to_latin(run)} "
    if script is Script.HAN:
        return f" {han_to_latin(run)} "
    # Khmer syllables read by their consonants' series, which anyascii does not know
    return khmer_to_latin(run) if has_khmer(run) else anyascii(run)


def to_latin(text: str) -> tuple[str, tuple[Script, ...]]:
    """`text` in Latin letters, and the non-Latin scripts it was written in (first met first)."""
    if text.isascii():
        return english_spelling(text), ()
    text = with_cyrillic_lookalikes(unicodedata.normalize("NFKC", text))
    for native, latin in _punctuated_native_forms():
        if native in text:
            text = text.replace(native, f" {latin} ")
    out: list[str] = []
    scripts: dict[Script, None] = {}
    runs = script_runs(text)
    # Chinese words in Palladius (Фуцзянь, Шаньдун) are read as pinyin, not letter by letter
    chinese = chinese_readings([run for run, script in runs if script is Script.CYRILLIC])
    for run, script in runs:
        out.append(chinese.get(run) or _convert(run, script))
        if script is not Script.LATIN:
            scripts.setdefault(script)
    latin = "".join(out)
    # a Russian name written the German or French way (Alekseï Moisseiev) as English writes it
    return (english_spelling(latin), ()) if not scripts else (latin, tuple(scripts))
