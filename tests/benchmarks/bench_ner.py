"""Entity extraction scored on the CoNLL-2003 development set (../shared/ner/eng.testa).

Run: ``python -m tests.benchmarks.bench_ner [--passes 30]``

Each ``-DOCSTART-`` document becomes one article: its sentences are paragraphs, tokens joined
by single spaces. Mentions of the first pass (``analyse_article``: extraction and in-article
linking) are mapped to token spans; labels map to CoNLL's PER (PERSON), LOC (GPE, LOC) and ORG
(ORG); other labels and MISC are ignored, as the README's scoring convention says, and so is a
demonym ("German" is linked to Germany, but CoNLL tags it MISC). Prints micro
precision, recall and F1, typed (per type and overall) and untyped (span only), and documents/s
of analysis on one core (``time.process_time``).
"""

from __future__ import annotations

import argparse
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from search.analysis.entities import Mention, RuleExtractor, analyse_article
from search.analysis.entities.gazetteer import DEMONYM
from search.model import Block

NER = Path(__file__).resolve().parents[2].parent / "shared" / "ner" / "eng.testa"
TYPES = {"PERSON": "PER", "GPE": "LOC", "LOC": "LOC", "ORG": "ORG"}
Span = tuple[int, int, str]  # first token, last token + 1, type


@dataclass(slots=True)
class Doc:
    body: str = ""
    blocks: list[Block] = field(default_factory=list)
    starts: dict[int, int] = field(default_factory=dict)  # char offset -> token index
    ends: dict[int, int] = field(default_factory=dict)  # char end -> token index + 1
    gold: set[Span] = field(default_factory=set)


def _gold_spans(tags: list[str], offset: int) -> set[Span]:
    spans, start, kind = set(), None, ""
    for i, tag in enumerate([*tags, "O"]):
        prefix, _, label = tag.partition("-")
        if start is not None and (tag == "O" or prefix == "B" or label != kind):
            if kind in ("PER", "LOC", "ORG"):
                spans.add((offset + start, offset + i, kind))
            start = None
        if tag != "O" and start is None:
            start, kind = i, label
    return spans


def read_docs(path: Path = NER) -> list[Doc]:
    docs: list[Doc] = []
    sentence: list[tuple[str, str]] = []
    count = 0  # tokens of the current document

    def flush() -> None:
        nonlocal count
        if not sentence or not docs:
            sentence.clear()
            return
        doc = docs[-1]
        if doc.body:
            doc.body += "\n\n"
        start = len(doc.body)
        for i, (word, _) in enumerate(sentence):
            if i:
                doc.body += " "
            doc.starts[len(doc.body)] = count + i
            doc.body += word
            doc.ends[len(doc.body)] = count + i + 1
        doc.blocks.append(Block(start, len(doc.body)))
        doc.gold |= _gold_spans([tag for _, tag in sentence], count)
        count += len(sentence)
        sentence.clear()

    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("-DOCSTART-"):
            flush()
            docs.append(Doc())
            count = 0
        elif not line.strip():
            flush()
        else:
            parts = line.split()
            sentence.append((parts[0], parts[-1]))
    flush()
    return docs


def prf(tp: int, found: int, gold: int) -> tuple[float, float, float]:
    p, r = (tp / found if found else 0.0), (tp / gold if gold else 0.0)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def spans_of(doc: Doc, mentions: list[Mention]) -> set[Span]:
    """Token spans of the PER/LOC/ORG mentions that fall on token boundaries."""
    return {
        (doc.starts[m.start], doc.ends[m.end], TYPES[m.label])
        for m in mentions
        if m.label in TYPES and m.context != DEMONYM and m.start in doc.starts and m.end in doc.ends
    }


def score(docs: list[Doc], found: list[set[Span]]) -> dict[str, tuple[float, float, float]]:
    """Micro P, R, F1 per type, typed and untyped."""
    tp, n_found, n_gold = Counter[str](), Counter[str](), Counter[str]()
    for doc, spans in zip(docs, found, strict=True):
        for s in spans:
            n_found[s[2]] += 1
            tp[s[2]] += s in doc.gold
        n_gold.update(s[2] for s in doc.gold)
        plain_found, plain_gold = {s[:2] for s in spans}, {s[:2] for s in doc.gold}
        tp["untyped"] += len(plain_found & plain_gold)
        n_found["untyped"] += len(plain_found)
        n_gold["untyped"] += len(plain_gold)
    out = {kind: prf(tp[kind], n_found[kind], n_gold[kind]) for kind in ("PER", "LOC", "ORG", "untyped")}
    out["typed"] = prf(*(sum(c[k] for k in ("PER", "LOC", "ORG")) for c in (tp, n_found, n_gold)))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--passes", type=int, default=1, help="analyse N times; speed of the quickest pass")
    args = parser.parse_args()
    if not NER.is_file():
        raise SystemExit(f"{NER} is not present")
    docs = read_docs()
    extractor = RuleExtractor()
    seconds = float("inf")
    for _ in range(max(1, args.passes)):  # (on a shared machine the quickest pass is the code's speed)
        start = time.process_time()
        found = [spans_of(doc, analyse_article(doc.body, doc.blocks, extractor)) for doc in docs]
        seconds = min(seconds, time.process_time() - start)
    print(f"{len(docs)} documents, {sum(len(d.gold) for d in docs)} gold PER/LOC/ORG entities")
    print(f"{'':8} {'P':>6} {'R':>6} {'F1':>6}")
    for kind, (p, r, f) in score(docs, found).items():
        print(f"{kind:8} {100 * p:6.1f} {100 * r:6.1f} {100 * f:6.1f}")
    print(f"speed: {len(docs) / seconds:,.0f} documents/s, one core ({seconds:.2f} s CPU)")


if __name__ == "__main__":
    main()
