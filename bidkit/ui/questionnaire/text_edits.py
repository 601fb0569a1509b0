"""Changing the text in a field the writer is typing in, without losing their place.

Qt's `setPlainText` and `setText` move the cursor to the start (or end) and clear the undo
history. An answer editor uses them only when it starts showing another answer; a new value
for the answer on screen goes in through `replace_plain` / `replace_line`, which change only
the part that differs, as one undoable edit, so the cursor stays where the writer left it.

`mark_undo_boundary` ends the current undo step at each save, so Ctrl+Z takes back one burst
of typing at a time, however many saves happened since.
"""

from __future__ import annotations

from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QWidget


def utf16_len(text: str) -> int:
    """Length in Qt's units (UTF-16 code units): emoji and other astral characters count 2."""
    return len(text.encode("utf-16-le")) // 2


def _differing_span(old: str, new: str) -> tuple[int, int, int]:
    """(common prefix length, end of the changed part in old, end of it in new), in characters."""
    limit = min(len(old), len(new))
    start = 0
    while start < limit and old[start] == new[start]:
        start += 1
    old_end, new_end = len(old), len(new)
    while old_end > start and new_end > start and old[old_end - 1] == new[new_end - 1]:
        old_end -= 1
        new_end -= 1
    return start, old_end, new_end


def replace_plain(box: QPlainTextEdit, text: str) -> bool:
    """Make `box` show `text` by one undoable edit of the part that differs.

    Returns False when the text was already there (nothing touched). The box's own cursor is
    left alone: Qt moves it with the edit, so typing carries on where it was.
    """
    old = box.toPlainText()
    if old == text:
        return False
    start, old_end, new_end = _differing_span(old, text)
    cursor = QTextCursor(box.document())
    cursor.beginEditBlock()
    cursor.setPosition(utf16_len(old[:start]))
    cursor.setPosition(utf16_len(old[:old_end]), QTextCursor.MoveMode.KeepAnchor)
    cursor.insertText(text[start:new_end])
    cursor.endEditBlock()
    mark_undo_boundary(box)
    return True


def replace_line(line: QLineEdit, text: str) -> bool:
    """The same for a one-line field: one undoable edit, cursor kept where it can be."""
    old = line.text()
    if old == text:
        return False
    start, old_end, new_end = _differing_span(old, text)
    position = line.cursorPosition()
    mark_undo_boundary(line)
    begin, end = utf16_len(old[:start]), utf16_len(old[:old_end])
    inserted = utf16_len(text[start:new_end])
    line.setSelection(begin, end - begin)
    line.insert(text[start:new_end])
    if position >= end:
        position += inserted - (end - begin)
    elif position > begin:
        position = begin + inserted
    line.setCursorPosition(max(0, min(position, utf16_len(text))))
    mark_undo_boundary(line)
    return True


def spaced(text: str, before: str, after: str) -> str:
    """`text` with what it needs to sit between `before` and `after` (the text on either side
    of the cursor or selection) without gluing sentences: "month." + "Our…" reads "month. Our…".

    A space goes where a side is not white space; several paragraphs put next to the end (or
    start) of a paragraph get a blank line instead, so they stay paragraphs of their own.
    """
    if not text.strip():
        return text
    paragraphs = "\n" in text.strip()
    if before and not before[-1].isspace() and not text[0].isspace():
        ends_paragraph = not after or after[0] == "\n"
        text = ("\n\n" if paragraphs and ends_paragraph else " ") + text
    if after and not after[0].isspace() and not text[-1].isspace():
        starts_paragraph = not before or before[-1] == "\n"
        text += "\n\n" if paragraphs and starts_paragraph else " "
    return text


def insert_at_cursor(box: QPlainTextEdit, text: str) -> None:
    """Insert `text` at the cursor (replacing the selection) as exactly one undo step, spaced
    from the words on either side (`spaced`)."""
    mark_undo_boundary(box)
    cursor = box.textCursor()
    whole = box.toPlainText()
    start, end = _plain_offsets(whole, cursor.selectionStart(), cursor.selectionEnd())
    cursor.beginEditBlock()
    cursor.insertText(spaced(text, whole[:start], whole[end:]))
    cursor.endEditBlock()
    box.setTextCursor(cursor)
    mark_undo_boundary(box)


def insert_in_line(line: QLineEdit, text: str) -> None:
    """The same in a one-line field: the text's lines joined by spaces, one undo step."""
    flat = " ".join(text.split())
    whole = line.text()
    if line.hasSelectedText():
        begin = line.selectionStart()
        finish = begin + utf16_len(line.selectedText())
    else:
        begin = finish = line.cursorPosition()
    start, end = _plain_offsets(whole, begin, finish)
    mark_undo_boundary(line)
    line.insert(spaced(flat, whole[:start], whole[end:]))
    mark_undo_boundary(line)


def _plain_offsets(text: str, *positions: int) -> list[int]:
    """Qt positions (UTF-16 units) in `text` as Python string offsets."""
    found: list[int] = []
    for position in positions:
        units = offset = 0
        while offset < len(text) and units < position:
            units += utf16_len(text[offset])
            offset += 1
        found.append(offset)
    return found


def mark_undo_boundary(widget: QWidget) -> None:
    """End the current undo step: typing after this is undone separately from typing before.

    A text document merges adjacent typing into one step only while it is "modified"; a line
    edit starts a new step once its cursor has moved.
    """
    if isinstance(widget, QPlainTextEdit):
        widget.document().setModified(False)
    elif isinstance(widget, QLineEdit) and not widget.hasSelectedText():
        position = widget.cursorPosition()
        widget.blockSignals(True)
        try:
            widget.setCursorPosition(0 if position else len(widget.text()))
            widget.setCursorPosition(position)
        finally:
            widget.blockSignals(False)
