"""The built sample workbook, read back as a user would see it."""

from __future__ import annotations

import re
from pathlib import Path

import pypdfium2
from pypdf import PdfReader

from tests.conftest import WEEK as WEEK_TEMPLATE
from tests.conftest import pdf_text, run_guide, write_study


def outline_titles(reader: PdfReader) -> list[str]:
    titles: list[str] = []

    def walk(items: list) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                titles.append(item.title)

    walk(reader.outline)
    return titles


def test_sample_is_letter_with_many_pages(sample_pdf: Path) -> None:
    reader = PdfReader(sample_pdf)
    assert len(reader.pages) >= 30
    box = reader.pages[10].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)


def test_cover_shows_title_subtitle_author(sample_pdf: Path) -> None:
    cover = PdfReader(sample_pdf).pages[0].extract_text()
    assert "Draw Near" in cover
    assert "Riverside Small Groups" in cover
    assert "intimacy with God" in cover


def test_outline_has_every_week_and_its_sections(sample_pdf: Path) -> None:
    titles = outline_titles(PdfReader(sample_pdf))
    weeks = [t for t in titles if re.match(r"Week \d+: ", t)]
    assert len(weeks) == 6
    assert titles.count("Discussion Questions") == 6
    assert "Contents" in titles and "Scripture Index" in titles


def test_contents_lists_weeks_with_page_numbers_that_link(sample_pdf: Path) -> None:
    reader = PdfReader(sample_pdf)
    contents_index = next(i for i, p in enumerate(reader.pages) if "Contents" in (p.extract_text() or ""))
    page = reader.pages[contents_index]
    text = page.extract_text()
    labels = reader.page_labels
    week_one_page = next(i for i, p in enumerate(reader.pages)
                         if "WEEK 1" in (p.extract_text() or ""))
    assert re.search(rf"Intimacy Before Breakthrough.*?\b{labels[week_one_page]}\b", text, re.S)
    links = [a.get_object() for a in page.get("/Annots", [])]
    targets = []
    for link in links:
        destination = link["/Dest"]
        if isinstance(destination, str) or not isinstance(destination, list):
            destination = reader.named_destinations[str(destination)]
            targets.append(reader.get_destination_page_number(destination))
        else:
            targets.append(reader.get_page_number(destination[0].get_object()))
    assert week_one_page in targets
    assert len(links) >= 7


def test_page_labels_roman_front_matter_then_arabic(sample_pdf: Path) -> None:
    labels = PdfReader(sample_pdf).page_labels
    assert labels[:3] == ["i", "ii", "iii"]
    assert "1" in labels
    first_body = labels.index("1")
    assert first_body % 2 == 0  # physical page first_body + 1 is odd: a right-hand page


def test_metadata_is_set(sample_pdf: Path) -> None:
    meta = PdfReader(sample_pdf).metadata
    assert meta.title == "Draw Near"
    assert meta.author == "Riverside Small Groups"
    assert meta.subject
    assert "/Keywords" in meta


def test_fonts_are_embedded_truetype(sample_pdf: Path) -> None:
    reader = PdfReader(sample_pdf)
    seen = set()
    for page in reader.pages[:12]:
        fonts = page["/Resources"].get_object().get("/Font", {})
        for font in fonts.values():
            font = font.get_object()
            descendant = font
            if "/DescendantFonts" in font:
                descendant = font["/DescendantFonts"][0].get_object()
            descriptor = descendant.get("/FontDescriptor")
            assert descriptor is not None, font
            descriptor = descriptor.get_object()
            assert any(k in descriptor for k in ("/FontFile2", "/FontFile", "/FontFile3")), font
            seen.add(str(font["/BaseFont"]))
    assert any("NotoSerif" in name for name in seen)
    assert any("NotoSans" in name for name in seen)


def test_translation_attribution_and_passage_text(sample_pdf: Path) -> None:
    text = pdf_text(sample_pdf)
    assert "World English Bible" in text
    assert "Draw near to God, and he will draw near to you" in text


def test_participant_edition_hides_answers_and_leader_notes(sample_pdf: Path) -> None:
    text = pdf_text(sample_pdf)
    assert "LEADER NOTE" not in text
    assert "Himself the gift" not in text


def test_leader_edition_shows_answers_and_notes(sample_leader_pdf: Path) -> None:
    text = pdf_text(sample_leader_pdf)
    assert "LEADER NOTE" in text
    assert re.search(r"Himself the\s+gift", text)


def test_scripture_index_lists_references_in_canonical_order(sample_pdf: Path) -> None:
    reader = PdfReader(sample_pdf)
    index_page = next(i for i, p in enumerate(reader.pages)
                      if "SCRIPTURE INDEX" in (p.extract_text() or ""))
    text = "\n".join(p.extract_text() for p in reader.pages[index_page:])
    assert "PSALMS" in text or "PSALM" in text
    assert text.index("JAMES") < text.index("REVELATION") if "REVELATION" in text else True
    assert text.index("LUKE") < text.index("JOHN")


def test_two_builds_are_byte_identical(tmp_path: Path) -> None:
    study = write_study(tmp_path / "s")
    first = run_guide("build", study)
    assert first.code == 0, first.stderr
    data = (study / "output" / "test-study.pdf").read_bytes()
    second = run_guide("build", study)
    assert second.code == 0
    assert (study / "output" / "test-study.pdf").read_bytes() == data


def test_answer_lines_are_drawn(tmp_path: Path) -> None:
    study = write_study(tmp_path / "s")
    assert run_guide("build", study, "--week", "1").code == 0
    pdf = pypdfium2.PdfDocument(study / "output" / "test-study-week-01.pdf")
    image = pdf[0].render(scale=1).to_pil().convert("L")
    width, height = image.size
    pixels = image.load()
    ruled_rows = 0
    for y in range(height):
        dark = sum(1 for x in range(int(width * 0.2), int(width * 0.8)) if pixels[x, y] < 215)
        if dark > width * 0.55:
            ruled_rows += 1
    assert ruled_rows >= 6  # four lines for question 1, two for question 2
    pdf.close()


def test_week_handout_has_no_cover_and_keeps_attribution(tmp_path: Path) -> None:
    study = write_study(tmp_path / "s")
    result = run_guide("build", study, "--week", "1")
    assert result.code == 0, result.stderr
    path = study / "output" / "test-study-week-01.pdf"
    text = pdf_text(path)
    assert text.lstrip().startswith("WEEK 1")
    assert "World English Bible" in text
    assert len(PdfReader(path).pages) == 1


def _starts(reader: PdfReader) -> dict[str, int]:
    """Page index where each week opener and each numbered question first appears."""
    found: dict[str, int] = {}
    for index, page in enumerate(reader.pages):
        for line in (page.extract_text() or "").splitlines():
            match = re.match(r"^(WEEK \d+)$|^(\d+)\. ", line.strip())
            if match:
                week = match.group(1)
                key = week or f"{len([k for k in found if k.startswith('WEEK')])}-q{match.group(2)}"
                found.setdefault(key, index)
    return found


def test_editions_paginate_identically(sample_pdf: Path, sample_leader_pdf: Path) -> None:
    participant, leader = PdfReader(sample_pdf), PdfReader(sample_leader_pdf)
    assert len(participant.pages) == len(leader.pages)
    starts = _starts(participant)
    assert len([k for k in starts if k.startswith("WEEK")]) == 6
    assert len(starts) >= 30
    assert starts == _starts(leader)


def test_participant_sees_note_lines_where_the_leader_sees_notes(sample_pdf: Path,
                                                                 sample_leader_pdf: Path) -> None:
    participant_text = pdf_text(sample_pdf)
    assert "NOTES" in participant_text
    assert "LEADER NOTE" in pdf_text(sample_leader_pdf)


def test_handout_that_runs_long_warns_by_how_much(tmp_path: Path) -> None:
    long = "\n\n".join(["A paragraph of teaching that goes on for a while. " * 12] * 14)
    week = WEEK_TEMPLATE.format(number=1, title="Long").replace("Abide in the vine.", long)
    week = week.replace("title: Long", "title: Long\nlayout: handout")
    study = write_study(tmp_path / "s", {"week-01.md": week})
    result = run_guide("build", study, "--week", "1")
    assert result.code == 0, result.stderr
    assert re.search(r"week 1 takes \d pages in the 'handout' layout, \d\.\d pages? more than its 2 "
                     r"\(one sheet, front and back\)", result.stderr)


def test_handout_that_fits_does_not_warn(tmp_path: Path) -> None:
    week = WEEK_TEMPLATE.format(number=1, title="Short")
    week = week.replace("title: Short", "title: Short\nlayout: handout")
    study = write_study(tmp_path / "s", {"week-01.md": week})
    result = run_guide("build", study, "--week", "1")
    assert result.code == 0
    assert "more than its" not in result.stderr


def test_source_date_epoch_sets_the_creation_date(tmp_path: Path, monkeypatch) -> None:
    study = write_study(tmp_path / "s")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01 UTC
    assert run_guide("build", study).code == 0
    created = PdfReader(study / "output" / "test-study.pdf").metadata["/CreationDate"]
    assert created.startswith("D:20260101")


def test_local_image_is_embedded_scaled_to_the_frame(tmp_path: Path) -> None:
    from PIL import Image

    study = write_study(tmp_path / "s")
    Image.new("RGB", (3000, 1000), (40, 90, 110)).save(study / "content" / "wide.png")
    path = study / "content" / "week-01-abide.md"
    path.write_text(path.read_text().replace("Abide in the vine.", "![a vine](wide.png)"))
    result = run_guide("build", study, "--week", "1")
    assert result.code == 0, result.stderr
    reader = PdfReader(study / "output" / "test-study-week-01.pdf")
    images = [image for page in reader.pages for image in page.images]
    assert len(images) == 1
    pdf = pypdfium2.PdfDocument(study / "output" / "test-study-week-01.pdf")
    bitmap = pdf[0].render(scale=1).to_pil().convert("RGB")
    width, _ = bitmap.size
    columns = [x for x in range(width) if any(bitmap.getpixel((x, y)) == (40, 90, 110)
                                              for y in range(0, bitmap.size[1], 4))]
    pdf.close()
    assert columns and min(columns) >= 1.15 * 72 - 2 and max(columns) <= width - 1.35 * 72 + 2


def test_margins_mirror_on_facing_pages(sample_pdf: Path) -> None:
    pdf = pypdfium2.PdfDocument(sample_pdf)
    reader = PdfReader(sample_pdf)
    labels = reader.page_labels
    recto, verso = labels.index("3"), labels.index("2")

    def left_ink(index: int) -> int:
        image = pdf[index].render(scale=1).to_pil().convert("L")
        width, height = image.size
        for x in range(width):
            if any(image.getpixel((x, y)) < 128 for y in range(int(height * 0.15), int(height * 0.85), 2)):
                return x
        return width

    # recto pages (odd numbers) have the inside (1.15in) margin on the left, verso pages the outside (1.35in)
    assert abs(left_ink(recto) - 1.15 * 72) < 6
    assert abs(left_ink(verso) - 1.35 * 72) < 6
    pdf.close()


def test_cover_image_is_drawn_on_the_cover(tmp_path: Path) -> None:
    from PIL import Image

    from tests.conftest import GUIDE_TOML

    study = write_study(tmp_path / "s", toml=GUIDE_TOML + '\n[cover]\nimage = "content/cover.png"\n')
    Image.new("RGB", (800, 600), (200, 60, 30)).save(study / "content" / "cover.png")
    assert run_guide("build", study).code == 0
    reader = PdfReader(study / "output" / "test-study.pdf")
    assert len(reader.pages[0].images) == 1
    assert all(not page.images for page in reader.pages[1:])
