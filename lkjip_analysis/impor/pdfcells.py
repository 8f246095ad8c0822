"""A table cell's wrapped lines joined into its text: with a space where the line broke at a
space, without one where it broke inside a token too long for the cell (a number, a word cut
mid-word) or after a hyphen or slash. The evidence: the space glyph that ends a line, the room
the line left, and the words the document writes whole."""

from __future__ import annotations

import re

from .model import Text
from .pdfpage import Cell, Grid, Line, Piece

_SLACK = 1.0  # points: how far a full line's measured width may fall short of the cell
_NUMBER_PART = re.compile(r"^[\d.,]*\d[\d.,]*$")


class Vocabulary:
    """Words the document writes whole (`prose`: in its paragraphs), and every beginning of
    one."""

    def __init__(self, words: set[str], prose: set[str]) -> None:
        self.words = words
        self.prose = prose
        self.prefixes = {w[:n] for w in words for n in range(1, len(w) + 1)}

    def __contains__(self, word: str) -> bool:
        return word in self.words


def vocabulary_of(items: list) -> Vocabulary:
    """The words the document writes whole: those of its paragraphs' lines, and those of its
    cells that no line break touches."""
    prose = {core(w) for i in items if isinstance(i, Line) for w in i.text.split()}
    words = set(prose)
    for grid in (i for i in items if isinstance(i, Grid)):
        for cell in (c for row in grid.rows for c in row if c):
            words |= _whole_words(cell)
    return Vocabulary(words - {""}, prose - {""})


def _whole_words(cell: Cell) -> set[str]:
    """The tokens of a cell that no break can have cut: not at a line that may be full."""
    words = set()
    pieces = cell.pieces
    for i, piece in enumerate(pieces):
        tokens = piece.text.split()
        first = 0 if i == 0 or not full(pieces[i - 1], piece, cell.width, 0.0) else 1
        last = len(tokens) - (i + 1 < len(pieces) and full(piece, pieces[i + 1], cell.width,
                                                            0.0))
        words |= {core(t) for t in tokens[first:last]}
    return words


def own_hyphen(text: str) -> bool:
    """True when a line ends inside a hyphenated token (`ditengah-`, `Kab/`), not at a
    free-standing dash (`A -`)."""
    return len(text) > 1 and text[-1] in "-/\\" and not text[-2].isspace()


def cell_text(cell: Cell | None, vocabulary: Vocabulary) -> Text:
    """A cell's text, its lines joined; bold when every line is."""
    if cell is None or not cell.pieces:
        return Text("")
    pieces = cell.pieces
    text = pieces[0].text
    for before, piece in zip(pieces, pieces[1:], strict=False):
        text += _glue(before, piece, cell.width, text, vocabulary) + piece.text
    return Text(text, all(p.bold for p in cell.pieces))


def _glue(before: Piece, piece: Piece, room: float, text: str,
          vocabulary: Vocabulary) -> str:
    """"" where a cell's line broke inside a token, else a space.

    A space glyph ending the line is a space. A line that left room and ends in a hyphen or
    slash broke there (a space would have been drawn). Only a full line (where a space may
    hang unseen past the edge) can have broken inside a token too long for the cell: then a
    number goes on; so do words where the halves make a beginning of a word of the document
    (on a line of several tokens, only when the head is no word of it), and, on a line of one
    token, where the head is no word of the document and the tail no word of its prose. Only a
    line filled to the cell's edge goes on (`23.531.589.17` + `6`): numbers stacked in a column
    (`32` over `29,40`) leave room, whichever side they are aligned to (see `pdfpage._cell`).
    """
    if before.spaced:
        return " "
    dash = text[-1] in "-/+\\"
    if not full(before, piece, room):
        return "" if dash else " "
    if dash:
        return " " if text[-2:-1] == " " else ""  # a free-standing dash or slash is spaced
    head = text.rsplit(" ", 1)[-1]
    tail = piece.text.split(" ", 1)[0]
    if _NUMBER_PART.match(head) and tail[:1].isdigit():
        return ""
    if (head[-1] in ",;:)" and tail[:1].isalnum()) or (tail[:1] == "(" and head[-1].isalnum()):
        return " "  # no line breaks there inside a token: a space stood there
    if tail[:1] in ",.;:)":
        return ""  # nor before these, but inside a token too long for the cell
    if head[-1].islower() and tail[:1].isupper():
        return " "  # a word does not go on in capitals
    known_head = core(head) in vocabulary
    if core(head + tail) in vocabulary.prefixes and not (known_head and " " in before.text):
        return ""
    if " " in before.text or known_head:
        return " "
    whole_tail = len(core(tail)) >= 3 and core(tail) in vocabulary.prose
    return " " if whole_tail else ""


def full(before: Piece, piece: Piece, room: float, slack: float = _SLACK) -> bool:
    """True when the line left no room for the next line's first character, to within
    `slack` points (glyph positions are not that exact)."""
    return before.width + piece.first_char > room - slack


def core(token: str) -> str:
    """A token's letters and digits, lower case: what is looked up among the words."""
    return re.sub(r"[\W_]", "", token).lower()
