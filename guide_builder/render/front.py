"""The cover, the notice page and the contents (page numbers filled in after layout)."""

from __future__ import annotations

import warnings
from collections.abc import Callable
from dataclasses import dataclass

from reportlab.lib.colors import Color
from reportlab.lib.utils import ImageReader
from reportlab.platypus import Flowable, Image, Paragraph, Spacer

from guide_builder import model as m
from guide_builder.render import styles as s
from guide_builder.render.styles import centered
from guide_builder.render.text import escape


@dataclass(frozen=True)
class ContentsLine:
    """One line of the contents: a label, a title and the form holding its page number."""

    number: str
    title: str
    form: str
    destination: str


class ContentsEntry(Flowable):
    """'3  Abide in the Vine ........ 17' with the page number drawn from a form, linked."""

    def __init__(self, line: ContentsLine, fonts: dict[str, dict[str, str]], size: float,
                 has_form: Callable[[str], None]) -> None:
        super().__init__()
        self.line, self.fonts, self.size, self.has_form = line, fonts, size, has_form

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width, self.height = available_width, self.size * 2.3
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        baseline = self.size * 0.7
        canvas.setFont(self.fonts["heading"]["bold"], self.size * 0.9)
        canvas.setFillColor(s.ACCENT)
        canvas.drawString(0, baseline, self.line.number)
        canvas.setFont(self.fonts["body"]["regular"], self.size * 1.1)
        canvas.setFillColor(s.INK)
        indent = self.size * 3.2
        title = self.line.title
        limit = self.width - indent - self.size * 4
        while title and canvas.stringWidth(title, self.fonts["body"]["regular"], self.size * 1.1) > limit:
            title = title[:-2].rstrip() + "\u2026" if len(title) > 2 else ""
        canvas.drawString(indent, baseline, title)
        end = indent + canvas.stringWidth(title, self.fonts["body"]["regular"], self.size * 1.1)
        canvas.setStrokeColor(s.RULE)
        canvas.setLineWidth(0.6)
        canvas.setDash(0.6, 3)
        if end + 10 < self.width - self.size * 3:
            canvas.line(end + 6, baseline, self.width - self.size * 2.6, baseline)
        canvas.setDash()
        canvas.saveState()
        canvas.translate(self.width, baseline)
        canvas.doForm(self.line.form)
        canvas.restoreState()
        self.has_form(self.line.form)
        canvas.linkRect("", self.line.destination, (0, 0, self.width, self.height), relative=1,
                        thickness=0)


def cover(config: m.GuideConfig, styles: s.Styles, frame_height: float, frame_width: float,
          problems_image: Callable[[str], None]) -> list[Flowable]:
    """The cover: title block a little above the middle, the author at the foot."""
    image = _cover_image(config, frame_width, frame_height * 0.36, problems_image)
    return [CoverPage(config, styles, image)]


class CoverPage(Flowable):
    """Fills the cover frame: tagline, title, subtitle, ornament, optional image, author."""

    def __init__(self, config: m.GuideConfig, styles: s.Styles, image: Flowable | None) -> None:
        super().__init__()
        self.config, self.styles, self.image = config, styles, image

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width, self.height = available_width, available_height - 1
        return self.width, self.height

    def _paragraphs(self) -> list[tuple[Paragraph, float]]:
        size, body = self.styles.size, self.styles.fonts["body"]
        config = self.config
        tagline = centered(self.styles.label, "cover_tagline", fontSize=size * 0.95, leading=size * 1.4)
        title = centered(self.styles.week_title, "cover_title", fontSize=size * 3.8, leading=size * 4.4,
                         fontName=body["bold"])
        subtitle = centered(self.styles.body, "cover_subtitle", fontName=body["italic"],
                            fontSize=size * 1.45, leading=size * 2.0, textColor=s.MUTED)
        parts = []
        if config.cover_tagline:
            parts.append((Paragraph(escape(config.cover_tagline.upper()), tagline), size * 1.4))
        parts.append((Paragraph(escape(config.title), title), size * 0.8))
        if config.subtitle:
            parts.append((Paragraph(escape(config.subtitle), subtitle), size * 1.6))
        return parts

    def draw(self) -> None:
        canvas = self.canv
        size = self.styles.size
        y = self.height * (0.74 if self.image is None else 0.9)
        for paragraph, gap in self._paragraphs():
            _, height = paragraph.wrap(self.width, self.height)
            y -= height
            paragraph.drawOn(canvas, 0, y)
            y -= gap
        ornament = Ornament(s.ACCENT, self.width)
        ornament.wrap(self.width, 10)
        ornament.drawOn(canvas, 0, y - ornament.height)
        y -= ornament.height + size * 2.5
        if self.image is not None:
            image_width, image_height = self.image.wrap(self.width, self.height)
            self.image.drawOn(canvas, (self.width - image_width) / 2, y - image_height)
        if self.config.author:
            author = centered(self.styles.body, "cover_author", fontSize=size * 1.2, leading=size * 1.6,
                              fontName=self.styles.fonts["heading"]["regular"], textColor=s.INK)
            paragraph = Paragraph(escape(self.config.author), author)
            _, height = paragraph.wrap(self.width, self.height)
            paragraph.drawOn(canvas, 0, size * 2.2)
            canvas.setStrokeColor(s.ACCENT)
            canvas.setLineWidth(0.7)
            canvas.line(self.width / 2 - 24, size * 2.2 + height + size * 0.9,
                        self.width / 2 + 24, size * 2.2 + height + size * 0.9)


def _cover_image(config: m.GuideConfig, width: float, height: float,
                 problem: Callable[[str], None]) -> Flowable | None:
    if config.cover_image is None:
        return None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # Pillow's decompression-bomb warning: refuse the image
            reader = ImageReader(str(config.cover_image))
            pixel_width, pixel_height = reader.getSize()
    except Exception:  # Pillow raises many kinds of errors for bad files
        problem(f"the cover image {config.cover_image.name!r} cannot be read: it is not a valid image file")
        return None
    scale = min(width * 0.8 / pixel_width, height / pixel_height)
    image = Image(str(config.cover_image), width=pixel_width * scale, height=pixel_height * scale)
    image.hAlign = "CENTER"
    return image


class Ornament(Flowable):
    """A short centred rule with a diamond: the cover's divider."""

    def __init__(self, color: Color, width: float) -> None:
        super().__init__()
        self.color, self.width, self.height = color, width, 8

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        middle, y = self.width / 2, self.height / 2
        canvas.setStrokeColor(self.color)
        canvas.setFillColor(self.color)
        canvas.setLineWidth(0.7)
        canvas.line(middle - 70, y, middle - 8, y)
        canvas.line(middle + 8, y, middle + 70, y)
        path = canvas.beginPath()
        path.moveTo(middle, y + 3.5)
        path.lineTo(middle + 3.5, y)
        path.lineTo(middle, y - 3.5)
        path.lineTo(middle - 3.5, y)
        path.close()
        canvas.drawPath(path, stroke=0, fill=1)


def notice(config: m.GuideConfig, styles: s.Styles, attributions: list[str],
           frame_height: float) -> list[Flowable]:
    """The back of the title page: title, author and the translation notices."""
    small = styles.footnote
    result: list[Flowable] = [Spacer(1, frame_height * 0.62)]
    result.append(Paragraph(f"<b>{escape(config.title)}</b>", small))
    if config.subtitle:
        result.append(Paragraph(escape(config.subtitle), small))
    if config.author:
        result.append(Paragraph(escape(config.author), small))
    result.append(Spacer(1, styles.size))
    for line in attributions:
        result.append(Paragraph(escape(line), small))
    result.append(Spacer(1, styles.size))
    result.append(Paragraph("Typeset with guide-builder in Noto Serif and Noto Sans.", small))
    return result
