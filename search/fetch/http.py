"""A polite HTTP client: http(s) only, a user agent naming brief-tui, timeouts, a size cap,
conditional requests (ETag / Last-Modified), one request at a time and a pause between two
requests to the same host.

The standard library's urllib is enough for this: one GET at a time, no session state beyond
the validators the caller keeps.
"""

from __future__ import annotations

import http.client
import importlib.metadata
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from email.message import Message
from typing import IO, Any
from urllib.parse import urlsplit

from search.corpus.html import is_web_url


def _version() -> str:
    try:
        return importlib.metadata.version("brief-tui")
    except importlib.metadata.PackageNotFoundError:
        return "dev"


USER_AGENT = f"brief-tui/{_version()} (feed fetcher)"
MAX_BYTES = 8 * 1024 * 1024  # the corpus loader's size cap: a larger file would not be indexed
TIMEOUT = 20.0  # seconds for the whole response, not only for each read
HOST_DELAY = 1.0  # seconds between two requests to the same host
_CHUNK = 64 * 1024


class FetchError(Exception):
    """The resource could not be fetched; the message says why, in one line."""


@dataclass(frozen=True, slots=True)
class Response:
    url: str  # after redirects
    status: int  # 200, or 304 when the validators matched
    body: bytes = b""
    etag: str = ""
    last_modified: str = ""


class _WebOnlyRedirects(urllib.request.HTTPRedirectHandler):
    """Follow redirects to http(s) only (urllib would also follow one to ftp)."""

    max_redirections = 5

    def redirect_request(
        self, req: urllib.request.Request, fp: IO[bytes], code: int, msg: str, headers: Message, newurl: str
    ) -> urllib.request.Request | None:
        if not is_web_url(newurl):
            raise FetchError(f"redirected to a URL that is not http(s): {newurl[:200]}")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


@dataclass
class Client:
    timeout: float = TIMEOUT
    max_bytes: int = MAX_BYTES
    host_delay: float = HOST_DELAY
    _last: dict[str, float] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._opener = urllib.request.build_opener(_WebOnlyRedirects())

    def get(self, url: str, etag: str = "", last_modified: str = "") -> Response:
        """GET ``url``; with validators, a 304 comes back as ``status=304`` and no body."""
        if not is_web_url(url):
            raise FetchError(f"not an http(s) URL: {url[:200]}")
        host = (urlsplit(url).hostname or "").lower()
        self._wait_turn(host)
        headers = {"User-Agent": USER_AGENT, "Accept-Encoding": "identity"}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        request = urllib.request.Request(url, headers=headers)
        started = time.monotonic()
        try:
            with self._opener.open(request, timeout=self.timeout) as reply:
                body = self._read(reply, started)
                return Response(
                    reply.geturl(),
                    reply.status,
                    body,
                    reply.headers.get("ETag", ""),
                    reply.headers.get("Last-Modified", ""),
                )
        except urllib.error.HTTPError as err:
            if err.code == 304:
                return Response(url, 304, etag=etag, last_modified=last_modified)
            raise FetchError(f"HTTP {err.code} {err.reason}") from None
        except urllib.error.URLError as err:
            reason: Any = err.reason
            timed_out = isinstance(reason, TimeoutError)
            raise FetchError(_timeout_message(self.timeout) if timed_out else str(reason)) from None
        except TimeoutError:
            raise FetchError(_timeout_message(self.timeout)) from None
        except (OSError, ValueError, http.client.HTTPException) as err:  # reset, cut short, bad header
            raise FetchError(f"{type(err).__name__}: {err}") from None
        finally:
            self._last[host] = time.monotonic()

    def _wait_turn(self, host: str) -> None:
        last = self._last.get(host)
        if last is not None:
            pause = self.host_delay - (time.monotonic() - last)
            if pause > 0:
                time.sleep(pause)

    def _read(self, reply: Any, started: float) -> bytes:
        length = reply.headers.get("Content-Length")
        if length is not None and length.isdigit() and int(length) > self.max_bytes:
            raise FetchError(_too_big(self.max_bytes))
        chunks: list[bytes] = []
        size = 0
        while chunk := reply.read(_CHUNK):
            size += len(chunk)
            if size > self.max_bytes:
                raise FetchError(_too_big(self.max_bytes))
            if time.monotonic() - started > self.timeout:  # a server dripping bytes slowly
                raise FetchError(_timeout_message(self.timeout))
            chunks.append(chunk)
        if length is not None and length.isdigit() and size < int(length):
            raise FetchError(f"the connection closed after {size} of {length} bytes")
        return b"".join(chunks)


def _too_big(limit: int) -> str:
    return f"larger than the {limit / (1024 * 1024):.3g} MB size cap"


def _timeout_message(timeout: float) -> str:
    return f"no complete answer within {timeout:g} s (timed out)"
