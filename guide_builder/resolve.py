"""Stage 3, resolve (scripture): every passage without text is looked up offline.

Unknown translations and missing translation packages are located errors; verses
absent from a translation are warnings. The result maps (reference, translation) to
its Passage for the renderer.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from guide_builder import model as m
from guide_builder.errors import Collector
from guide_builder.scripture import TRANSLATIONS, Passage, Reference, ScriptureError, lookup_passage

NO_TRANSLATION = "NONE"


def _passages_needed(guide: m.Guide) -> Iterator[tuple[Reference, str, Path, int]]:
    default = guide.config.translation
    for week in guide.weeks:
        items = [*week.scriptures, *([week.memory_verse] if week.memory_verse else [])]
        for item in items:
            if item.text is None:
                yield item.reference, item.translation or default, week.path, item.line
        for block in week.passage_blocks:
            if block.text is None:
                yield block.reference, block.translation or default, week.path, block.line


def resolve_passages(guide: m.Guide, problems: Collector) -> dict[tuple[Reference, str], Passage]:
    """Look up every passage that has no text of its own."""
    found: dict[tuple[Reference, str], Passage] = {}
    failed: set[str] = set()
    for reference, translation, path, line in _passages_needed(guide):
        if translation == NO_TRANSLATION or (reference, translation) in found:
            continue
        if translation in failed:
            continue
        try:
            passage = lookup_passage(reference, translation)
        except ScriptureError as error:
            problems.error(path, line, error.message, error.hint)
            failed.add(translation)
            continue
        if passage.missing:
            verses = ", ".join(f"{c}:{v}" for c, v in passage.missing[:5])
            problems.warn(path, line, f"{reference.label()}: verse {verses} is not in the {translation}",
                          "the passage is printed without it; give the text yourself with `text:`")
        found[(reference, translation)] = passage
    return found


def check_quotation_limits(guide: m.Guide, problems: Collector) -> None:
    """Count the verses quoted from each translation; warn past `max_verses`."""
    limited = {code for code, rules in guide.config.translations.items() if rules and rules.max_verses}
    if not limited:  # no translation has a limit: nothing to count
        return
    counted: dict[str, set[int]] = {}
    default = guide.config.translation
    for week in guide.weeks:
        items = [*week.scriptures, *([week.memory_verse] if week.memory_verse else [])]
        quoted = [(i.reference, i.translation or default) for i in items]
        quoted += [(b.reference, b.translation or default) for b in week.passage_blocks]
        for reference, translation in quoted:
            if translation in limited:
                counted.setdefault(translation, set()).update(reference.verse_ids())
    for code, verses in counted.items():  # only translations with a limit were counted
        rules = guide.config.translations[code]
        if len(verses) > rules.max_verses:
            problems.warn(guide.config.path, rules.line,
                          f"the study quotes {len(verses)} verses of the {code}, more than its "
                          f"max_verses = {rules.max_verses}",
                          "check the publisher's quotation limits, or quote fewer passages")


def attributions(guide: m.Guide, weeks: tuple[m.Week, ...]) -> list[str]:
    """One sentence per translation quoted in these weeks, the study's own first."""
    used: list[str] = []
    default = guide.config.translation
    if default != NO_TRANSLATION:
        used.append(default)
    for week in weeks:
        for item in [*week.scriptures, *([week.memory_verse] if week.memory_verse else [])]:
            if item.translation and item.translation not in used:
                used.append(item.translation)
        for block in week.passage_blocks:
            if block.translation and block.translation not in used:
                used.append(block.translation)
    lines = []
    for code in used:
        translation = TRANSLATIONS.get(code)
        rules = guide.config.translations.get(code)
        if rules is not None and rules.notice:
            lines.append(rules.notice)
        elif translation is not None:
            lines.append(translation.attribution)
        else:
            lines.append(f"Scripture quotations marked {code} are from that translation and are "
                         "used by permission of its copyright holder.")
    return lines
