"""Writing one small document in every input format, importing it, and reading the week back.

A document is a list of `D` items (heading, paragraph, list item, quotation); `write_doc`
renders it as plain text, Markdown, HTML or a Word file made with python-docx, so each
recognition rule can be tested once per format with the same words.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from pathlib import Path

import docx

from guide_builder import model as m
from guide_builder.errors import Collector
from guide_builder.importer import ImportResult, import_article
from guide_builder.load import SourceFile
from guide_builder.parse.week import WeekParser

FORMATS = ["txt", "md", "html", "docx"]
ARTICLES = Path("/work/shared/examples/articles")


@dataclass
class D:
    """One piece of a test document."""

    kind: str  # "title", "heading", "para", "item", "numbered", "quote", "bold"
    lines: list[str] = field(default_factory=list)


def title(text: str) -> D:
    return D("title", [text])


def heading(text: str) -> D:
    return D("heading", [text])


def para(*lines: str) -> D:
    return D("para", list(lines))


def bold(text: str) -> D:
    return D("bold", [text])


def item(text: str) -> D:
    return D("item", [text])


def numbered(text: str) -> D:
    return D("numbered", [text])


def quote(*lines: str) -> D:
    return D("quote", list(lines))


def _text(doc: list[D], markdown: bool) -> str:
    out: list[str] = []
    number = 0
    for piece in doc:
        number = number + 1 if piece.kind == "numbered" else 0
        if piece.kind == "title":
            out.append(f"# {piece.lines[0]}" if markdown else piece.lines[0])
        elif piece.kind == "heading":
            out.append(f"## {piece.lines[0]}" if markdown else piece.lines[0])
        elif piece.kind == "bold":
            out.append(f"**{piece.lines[0]}**" if markdown else piece.lines[0])
        elif piece.kind == "item":
            out.append(f"- {piece.lines[0]}")
        elif piece.kind == "numbered":
            out.append(f"{number}. {piece.lines[0]}")
        elif piece.kind == "quote":
            out.append("\n".join(f"> {line}" if markdown else line for line in piece.lines))
        else:
            out.append("\n".join(piece.lines))
    return "\n\n".join(out) + "\n"


def _html(doc: list[D]) -> str:
    body: list[str] = []
    for piece in doc:
        text = "<br>\n".join(html.escape(line, quote=False) for line in piece.lines)
        tag = {"title": "h1", "heading": "h2", "para": "p", "quote": "blockquote"}.get(piece.kind)
        if piece.kind in ("item", "numbered"):
            kind = "ol" if piece.kind == "numbered" else "ul"
            body.append(f"<{kind}><li>{text}</li></{kind}>")
        elif piece.kind == "bold":
            body.append(f"<p><strong>{text}</strong></p>")
        elif tag == "blockquote":
            body.append(f"<blockquote><p>{text}</p></blockquote>")
        else:
            body.append(f"<{tag}>{text}</{tag}>")
    joined = "\n".join(body)
    head = "<!DOCTYPE html>\n<html><head><title>Test page</title></head>\n"
    return f"{head}<body><article>\n{joined}\n</article></body></html>\n"


def _docx(doc: list[D], path: Path) -> None:
    document = docx.Document()
    for piece in doc:
        if piece.kind == "title":
            document.add_heading(piece.lines[0], 0)
            continue
        if piece.kind == "heading":
            document.add_heading(piece.lines[0], 1)
            continue
        style = {"item": "List Bullet", "numbered": "List Number", "quote": "Quote"}.get(piece.kind)
        paragraph = document.add_paragraph(style=style)
        for index, line in enumerate(piece.lines):
            run = paragraph.add_run(line)
            run.bold = piece.kind == "bold" or None
            if index < len(piece.lines) - 1:
                run.add_break()
    document.save(str(path))


def write_doc(folder: Path, fmt: str, doc: list[D], name: str = "article") -> Path:
    """The document saved as `name.<fmt>`."""
    path = folder / f"{name}.{fmt}"
    if fmt == "docx":
        _docx(doc, path)
    elif fmt == "html":
        path.write_text(_html(doc), encoding="utf-8")
    else:
        path.write_text(_text(doc, markdown=fmt == "md"), encoding="utf-8")
    return path


def import_doc(folder: Path, fmt: str, doc: list[D], week: int = 1, **options: str) -> ImportResult:
    return import_article(write_doc(folder, fmt, doc), week, **options)


def parse(result: ImportResult, root: Path) -> tuple[m.Week, Collector]:
    """The week as the project's own parser reads it; fails on any parse error."""
    problems = Collector()
    path = root / "content" / result.suggested_name
    week = WeekParser(root).parse(SourceFile(path, result.markdown), problems)
    assert not problems.errors, [d.format() for d in problems.errors] + [result.markdown]
    assert week is not None
    return week, problems


def inline_text(inlines: tuple[m.Inline, ...]) -> str:
    parts = []
    for node in inlines:
        if isinstance(node, m.Text | m.Code | m.ScriptureMention):
            parts.append(node.text)
        elif isinstance(node, m.Emphasis | m.Strong | m.Link):
            parts.append(inline_text(node.children))
        elif isinstance(node, m.Blank):
            parts.append(f"[blank:{node.word}]")
    return "".join(parts)


def all_blocks(week: m.Week) -> list[tuple[m.SectionKind, m.Block]]:
    return [(section.kind, block) for section in week.sections for block in section.blocks]


def passages(week: m.Week) -> list[m.PassageBlock]:
    return [b for _, b in all_blocks(week) if isinstance(b, m.PassageBlock)]


def questions(week: m.Week) -> list[str]:
    return [inline_text(b.inlines) for kind, b in all_blocks(week)
            if isinstance(b, m.Question) and kind is m.SectionKind.QUESTIONS]


def kinds(week: m.Week) -> list[str]:
    return [section.kind.value for section in week.sections]


def texts(week: m.Week) -> str:
    """Every paragraph and heading of the week, one per line."""
    out = []
    for _, block in all_blocks(week):
        if isinstance(block, m.Paragraph | m.Heading):
            out.append(inline_text(block.inlines))
    return "\n".join(out)
