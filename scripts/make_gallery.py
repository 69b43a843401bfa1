"""Build the layout gallery: docs/layouts.md with a small picture of each built-in layout.

Each layout is shown on week 1 of the sample study (its first two pages side by side),
built with `guide build --week 1` in a temporary copy of the study (the leader layout in
the leader's edition). The hand-written part of docs/layouts.md, from its
"## Writing a layout" heading on, is kept as it is. Needs the test extras (pypdfium2):

    python scripts/make_gallery.py
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pypdfium2
from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
SCALE = 0.32  # 72 dpi * 0.32: about 196 x 253 px per letter page
REFERENCE = "## Writing a layout"


def render_layout(name: str, work: Path) -> tuple[Path, str]:
    """Build week 1 in layout `name`; return the PNG written and the layout's description."""
    study = work / name
    shutil.copytree(ROOT / "content", study / "content")
    shutil.copytree(ROOT / "layouts", study / "layouts")
    toml = (ROOT / "guide.toml").read_text(encoding="utf-8")
    toml = toml.replace('layout = "standard"', f'layout = "{name}"')
    (study / "guide.toml").write_text(toml, encoding="utf-8")
    week = study / "content" / "week-01-intimacy-before-breakthrough.md"
    week.write_text(week.read_text(encoding="utf-8").replace("layout: retreat\n", ""), encoding="utf-8")
    edition = "leader" if name == "leader" else "participant"
    subprocess.run([sys.executable, "-m", "guide_builder.cli", "build", str(study), "--week", "1", "--quiet",
                    "--edition", edition], check=True)
    suffix = "-leader" if edition == "leader" else ""
    pdf = pypdfium2.PdfDocument(study / "output" / f"draw-near-week-01{suffix}.pdf")
    pages = [pdf[index].render(scale=SCALE).to_pil().convert("RGB") for index in range(min(2, len(pdf)))]
    pdf.close()
    width, height = pages[0].size
    sheet = Image.new("RGB", (width * 2 + 12, height + 8), (150, 150, 150))
    for index, page in enumerate(pages):
        sheet.paste(page, (4 + index * (width + 4), 4))
    target = DOCS / "layouts" / f"{name}.png"
    target.parent.mkdir(parents=True, exist_ok=True)
    sheet.save(target, optimize=True)
    shown = subprocess.run([sys.executable, "-m", "guide_builder.cli", "layouts", "show", name],
                           check=True, capture_output=True, text=True).stdout
    description = next((line.split("=", 1)[1].strip().strip('"') for line in shown.splitlines()
                        if line.startswith("description")), "")
    return target, description


def main() -> int:
    """Write docs/layouts/*.png and docs/layouts.md."""
    names = sorted(p.stem for p in (ROOT / "guide_builder" / "layouts").glob("*.toml"))
    lines = ["# Layouts", "",
             "Each built-in layout, shown on week 1 of the sample study (first two pages).",
             "Pick one for a week with `layout: NAME` in its front matter, or for the whole study",
             "with `layout = \"NAME\"` in guide.toml. `guide layouts show NAME` prints a layout",
             "in full, ready to copy into your study's `layouts/` folder and adapt.", ""]
    with tempfile.TemporaryDirectory() as work:
        for name in names:
            image, description = render_layout(name, Path(work))
            lines += [f"## {name}", "", description, "", f"![{name}](layouts/{image.name})", ""]
    existing = (DOCS / "layouts.md").read_text(encoding="utf-8") if (DOCS / "layouts.md").exists() else ""
    if REFERENCE in existing:
        lines += [REFERENCE + existing.split(REFERENCE, 1)[1].rstrip("\n"), ""]
    (DOCS / "layouts.md").write_text("\n".join(lines), encoding="utf-8")
    print(f"wrote {DOCS / 'layouts.md'} and {len(names)} pictures")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
