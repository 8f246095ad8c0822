"""A Word file's package (a zip of XML parts), opened with limits before anything is inflated
or parsed: how many members, how large each part inflates (as the zip declares it; the zip
reader stops at the declared size), how much markup a part holds, no DTD or entity (Word never
writes one), no encrypted or unusual compression. Only the parts the reader needs are read: the
main document, its styles and relationships, and the charts it shows."""

from __future__ import annotations

import posixpath
import re
import zipfile
import zlib
from pathlib import Path

from ..i18n import _
from .model import ImportRefused

MAX_MEMBERS = 10_000
_TYPES_BYTES = 1 << 20  # a [Content_Types].xml larger than this is no Word file's
PART_BYTES = 64 << 20  # one XML part, inflated (a 300-page report's body is some 20 MiB)
CHART_BYTES = 8 << 20  # a chart part, inflated
MARKUP = 6_000_000  # '<' in one part: elements and end tags (some 2 million elements)
_DOCUMENT = ("http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
             "officeDocument", "http://purl.oclc.org/ooxml/officeDocument/relationships/"
             "officeDocument")
_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_CFB = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # an OLE compound file: .doc, or a docx with password
_ENCRYPTION_INFO = "EncryptionInfo".encode("utf-16-le")


class PartError(Exception):
    """One part cannot be read (missing, too large, not XML): the caller decides what it
    costs (the main document: the import; a chart: that chart)."""


def check_word_file(path: Path) -> None:
    """Refuse, in one line, a file that is not a Word package: a password-protected docx and
    a Word 97-2003 file are told apart from other files."""
    with path.open("rb") as handle:
        head = handle.read(8)
    if head == _CFB:
        if _ENCRYPTION_INFO in _head_of(path):
            raise ImportRefused(_("{name} is protected with a password: open it in Word, remove "
                                  "the password (File > Info > Protect Document > Encrypt with "
                                  "Password, empty), save it and import again").format(
                                      name=path.name))
        raise ImportRefused(_("{name} is a Word 97-2003 file (.doc) whatever its name says: "
                              "open it in a word processor and save it as .docx, then import "
                              "again").format(name=path.name))
    if not zipfile.is_zipfile(path):
        raise ImportRefused(_("{name} is not a Word file (.docx), whatever its name says").format(
            name=path.name))
    if _holds_macros(path):
        raise ImportRefused(_("{name} holds macros (a macro-enabled .docm, whatever its name "
                              "says): save it as a plain Word document (.docx) and import "
                              "that").format(name=path.name))


def _holds_macros(path: Path) -> bool:
    """Whether the package carries a VBA project (what a reader of the document cannot see
    and a macro-enabled file runs): its `vbaProject.bin` part, or a macro content type."""
    try:
        with zipfile.ZipFile(path) as package:
            names = [n.lower() for n in package.namelist()[:MAX_MEMBERS]]
            if any(n.endswith("vbaproject.bin") or n.endswith("vbadata.xml") for n in names):
                return True
            types = package.getinfo("[Content_Types].xml")
            if types.file_size > _TYPES_BYTES:
                return False  # the package's own check refuses it
            return b"macroenabled" in package.read(types).lower()
    except (KeyError, zipfile.BadZipFile, zlib.error, OSError, ValueError, EOFError,
            RuntimeError, NotImplementedError):  # damaged, locked: the reader refuses it
        return False


def _head_of(path: Path) -> bytes:
    with path.open("rb") as handle:
        return handle.read(1 << 20)


class Package:
    """An open Word package; use as a context manager."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            self.zip = zipfile.ZipFile(path)
            members = self.zip.infolist()
        except (zipfile.BadZipFile, zlib.error, OSError, ValueError) as exc:
            raise self.refused(_("the zip is damaged ({cause})").format(cause=exc)) from None
        if len(members) > MAX_MEMBERS:
            raise self.refused(_("it holds {count} parts, more than the {limit} a Word file "
                                 "may").format(count=len(members), limit=MAX_MEMBERS))
        self.members = {info.filename: info for info in members}

    def __enter__(self) -> Package:
        return self

    def __exit__(self, *exc) -> None:
        self.zip.close()

    def refused(self, reason: str) -> ImportRefused:
        return ImportRefused(_("{name} cannot be read as a Word file: {reason}").format(
            name=self.path.name, reason=reason))

    def part(self, name: str, limit: int = PART_BYTES) -> bytes:
        """The inflated bytes of part `name`, refused (PartError) when missing, encrypted,
        compressed in a way Word does not use, or declared larger than `limit`."""
        info = self.members.get(name)
        if info is None:
            raise PartError(_("part {part} is missing").format(part=name))
        if info.flag_bits & 0x1:
            raise PartError(_("part {part} is encrypted").format(part=name))
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise PartError(_("part {part} uses a compression Word does not write").format(
                part=name))
        if info.file_size > limit:
            raise PartError(_("part {part} inflates to {size} bytes, more than the {limit} "
                              "accepted").format(part=name, size=info.file_size, limit=limit))
        try:
            return self.zip.read(info)
        except (zipfile.BadZipFile, zlib.error, OSError, EOFError) as exc:
            raise PartError(_("part {part} is damaged ({cause})").format(
                part=name, cause=exc)) from None

    def xml(self, name: str, limit: int = PART_BYTES):
        """Part `name` parsed as XML without DTD, entities or network, its markup counted
        first."""
        from lxml import etree

        data = self.part(name, limit)
        if data.count(b"<") > MARKUP:
            raise PartError(_("part {part} holds more than {limit} elements").format(
                part=name, limit=MARKUP))
        if re.search(rb"<!(?:DOCTYPE|ENTITY)", data[:1 << 16]) or b"\x00" in data[:4]:
            raise PartError(_("part {part} declares a DTD or is not UTF-8, which Word never "
                              "writes").format(part=name))
        parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                                 huge_tree=False, remove_comments=True, remove_pis=True)
        try:
            return etree.fromstring(data, parser)
        except (etree.XMLSyntaxError, ValueError) as exc:
            if re.search(r"memory|unknown error", str(exc), re.I):  # libxml2 out of memory
                raise MemoryError(name) from None
            raise PartError(_("part {part} is not well-formed XML ({cause})").format(
                part=name, cause=str(exc)[:120])) from None

    def relationships(self, source: str) -> dict[str, tuple[str, str]]:
        """The relationships of part `source`: id -> (type, target part name); none when it
        has no relationship part."""
        folder, base = posixpath.split(source)
        rels = posixpath.join(folder, "_rels", f"{base}.rels")
        if rels not in self.members:
            return {}
        found = {}
        for rel in self.xml(rels).iter(_RELS):
            target = rel.get("Target") or ""
            if rel.get("TargetMode") == "External":
                continue  # never fetched
            joined = posixpath.normpath(posixpath.join(folder, target)).lstrip("/")
            if target.startswith("/"):
                joined = posixpath.normpath(target).lstrip("/")
            found[rel.get("Id") or ""] = (rel.get("Type") or "", joined)
        return found

    def main_document(self) -> str:
        """The name of the main document part (`word/document.xml` as Word writes it)."""
        try:
            rels = self.relationships("")
        except PartError as exc:
            raise self.refused(str(exc)) from None
        for kind, target in rels.values():
            if kind in _DOCUMENT:
                return target
        if "word/document.xml" in self.members:
            return "word/document.xml"
        raise self.refused(_("it has no main document"))
