"""Scripture mentions in prose reach the index with the page they are printed on.

Plain paragraphs (text and mentions only) are set as one reportlab fragment and record
their mentions by word position (guide_builder/render/mentions.py); paragraphs split
across pages hand each mention to the part that prints it.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas

from benchmarks.make_study import make_study, output_pdf
from guide_builder import model as m
from guide_builder.render.mentions import MentionParagraph, mention_text, plain_with_mentions, word_index
from guide_builder.scripture import parse_reference
from tests.conftest import run_guide

ENTRY = re.compile(r"^((?:[1-3] )?[A-Z][a-z]+(?: of [A-Z][a-z]+)?) \d[\d:\-\u2013]*\s+([\d, ]+)$")
PAGES = re.compile(r"^[\d, ]+$")


def index_entries(reader: PdfReader) -> list[tuple[str, list[str]]]:
    """(book, page labels) of every entry on the index pages, read from the PDF's text."""
    entries: list[tuple[str, list[str]]] = []
    texts = [page.extract_text() for page in reader.pages]
    start = next(i for i, text in enumerate(texts) if text.startswith("SCRIPTURE INDEX"))
    for text in texts[start:]:
        for line in text.splitlines():
            line = line.strip().replace("\u2003", " ")
            if match := ENTRY.match(line):
                entries.append((match.group(1), re.findall(r"\d+", match.group(2))))
            elif PAGES.match(line) and entries:
                entries[-1][1].extend(re.findall(r"\d+", line))
    return entries


@pytest.fixture(scope="module")
def long_study(tmp_path_factory: pytest.TempPathFactory) -> Path:
    study = make_study(tmp_path_factory.mktemp("mentions") / "study", 52, seed=1)
    assert run_guide("build", study, "--quiet").code == 0
    return output_pdf(study)


def test_every_index_page_prints_the_reference(long_study: Path) -> None:
    """Each page an entry lists shows that book by name (a mention at the top of a page
    used to be indexed on the page before as well, where its line break was)."""
    reader = PdfReader(long_study)
    physical = {label: number for number, label in enumerate(reader.page_labels)}
    entries = index_entries(reader)
    assert len(entries) > 40
    wrong = []
    for book, labels in entries:
        for label in labels:
            words = " ".join(reader.pages[physical[label]].extract_text().split())  # "1 / Corinthians"
            if book.lower() not in words.lower():
                wrong.append((book, label))
    assert wrong == []


def _mention(text: str, reference: str) -> m.ScriptureMention:
    return m.ScriptureMention(text, (parse_reference(reference),))


def test_word_index_counts_words_as_reportlab_splits_them() -> None:
    assert word_index("") == 0
    assert word_index("Read ") == 1
    assert word_index("as it says (") == 3  # the mention starts inside the word "(Luke"
    assert word_index("two\u00a0words ") == 1  # a no-break space joins words


def test_only_plain_text_and_mentions_take_the_one_fragment_path() -> None:
    assert plain_with_mentions((m.Text("Read "), _mention("John 3:16", "John 3:16"), m.Text(".")))
    assert not plain_with_mentions((m.Text("Read "), m.Emphasis((m.Text("this"),))))
    assert not plain_with_mentions((m.Text("\u05e9\u05dc\u05d5\u05dd"),))  # Hebrew is set in its own face


def _split_paragraph_pages(words_before: int) -> tuple[list[int], int]:
    """Lay a paragraph with one mention after `words_before` words over two pages; the
    pages its mention was recorded on, and the word count of the first part."""
    recorded: list[int] = []
    canvas = Canvas(io.BytesIO())
    inlines = (m.Text("word " * words_before), _mention("word", "John 3:16"),  # words of one width
               m.Text(" word" * (200 - words_before)))
    text, mentions = mention_text(inlines, lambda _refs: lambda c: recorded.append(c.getPageNumber()))
    paragraph = MentionParagraph(text, ParagraphStyle("body", fontName="Helvetica", fontSize=10, leading=12))
    paragraph.mentions = mentions
    assert len(paragraph.frags) == 1  # one fragment: the fast path
    first, second = paragraph.split(200, 12 * 4)
    first.wrapOn(canvas, 200, 1000)
    first.drawOn(canvas, 0, 0)
    canvas.showPage()
    second.wrapOn(canvas, 200, 1000)
    second.drawOn(canvas, 0, 0)
    return recorded, len(first.frags[0].words)


def test_a_split_paragraph_records_its_mention_on_the_page_that_prints_it() -> None:
    _, first_words = _split_paragraph_pages(0)
    assert _split_paragraph_pages(first_words - 1)[0] == [1]  # last word of page 1
    assert _split_paragraph_pages(first_words)[0] == [2]  # first word of page 2
    assert _split_paragraph_pages(2)[0] == [1]


def test_a_mention_in_a_multi_fragment_paragraph_is_recorded_where_its_word_is_printed() -> None:
    from reportlab.platypus import Paragraph

    from guide_builder.render.text import MarkupContext, markup

    def pages(words_before: int) -> list[int]:
        recorded: list[int] = []
        canvas = Canvas(io.BytesIO())
        canvas.setNamedCB("mention", lambda c, _kind, _label: recorded.append(c.getPageNumber()))
        context = MarkupContext(m.Edition.PARTICIPANT, "Helvetica", 10, "#000000", lambda _m: "0")
        inlines = (m.Emphasis((m.Text("word"),)), m.Text(" " + "word " * words_before),
                   _mention("word", "John 3:16"), m.Text(" word" * (200 - words_before)))
        paragraph = Paragraph(markup(inlines, context), ParagraphStyle("b", fontName="Helvetica",
                                                                       fontSize=10, leading=12))
        first, second = paragraph.split(200, 12 * 4)
        for part in (first, second):
            part.wrapOn(canvas, 200, 1000)
            part.drawOn(canvas, 0, 0)
            canvas.showPage()
        return recorded

    _, first_words = _split_paragraph_pages(0)  # words on page 1 (all words have one width)
    # The mention is word k + 1 (after the emphasised first word and k more).
    assert pages(first_words - 2) == [1]  # last word of page 1
    assert pages(first_words - 1) == [2]  # first word of page 2: its callback moves with it
