"""What ``fetch`` remembers per feed between runs: its ETag and Last-Modified, and the ids of the
items already saved. Kept as ``.brief-tui-fetch.json`` in the corpus folder (a dot file, so it
is not indexed), written atomically after every saved item.
"""

from __future__ import annotations

import contextlib
import json
import time
from dataclasses import dataclass, field
from pathlib import Path

from search.atomic import write_atomic

STATE_NAME = ".brief-tui-fetch.json"


@dataclass(slots=True)
class FeedState:
    etag: str = ""
    last_modified: str = ""
    seen: set[str] = field(default_factory=set)


@dataclass(slots=True)
class State:
    path: Path
    feeds: dict[str, FeedState] = field(default_factory=dict)
    problem: str = ""  # set when the file existed but could not be read

    @classmethod
    def load(cls, folder: Path) -> State:
        state = cls(folder / STATE_NAME)
        try:
            raw = json.loads(state.path.read_text(encoding="utf-8"))
            for url, feed in raw.get("feeds", {}).items():
                state.feeds[url] = FeedState(
                    str(feed.get("etag", "")), str(feed.get("last_modified", "")), set(feed.get("seen", []))
                )
        except FileNotFoundError:
            pass
        except (OSError, ValueError, AttributeError, TypeError) as err:
            state.feeds.clear()
            aside = state.path.with_name(f"{STATE_NAME}.damaged-{time.strftime('%Y%m%d-%H%M%S')}")
            with contextlib.suppress(OSError):
                state.path.replace(aside)
            state.problem = (
                f"{STATE_NAME} could not be read ({type(err).__name__}), moved aside as {aside.name}; "
                "items already saved are recognised by their file names"
            )
        return state

    def feed(self, url: str) -> FeedState:
        return self.feeds.setdefault(url, FeedState())

    def save(self) -> None:
        data = {
            "feeds": {
                url: {"etag": f.etag, "last_modified": f.last_modified, "seen": sorted(f.seen)}
                for url, f in self.feeds.items()
            }
        }
        write_atomic(self.path, json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8"))
