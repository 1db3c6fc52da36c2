"""Fetching a URL with httpx, within bounds: the one module that talks HTTP and names its errors.

Redirects are followed by hand rather than by httpx, so that each hop's scheme is checked (an
`https` page may not send us to `file:` or `ftp:`), a loop is named as a loop, and the count is
ours. The body is read as a stream and abandoned as soon as it passes the size cap: a server that
sends a gigabyte costs us `max_bytes`, not a gigabyte.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import httpx

from graphsvc.errors import UnreadableDocuments
from graphsvc.intake.read.limits import ReadLimits, size_text
from graphsvc.intake.read.sniff import Format, format_of_content_type

SCHEMES = ("http", "https")
OUT_OF_TIME = "the URL's time is up"
"""The timeout a transport raises when a URL's whole time has passed (`graphsvc.web.outbound`)."""
_REDIRECTS = (301, 302, 303, 307, 308)


@dataclass(frozen=True)
class Fetched:
    """An answer's body with what the reader needs to know about it."""

    url: str
    """The URL finally read, after redirects."""
    format: Format
    charset: str | None
    body: bytes


def is_url(target: str) -> bool:
    """Whether a target names a URL (any scheme) rather than a path such as `C:/x`."""
    try:
        scheme = urlsplit(target).scheme
    except ValueError:  # `http://[::1`: a broken URL, which fetch() reports as such
        scheme = target.split(":", 1)[0]
    return len(scheme) > 1 and "://" in target


def web_address(text: str | None) -> str | None:
    """`text` when it is an http or https address, else None.

    A document's link is shown as a link (`href`) on review pages and stored on its Source: a
    feed item's `javascript:` or `data:` link must never get that far.
    """
    if text and text.strip().lower().startswith(tuple(f"{scheme}://" for scheme in SCHEMES)):
        return text.strip()
    return None


def new_client(limits: ReadLimits, transport: httpx.BaseTransport | None = None) -> httpx.Client:
    """A client that follows no redirect by itself and names graphsvc as its user agent.

    `transport`, when given, opens the connections (the web pages' guards which hosts it reaches).
    """
    timeout = httpx.Timeout(
        connect=limits.connect_timeout,
        read=limits.read_timeout,
        write=limits.read_timeout,
        pool=limits.connect_timeout,
    )
    return httpx.Client(
        timeout=timeout,
        follow_redirects=False,
        headers={"User-Agent": limits.user_agent, "Accept": _ACCEPT},
        transport=transport,
    )


def fetch(url: str, client: httpx.Client, limits: ReadLimits) -> Fetched:
    """The body at `url`, after at most `limits.max_redirects` redirects.

    Raises UnreadableDocuments naming the URL and what went wrong.
    """
    deadline = time.monotonic() + limits.total_timeout
    seen: list[str] = []
    current = url
    while True:
        try:
            _check_scheme(url, current)
        except ValueError as error:
            raise UnreadableDocuments.about(url, f"is not a valid URL ({error})") from error
        if current in seen:
            chain = " -> ".join([*seen, current])
            raise UnreadableDocuments.about(url, f"redirects in a loop ({chain})")
        seen.append(current)
        try:
            with client.stream("GET", current) as response:
                if response.status_code in _REDIRECTS and "location" in response.headers:
                    if len(seen) > limits.max_redirects:
                        raise UnreadableDocuments.about(
                            url, f"more than {limits.max_redirects} redirects (last to {current})"
                        )
                    current = urljoin(current, response.headers["location"])
                    continue
                return _read(url, current, response, limits, deadline)
        except httpx.TimeoutException as error:
            if time.monotonic() >= deadline or str(error) == OUT_OF_TIME:
                whole = f"took longer than {limits.total_timeout:g} s in all"
                raise UnreadableDocuments.about(url, whole) from error
            raise UnreadableDocuments.about(url, _timeout_message(error, limits)) from error
        except httpx.HTTPError as error:
            raise UnreadableDocuments.about(url, f"could not be fetched: {error}") from error
        except (httpx.InvalidURL, ValueError) as error:
            # httpx refuses a host such as 0177.0.0.1 or an unencodable name (InvalidURL), the
            # IDNA codec a 300-character label (UnicodeError), urlsplit `http://[::1`.
            raise UnreadableDocuments.about(url, f"is not a valid URL ({error})") from error


def _read(
    url: str, current: str, response: httpx.Response, limits: ReadLimits, deadline: float
) -> Fetched:
    if not 200 <= response.status_code < 300:
        reason = f" {response.reason_phrase}" if response.reason_phrase else ""
        raise UnreadableDocuments.about(url, f"the server answered {response.status_code}{reason}")
    content_type = response.headers.get("content-type", "")
    found = format_of_content_type(content_type)
    if found is None:
        shown = content_type.split(";")[0].strip() or "none given"
        raise UnreadableDocuments.about(
            url, f"unsupported content type ({shown}); graphsvc reads {SUPPORTED_TYPES}"
        )
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limits.max_bytes:
        raise UnreadableDocuments.about(url, _too_large(int(declared), limits))
    body = bytearray()
    for chunk in response.iter_bytes():
        body.extend(chunk)
        if len(body) > limits.max_bytes:
            raise UnreadableDocuments.about(url, _too_large(None, limits))
        if time.monotonic() > deadline:
            raise UnreadableDocuments.about(
                url,
                f"took longer than {limits.total_timeout:g} s in all (ReadLimits.total_timeout)",
            )
    return Fetched(url=current, format=found, charset=response.charset_encoding, body=bytes(body))


def _check_scheme(url: str, current: str) -> None:
    scheme = urlsplit(current).scheme.lower()
    if scheme not in SCHEMES:
        where = "" if current == url else f" (redirected to {current})"
        raise UnreadableDocuments.about(
            url, f"only http and https URLs are read, not {scheme}:{where}"
        )


def _too_large(declared: int | None, limits: ReadLimits) -> str:
    size = f" ({size_text(declared)})" if declared is not None else ""
    return (
        f"is larger than the {size_text(limits.max_bytes)} cap{size}; "
        "raise ReadLimits.max_bytes to read it"
    )


def _timeout_message(error: httpx.TimeoutException, limits: ReadLimits) -> str:
    if isinstance(error, httpx.ConnectTimeout | httpx.PoolTimeout):
        return f"timed out connecting after {limits.connect_timeout:g} s"
    return f"timed out: the server sent nothing for {limits.read_timeout:g} s"


SUPPORTED_TYPES = "HTML, plain text, PDF and RSS/Atom feeds"
_ACCEPT = (
    "text/html, application/xhtml+xml, application/rss+xml, application/atom+xml, "
    "application/xml;q=0.9, text/xml;q=0.9, application/pdf, text/plain;q=0.8"
)
