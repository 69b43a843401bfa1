"""`import_article`: an article file -> a week file in SPEC format, with a summary.

The stages, each in its own module: read the file into blocks (readers), drop web
boilerplate, find the title, turn quoted scripture into passage blocks, sort the blocks
into sections, gather the discussion questions, write the week.
"""

from __future__ import annotations

from pathlib import Path

from guide_builder.importer.boilerplate import drop_boilerplate
from guide_builder.importer.emit import slug, week_text
from guide_builder.importer.model import ImportProblem, ImportResult, Notes, shorten
from guide_builder.importer.passages import recognise_passages
from guide_builder.importer.questions import finish_outline, question_count
from guide_builder.importer.readers import read_article
from guide_builder.importer.structure import Outline, find_title, outline
from guide_builder.scripture import ScriptureError, parse_reference

MAX_WEEK = 999
SHOWN_DROPS = 12


def import_article(
    path: Path, week: int, title: str | None = None, layout: str | None = None
) -> ImportResult:
    """Read an article (.txt, .md, .html/.htm, .docx) and write it as week `week`.

    `title` replaces the title found in the article; `layout` is written to the front
    matter as given. Raises ImportProblem when the file cannot be read or imported.
    """
    if isinstance(week, bool) or not isinstance(week, int) or not 1 <= week <= MAX_WEEK:
        raise ImportProblem(f"the week number must be from 1 to {MAX_WEEK}, not {week!r}",
                            "for example --week 3")
    path = Path(path)
    notes = Notes()
    blocks, hint = read_article(path, notes)
    blocks = drop_boilerplate(blocks, notes)
    strong_hint = path.suffix.lower() in (".md", ".markdown", ".mdown")
    found, found_from, blocks = find_title(blocks, hint, strong_hint)
    if not blocks:
        raise ImportProblem(f"{path.name} has no text besides its title",
                            "check that this is the whole article")
    blocks = recognise_passages(blocks, notes)
    sorted_outline = outline(blocks, notes)
    finish_outline(sorted_outline, notes)
    chosen = " ".join((title or "").split()) or found
    if not chosen:
        chosen = path.stem.replace("-", " ").replace("_", " ").strip().capitalize() or f"Week {week}"
        notes.check("", f"no title was found; the file name gave {chosen!r} (use --title)")
        found_from = "file name"
    scriptures = _scripture_labels(sorted_outline)
    markdown = week_text(week, chosen, layout, sorted_outline, scriptures)
    given = bool(title and title.strip())
    summary = _summary(notes, sorted_outline, chosen, found, found_from, given)
    return ImportResult(markdown, f"week-{week:02d}-{slug(chosen)}.md", summary)


def _scripture_labels(sorted_outline: Outline) -> list[str]:
    """Each passage's reference once, in the order they appear, without translation names."""
    labels: list[str] = []
    for section in sorted_outline.sections:
        for block in section.blocks:
            if block.kind != "passage":
                continue
            try:
                label = parse_reference(block.label).label()
            except ScriptureError:
                continue
            if label not in labels:
                labels.append(label)
    return labels


def _summary(notes: Notes, sorted_outline: Outline, title: str, found: str | None, found_from: str,
             given: bool) -> list[str]:
    lines = [f"read {notes.source}"]
    if given and found and found != title:
        lines.append(f"title: {title!r} (given; the article's own title {found!r} was left out)")
    else:
        lines.append(f"title: {title!r} ({'given' if given else found_from})")
    parts = []
    for section in sorted_outline.sections:
        subs = [b.text for b in section.blocks if b.kind == "heading"]
        extra = f" (sub-headings: {'; '.join(shorten(s, 40) for s in subs)})" if subs else ""
        parts.append(f"{section.title}{extra}")
    lines.append(f"sections: {', '.join(parts) if parts else 'none'}")
    if sorted_outline.big_idea:
        lines.append(f"big idea: {shorten(sorted_outline.big_idea, 80)!r}")
    lines.append(f"passages: {len(notes.passages)} found")
    lines.extend(f"  {item}" for item in notes.passages)
    if notes.inline_quotes:
        lines.append(f"quoted inside paragraphs (left in the prose): {', '.join(notes.inline_quotes)}")
    count = question_count(sorted_outline)
    lines.append(f"questions: {count} found" if count else
                 "questions: none found; add them under ## Discussion Questions")
    for section in sorted_outline.sections:
        asked = [b for b in section.blocks if b.kind == "question"]
        lines.extend(f"  {number}. {shorten(b.plain, 70)}" for number, b in enumerate(asked, start=1))
    lines.extend(f"moved: {move}" for move in notes.moves)
    lines.append(f"dropped: {len(notes.dropped)}" if notes.dropped else "dropped: nothing")
    lines.extend(f"  {item}" for item in notes.dropped[:SHOWN_DROPS])
    if len(notes.dropped) > SHOWN_DROPS:
        lines.append(f"  ... and {len(notes.dropped) - SHOWN_DROPS} more")
    lines.extend(f"check: {item}" for item in notes.uncertain)
    return lines
