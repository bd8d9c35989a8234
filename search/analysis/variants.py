"""British -> American spelling folding, so either spelling finds both.

The pairs live in ``variants.txt`` beside this module. A pair of stems ending in
``*`` (``organis* organiz*``) expands to its inflections.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

_STEM_SUFFIXES = (
    "e", "ed", "es", "ing", "ation", "ations", "er", "ers", "ability", "able",
)  # fmt: skip


@cache
def variant_map() -> dict[str, str]:
    """Every known British spelling (lower case) mapped to its American spelling."""
    mapping: dict[str, str] = {}
    text = resources.files(__package__).joinpath("variants.txt").read_text("utf-8")
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        british, american = line.split()
        if british.endswith("*"):
            b, a = british[:-1], american.rstrip("*")
            for suffix in _STEM_SUFFIXES:
                mapping[b + suffix] = a + suffix
        else:
            mapping[british] = american
    return mapping


def americanize(word: str) -> str:
    """The American spelling of ``word`` (lower case in, lower case out); unknown words unchanged."""
    return variant_map().get(word, word)
