"""Subset the bundled Noto fonts (run once by a maintainer; the results are committed).

Source: Debian's fonts-noto-core (SIL Open Font License 1.1). The subset keeps Latin,
Latin Extended, Greek (with polytonic), Cyrillic, Hebrew (for the Hebrew face), general
punctuation and common symbols, and drops hinting: PDFs need outlines, not hints.

    apt-get install fonts-noto-core && python scripts/vendor_fonts.py
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SOURCE = Path("/usr/share/fonts/truetype/noto")
TARGET = Path(__file__).resolve().parent.parent / "guide_builder" / "fonts"
FACES = [
    f"{family}-{style}"
    for family in ("NotoSerif", "NotoSans")
    for style in ("Regular", "Bold", "Italic", "BoldItalic")
] + ["NotoSerifHebrew-Regular", "NotoSerifHebrew-Bold"]
UNICODES = ",".join(
    [
        "U+0000-024F",  # Basic Latin .. Latin Extended-B
        "U+0250-02FF",  # IPA, spacing modifiers
        "U+0300-036F",  # combining diacritics
        "U+0370-03FF",  # Greek
        "U+0400-04FF",  # Cyrillic
        "U+0590-05FF",  # Hebrew
        "U+1E00-1FFF",  # Latin Extended Additional, Greek Extended
        "U+2000-206F",  # General Punctuation
        "U+2070-209F",  # super/subscripts
        "U+20A0-20CF",  # currency
        "U+2100-218F",  # letterlike, number forms
        "U+2190-21FF",  # arrows
        "U+2200-22FF",  # math operators
        "U+25A0-25FF",  # geometric shapes
        "U+2600-26FF",  # misc symbols
        "U+FB00-FB4F",  # ligatures, Hebrew presentation forms
        "U+FFFD",
    ]
)


def main() -> int:
    """Write a subset of each face into guide_builder/fonts/."""
    TARGET.mkdir(parents=True, exist_ok=True)
    for face in FACES:
        subprocess.run(
            [
                sys.executable, "-m", "fontTools.subset", str(SOURCE / f"{face}.ttf"),
                f"--unicodes={UNICODES}", "--no-hinting", "--layout-features=*",
                "--name-IDs=*", "--notdef-outline", f"--output-file={TARGET / f'{face}.ttf'}",
            ],
            check=True,
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
