"""Opening an article's URL only ever launches http(s) URLs; anything else is refused with a message."""

from __future__ import annotations

import webbrowser
from urllib.parse import urlsplit

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.links import open_url

OPENED = [
    "http://example.com",
    "https://example.com/a/b?c=d&e=f#g",
    "HTTPS://EXAMPLE.COM/",
    "https://bücher.example/straße",
    "http://[::1]:8080/x",
    "https://user:pw@example.com:443/",
]

REFUSED = [
    "javascript:alert(1)",
    "JavaScript:alert(document.cookie)",
    "file:///etc/passwd",
    "file://localhost/etc/passwd",
    "data:text/html,<script>alert(1)</script>",
    "ftp://example.com/file",
    "mailto:someone@example.com",
    "vbscript:msgbox",
    "about:blank",
    "//example.com/no-scheme",
    "example.com",
    "/etc/passwd",
    "",
    "http://",
    "http:///path-only",
    "http://:80/",
    "https://user@/",
    "https:\\\\evil.example\\x",
    "http://[::1",
    "http://example.com:99999/",
    "http://exa mple.com/",
    " http://example.com/",
    "http://example.com/\n",
    "http://example.com/\r\nX-Injected: 1",
    "http://example.com/\tx",
    "http://example.com/\x00",
    "http://example.com/\x1b[2J",
    "http://example.com/\x1b]0;title\x07",
    "http://example.com/\x7f",
    "http://example.com/\x9b31m",
    "http://example.com/\u202egnp.exe",  # right-to-left override
    "http://example.com/\u200b",  # zero-width space
    "http://example.com/\u2028",  # line separator
    "http://example.com/\udcff",  # a lone surrogate (undecodable bytes)
    "https://example.com/" + "a" * 5000,
]


class Recorder:
    def __init__(self, result: object = True) -> None:
        self.calls: list[str] = []
        self.result = result

    def __call__(self, url: str) -> object:
        self.calls.append(url)
        return self.result


@pytest.mark.parametrize("url", OPENED)
def test_http_and_https_urls_are_launched(url: str) -> None:
    opener = Recorder()
    launched, message = open_url(url, opener)
    assert launched and opener.calls == [url]
    assert message.startswith("Opened ")


@pytest.mark.parametrize("url", REFUSED, ids=[repr(u)[:40] for u in REFUSED])
def test_anything_else_is_refused_with_a_message(url: str) -> None:
    opener = Recorder()
    launched, message = open_url(url, opener)
    assert not launched and opener.calls == []
    assert message.startswith("Not opening ")
    assert message.isprintable() and len(message) < 200  # safe to show as it is


def test_a_browser_that_cannot_start_is_reported() -> None:
    assert open_url("https://example.com", Recorder(result=False)) == (
        False,
        "No web browser could be started for https://example.com.",
    )

    def broken(url: str) -> object:
        raise OSError("no display\x1b[2J")

    launched, message = open_url("https://example.com", broken)
    assert not launched and "no display" in message and message.isprintable()


def test_the_default_opener_is_the_web_browser(monkeypatch) -> None:
    recorder = Recorder()
    monkeypatch.setattr(webbrowser, "open", recorder)
    assert open_url("https://example.com/a") == (True, "Opened https://example.com/a in the web browser.")
    assert recorder.calls == ["https://example.com/a"]


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(
        st.text(),
        st.builds(
            lambda scheme, rest: scheme + rest,
            st.sampled_from(
                ["http://", "https://", "HTTP://", "javascript:", "file://", "data:", "ftp://", ""]
            ),
            st.text(),
        ),
    )
)
def test_only_http_urls_with_a_host_ever_reach_the_opener(url: str) -> None:
    opener = Recorder()
    launched, message = open_url(url, opener)
    assert launched == bool(opener.calls)
    assert message.isprintable()
    for called in opener.calls:
        parts = urlsplit(called)
        assert parts.scheme in ("http", "https") and parts.hostname
        assert called.isprintable() and not any(ch.isspace() for ch in called)
