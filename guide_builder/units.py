"""Lengths and page sizes as users write them ("0.75in", "12mm", "a5", "6x9in")."""

from __future__ import annotations

import re

from guide_builder.model import PageSize

POINTS_PER_UNIT = {"pt": 1.0, "in": 72.0, "mm": 72.0 / 25.4, "cm": 72.0 / 2.54}

PAGE_SIZES: dict[str, PageSize] = {
    "letter": PageSize(612.0, 792.0),
    "a4": PageSize(595.2756, 841.8898),
    "a5": PageSize(419.5276, 595.2756),
    "half-letter": PageSize(396.0, 612.0),
    "6x9in": PageSize(432.0, 648.0),
}

_LENGTH = re.compile(r"^\s*(\d+(?:\.\d+)?|\.\d+)\s*(pt|in|mm|cm)\s*$")
_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(pt|in|mm|cm)?\s*[xX\u00d7]\s*(\d+(?:\.\d+)?)\s*(pt|in|mm|cm)\s*$")


class UnitError(ValueError):
    """A length or page size that cannot be read; the message says what is expected."""


def parse_length(value: object) -> float:
    """Convert "0.75in", "18mm", "2cm" or "11pt" to points."""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise UnitError(f"expected a length such as \"0.75in\", got {value!r}")
    if isinstance(value, int | float):
        raise UnitError(f"a length needs a unit (in, mm, cm, pt): write \"{value}pt\"")
    match = _LENGTH.match(value)
    if not match:
        raise UnitError(f"{value!r} is not a length: use a number with in, mm, cm or pt")
    return float(match.group(1)) * POINTS_PER_UNIT[match.group(2)]


def parse_page_size(value: object) -> PageSize:
    """A named size (letter, a4, a5, half-letter, 6x9in) or "W x H" with units."""
    if not isinstance(value, str):
        raise UnitError(f"expected a page size name or \"W x H\", got {value!r}")
    named = PAGE_SIZES.get(value.strip().lower())
    if named:
        return named
    match = _SIZE.match(value)
    if not match:
        names = ", ".join(PAGE_SIZES)
        raise UnitError(
            f"unknown page size {value!r}: use one of {names}, or \"W x H\" like \"5.5in x 8.5in\""
        )
    width_unit = match.group(2) or match.group(4)
    width = float(match.group(1)) * POINTS_PER_UNIT[width_unit]
    height = float(match.group(3)) * POINTS_PER_UNIT[match.group(4)]
    if width < 144 or height < 144:
        raise UnitError(f"page size {value!r} is too small: each side must be at least 2in")
    if width > 14400 or height > 14400:
        raise UnitError(f"page size {value!r} is too large: PDF pages stop at 200in")
    return PageSize(width, height)
