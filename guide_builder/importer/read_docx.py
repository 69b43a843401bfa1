"""Word documents (.docx) -> blocks, with python-docx.

Paragraph styles say what a paragraph is: "Title" and "Heading N" are headings,
"Quote"/"Intense Quote" are quotations, "List ..." styles and numbered paragraphs are list
items. Bold and italic runs become Markdown `**`/`*`; line breaks inside a paragraph
are kept as lines, so a reference on the line after a quotation is still seen. Tables are
read cell by cell.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import docx
from docx.opc.exceptions import PackageNotFoundError
from docx.table import Table
from docx.text.hyperlink import Hyperlink
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from guide_builder.importer.model import (
    Block,
    BlockKind,
    ImportProblem,
    Notes,
    emphasis,
    escape_line_start,
    escape_markdown,
)


def read_docx(path: Path, notes: Notes) -> tuple[list[Block], str | None]:
    """Blocks of a Word document, and its title property when it has one."""
    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as error:
        raise ImportProblem(
            f"{path.name} is not a Word .docx document ({error})",
            "open it in Word or LibreOffice and save it as .docx, or copy its text into a .txt file",
        ) from None
    blocks: list[Block] = []
    for number, paragraph in enumerate(_paragraphs(document), start=1):
        block = _block(document, paragraph, f"paragraph {number}", notes)
        if block is not None:
            blocks.append(block)
    title = (document.core_properties.title or "").strip() or None
    return blocks, title


def _paragraphs(document: Any) -> Iterator[Paragraph]:
    """Every paragraph in reading order, table cells included (merged cells once)."""
    for item in document.iter_inner_content():
        if isinstance(item, Paragraph):
            yield item
        elif isinstance(item, Table):
            seen: set[int] = set()
            for row in item.rows:
                for cell in row.cells:
                    if id(cell._tc) in seen:
                        continue
                    seen.add(id(cell._tc))
                    yield from cell.paragraphs


def _block(document: Any, paragraph: Paragraph, where: str, notes: Notes) -> Block | None:
    text, bold = _runs_text(paragraph, where, notes)
    lines = [escape_line_start(" ".join(line.split(" ")).strip()) for line in text.split("\n")]
    lines = [line for line in lines if line]
    if not lines:
        return None
    style = (paragraph.style.name if paragraph.style is not None else "") or ""
    lowered = style.lower()
    kind: BlockKind = "para"
    level = 0
    ordered = False
    if lowered == "title":
        kind, level = "heading", 1
    elif lowered.startswith("heading") and lowered[7:].strip().isdigit():
        kind, level = "heading", min(6, int(lowered[7:].strip()) + 1)
    elif "quote" in lowered:
        kind = "quote"
    elif lowered.startswith("list") or _numbering(paragraph) is not None:
        kind = "item"
        ordered = "number" in lowered or bool(_numbering(paragraph) and _is_numbered(document, paragraph))
    if kind == "heading":
        lines = [" ".join(lines)]
    return Block(kind, lines, where, level=level, ordered=ordered, bold=bold and kind == "para")


def _runs_text(paragraph: Paragraph, where: str, notes: Notes) -> tuple[str, bool]:
    """The paragraph's Markdown text, and whether every visible run is bold."""
    pieces: list[tuple[str, bool, bool]] = []
    for content in paragraph.iter_inner_content():
        runs = content.runs if isinstance(content, Hyperlink) else [content]
        for run in runs:
            if not isinstance(run, Run):
                continue
            if run._r.xpath("./w:drawing | ./w:pict"):
                notes.drop(where, "picture", "image; add images to the week by hand")
            style = (run.style.name if run.style is not None else "").lower()
            bold = bool(run.bold) or style in ("strong", "bold")
            italic = bool(run.italic) or style in ("emphasis", "intense emphasis")
            if pieces and pieces[-1][1:] == (bold, italic):
                pieces[-1] = (pieces[-1][0] + run.text, bold, italic)
            else:
                pieces.append((run.text, bold, italic))
    out: list[str] = []
    for text, bold, italic in pieces:
        lines = []
        for line in text.replace("\t", " ").split("\n"):
            marked = escape_markdown(line)
            if italic:
                marked = emphasis("*", marked)
            if bold:
                marked = emphasis("**", marked)
            lines.append(marked)
        out.append("\n".join(lines))
    visible = [piece for piece in pieces if piece[0].strip()]
    return "".join(out), bool(visible) and all(piece[1] for piece in visible)


def _numbering(paragraph: Paragraph) -> Any:
    properties = paragraph._p.pPr
    return properties.numPr if properties is not None else None


def _is_numbered(document: Any, paragraph: Paragraph) -> bool:
    """True when a numbered paragraph's list uses numbers, not bullets."""
    try:
        number = _numbering(paragraph)
        num_id = number.numId.val
        level = number.ilvl.val if number.ilvl is not None else 0
        numbering = document.part.numbering_part.element
        abstract_id = numbering.num_having_numId(num_id).abstractNumId.val
        formats = numbering.xpath(
            f'./w:abstractNum[@w:abstractNumId="{abstract_id}"]/w:lvl[@w:ilvl="{level}"]/w:numFmt/@w:val'
        )
        return bool(formats) and formats[0] != "bullet"
    except (AttributeError, KeyError, IndexError, NotImplementedError):
        return False
