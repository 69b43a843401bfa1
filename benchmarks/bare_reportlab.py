"""The issue's yardstick: a bare reportlab script laying out the same study in one pass.

No cover, contents, index, bookmarks, passages or answer lines: each week's heading and
its Markdown paragraphs as plain Paragraphs in the bundled Noto Serif, letter size,
one `SimpleDocTemplate.build` on one core. Timing `guide build` next to this on the same
machine at the same moment turns noisy absolute seconds into a stable ratio
(`benchmarks/run.py --baseline` reports both).

    .venv/bin/python benchmarks/bare_reportlab.py /tmp/study-52 /tmp/bare.pdf
"""

from __future__ import annotations

import re
import sys
import time
from html import escape
from pathlib import Path

from reportlab.lib.pagesizes import letter
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate

FONTS = Path(__file__).resolve().parent.parent / "guide_builder" / "fonts"
FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)


def paragraphs(text: str) -> list[str]:
    """The body's blocks as plain text: headings, list items and paragraphs."""
    body = FRONT_MATTER.sub("", text)
    blocks = [" ".join(block.split()) for block in re.split(r"\n\s*\n", body)]
    return [re.sub(r"^[#>!\-\d.\s]+", "", block) for block in blocks if block]


def build(study: Path, out: Path) -> int:
    """Lay out every week of `study` into `out`; returns the page count."""
    pdfmetrics.registerFont(TTFont("Serif", str(FONTS / "NotoSerif-Regular.ttf")))
    pdfmetrics.registerFont(TTFont("Serif-Bold", str(FONTS / "NotoSerif-Bold.ttf")))
    body = ParagraphStyle("body", fontName="Serif", fontSize=11, leading=15.5, spaceAfter=7)
    heading = ParagraphStyle("heading", fontName="Serif-Bold", fontSize=20, leading=26, spaceAfter=14)
    story = []
    for path in sorted((study / "content").glob("*.md")):
        blocks = paragraphs(path.read_text(encoding="utf-8"))
        story.append(Paragraph(escape(path.stem), heading))
        story.extend(Paragraph(escape(block), body) for block in blocks)
        story.append(PageBreak())
    doc = SimpleDocTemplate(str(out), pagesize=letter, leftMargin=72, rightMargin=72, topMargin=72,
                            bottomMargin=72)
    doc.build(story)
    return doc.page


def main() -> None:
    """Build and print the page count and the wall time."""
    started = time.perf_counter()
    pages = build(Path(sys.argv[1]), Path(sys.argv[2]))
    print(f"{pages} pages in {time.perf_counter() - started:.2f} s")


if __name__ == "__main__":
    main()
