"""Opening an article's URL: only ever http(s) URLs; anything else is refused with a message.

Article metadata is untrusted data, so a ``url`` field may hold ``javascript:``, ``file:``,
``data:`` or a string with control characters meant for a terminal or a shell. Nothing here
imports Textual: the TUI binds a key to ``open_url`` and shows the message it returns.
"""

from __future__ import annotations

import webbrowser
from collections.abc import Callable
from urllib.parse import urlsplit

ALLOWED_SCHEMES = frozenset({"http", "https"})
MAX_URL_CHARS = 4096
SHOWN_CHARS = 80


def refusal(url: object) -> str:
    """Why ``url`` must not be opened, or "" when it is a plain http(s) URL with a host."""
    if not isinstance(url, str) or not url:
        return "there is no URL"
    if len(url) > MAX_URL_CHARS:
        return f"it is longer than {MAX_URL_CHARS} characters"
    if not url.isprintable() or any(ch.isspace() for ch in url):
        return "it contains spaces or control characters"
    try:
        parts = urlsplit(url)
        _ = parts.port  # raises ValueError for a port that is not a number in range
    except ValueError:
        return "it is not a well-formed URL"
    if parts.scheme not in ALLOWED_SCHEMES:
        return "only http and https links are opened"
    if not parts.netloc or not parts.hostname:
        return "it names no host"
    return ""


def shown(url: str) -> str:
    """``url`` safe to put in a message: control characters made visible, long ones cut."""
    text = "".join(ch if ch.isprintable() else f"\\x{ord(ch):02x}" for ch in str(url))
    return text if len(text) <= SHOWN_CHARS else text[: SHOWN_CHARS - 1] + "…"


def open_url(url: str, opener: Callable[[str], object] | None = None) -> tuple[bool, str]:
    """Launch ``url`` with ``opener`` (``webbrowser.open``, looked up at each call so that it can be
    replaced) if it is an http(s) URL. Returns (launched, message for the user)."""
    reason = refusal(url)
    if reason:
        return False, f'Not opening "{shown(url)}": {reason}.'
    try:
        result = (opener or webbrowser.open)(url)
    except Exception as err:
        return False, f"Could not open {shown(url)}: {shown(str(err))}"
    if result is False:  # webbrowser.open: no browser could be started
        return False, f"No web browser could be started for {shown(url)}."
    return True, f"Opened {shown(url)} in the web browser."
