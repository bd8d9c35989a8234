"""The queries typed in the search box, per corpus, kept across runs (a plain class, no Textual).

One small JSON file in the user data folder, ``{"version": 1, "corpora": {corpus path: [query,
...]}}``, oldest first, at most ``KEPT`` per corpus; written atomically. The file is read again
before each write, so two brief-tuis on one machine keep each other's queries. A file that cannot
be read is moved aside (``query-history.json.damaged-<time>``), never overwritten.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

from search.atomic import write_atomic
from search.paths import data_dir

FILE_NAME = "query-history.json"
KEPT = 100  # queries per corpus
VERSION = 1


class QueryHistory:
    def __init__(self, corpus: Path, path: Path | None = None) -> None:
        self.path = path if path is not None else data_dir() / FILE_NAME
        self.corpus = str(corpus)
        self.problems: list[str] = []
        self.queries: list[str] = self._read().get(self.corpus, [])

    def add(self, query: str) -> None:
        """Remember ``query`` as the newest (once: an earlier copy is dropped); problems are kept in
        ``problems``, never raised (a history is not worth an error)."""
        query = " ".join(query.split())
        if not query:
            return
        corpora = self._read()
        queries = [q for q in corpora.get(self.corpus, []) if q != query] + [query]
        corpora[self.corpus] = self.queries = queries[-KEPT:]
        data = {"version": VERSION, "corpora": corpora}
        try:
            write_atomic(self.path, json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8"))
        except OSError as err:
            self.problems.append(f"Query history not saved: {err}")

    def _read(self) -> dict[str, list[str]]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            corpora = data["corpora"]
            if data.get("version") != VERSION or not isinstance(corpora, dict):
                raise ValueError("not a query history")
            return {
                str(corpus): [q for q in queries if isinstance(q, str)][-KEPT:]
                for corpus, queries in corpora.items()
                if isinstance(queries, list)
            }
        except FileNotFoundError:
            return {}
        except (OSError, ValueError, KeyError, TypeError) as err:
            aside = self.path.with_name(f"{self.path.name}.damaged-{time.strftime('%Y%m%d-%H%M%S')}")
            try:
                self.path.replace(aside)
                self.problems.append(f"The query history could not be read ({err}); kept as {aside.name}.")
            except OSError:
                self.problems.append(f"The query history could not be read: {err}")
            return {}


class Recall:
    """Stepping through a history with Up and Down, as a shell does: Up shows older queries, Down
    newer ones, and past the newest what was being typed comes back."""

    def __init__(self, queries: list[str]) -> None:
        self.queries = queries
        self.position = len(queries)  # len(queries): not browsing
        self.draft = ""

    @property
    def browsing(self) -> bool:
        return self.position < len(self.queries)

    def older(self, typed: str) -> str | None:
        """The query before the one shown (None: there is none)."""
        if not self.browsing:
            self.draft = typed
        if self.position == 0:
            return None
        self.position -= 1
        if self.queries[self.position] == typed and self.position > 0:  # it is on screen already
            self.position -= 1
        return self.queries[self.position]

    def newer(self) -> str | None:
        """The query after the one shown, then the draft (None: not browsing)."""
        if not self.browsing:
            return None
        self.position += 1
        return self.queries[self.position] if self.browsing else self.draft
