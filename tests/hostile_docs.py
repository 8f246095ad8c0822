"""Hostile Word and PDF files written byte by byte for the import tests: a Word package from
its XML parts, a PDF from its objects. Test data only."""

from __future__ import annotations

import zipfile
from pathlib import Path

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
R = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats'
    f'.org/package/2006/relationships"><Relationship Id="rId1" Type="{_REL}/officeDocument" '
    'Target="word/document.xml"/></Relationships>')
_TYPES = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats'
          '.org/package/2006/content-types"/>')


def document_xml(body: str) -> str:
    return (f'<?xml version="1.0" encoding="UTF-8"?><w:document {W} {R}><w:body>{body}'
            "</w:body></w:document>")


def para(text: str, run_properties: str = "") -> str:
    return (f"<w:p><w:r><w:rPr>{run_properties}</w:rPr><w:t xml:space=\"preserve\">{text}"
            "</w:t></w:r></w:p>")


def write_docx(path: Path, body: str = "", *, document: str | bytes | None = None,
               parts: dict[str, str | bytes] | None = None, document_rels: str = "",
               compression: int = zipfile.ZIP_DEFLATED) -> Path:
    """A Word package: `[Content_Types].xml`, the root relationships, `word/document.xml`
    (from `body` unless `document` is given), its relationships and any other `parts`."""
    parts = dict(parts or {})
    with zipfile.ZipFile(path, "w", compression) as archive:
        archive.writestr("[Content_Types].xml", parts.pop("[Content_Types].xml", _TYPES))
        archive.writestr("_rels/.rels", _ROOT_RELS)
        archive.writestr("word/document.xml", document if document is not None
                         else document_xml(body))
        if document_rels:
            archive.writestr("word/_rels/document.xml.rels", (
                '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
                f'openxmlformats.org/package/2006/relationships">{document_rels}'
                "</Relationships>"))
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


def chart_docx(path: Path, chart: str) -> Path:
    """A Word file of one paragraph showing a chart whose part is `chart` (XML text)."""
    drawing = ('<w:p><w:r><w:drawing><wp:inline xmlns:wp="http://schemas.openxmlformats.org/'
               'drawingml/2006/wordprocessingDrawing"><a:graphic xmlns:a="http://schemas.'
               'openxmlformats.org/drawingml/2006/main"><a:graphicData><c:chart xmlns:c="http:'
               '//schemas.openxmlformats.org/drawingml/2006/chart" r:id="rId9"/></a:graphicData>'
               "</a:graphic></wp:inline></w:drawing></w:r></w:p>")
    return write_docx(path, para("Grafik 1. Anggaran") + drawing,
                      document_rels=f'<Relationship Id="rId9" Type="{_REL}/chart" '
                                    'Target="charts/chart1.xml"/>',
                      parts={"word/charts/chart1.xml": chart})


def chart_xml(categories: str, values: str) -> str:
    """A chart part with one series: `categories` and `values` are the inner XML of
    `c:strCache` and `c:numCache` (ptCount and pt elements)."""
    return ('<?xml version="1.0" encoding="UTF-8"?><c:chartSpace xmlns:c="http://schemas.'
            'openxmlformats.org/drawingml/2006/chart"><c:chart><c:plotArea><c:barChart><c:ser>'
            "<c:tx><c:strRef><c:strCache><c:ptCount val=\"1\"/><c:pt idx=\"0\"><c:v>APBD</c:v>"
            f"</c:pt></c:strCache></c:strRef></c:tx><c:cat><c:strRef><c:strCache>{categories}"
            f"</c:strCache></c:strRef></c:cat><c:val><c:numRef><c:numCache>{values}"
            "</c:numCache></c:numRef></c:val></c:ser></c:barChart></c:plotArea></c:chart>"
            "</c:chartSpace>")


def points(*values: str, count: int | str | None = None) -> str:
    declared = len(values) if count is None else count
    return f'<c:ptCount val="{declared}"/>' + "".join(
        f'<c:pt idx="{i}"><c:v>{v}</c:v></c:pt>' for i, v in enumerate(values))


# --- PDF --------------------------------------------------------------------------------------

class Deflated(bytes):
    """A page's content stream given already deflated (written with /FlateDecode)."""


def write_pdf(path: Path, pages: list[bytes], *, forms: dict[str, bytes] | None = None,
              declared_pages: int | None = None) -> Path:
    """A PDF of pages with the given content streams (Helvetica as /F1, a font that maps its
    glyphs to no character as /F2; `forms`: form
    XObjects by name, each drawing its content, usable from every page and every form)."""
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    catalog = add(b"")
    pages_id = add(b"")
    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    names = {}
    for name in forms or {}:
        names[name] = add(b"")
    xobjects = b" ".join(b"/%s %d 0 R" % (n.encode(), i) for n, i in names.items())
    cid = add(b"<< /Type /Font /Subtype /Type0 /BaseFont /Tanpa /Encoding /Identity-H "
              b"/DescendantFonts [<< /Type /Font /Subtype /CIDFontType2 /BaseFont /Tanpa "
              b"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
              b"/DW 500 >>] >>")
    resources = b"<< /Font << /F1 %d 0 R /F2 %d 0 R >> /XObject << %s >> >>" % (
        font, cid, xobjects)
    for name, content in (forms or {}).items():
        objects[names[name] - 1] = (
            b"<< /Type /XObject /Subtype /Form /BBox [0 0 600 800] /Resources %s /Length %d >>"
            b"\nstream\n%s\nendstream" % (resources, len(content), content))
    kids = []
    for content in pages:
        flate = b" /Filter /FlateDecode" if isinstance(content, Deflated) else b""
        stream = add(b"<< /Length %d%s >>\nstream\n%s\nendstream" % (len(content), flate,
                                                                       bytes(content)))
        kids.append(add(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Resources %s"
                        b" /Contents %d 0 R >>" % (pages_id, resources, stream)))
    objects[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id
    objects[pages_id - 1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % k for k in kids),
        len(kids) if declared_pages is None else declared_pages)
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, catalog, xref)
    path.write_bytes(bytes(out))
    return path


def text_at(x: float, y: float, text: str, colour: str = "0 g", size: int = 11) -> bytes:
    """A content-stream snippet drawing `text` at (x, y) in the colour given (`1 g`: white)."""
    return f"BT {colour} /F1 {size} Tf {x} {y} Td ({text}) Tj ET\n".encode()
