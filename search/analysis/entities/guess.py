"""Labels from the shape of words alone, for names no list or rule knows."""

from __future__ import annotations

from search.analysis.entities.lexicon import Lexicon


def trim_run(words: list[str], lex: Lexicon) -> list[str]:
    """Drop trailing words that cannot end a name: "Blair Monday", "Lloyds Treasurer"."""
    end = len(words)
    while end > 1 and (words[end - 1] in lex.titles or _is_weekday(words[end - 1], lex)):
        end -= 1
    return words[:end]


def guess_single(word: str, lex: Lexicon) -> str | None:
    """ORG for an unknown acronym, MISC for another name-like word, None for no name."""
    letters = word.replace(".", "").replace("&", "").replace("-", "")
    if len(letters) < 2 or lex.never_alone(word) or lex.generic_alone(word):
        return None
    if any(c.isdigit() for c in word):
        return None  # "A-1-plus", "F-16": ratings and model numbers
    if letters.isupper():  # an unknown acronym is most often an organisation
        return "ORG" if len(letters) <= 6 else None
    return "MISC"


def guess_run(words: list[str], lex: Lexicon) -> str | None:
    """PERSON for two or three name-like words ("Tom Murtha"), else MISC; None for shouting."""
    if all(w.isupper() for w in words):
        return None  # shouted text: table rows, headline fragments
    first = words[0]
    person = (
        len(words) <= 3
        and (words[-1] not in lex.generic or first in lex.given_names)  # "Criminal Justice Act"
        and first not in lex.non_person
        and first.lower() not in lex.stop
        and all(_namey(w) for w in words)
    )
    return "PERSON" if person else "MISC"


def _is_weekday(word: str, lex: Lexicon) -> bool:
    low = word.lower()
    return low.endswith("day") and low in lex.time


def _namey(word: str) -> bool:
    """Looks like a personal name word: "Kishida", "O'Neill", "Lewis-Francis", "W."."""
    core = word.replace("'", "").replace("’", "").replace("-", "")
    if len(core) == 2 and core.endswith("."):
        return core[0].isupper()  # an initial
    return len(core) > 1 and core.isalpha() and not core.isupper()
