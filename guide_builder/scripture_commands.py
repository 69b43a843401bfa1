"""What `guide refs` and `guide verse` print, kept apart from the CLI shell so it is testable."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from guide_builder.scripture import (
    FoundReference,
    Passage,
    Reference,
    ScriptureError,
    find_references,
    lookup_passage,
    parse_reference,
)


@dataclass(frozen=True)
class RefsOutput:
    """Lines for stdout (references found) and stderr (invalid ones)."""

    found: list[str]
    invalid: list[str]


def _shown(item: FoundReference, osis: bool) -> str:
    return item.reference.osis() if osis else item.reference.label()


def references_in(text: str, context: str | None = None, osis: bool = False) -> RefsOutput:
    """The references in `text`, one line each; `context` resolves verse-only references."""
    base = parse_reference(context) if context else None
    found, invalid = [], []
    for item in find_references(text, base):
        if item.problem:
            invalid.append(f"{_shown(item, osis)}: {item.problem}")
        else:
            found.append(_shown(item, osis))
    return RefsOutput(found, invalid)


def references_jsonl(lines: Iterable[str]) -> Iterator[str]:
    """Batch mode: each input line `{"text": ..., "context": ...}` gives one output line."""
    for line in lines:
        if not line.strip():
            continue
        try:
            request = json.loads(line)
            text = request["text"]
            context = request.get("context")
            base = parse_reference(context) if context else None
            if not isinstance(text, str):
                raise TypeError("text must be a string")
        except (ValueError, KeyError, TypeError, AttributeError, ScriptureError) as error:
            yield json.dumps({"refs": [], "invalid": [], "error": str(error)})
            continue
        refs, invalid = [], []
        for item in find_references(text, base):
            (invalid if item.problem else refs).append(item.reference.osis())
        yield json.dumps({"refs": refs, "invalid": invalid})


def passage_lines(reference_text: str, translation: str) -> list[str]:
    """`guide verse`: a heading line, then one line per verse ("16 For God so loved...")."""
    reference: Reference = parse_reference(reference_text)
    passage: Passage = lookup_passage(reference, translation.upper())
    lines = [f"{reference.label()} ({passage.translation})"]
    chapters = {verse.chapter for verse in passage.verses}
    for verse in passage.verses:
        number = f"{verse.chapter}:{verse.verse}" if len(chapters) > 1 else str(verse.verse)
        lines.append(f"{number} {verse.text}")
    return lines
