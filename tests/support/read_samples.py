"""Documents for the intake reading tests: an article page with scripts and menus, two PDFs.

Shared by tests/intake's file and URL tests (this directory is on pytest's and mypy's path).
"""

from __future__ import annotations

ARTICLE = """<!DOCTYPE html>
<html lang="fr-FR">
<head>
  <title>Conférence annuelle | MedCités</title>
  <meta property="og:site_name" content="MedCités">
  <meta name="author" content="Marie Curie">
  <meta property="article:published_time" content="2018-10-18T09:30:00+02:00">
  <script>var tracker = "HEADSCRIPT"; document.write("<p>HEADSCRIPT</p>");</script>
  <style>body { color: red } .STYLETEXT { }</style>
</head>
<body>
  <nav><ul><li><a href="/">MENUHOME</a></li><li><a href="/about">MENUABOUT</a></li></ul></nav>
  <article>
    <h1>MedCités célèbre sa conférence annuelle</h1>
    <p>Le réseau des villes méditerranéennes MedCités a tenu sa conférence annuelle les 4 et 5
    octobre à Barcelone, en réunissant près de 40 représentants locaux de la région.</p>
    <p>Organisée sous le thème des villes méditerranéennes, la conférence a permis aux membres du
    réseau de partager leurs expériences et de préparer les projets de l'année suivante.</p>
    <script>alert("BODYSCRIPT")</script>
    <p onclick="ONCLICKSCRIPT()">Les maires de Sfax, de Tétouan et de Tripoli ont présenté leurs
    stratégies de développement urbain durable devant les partenaires du réseau.</p>
  </article>
  <footer>FOOTERTEXT Copyright MedCités. Tous droits réservés.</footer>
  <noscript>NOSCRIPTTEXT</noscript>
</body>
</html>
"""

HIDDEN = (
    "HEADSCRIPT",
    "BODYSCRIPT",
    "ONCLICKSCRIPT",
    "STYLETEXT",
    "NOSCRIPTTEXT",
    "MENUHOME",
    "FOOTERTEXT",
    "<",
)


def pdf_bytes(content: bytes, title: bytes = b"Annual report") -> bytes:
    """A minimal valid one-page PDF, written by hand: `content` is the page's content stream."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Title (" + title + b") /Author (Jane Doe) /CreationDate (D:20190304101500Z) >>",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info 6 0 R >>\n" % (len(objects) + 1)
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return out


TEXT_PDF = pdf_bytes(
    b"BT /F1 12 Tf 72 720 Td (The city of Tunis hosted the workshop of the network.) Tj "
    b"0 -20 Td (It was financed by the European Union and the city of Sfax.) Tj ET"
)
SCANNED_PDF = pdf_bytes(b"0.2 0.4 0.8 rg 72 72 300 300 re f")
