"""Reading files and folders: real files written to a temporary folder, one per kind of input."""

from __future__ import annotations

from pathlib import Path

import pytest
from read_samples import ARTICLE, HIDDEN, SCANNED_PDF, TEXT_PDF

from graphsvc.errors import UnreadableDocuments
from graphsvc.intake.read import ReadLimits, read_documents


def problems_of(error: pytest.ExceptionInfo[UnreadableDocuments]) -> dict[str, str]:
    return dict(error.value.problems)


def test_plain_text_is_read_as_is(tmp_path: Path) -> None:
    path = tmp_path / "note.txt"
    path.write_text("The mayor of Sfax met the network in Tunis.\n", encoding="utf-8")
    [document] = read_documents([str(path)])
    assert document.text == "The mayor of Sfax met the network in Tunis.\n"
    assert (document.format, document.origin, document.language) == ("text", str(path), "en")


def test_a_utf8_byte_order_mark_is_not_text(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes("\ufeffLa ville de Tétouan et le réseau".encode())
    [document] = read_documents([str(path)])
    assert document.text == "La ville de Tétouan et le réseau"


def test_text_that_is_not_utf8_is_refused_with_the_offset(tmp_path: Path) -> None:
    path = tmp_path / "latin.txt"
    path.write_bytes("La ville de Tétouan".encode("latin-1"))
    with pytest.raises(UnreadableDocuments) as error:
        read_documents([str(path)])
    assert str(error.value) == (
        f"{path}: is not valid UTF-8 (byte 0xe9 at offset 13); save it as UTF-8"
    )


@pytest.mark.parametrize("content", [b"", b"  \n\t\n"])
def test_an_empty_file_is_refused(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    with pytest.raises(UnreadableDocuments, match=r"empty\.txt: is empty$"):
        read_documents([str(path)])


def test_a_binary_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    with pytest.raises(UnreadableDocuments, match=r"image\.txt: is binary"):
        read_documents([str(path)])


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_text_with_a_byte_order_mark_is_text(tmp_path: Path, encoding: str) -> None:
    """A Windows "Unicode" text file: full of NUL bytes, named by its byte-order mark."""
    path = tmp_path / "notes.txt"
    text = "La ville de Tétouan et le réseau MedCités."
    mark = "\ufeff" if encoding == "utf-16-be" else ""  # utf-16 and utf-32 write their own
    path.write_bytes((mark + text).encode(encoding))
    [document] = read_documents([str(path)])
    assert document.text == text


def test_a_file_over_the_cap_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    path.write_text("word " * 1000, encoding="utf-8")
    with pytest.raises(UnreadableDocuments) as error:
        read_documents([str(path)], ReadLimits(max_bytes=1024))
    assert str(error.value) == (
        f"{path}: is too large (4 KB, more than the 1 KB cap); "
        "raise ReadLimits.max_bytes to read it"
    )


def test_html_keeps_the_main_text_and_metadata_never_scripts_menus_or_markup(
    tmp_path: Path,
) -> None:
    path = tmp_path / "article.html"
    path.write_text(ARTICLE, encoding="utf-8")
    [document] = read_documents([str(path)])
    assert "tenu sa conférence annuelle les 4 et 5" in " ".join(document.text.split())
    assert "Tétouan" in document.text
    for hidden in HIDDEN:
        assert all(hidden not in (value or "") for value in vars(document).values()), hidden
    assert document.format == "html"
    assert document.title == "MedCités célèbre sa conférence annuelle"
    assert (document.author, document.publisher) == ("Marie Curie", "MedCités")
    assert (document.published, document.language) == ("2018-10-18", "fr")


def test_an_html_page_without_main_text_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "blank.html"
    path.write_text("<html><body><script>alert(1)</script></body></html>", encoding="utf-8")
    with pytest.raises(UnreadableDocuments, match=r"blank\.html: has no main text"):
        read_documents([str(path)])


def test_a_pdf_with_a_text_layer_gives_its_text_and_metadata(tmp_path: Path) -> None:
    path = tmp_path / "report.pdf"
    path.write_bytes(TEXT_PDF)
    [document] = read_documents([str(path)])
    assert "The city of Tunis hosted the workshop of the network." in document.text
    assert "financed by the European Union" in document.text
    assert (document.format, document.title, document.author) == (
        "pdf",
        "Annual report",
        "Jane Doe",
    )
    assert (document.published, document.language) == ("2019-03-04", "en")


def test_a_pdf_without_a_text_layer_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    path.write_bytes(SCANNED_PDF)
    with pytest.raises(UnreadableDocuments) as error:
        read_documents([str(path)])
    assert str(error.value) == (
        f"{path}: is a PDF without a text layer (a scan?); run OCR on it first"
    )


def test_a_broken_pdf_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.4\nthis is not a PDF body at all\n")
    with pytest.raises(
        UnreadableDocuments, match=r"broken\.pdf: is not a readable PDF|broken\.pdf: is a PDF"
    ):
        read_documents([str(path)])


def test_the_first_bytes_win_over_the_extension(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_bytes(TEXT_PDF)
    [document] = read_documents([str(path)])
    assert document.format == "pdf"


def test_an_unknown_kind_of_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "notes.docx"
    path.write_text("some words", encoding="utf-8")
    with pytest.raises(UnreadableDocuments, match=r"notes\.docx: is not a supported kind of file"):
        read_documents([str(path)])


def test_a_missing_target_is_named(tmp_path: Path) -> None:
    with pytest.raises(UnreadableDocuments, match=r"nowhere\.txt: is neither a file, a folder nor"):
        read_documents([str(tmp_path / "nowhere.txt")])


def test_a_folder_gives_every_supported_file_sorted(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text("The second one is about Sfax and the network.", "utf-8")
    (tmp_path / "a.html").write_text(ARTICLE, "utf-8")
    (tmp_path / "c.pdf").write_bytes(TEXT_PDF)
    (tmp_path / "README.md").write_text("not read", "utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "d.txt").write_text("not read either", "utf-8")
    documents = read_documents([str(tmp_path)])
    assert [Path(d.origin).name for d in documents] == ["a.html", "b.txt", "c.pdf"]


def test_a_batch_with_bad_documents_raises_one_error_naming_each(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("The mayor of Sfax met the network.", "utf-8")
    (tmp_path / "folder").mkdir()
    (tmp_path / "folder" / "empty.txt").write_bytes(b"")
    (tmp_path / "folder" / "scan.pdf").write_bytes(SCANNED_PDF)
    with pytest.raises(UnreadableDocuments) as error:
        read_documents([str(good), str(tmp_path / "folder"), "ftp://example.org/x.txt"])
    problems = problems_of(error)
    assert list(problems) == [
        str(tmp_path / "folder" / "empty.txt"),
        str(tmp_path / "folder" / "scan.pdf"),
        "ftp://example.org/x.txt",
    ]
    assert problems["ftp://example.org/x.txt"] == "only http and https URLs are read, not ftp:"
    assert str(error.value).startswith("3 documents could not be read; none was read:\n  ")


def _hex(size: int) -> bytes:
    return b"<" + b"ab" * size + b">"


def aes256_encrypted_pdf() -> bytes:
    """A one-page PDF under AES-256 (V5 R6) encryption, written by hand: pypdf needs the
    `cryptography` package even to try the empty password on one."""
    objects = [
        b"<</Type/Catalog/Pages 2 0 R>>",
        b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
        b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]>>",
        b"<</Filter/Standard/V 5/R 6/Length 256/P -4/O "
        + _hex(48)
        + b"/U "
        + _hex(48)
        + b"/OE "
        + _hex(32)
        + b"/UE "
        + _hex(32)
        + b"/Perms "
        + _hex(16)
        + b"/CF<</StdCF<</AuthEvent/DocOpen/CFM/AESV3/Length 32>>>>/StmF/StdCF/StrF/StdCF>>",
    ]
    body = b"%PDF-1.7\n"
    offsets = []
    for number, obj in enumerate(objects, start=1):
        offsets.append(len(body))
        body += b"%d 0 obj\n" % number + obj + b"\nendobj\n"
    xref = len(body)
    body += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    body += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    body += b"trailer\n<</Size %d/Root 1 0 R/Encrypt 4 0 R/ID[" % (len(objects) + 1)
    body += _hex(16) + _hex(16) + b"]>>\nstartxref\n%d\n%%%%EOF\n" % xref
    return body


def test_an_aes_encrypted_pdf_is_named_not_a_crash(tmp_path: Path) -> None:
    """It raised pypdf's DependencyError (a traceback in the CLI, a 500 from the form)."""
    path = tmp_path / "locked.pdf"
    path.write_bytes(aes256_encrypted_pdf())
    with pytest.raises(UnreadableDocuments, match=r"locked\.pdf: is an encrypted PDF"):
        read_documents([str(path)])
