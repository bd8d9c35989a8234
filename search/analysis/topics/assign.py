"""Assign topics to one article at index time, from the topics' keywords.

Each keyword is analysed with the index's own analyser (so stemming and spelling variants
apply) and looked for in the article's analysed title and body. A topic needs two pieces of
evidence (a keyword in the title and again in the body, or two keywords), and a length-adjusted
score over a threshold. A keyword marked as a name (a club, a league, a governing body) is one
piece of evidence however often it is repeated, and evidence and score only for a topic of the
area that leads the article: a business story about a football club's finances names the club,
but is not about football; a name says who took part, the other words what happened. A topic of
another area than the first topic's is kept only when its area's best topic has a share of the
first topic's score, and one of the first topic's own area when it has that share of the
first's score without names: a passing mention is not what the article is about. A first topic
standing on names alone yields the lead to a clearly scored topic on words of its own (a club's
share listing). A subtopic marked ``needs_area`` (its keywords have other senses: a drug test
at work is no doping) needs a keyword of its area too. A topic that ``defers_to`` others
(sport: video games, schools, betting) is their subject, not the article's, where one of them
stands on two keywords of its own and has that share of the first topic's score without names.
An article with no topic otherwise gets the best one it has a keyword for. Scoring one article
on its own keeps indexing incremental: a changed file never re-scores the rest. The topic
screen then ranks a topic's articles with its Whoosh query.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Iterable

from search.analysis.topics.taxonomy import Taxonomy

Tokens = Callable[[str], list[str]]  # text -> analysed tokens, in order

MIN_EVIDENCE = 2
THRESHOLD = 1.5
FALLBACK_THRESHOLD = THRESHOLD / 2  # one keyword in a short item; a passing mention in a long one is not
TITLE_WEIGHT = 2.0
REFERENCE_LENGTH = 400  # tokens: articles longer than this need proportionally more evidence
RELATIVE_CUTOFF = 0.4  # share of the first topic's score a topic of another area needs
LEAD_SCORE = 2 * THRESHOLD  # a topic on keywords of its own that takes the lead from names


class TopicScorer:
    lead_score = LEAD_SCORE
    own_area_share = RELATIVE_CUTOFF

    def __init__(self, taxonomy: Taxonomy, tokens: Tokens) -> None:
        self.taxonomy = taxonomy
        self._tokens = tokens
        # first token -> [(topic id, keyword tokens, weight)]
        self._by_first: dict[str, list[tuple[str, tuple[str, ...], float]]] = defaultdict(list)
        for topic in taxonomy:
            best: dict[tuple[str, ...], float] = {}
            for phrase, weight in topic.keywords:
                toks = tuple(tokens(phrase))
                # A phrase the analyser shortened lost what it meant: "on loan" is not "loan".
                if toks and len(toks) == len(phrase.replace("-", " ").split()):
                    best[toks] = max(weight, best.get(toks, 0.0))
            for toks, weight in best.items():
                self._by_first[toks[0]].append((topic.id, toks, weight))
        self._weights = {(t, toks): w for entries in self._by_first.values() for t, toks, w in entries}
        self._names = {(t.id, tuple(tokens(phrase))) for t in taxonomy for phrase in t.names}
        self._needs_area = {t.id for t in taxonomy if t.needs_area and t.parent}
        self._defers = {
            t.id: t.defers_to | (taxonomy[t.area].defers_to if t.area in taxonomy else frozenset())
            for t in taxonomy
        }

    def _counts(self, tokens: list[str]) -> dict[str, dict[tuple[str, ...], int]]:
        found: dict[str, dict[tuple[str, ...], int]] = defaultdict(lambda: defaultdict(int))
        for i, token in enumerate(tokens):
            for topic_id, toks, _ in self._by_first.get(token, ()):
                if len(toks) == 1 or tuple(tokens[i : i + len(toks)]) == toks:
                    found[topic_id][toks] += 1
        return found

    def score(self, title: str, body: str) -> list[tuple[str, float]]:
        """The article's topics with their scores, best first (ties by id)."""
        return self.score_terms(self._tokens(title), self._tokens(body))

    def score_terms(self, title_tokens: list[str], body_tokens: list[str]) -> list[tuple[str, float]]:
        """``score`` for text already analysed."""
        in_title, in_body = self._counts(title_tokens), self._counts(body_tokens)
        weights, names = self._weights, self._names
        length = 1 + math.log1p(len(body_tokens) / REFERENCE_LENGTH)
        scored, fallback, secondary_only_if_led = [], [], set()
        unnamed: dict[str, float] = {}  # each topic's score without its names
        own: set[str] = set()  # topics with a keyword (of weight 1 or more) that is no name
        for topic_id in set(in_title) | set(in_body):
            if topic_id in self._needs_area and not self._area_support(topic_id, in_title, in_body):
                continue
            title_hits, body_hits = in_title.get(topic_id, {}), in_body.get(topic_id, {})
            by_keyword = {k: TITLE_WEIGHT * weights[topic_id, k] for k in title_hits}
            for k, n in body_hits.items():
                by_keyword[k] = by_keyword.get(k, 0.0) + weights[topic_id, k] * (1 + math.log(n))
            total = sum(by_keyword.values())
            found = (topic_id, round(total / length, 3))
            plain = sum(v for k, v in by_keyword.items() if (topic_id, k) not in names)
            unnamed[topic_id] = round(plain / length, 3)
            # A weak keyword (weight below 1: "win", "game", "company") adds to the score, never
            # to the evidence: it is as common in other senses as in the topic's.
            keywords = [k for k in (*title_hits, *body_hits) if (topic_id, k) not in names]
            evidence = sum(weights[topic_id, k] >= 1 for k in keywords)
            by_name = len({k for k in (*title_hits, *body_hits) if (topic_id, k) in names})
            if evidence:
                own.add(topic_id)
            if total / length >= THRESHOLD and evidence + by_name >= MIN_EVIDENCE:
                scored.append(found)
                if sum(weights[topic_id, k] >= 1 for k in set(keywords)) < MIN_EVIDENCE:
                    secondary_only_if_led.add(topic_id)
            elif (evidence and total / length >= FALLBACK_THRESHOLD) or (
                total / length >= THRESHOLD
                and len(set(keywords)) + self._area_support(topic_id, in_title, in_body) >= MIN_EVIDENCE
            ):
                fallback.append(found)
        # With nothing better, the best topic with one keyword (often all a wire item has), or on
        # weak keywords with its area's keywords.
        if not scored and fallback:
            scored = [min(fallback, key=lambda t: (-t[1], t[0]))]
        if not scored:
            return []
        scored.sort(key=lambda t: (-t[1], t[0]))
        return self._kept(self._led(scored, own), secondary_only_if_led, unnamed)

    def _led(self, scored: list[tuple[str, float]], own: set[str]) -> list[tuple[str, float]]:
        """``scored`` with its lead: a first topic on names alone (neither it nor its area has a
        keyword of its own) yields it to the best topic that has one and scores ``lead_score`` and
        a share of the first's (a club's share listing is a stock market story)."""
        first, lead = scored[0][0], self._area(scored[0][0])
        if first in own or lead in own:  # (a topic scored without a keyword of its own has names)
            return scored
        cutoff = max(self.lead_score, RELATIVE_CUTOFF * scored[0][1])
        for topic_id, score in scored[1:]:
            if topic_id in own and score >= cutoff:
                return [(topic_id, score), *(t for t in scored if t[0] != topic_id)]
        return scored

    def _kept(
        self, scored: list[tuple[str, float]], led: set[str], unnamed: dict[str, float]
    ) -> list[tuple[str, float]]:
        """The topics of ``scored`` (best first) that stay; ``led``: those kept only in the lead
        area; ``unnamed``: each topic's score without its names."""
        first, lead = scored[0], self._area(scored[0][0])
        # Outside the lead area a name neither counts nor scores: it says who, not what happened.
        others = [(t, unnamed[t]) for t, _ in scored[1:] if t not in led and self._area(t) != lead]
        scored = [first, *(t for t in scored[1:] if self._area(t[0]) == lead), *others]
        scored.sort(key=lambda t: (t != first, -t[1], t[0]))
        # A topic defers to one that stands on two keywords of its own and has a share of the first
        # topic's score without names (a game that names clubs is a game, not a match).
        cutoff = RELATIVE_CUTOFF * unnamed[first[0]]
        frames = {t for t, score in scored if t not in led and score >= cutoff}
        frames |= {self._area(t) for t in frames}
        scored = [t for t in scored if not self._defers.get(t[0], frozenset()) & frames]
        if not scored:
            return []
        # Another area stays with all its topics when its best one has a share of the first topic's
        # score; a topic of the first's own area needs that share itself (of the score without
        # names): retail sales are Consumer spending, and "sales" there is no company sale.
        top, top_area = scored[0][0], self._area(scored[0][0])
        best: dict[str, float] = {}
        for topic_id, score in scored:
            best.setdefault(self._area(topic_id), score)
        cutoff, own_area = RELATIVE_CUTOFF * scored[0][1], self.own_area_share * unnamed[top]
        return [
            (topic_id, score)
            for topic_id, score in scored
            if best[self._area(topic_id)] >= cutoff
            and (self._area(topic_id) != top_area or topic_id in (top, top_area) or score >= own_area)
        ]

    def _area(self, topic_id: str) -> str:
        return self.taxonomy[topic_id].area if topic_id in self.taxonomy else topic_id

    def _area_support(self, topic_id: str, *counts: dict[str, dict[tuple[str, ...], int]]) -> int:
        """Keywords of a subtopic's area found in the article (0 for an area)."""
        area = self._area(topic_id)
        return 0 if area == topic_id else len({k for found in counts for k in found.get(area, {})})

    def facet_values(self, scored: Iterable[tuple[str, float]]) -> list[str]:
        """Topic ids for the ``topic`` facet: each assigned topic and the area it belongs to."""
        values: dict[str, None] = {}
        for topic_id, _ in scored:
            values[topic_id] = None
            if topic_id in self.taxonomy:
                values[self.taxonomy[topic_id].area] = None
        return list(values)
