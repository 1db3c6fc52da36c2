"""Reading URLs: pages, feeds and PDFs served by a real HTTP server on loopback, and every way a
server can go wrong (404, a redirect loop, silence, a body without end, the wrong content type, a
feed of 10,000 items). Nothing leaves 127.0.0.1.
"""

from __future__ import annotations

import contextlib
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from read_samples import ARTICLE, HIDDEN, SCANNED_PDF, TEXT_PDF

from graphsvc.errors import UnreadableDocuments
from graphsvc.intake.read import ReadLimits, read_documents
from graphsvc.intake.read.limits import DEFAULT_LIMITS
from graphsvc.web.outbound import read_from_form

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel>
  <title>MedCités actualités</title>
  <link>http://127.0.0.1/</link>
  <language>fr-fr</language>
  <item>
    <title>Conférence annuelle à Barcelone</title>
    <link>http://127.0.0.1/news/conference</link>
    <pubDate>Thu, 18 Oct 2018 10:00:00 GMT</pubDate>
    <description><![CDATA[<p>Le réseau des villes méditerranéennes a tenu sa conférence
    annuelle à <b>Barcelone</b>.</p><script>document.write("FEEDSCRIPT")</script>]]></description>
  </item>
  <item>
    <title>Atelier à Sfax</title>
    <link>http://127.0.0.1/news/atelier</link>
    <pubDate>Mon, 05 Nov 2018 08:00:00 GMT</pubDate>
    <description>Un résumé court.</description>
    <content:encoded><![CDATA[<div><p>La ville de Sfax et le réseau ont organisé un atelier
    sur la mobilité urbaine.</p><style>.STYLETEXT{}</style></div>]]></content:encoded>
  </item>
</channel>
</rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="es">
  <title>Noticias de la red</title>
  <id>urn:uuid:60a76c80-d399-11d9-b93C-0003939e0af6</id>
  <updated>2020-02-03T10:00:00Z</updated>
  <entry>
    <title type="html">Reunión de &lt;em&gt;ciudades&lt;/em&gt;</title>
    <link href="http://127.0.0.1/noticias/reunion"/>
    <id>urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a</id>
    <published>2020-02-01T09:00:00Z</published>
    <updated>2020-02-03T10:00:00Z</updated>
    <content type="html">&lt;p&gt;La ciudad de Barcelona acoge la reunión de las ciudades
    mediterráneas con los alcaldes de la región.&lt;/p&gt;
    &lt;script&gt;FEEDSCRIPT()&lt;/script&gt;</content>
  </entry>
</feed>
"""

MANY_ITEMS = (
    '<?xml version="1.0"?><rss version="2.0"><channel><title>Flood</title>'
    + "".join(
        f"<item><title>Item {n}</title><link>http://127.0.0.1/{n}</link>"
        f"<description>The item number {n}.</description></item>"
        for n in range(10_000)
    )
    + "</channel></rss>"
)

SCRIPT_LINKS = (
    '<?xml version="1.0"?><rss version="2.0"><channel><title>Links</title>'
    + "".join(
        f"<item><title>Item {n}</title><link>{link}</link>"
        f"<description>The item number {n}.</description></item>"
        for n, link in enumerate(
            ["javascript:window.__xss=6", "data:text/html,x", " HTTPS://news.example/ok"]
        )
    )
    + "</channel></rss>"
)

PAGES: dict[str, tuple[str, bytes]] = {
    "/links.rss": ("application/rss+xml", SCRIPT_LINKS.encode()),
    "/article.html": ("text/html; charset=utf-8", ARTICLE.encode()),
    "/news.rss": ("application/rss+xml", RSS.encode()),
    "/news.atom": ("application/atom+xml; charset=utf-8", ATOM.encode()),
    "/report.pdf": ("application/pdf", TEXT_PDF),
    "/scan.pdf": ("application/pdf", SCANNED_PDF),
    "/notes.txt": ("text/plain; charset=utf-8", "La ville de Tétouan et le réseau".encode()),
    "/latin.txt": ("text/plain; charset=iso-8859-1", "La ville de Tétouan".encode("latin-1")),
    "/image.png": ("image/png", b"\x89PNG\r\n\x1a\n" + bytes(64)),
    "/many.rss": ("application/rss+xml", MANY_ITEMS.encode()),
    "/empty.html": ("text/html", b""),
}

REDIRECTS = {
    "/loop-a": "/loop-b",
    "/loop-b": "/loop-a",
    "/moved": "/article.html",
    "/to-file": "file:///etc/passwd",
    **{f"/hop/{n}": f"/hop/{n - 1}" for n in range(1, 10)},
    "/hop/0": "/notes.txt",
}

ENDLESS_CHUNK = b"<p>more</p>" * 6000
ENDLESS_LIMIT = 1 << 30
"""The endless page stops at 1 GB: a reader that did not stop at the cap would take that long."""


@dataclass
class Served:
    base: str
    stop: threading.Event
    user_agents: list[str] = field(default_factory=list)


class Handler(BaseHTTPRequestHandler):
    served: Served

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: the tests say what went wrong."""

    def do_GET(self) -> None:
        self.served.user_agents.append(self.headers.get("User-Agent", ""))
        # the reader may hang up, as it should past the cap or a timeout
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self._answer()

    def _answer(self) -> None:
        path = self.path
        if path in PAGES:
            content_type, body = PAGES[path]
            self._send(200, content_type, body)
        elif path in REDIRECTS:
            self.send_response(302)
            self.send_header("Location", REDIRECTS[path])
            self.end_headers()
        elif path == "/slow":
            self.served.stop.wait(5)
            self._send(200, "text/plain", b"too late")
        elif path == "/endless":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            sent = 0
            while sent < ENDLESS_LIMIT and not self.served.stop.is_set():
                self.wfile.write(ENDLESS_CHUNK)
                sent += len(ENDLESS_CHUNK)
        elif path == "/declared-huge":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(50 * 1024 * 1024))
            self.end_headers()
            self.wfile.write(b"<html>")
        else:
            self._send(404, "text/html", b"<h1>Not Found</h1>")

    def _send(self, status: int, content_type: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def served() -> Iterator[Served]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    state = Served(base=f"http://127.0.0.1:{server.server_address[1]}", stop=threading.Event())
    Handler.served = state
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield state
    state.stop.set()
    server.shutdown()
    server.server_close()
    thread.join()


def refusal(targets: list[str], limits: ReadLimits = DEFAULT_LIMITS) -> str:
    with pytest.raises(UnreadableDocuments) as error:
        read_documents(targets, limits)
    return str(error.value)


def test_a_page_gives_its_main_text_never_its_scripts(served: Served) -> None:
    [document] = read_documents([f"{served.base}/article.html"])
    assert "Tétouan" in document.text
    for hidden in HIDDEN:
        assert all(hidden not in (value or "") for value in vars(document).values()), hidden
    assert (document.format, document.url, document.language) == (
        "html",
        f"{served.base}/article.html",
        "fr",
    )
    assert (document.published, document.publisher) == ("2018-10-18", "MedCités")


def test_every_request_names_graphsvc_as_its_user_agent(served: Served) -> None:
    read_documents([f"{served.base}/notes.txt"])
    assert served.user_agents[-1].startswith("graphsvc/")


def test_an_rss_feed_gives_one_document_per_item(served: Served) -> None:
    url = f"{served.base}/news.rss"
    first, second = read_documents([url])
    assert first.text == (
        "Le réseau des villes méditerranéennes a tenu sa conférence annuelle à Barcelone."
    )
    assert (first.format, first.url, first.title) == (
        "feed-item",
        "http://127.0.0.1/news/conference",
        "Conférence annuelle à Barcelone",
    )
    assert (first.published, first.language, first.publisher) == (
        "2018-10-18",
        "fr",
        "MedCités actualités",
    )
    assert second.text.startswith("La ville de Sfax et le réseau ont organisé un atelier")
    assert second.published == "2018-11-05"
    for document in (first, second):
        assert "FEEDSCRIPT" not in document.text and "STYLETEXT" not in document.text
        assert "<" not in document.text


def test_an_atom_feed_gives_its_entries(served: Served) -> None:
    [entry] = read_documents([f"{served.base}/news.atom"])
    assert entry.text == (
        "La ciudad de Barcelona acoge la reunión de las ciudades mediterráneas con los alcaldes "
        "de la región."
    )
    assert (entry.title, entry.url) == (
        "Reunión de ciudades",
        "http://127.0.0.1/noticias/reunion",
    )
    assert (entry.published, entry.language, entry.publisher) == (
        "2020-02-01",
        "es",
        "Noticias de la red",
    )


def test_a_pdf_and_a_text_are_read_from_urls(served: Served) -> None:
    pdf, text = read_documents([f"{served.base}/report.pdf", f"{served.base}/notes.txt"])
    assert pdf.format == "pdf" and "hosted the workshop" in pdf.text
    assert text.text == "La ville de Tétouan et le réseau"
    assert text.url == f"{served.base}/notes.txt"


def test_a_declared_charset_is_used_for_text(served: Served) -> None:
    [document] = read_documents([f"{served.base}/latin.txt"])
    assert document.text == "La ville de Tétouan"


def test_a_redirect_is_followed_and_the_final_url_kept(served: Served) -> None:
    [document] = read_documents([f"{served.base}/moved"])
    assert document.url == f"{served.base}/article.html"
    assert document.origin == f"{served.base}/moved"


def test_redirects_are_bounded(served: Served) -> None:
    assert read_documents([f"{served.base}/hop/4"])[0].text == "La ville de Tétouan et le réseau"
    url = f"{served.base}/hop/5"
    assert refusal([url]) == f"{url}: more than 5 redirects (last to {served.base}/hop/0)"


def test_a_redirect_loop_is_named(served: Served) -> None:
    url = f"{served.base}/loop-a"
    assert refusal([url]) == (
        f"{url}: redirects in a loop ({url} -> {served.base}/loop-b -> {url})"
    )


def test_a_redirect_to_another_scheme_is_refused(served: Served) -> None:
    url = f"{served.base}/to-file"
    assert refusal([url]) == (
        f"{url}: only http and https URLs are read, not file: (redirected to file:///etc/passwd)"
    )


def test_a_404_is_named_with_its_status(served: Served) -> None:
    url = f"{served.base}/gone"
    assert refusal([url]) == f"{url}: the server answered 404 Not Found"


def test_a_silent_server_times_out(served: Served) -> None:
    url = f"{served.base}/slow"
    message = refusal([url], ReadLimits(read_timeout=0.5))
    assert message == f"{url}: timed out: the server sent nothing for 0.5 s"


def test_a_body_without_end_is_cut_at_the_cap(served: Served) -> None:
    url = f"{served.base}/endless"
    message = refusal([url], ReadLimits(max_bytes=256 * 1024))
    assert message == (
        f"{url}: is larger than the 256 KB cap; raise ReadLimits.max_bytes to read it"
    )


def test_a_declared_length_over_the_cap_is_refused_before_reading(served: Served) -> None:
    url = f"{served.base}/declared-huge"
    assert refusal([url]) == (
        f"{url}: is larger than the 10 MB cap (50 MB); raise ReadLimits.max_bytes to read it"
    )


def test_an_unsupported_content_type_is_refused(served: Served) -> None:
    url = f"{served.base}/image.png"
    assert refusal([url]) == (
        f"{url}: unsupported content type (image/png); "
        "graphsvc reads HTML, plain text, PDF and RSS/Atom feeds"
    )


def test_a_feed_with_too_many_items_is_refused_whole(served: Served) -> None:
    url = f"{served.base}/many.rss"
    assert refusal([url]) == (
        f"{url}: is a feed with 10000 items, more than the 500 read at once; nothing was taken "
        "from it (raise ReadLimits.max_feed_items, or use a shorter feed)"
    )


def test_bad_urls_in_a_batch_are_all_named(served: Served) -> None:
    targets = [
        f"{served.base}/article.html",
        f"{served.base}/scan.pdf",
        f"{served.base}/empty.html",
        "gopher://127.0.0.1/x",
    ]
    with pytest.raises(UnreadableDocuments) as error:
        read_documents(targets)
    assert error.value.problems == [
        (targets[1], "is a PDF without a text layer (a scan?); run OCR on it first"),
        (targets[2], "is empty"),
        (targets[3], "only http and https URLs are read, not gopher:"),
    ]


def test_reading_connects_to_nothing_but_the_urls_given(served: Served) -> None:
    """trafilatura, pypdf and feedparser are given bytes: no socket opens but the fetch's own."""
    addresses: list[object] = []
    watching = [True]

    def watch(event: str, args: tuple[object, ...]) -> None:
        if watching[0] and event == "socket.connect":
            addresses.append(args[1])

    sys.addaudithook(watch)  # stays for the process; silent once `watching` is cleared
    try:
        paths = ("/article.html", "/news.rss", "/news.atom", "/report.pdf")
        documents = read_documents([served.base + path for path in paths])
    finally:
        watching[0] = False
    assert len(documents) == 5
    port = int(served.base.rsplit(":", 1)[1])
    assert set(addresses) == {("127.0.0.1", port)}


@pytest.mark.parametrize(
    "url",
    [
        "http://0177.0.0.1:8000/",
        "http://\u2460\u2461\u2466.0.0.1/",
        "http://" + "a" * 300 + ".example/",
        "http://[::1",
    ],
)
def test_a_malformed_url_is_named_not_a_crash(url: str) -> None:
    """From the CLI and the web form alike: a message naming the URL, never a traceback."""
    with pytest.raises(UnreadableDocuments, match="is not a valid URL"):
        read_documents([url])
    with pytest.raises(UnreadableDocuments, match="is not a valid URL"):
        read_from_form(url, allow_private=False)


def test_a_feed_item_keeps_only_a_web_link(served: Served) -> None:
    first, second, third = read_documents([f"{served.base}/links.rss"])
    assert (first.url, second.url, third.url) == (None, None, "HTTPS://news.example/ok")
