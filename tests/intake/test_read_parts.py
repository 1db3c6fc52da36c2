"""The small parts of reading, without files: language guess, dates, format detection, messages."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from graphsvc.errors import UnreadableDocuments
from graphsvc.intake.read.fetch import is_url
from graphsvc.intake.read.html import fragment_text
from graphsvc.intake.read.language import guess, language_of, normalise
from graphsvc.intake.read.limits import ReadLimits
from graphsvc.intake.read.published import from_struct_time, partial_date
from graphsvc.intake.read.sniff import format_of_content_type, format_of_file


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("The municipality of Sfax signed an agreement with the network and the union.", "en"),
        ("La municipalité de Sfax a signé un accord avec le réseau et les villes du pays.", "fr"),
        ("El ayuntamiento de Barcelona firmó un acuerdo con la red y las ciudades del país.", "es"),
        ("L'Ajuntament de Barcelona ha signat un acord amb la xarxa i les ciutats del país.", "ca"),
        ("Sfax Tunis Barcelona 2018", None),
    ],
)
def test_the_language_guess(text: str, language: str | None) -> None:
    assert guess(text) == language


def test_declared_languages_win_and_are_normalised() -> None:
    assert normalise("en-US") == "en"
    assert normalise("fr_FR") == "fr"
    assert normalise("") is None
    assert language_of("The city and the network of the region.", "es-ES") == "es"


@pytest.mark.parametrize(
    ("value", "date"),
    [
        ("2021-03-04T10:00:00Z", "2021-03-04"),
        ("2021-03-04", "2021-03-04"),
        ("2021-03", "2021-03"),
        ("2021", "2021"),
        ("2021-13-45", "2021"),
        ("last Tuesday", None),
        (None, None),
    ],
)
def test_publication_dates_keep_the_precision_given(value: str | None, date: str | None) -> None:
    assert partial_date(value) == date


def test_a_parsed_feed_date_becomes_a_day() -> None:
    assert from_struct_time(time.strptime("2018-10-18", "%Y-%m-%d")) == "2018-10-18"
    assert from_struct_time(None) is None


@pytest.mark.parametrize(
    ("name", "head", "found"),
    [
        ("a.txt", b"Plain words", "text"),
        ("a.txt", b"%PDF-1.7\n", "pdf"),
        ("a.xml", b'<?xml version="1.0"?>\n<rss version="2.0">', "feed"),
        (
            "a.dat",
            b'<?xml version="1.0"?><!-- c --><feed xmlns="http://www.w3.org/2005/Atom">',
            "feed",
        ),
        ("a.dat", b"\xef\xbb\xbf  <!DOCTYPE html><html>", "html"),
        ("a.htm", b"<p>a fragment</p>", "html"),
        ("a.dat", b"words", None),
    ],
)
def test_formats_from_first_bytes_then_extension(name: str, head: bytes, found: str | None) -> None:
    assert format_of_file(Path(name), head) == found


def test_formats_from_content_types() -> None:
    assert format_of_content_type("text/html; charset=UTF-8") == "html"
    assert format_of_content_type("Application/RSS+XML") == "feed"
    assert format_of_content_type("application/octet-stream") is None
    assert format_of_content_type("") is None


def test_urls_and_paths_are_told_apart() -> None:
    assert is_url("https://example.org/a")
    assert is_url("ftp://example.org/a")
    assert not is_url("C:/documents/a.txt")
    assert not is_url("news/a.txt")


def test_fragments_lose_their_markup_and_scripts() -> None:
    text = fragment_text("<div>One</div><div>Two <b>bold</b>.<script>SCRIPTED()</script></div>")
    assert text == "One\nTwo bold."
    assert fragment_text("  ") == ""


def test_limits_must_be_positive() -> None:
    with pytest.raises(ValueError, match="max_bytes"):
        ReadLimits(max_bytes=0)


def test_one_problem_reads_as_one_line_many_as_a_list() -> None:
    assert str(UnreadableDocuments.about("a.txt", "is empty")) == "a.txt: is empty"
    many = UnreadableDocuments([("a.txt", "is empty"), ("b.pdf", "is a PDF without a text layer")])
    assert str(many) == (
        "2 documents could not be read; none was read:\n"
        "  a.txt: is empty\n  b.pdf: is a PDF without a text layer"
    )
