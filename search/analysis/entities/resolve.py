"""Turn one capitalised chain into name candidates with labels.

Order of evidence, strongest first: the gazetteer (whole chain, then longest known parts),
a head word ("... Corp", "... Palace", "Bank of ..."), a title before a person ("Prime
Minister Fumio Kishida"), a known given name, and finally the shape of the words (two or
three capitalised words -> PERSON, one word -> MISC, an acronym -> ORG).
"""

from __future__ import annotations

from search.analysis.entities.candidate import Candidate
from search.analysis.entities.chains import POSSESSIVE, Chain
from search.analysis.entities.gazetteer import DEMONYM, Gazetteer, Known
from search.analysis.entities.guess import guess_run, guess_single, trim_run
from search.analysis.entities.lexicon import Lexicon
from search.analysis.entities.linking import LEGAL_SUFFIXES

_NAME_PARTICLES = frozenset(
    {"de", "du", "des", "da", "di", "del", "della", "van", "von", "der", "den", "le", "la"}
    | {"al", "bin", "ibn", "y", "van der", "van den", "von der"}
)
_OF = frozenset({"of", "of the", "for", "for the", "on"})
_AND = frozenset({"and", "and the", "&"})
_OF_TAIL = frozenset({"of", "of the"})
_PLAIN = frozenset({"", POSSESSIVE}) | _AND  # joins a last head word may reach across
_PLACES = frozenset({"GPE", "LOC"})


class Resolver:
    """Resolves the chains of one article body."""

    def __init__(self, body: str, lex: Lexicon, gaz: Gazetteer) -> None:
        self._body = body
        self._lex = lex
        self._gaz = gaz
        self._chain = Chain([])
        self._shouted = False  # the current chain's paragraph is all capitals
        self._matches: dict[int, tuple[int, Known]] = {}
        self._cover: list[int] = []  # token index -> start of the match covering it, or -1

    # -- helpers over the current chain -------------------------------------------------
    def _tok(self, i: int) -> str:
        return self._chain.tokens[i].text

    def _join(self, i: int) -> str:
        return self._chain.joins[i]

    def _text(self, i: int, j: int) -> str:
        return self._body[self._chain.tokens[i].start : self._chain.tokens[j].end]

    def _cand(
        self,
        i: int,
        j: int,
        label: str,
        *,
        context: str = "",
        strong: bool = False,
        tentative: bool = False,
        guessed: bool = False,
    ) -> Candidate:
        toks = self._chain.tokens
        name = " ".join(self._text(i, j).split())
        return Candidate(toks[i].start, toks[j].end, label, name, context, strong, tentative, guessed)

    def _known(self, i: int) -> Candidate:
        j, known = self._matches[i]
        toks = self._chain.tokens
        return Candidate(toks[i].start, toks[j].end, known.label, known.name, known.context, strong=True)

    def _lookup(self, i: int, j: int) -> Known | None:
        text = self._text(i, j)
        known = self._gaz.get(text)
        if known is None and text.isupper() and len(text) > 3:
            known = self._gaz.get_upper(text)
        return known

    def _find_matches(self) -> None:
        self._matches = {}
        n = len(self._chain.tokens)
        self._cover = [-1] * n
        i = 0
        while i < n:
            for j in range(min(n, i + self._gaz.max_words) - 1, i - 1, -1):
                known = self._lookup(i, j)
                if known is not None:
                    self._matches[i] = (j, known)
                    self._cover[i : j + 1] = [i] * (j + 1 - i)
                    i = j
                    break
            i += 1

    def _match_within(self, k: int, j: int) -> bool:
        """True when a known name starts at ``k`` and ends by ``j``."""
        return k in self._matches and self._matches[k][0] <= j

    def _covered(self, k: int) -> bool:
        return self._cover[k] >= 0

    # -- entry point ----------------------------------------------------------------------
    def resolve(self, chain: Chain, shouted: bool = False) -> list[Candidate]:
        """The candidates of ``chain``; ``shouted``: its paragraph is all capitals, so a word's
        capitals are no sign of an acronym."""
        self._chain, self._shouted = chain, shouted
        self._find_matches()
        out: list[Candidate] = []
        seg_start: int | None = None
        initial = chain.initial
        i, n = 0, len(chain.tokens)
        while i < n:
            if i in self._matches:
                seg_start = i if seg_start is None else seg_start
                i = self._matches[i][0] + 1
                continue
            tok = self._tok(i)
            # Mid-sentence capitals are deliberate: "the Second World War" keeps "Second".
            lead = i == 0 and not chain.initial and n > 1 and tok.lower() in self._lex.stop
            drop = not lead and (self._lex.splits(tok) or (seg_start is None and self._lex.never_alone(tok)))
            if drop:
                if seg_start is not None:
                    out += self._segment(seg_start, i - 1, initial and seg_start == 0)
                seg_start = None
                initial = False
            elif seg_start is None:
                seg_start = i
            i += 1
        if seg_start is not None:
            out += self._segment(seg_start, n - 1, initial and seg_start == 0)
        return out

    # -- segments: runs without stop words --------------------------------------------------
    def _segment(self, i: int, j: int, initial: bool, guess: bool = True) -> list[Candidate]:
        if i in self._matches and self._matches[i][0] == j:
            return [self._known(i)]
        head = self._head(i, j)
        if head is not None:
            return [head]
        for k in range(i + 1, j):  # a company form ends a name: "Sachs and Co | and Eberstadt Fleming Inc"
            if self._tok(k) in LEGAL_SUFFIXES and self._join(k + 1) in _AND:
                return [*self._segment(i, k, initial, guess), *self._segment(k + 1, j, False, guess)]
        if self._match_within(i, j - 1) and self._join(self._matches[i][0] + 1):  # "Republic of Korea for"
            return [self._known(i), *self._segment(self._matches[i][0] + 1, j, False, guess)]
        if j > i and self._tok(i) in self._lex.firsts and self._join(i + 1) in _OF:
            return self._first_head(i, j, guess)
        titled = self._titled(i, j, initial, guess)
        if titled is not None:
            return titled
        splits = [k for k in range(i + 1, j + 1) if self._join(k) and self._cover[k] in (-1, k)]
        for k in splits:
            if self._join(k) in _AND:  # "Tidal Basin and the Hospital Corp of America"
                return [*self._segment(i, k - 1, initial, guess), *self._segment(k, j, False, guess)]
        out: list[Candidate] = []
        a = i
        for k in splits:
            if self._join(k) not in _NAME_PARTICLES:
                out += self._piece(a, k - 1, initial and a == i, guess)
                a = k
        return out + self._piece(a, j, initial and a == i, guess)

    def _head(self, i: int, j: int) -> Candidate | None:
        """A head word gives the label: "Liberal Democratic Party", "Hospital Corp of America".

        The head is the last word, or a word followed by an "of ..." tail when nothing
        before it is joined by a particle (so "Governor of the Bank of England" is no ORG).
        """
        heads = self._lex.heads
        if (
            j > i
            and self._tok(j) in heads
            and not self._covered(j)
            and (self._tok(i) in self._lex.firsts or self._all_plain(i + 1, j))
            and not any(self._tok(k) in LEGAL_SUFFIXES and self._join(k + 1) in _AND for k in range(i, j))
        ):  # (a company form ends a name: "Sachs and Co and Eberstadt Fleming Inc" are two)
            return self._cand(i, j, heads[self._tok(j)], strong=True)
        for k in range(i + 1, j):
            if self._join(k):
                return None
            if (
                self._tok(k) in heads
                and self._join(k + 1) in _OF_TAIL
                and not self._covered(k)
                and all(not self._join(m) or self._join(m) in _AND for m in range(k + 2, j + 1))
            ):
                return self._cand(i, j, heads[self._tok(k)], strong=True)
        return None

    def _all_plain(self, i: int, j: int) -> bool:
        return all(self._join(k) in _PLAIN for k in range(i, j + 1))

    def _first_head(self, i: int, j: int, guess: bool) -> list[Candidate]:
        """A first word before "of": "Bank of Japan", "Ministry of Trade and Industry"."""
        end = j
        for k in range(i + 2, j + 1):
            join = self._join(k)
            if (
                join
                and self._cover[k] in (-1, k)
                and (join not in _AND or self._tok(k) in self._lex.firsts or k in self._matches)
            ):
                end = k - 1
                break
        head = self._cand(i, end, self._lex.firsts[self._tok(i)], strong=True)
        return [head, *self._segment(end + 1, j, False, guess)] if end < j else [head]

    def _title_at(self, k: int, j: int) -> int:
        """End index of a title starting at ``k`` (two-word titles first), or -1."""
        if k < j and self._join(k + 1) == "" and f"{self._tok(k)} {self._tok(k + 1)}" in self._lex.titles:
            return k + 1
        return k if self._tok(k) in self._lex.titles else -1

    def _person_may_follow(self, k: int) -> bool:
        """After a title: unknown words but a common noun ("Justice Act" names no Mr Act), or a known
        person ("ex-President Trump")."""
        if k in self._matches:
            return self._matches[k][1].label == "PERSON"
        return self._tok(k) not in self._lex.generic

    def _titled(self, i: int, j: int, initial: bool, guess: bool) -> list[Candidate] | None:
        """Split "Japanese Prime Minister Fumio Kishida" into residue, title and PERSON."""
        found: tuple[int, int] | None = None
        k = i
        while k < j:
            te = self._title_at(k, j)
            if te < 0:
                k += 1
                continue
            after = self._join(te + 1) if te < j else None
            if after in _OF or (after == "" and self._person_may_follow(te + 1)):
                found = (k, te)
            k = te + 1
        if found is None:
            return None
        ts, te = found
        while ts > i and self._join(ts) == "" and self._title_at(ts - 1, j) == ts - 1:
            ts -= 1  # "Deputy Prime Minister"
        out = self._segment(i, ts - 1, initial, guess=False) if ts > i else []
        k = te + 1
        while k <= j and self._join(k) in _OF:  # "Secretary of State", "President of France"
            if self._match_within(k, j):
                out.append(self._known(k))
                k = self._matches[k][0]
            k += 1
        if k > j or self._join(k) != "":
            return out + (self._segment(k, j, False, guess) if k <= j else [])
        end = k
        while end < j and (self._join(end + 1) == "" or self._join(end + 1) in _NAME_PARTICLES):
            end += 1
        context = " ".join(self._text(ts, te).split())
        person = self._cand(k, end, "PERSON", context=context, strong=True)
        if k in self._matches and self._matches[k][0] == end:
            person.name = self._matches[k][1].name
        return [*out, person, *(self._segment(end + 1, j, False, guess) if end < j else [])]

    # -- pieces: runs without connectors ----------------------------------------------------
    def _piece(self, i: int, j: int, initial: bool, guess: bool) -> list[Candidate]:
        if i in self._matches and self._matches[i][0] == j:
            return [self._known(i)]
        head = self._head(i, j)
        if head is not None:
            return [head]
        n = j - i + 1
        if guess and 2 <= n <= 3 and self._tok(i) in self._lex.given_names:
            return [self._cand(i, j, "PERSON", strong=True)]  # "Michael Jordan", "Rio Ferdinand"
        place = self._place(i, j) if guess else None
        if place is not None:
            return [place]
        if guess and self._named_for_a_place(i, j):
            return [self._cand(i, j, "ORG", strong=True)]  # "Partizan Belgrade", "Dallas Cowboys"
        out: list[Candidate] = []
        run: int | None = None
        k = i
        while k <= j:
            if self._match_within(k, j):
                if run is not None:
                    out += self._unknown(run, k - 1, initial and run == i, guess)
                    run = None
                out.append(self._known(k))
                k = self._matches[k][0] + 1
                continue
            run = k if run is None else run
            k += 1
        if run is not None:
            out += self._unknown(run, j, initial and run == i, guess)
        return out

    def _place(self, i: int, j: int) -> Candidate | None:
        """Words that name a place by its kind of ground ("Bethnal Green", "Miami Beach": not after a
        given name, "Philip Green") or a part of a known place ("Inner Mongolia")."""
        tail = self._tok(j) in self._lex.place_tails
        lead = j - i == 1 and self._tok(i) in self._lex.place_leads
        if not (tail or lead) or not 1 <= j - i <= 2 or self._shouted or not self._all_plain(i + 1, j):
            return None
        unknown = all(not self._covered(k) and self._may_name(self._tok(k)) for k in range(i, j))
        if (
            tail
            and not self._covered(j)
            and self._tok(i) not in self._lex.given_names
            and (unknown or self._place_match(i, j - 1))
        ):
            return self._cand(i, j, "LOC", strong=True)
        if lead and self._place_match(j, j):
            return self._cand(i, j, self._matches[j][1].label, strong=True)
        return None

    def _place_match(self, k: int, end: int) -> bool:
        """A known place (no demonym) starts at ``k`` and ends at ``end``."""
        if k not in self._matches:
            return False
        last, known = self._matches[k]
        return last == end and known.label in _PLACES and known.context != DEMONYM

    def _named_for_a_place(self, i: int, j: int) -> bool:
        """A place and words no list knows, side by side: a team or a firm named for its town."""
        if not 1 <= j - i <= 3 or self._shouted or not self._all_plain(i + 1, j):
            return False
        place = unknown = False
        k = i
        while k <= j:
            if k in self._matches:
                end, known = self._matches[k]
                if end > j or known.label not in _PLACES or known.context == DEMONYM:
                    return False
                place, k = True, end + 1
            elif self._covered(k) or not self._may_name(self._tok(k)):
                return False
            else:
                unknown, k = True, k + 1
        return place and unknown and self._tok(i) not in self._lex.given_names

    def _may_name(self, token: str) -> bool:
        """A word that may be part of a name: no function word, time word or common noun."""
        return not self._lex.never_alone(token) and not self._lex.generic_alone(token)

    def _unknown(self, i: int, j: int, initial: bool, guess: bool) -> list[Candidate]:
        """Words with no evidence but their shape."""
        j = i + len(trim_run([self._tok(k) for k in range(i, j + 1)], self._lex)) - 1
        if not guess:
            return []
        if i == j:
            label = guess_single(self._tok(i), self._lex)
            if label is None or (self._shouted and label == "ORG"):
                return []
            # An all-caps word is no sentence casing: the acronym needs no more evidence.
            return [self._cand(i, i, label, tentative=initial and label == "MISC", guessed=label == "ORG")]
        label = guess_run([self._tok(k) for k in range(i, j + 1)], self._lex)
        if label is None:
            return []
        return [self._cand(i, j, label, tentative=initial, guessed=label == "PERSON")]
