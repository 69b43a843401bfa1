"""A long book laid out in two parts at once prints exactly like one laid out in one part."""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pypdfium2
import pytest
from pypdf import PdfReader

from benchmarks.make_study import make_study
from guide_builder import concurrency
from guide_builder import model as m
from guide_builder.build import BuildOptions, build_guide, prepare_guide
from guide_builder.render import parts
from tests.conftest import run_guide

WEEKS = 8


def outline(reader: PdfReader) -> list[tuple[str, int, int]]:
    entries: list[tuple[str, int, int]] = []

    def walk(items: list) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                entries.append((item.title, reader.get_destination_page_number(item), round(float(item.top))))

    walk(reader.outline)
    return entries


def link_targets(reader: PdfReader) -> list[int]:
    """Page index of every internal link's destination, page by page."""
    pages = {page.indirect_reference.idnum: index for index, page in enumerate(reader.pages)}
    names = reader.named_destinations
    targets = []
    for page in reader.pages:
        for annotation in page.get("/Annots", []):
            annotation = annotation.get_object()
            destination = annotation.get("/Dest")
            if destination is None and "/A" in annotation:
                destination = annotation["/A"].get("/D")
            if destination is None:
                continue
            if isinstance(destination, str) and destination in names:
                targets.append(reader.get_destination_page_number(names[destination]))
            elif not isinstance(destination, str):
                targets.append(pages[destination[0].idnum])
    return targets


def assert_same_pixels(one: Path, two: Path) -> None:
    """Both PDFs have the same pages, pixel for pixel at 0.3 scale."""
    first, second = pypdfium2.PdfDocument(one), pypdfium2.PdfDocument(two)
    try:
        assert len(first) == len(second)
        for index in range(len(first)):
            a = first[index].render(scale=0.3).to_pil().tobytes()
            b = second[index].render(scale=0.3).to_pil().tobytes()
            assert a == b, f"{two.name}: page {index + 1} looks different"
    finally:
        first.close()
        second.close()


def build(study: Path, out: Path, split: bool, monkeypatch: pytest.MonkeyPatch,
          edition: m.Edition = m.Edition.PARTICIPANT) -> Path:
    monkeypatch.setattr(parts, "MIN_WEEKS", 6 if split else 10**9)
    build_guide(BuildOptions(root=study, out=out, edition=edition))
    return out


@pytest.fixture(scope="module")
def study(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_study(tmp_path_factory.mktemp("parts") / "study", WEEKS, seed=2)


@pytest.mark.parametrize("edition", [m.Edition.PARTICIPANT, m.Edition.LEADER])
def test_two_parts_print_like_one(study: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                  edition: m.Edition) -> None:
    prepared = prepare_guide(study)
    assert parts.cut_point(prepared.guide.weeks, prepared.week_layouts) is not None
    one = PdfReader(build(study, tmp_path / "one.pdf", False, monkeypatch, edition))
    two = PdfReader(build(study, tmp_path / "two.pdf", True, monkeypatch, edition))
    assert len(one.pages) == len(two.pages)
    for index in range(len(one.pages)):
        assert one.pages[index].extract_text() == two.pages[index].extract_text(), f"page {index + 1}"
    assert outline(one) == outline(two)
    assert one.page_labels == two.page_labels
    assert link_targets(one) == link_targets(two)
    assert link_targets(two)  # the contents and the index link to pages of both parts
    assert_same_pixels(tmp_path / "one.pdf", tmp_path / "two.pdf")


def _rich_later_weeks(study: Path) -> None:
    """Give the last weeks images (one with transparency), Hebrew, a link and a layout with
    the study's own font: everything a later part's pages can carry."""
    from PIL import Image

    content = study / "content"
    Image.new("RGB", (400, 200), (200, 60, 30)).save(content / "red.png")
    alpha = Image.new("RGBA", (300, 300), (0, 0, 255, 0))
    alpha.paste((20, 200, 20, 128), (50, 50, 250, 250))
    alpha.save(content / "alpha.png")
    (study / "MyFont.ttf").write_bytes((Path(__file__).parents[2] / "guide_builder" / "fonts"
                                        / "NotoSans-Italic.ttf").read_bytes())
    (study / "layouts").mkdir(exist_ok=True)
    (study / "layouts" / "own.toml").write_text('extends = "standard"\n[fonts]\nbody = "MyFont.ttf"\n')
    weeks = sorted(content.glob("week-*.md"))
    extra = ("## Application\n\n![red](red.png)\n\nThe word \u05d7\u05b6\u05e1\u05b6\u05d3 (hesed), "
             "a [link](https://example.org/x).\n\n![alpha](alpha.png)\n\n"
             "See the [notes](https://example.org/notes) & **more** *here*.\n\n")
    for week in weeks[-3:]:
        week.write_text(week.read_text(encoding="utf-8").replace("## Application\n", extra, 1),
                        encoding="utf-8")
    last = weeks[-1].read_text(encoding="utf-8")
    weeks[-1].write_text(re.sub(r"^layout: .*$", "layout: own", last, count=1, flags=re.M)
                         if re.search(r"^layout:", last, re.M) else
                         last.replace("\n---\n", "\nlayout: own\n---\n", 1), encoding="utf-8")


def test_images_hebrew_links_and_own_fonts_in_the_later_part_print_like_one_part(tmp_path: Path) -> None:
    """The later part is built first, in a fresh process, so that the Hebrew face and the
    study's font are first needed there (a font first registered in the worker was once
    missing from the book)."""
    study = make_study(tmp_path / "study", WEEKS, seed=2)
    _rich_later_weeks(study)
    prepared = prepare_guide(study)
    cut = parts.cut_point(prepared.guide.weeks, prepared.week_layouts)
    assert cut is not None and cut < len(prepared.guide.weeks) - 3  # the rich weeks are in the later part
    two_path, one_path = tmp_path / "two.pdf", tmp_path / "one.pdf"
    for path, jobs, seed in ((two_path, "2", "0"), (tmp_path / "two-here.pdf", "1", "1")):
        command = [sys.executable, "-m", "guide_builder.cli", "build", str(study), "--out", str(path), "-q"]
        done = subprocess.run(command, capture_output=True, text=True,
                              env={**os.environ, "GUIDE_JOBS": jobs, "PYTHONHASHSEED": seed})
        assert done.returncode == 0, done.stderr
    # the same bytes in both (and whatever the order of sets, which once chose between faces)
    assert two_path.read_bytes() == (tmp_path / "two-here.pdf").read_bytes()
    with pytest.MonkeyPatch.context() as patch:
        build(study, one_path, False, patch)
    one, two = PdfReader(one_path), PdfReader(two_path)
    texts = [page.extract_text() for page in two.pages]
    assert [page.extract_text() for page in one.pages] == texts
    assert sum("hesed" in text for text in texts) == 3
    uris = [annotation.get_object()["/A"].get("/URI") for page in two.pages
            for annotation in page.get("/Annots", []) if "/A" in annotation.get_object()]
    assert uris.count("https://example.org/x") == 3
    fonts = {font.get_object()["/BaseFont"].split("+")[-1] for page in two.pages
             for font in page["/Resources"].get("/Font", {}).values()}
    assert "NotoSerifHebrew-Regular" in fonts
    # the study's copy of a bundled face is its own font, under a name of its own
    digest = hashlib.sha256((study / "MyFont.ttf").read_bytes()).hexdigest()[:6]
    assert f"NotoSans-Italic-{digest}" in fonts
    for other in (two_path, tmp_path / "two-here.pdf"):
        assert_same_pixels(one_path, other)


def test_the_later_part_in_this_process_gives_the_same_file(study: Path, tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    forked = build(study, tmp_path / "forked.pdf", True, monkeypatch).read_bytes()
    monkeypatch.setenv(concurrency.JOBS_VARIABLE, "1")
    here = build(study, tmp_path / "here.pdf", True, monkeypatch).read_bytes()
    assert forked == here


def test_a_failing_worker_falls_back_to_this_process(study: Path, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    expected = build(study, tmp_path / "expected.pdf", True, monkeypatch).read_bytes()
    parent = os.getpid()
    real = parts.TailResult

    class FailsInWorker(real):  # type: ignore[misc]
        def __init__(self, *args, **kwargs) -> None:
            if os.getpid() != parent:
                raise RuntimeError("worker broke")
            super().__init__(*args, **kwargs)

    from guide_builder.render import document

    monkeypatch.setattr(document, "TailResult", FailsInWorker)
    assert build(study, tmp_path / "fallback.pdf", True, monkeypatch).read_bytes() == expected


def test_a_worker_that_dies_after_sending_some_pages_is_replaced_without_a_seam(
        study: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from guide_builder.render import document

    expected = build(study, tmp_path / "expected.pdf", True, monkeypatch).read_bytes()
    parent = os.getpid()
    real_flush = document._PageSender.flush
    sent: list[int] = []

    def flush_then_die(self) -> None:
        real_flush(self)
        sent.append(self.sent)
        if os.getpid() != parent and len(sent) == 2:
            os._exit(3)  # two batches sent, the rest never comes

    monkeypatch.setattr(document._PageSender, "flush", flush_then_die)
    assert build(study, tmp_path / "died.pdf", True, monkeypatch).read_bytes() == expected
    assert sent and sent[-1] > 2 * document._PageSender.BATCH_PAGES  # the part was laid out again here


def test_warnings_from_the_later_part_are_reported(tmp_path: Path) -> None:
    study = make_study(tmp_path / "study", WEEKS, seed=2)
    result = run_guide("build", study)
    assert result.code == 0, result.stderr
    prepared = prepare_guide(study)
    cut = parts.cut_point(prepared.guide.weeks, prepared.week_layouts)
    later = [w.number for w in prepared.guide.weeks[cut:] if prepared.week_layouts[w.number].max_pages]
    assert later, "the generated study has handout weeks in its later part"
    for number in later:
        assert f"week {number} takes" in result.stderr


def test_cut_point_only_at_a_week_that_starts_on_a_right_hand_page(study: Path) -> None:
    prepared = prepare_guide(study)
    weeks, layouts = prepared.guide.weeks, prepared.week_layouts
    cut = parts.cut_point(weeks, layouts)
    assert cut is not None and 0 < cut < len(weeks)
    assert layouts[weeks[cut].number].start_on == "recto"
    assert parts.cut_point(weeks[: parts.MIN_WEEKS - 1], layouts) is None
    anywhere = {number: replace(layout, start_on="any") for number, layout in layouts.items()}
    assert parts.cut_point(weeks, anywhere) is None


def test_watch_rebuild_lays_out_only_the_edited_part_and_prints_like_a_fresh_build(
        study: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from guide_builder.build import ParseCache

    cache = ParseCache()
    kept = tmp_path / "kept.pdf"
    build_guide(BuildOptions(root=study, out=kept), cache=cache)
    assert cache.parts.made == len(parts.chunk_weeks(*_weeks_and_layouts(study)))
    week = sorted((study / "content").glob("week-*.md"))[5]
    original = week.read_text(encoding="utf-8")
    try:
        week.write_text(original.replace("## Application\n", "## Application\n\nOne more line.\n", 1),
                        encoding="utf-8")
        build_guide(BuildOptions(root=study, out=kept), cache=cache)
        assert cache.parts.made == 1
        fresh = build(study, tmp_path / "fresh.pdf", False, monkeypatch)
    finally:
        week.write_text(original, encoding="utf-8")
    one, two = PdfReader(fresh), PdfReader(kept)
    assert "One more line." in "".join(page.extract_text() for page in two.pages)
    assert [p.extract_text() for p in one.pages] == [p.extract_text() for p in two.pages]
    assert outline(one) == outline(two)
    assert link_targets(one) == link_targets(two)


def _weeks_and_layouts(study: Path) -> tuple:
    prepared = prepare_guide(study)
    return prepared.guide.weeks, prepared.week_layouts


def test_watch_keeps_parts_until_the_edition_or_the_settings_change(study: Path, tmp_path: Path) -> None:
    from guide_builder.build import ParseCache

    cache = ParseCache()
    out = tmp_path / "kept.pdf"
    every = len(parts.chunk_weeks(*_weeks_and_layouts(study)))
    build_guide(BuildOptions(root=study, out=out), cache=cache)
    assert cache.parts.made == every
    build_guide(BuildOptions(root=study, out=out), cache=cache)
    assert cache.parts.made == 0  # nothing changed
    build_guide(BuildOptions(root=study, out=out, edition=m.Edition.LEADER), cache=cache)
    assert cache.parts.made == every
    settings = study / "guide.toml"
    original = settings.read_text(encoding="utf-8")
    try:
        settings.write_text(original.replace('title = "', 'title = "New: ', 1), encoding="utf-8")
        build_guide(BuildOptions(root=study, out=out, edition=m.Edition.LEADER), cache=cache)
        assert cache.parts.made == every
        assert "New: " in PdfReader(out).pages[0].extract_text()
    finally:
        settings.write_text(original, encoding="utf-8")


def _embedded_fonts(reader: PdfReader) -> list[str]:
    """The PostScript name (without the subset tag) of every font subset embedded."""
    names = []
    for page in reader.pages:
        fonts = page["/Resources"].get("/Font", {})
        for font in fonts.values():
            names.append(str(font.get_object()["/BaseFont"]))
    return sorted(set(names))


def _pixels(pdf: Path) -> list[bytes]:
    document = pypdfium2.PdfDocument(str(pdf))
    return [page.render(scale=0.4).to_pil().tobytes() for page in document]


def test_watch_parts_share_the_books_font_subsets(study: Path, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """Kept parts write their text in one code assignment per font: each font is embedded
    once (not once a part), and the pages look exactly like a fresh build's."""
    from guide_builder.build import ParseCache

    kept = tmp_path / "kept.pdf"
    cache = ParseCache()
    build_guide(BuildOptions(root=study, out=kept), cache=cache)
    assert cache.parts.made > 2
    build_guide(BuildOptions(root=study, out=kept), cache=cache)  # running heads written from the first
    assert cache.parts.made == 0
    tagged = _embedded_fonts(PdfReader(kept))
    faces = [name.split("+", 1)[1] for name in tagged]
    assert len(faces) == len(set(faces)), tagged
    fresh = build(study, tmp_path / "fresh.pdf", False, monkeypatch)
    assert _pixels(kept) == _pixels(fresh)


def test_a_part_that_needed_codes_of_its_own_is_laid_out_again_here(
        study: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without a seed, the parts laid out in the forked process give characters codes this
    process does not know: those parts are laid out again here, and the book still reads
    and looks like a fresh build."""
    from guide_builder.build import ParseCache
    from guide_builder.render import bookfonts

    monkeypatch.setattr(parts, "study_text", lambda _request: iter(()))
    monkeypatch.setattr(bookfonts, "EXTRA", "")
    diverged = []
    shared = parts.map_shared

    def recording(items, work, minimum):
        made = shared(items, work, minimum)
        diverged.extend(part.diverged for part in made)
        return made

    monkeypatch.setattr(parts, "map_shared", recording)
    kept = tmp_path / "kept.pdf"
    build_guide(BuildOptions(root=study, out=kept), cache=ParseCache())
    if concurrency.can_fork():
        assert True in diverged  # made in the forked process (then made again here)
        assert False in diverged  # made here: new codes are no trouble
    fresh = build(study, tmp_path / "fresh.pdf", False, monkeypatch)
    one, two = PdfReader(fresh), PdfReader(kept)
    assert [p.extract_text() for p in one.pages] == [p.extract_text() for p in two.pages]
    assert _pixels(kept) == _pixels(fresh)
