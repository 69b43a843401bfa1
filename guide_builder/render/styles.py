"""Paragraph styles and colours, computed once per layout (never per paragraph)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from reportlab.lib.colors import Color, HexColor
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle

from guide_builder.model import KindStyle, Layout
from guide_builder.render.fonts import register_family

INK = HexColor("#1d1d1b")
ACCENT = HexColor("#24566b")
ACCENT_SOFT = HexColor("#6d8f9c")
MUTED = HexColor("#6b6b66")
RULE = HexColor("#b9b6ae")
ANSWER_RULE = HexColor("#a9a69e")
TINT = HexColor("#f3efe6")
LEADER_TINT = HexColor("#fbf3d9")


def box_colours(style: KindStyle) -> tuple[Color | None, Color | None, Color | None]:
    """(tint, bar, frame) of a kind's box: its background, and its rule as a left bar or an outline."""
    tint = HexColor(style.background) if style.background else None
    rule = HexColor(style.rule_color) if style.rule_color else ACCENT_SOFT
    bar = rule if style.rule == "left" else None
    frame = rule if style.rule == "frame" else None
    return tint, bar, frame


def is_boxed(style: KindStyle) -> bool:
    """True when a kind's content goes in a box (a background or a rule)."""
    return style.background is not None or style.rule != "none"


@dataclass(frozen=True)
class Styles:
    """Every style a week needs, for one layout."""

    body: ParagraphStyle
    body_first: ParagraphStyle
    boxed: ParagraphStyle
    quote: ParagraphStyle
    list_item: ParagraphStyle
    sub_heading: ParagraphStyle
    minor_heading: ParagraphStyle
    section: ParagraphStyle
    label: ParagraphStyle
    week_label: ParagraphStyle
    week_title: ParagraphStyle
    week_date: ParagraphStyle
    big_idea: ParagraphStyle
    passage: ParagraphStyle
    caption: ParagraphStyle
    question: ParagraphStyle
    prayer: ParagraphStyle
    footnote: ParagraphStyle
    table_cell: ParagraphStyle
    table_head: ParagraphStyle
    running: ParagraphStyle
    fonts: dict[str, dict[str, str]]
    size: float
    leading: float
    accent: Color = ACCENT


@cache
def styles_for(layout: Layout) -> Styles:
    """Build the style set for a layout (cached: layouts are few)."""
    body_font = register_family(layout.body_font)
    head_font = register_family(layout.heading_font)
    size = layout.font_size
    leading = round(size * 1.45, 2)
    base = ParagraphStyle(
        "body", fontName=body_font["regular"], fontSize=size, leading=leading, textColor=INK,
        spaceAfter=leading * 0.55, allowWidows=0, allowOrphans=0, alignment=TA_LEFT,
        hyphenationLang="", embeddedHyphenation=0, uriWasteReduce=0.3,
    )

    def derive(name: str, **changes: object) -> ParagraphStyle:
        return ParagraphStyle(name, parent=base, **changes)

    return Styles(
        body=base,
        body_first=derive("body_first"),
        boxed=derive("boxed", spaceAfter=leading * 0.35),
        quote=derive("quote", fontName=body_font["italic"], leftIndent=size * 1.6,
                     rightIndent=size * 1.2, textColor=HexColor("#33332f")),
        list_item=derive("list_item", spaceAfter=leading * 0.2),
        sub_heading=derive("sub_heading", fontName=body_font["bold"], fontSize=size * 1.18,
                           leading=size * 1.5, spaceBefore=leading * 0.5, spaceAfter=leading * 0.25,
                           keepWithNext=1),
        minor_heading=derive("minor_heading", fontName=body_font["bolditalic"], spaceBefore=leading * 0.3,
                             spaceAfter=leading * 0.1, keepWithNext=1),
        section=derive("section", fontName=head_font["bold"], fontSize=size * 0.98,
                       leading=size * 1.3, textColor=ACCENT, spaceBefore=0, spaceAfter=0),
        label=derive("label", fontName=head_font["bold"], fontSize=size * 0.72, leading=size * 1.0,
                     textColor=ACCENT, spaceAfter=size * 0.3),
        week_label=derive("week_label", fontName=head_font["bold"], fontSize=size * 0.95,
                          leading=size * 1.3, textColor=ACCENT, spaceAfter=size * 0.4),
        week_title=derive("week_title", fontName=body_font["bold"], fontSize=size * 2.3,
                          leading=size * 2.75, textColor=INK, spaceAfter=size * 0.5),
        week_date=derive("week_date", fontName=head_font["regular"], fontSize=size * 0.82,
                         leading=size * 1.2, textColor=MUTED, spaceAfter=size * 0.8),
        big_idea=derive("big_idea", fontName=body_font["italic"], fontSize=size * 1.2,
                        leading=size * 1.62, spaceAfter=0),
        passage=derive("passage", spaceAfter=leading * 0.3),
        caption=derive("caption", fontName=head_font["bold"], fontSize=size * 0.74,
                       leading=size * 1.1, textColor=ACCENT, spaceAfter=size * 0.35),
        question=derive("question", fontName=body_font["regular"], leftIndent=size * 1.9,
                        bulletIndent=0, bulletFontName=body_font["bold"], bulletFontSize=size,
                        bulletColor=ACCENT, spaceAfter=size * 0.2),
        prayer=derive("prayer", fontName=body_font["italic"], leftIndent=size * 1.2,
                      rightIndent=size * 1.2),
        footnote=derive("footnote", fontSize=size * 0.8, leading=size * 1.12, textColor=MUTED,
                        spaceAfter=size * 0.2),
        table_cell=derive("table_cell", fontSize=size * 0.9, leading=size * 1.22, spaceAfter=0),
        table_head=derive("table_head", fontName=head_font["bold"], fontSize=size * 0.82,
                          leading=size * 1.2, spaceAfter=0, textColor=ACCENT),
        running=derive("running", fontName=head_font["regular"], fontSize=7.5, leading=9,
                       textColor=MUTED),
        fonts={"body": body_font, "heading": head_font},
        size=size,
        leading=leading,
    )


def centered(style: ParagraphStyle, name: str, **changes: object) -> ParagraphStyle:
    """A centred variant of `style`."""
    return ParagraphStyle(name, parent=style, alignment=TA_CENTER, **changes)


def right_aligned(style: ParagraphStyle, name: str, **changes: object) -> ParagraphStyle:
    """A right-aligned variant of `style`."""
    return ParagraphStyle(name, parent=style, alignment=TA_RIGHT, **changes)
