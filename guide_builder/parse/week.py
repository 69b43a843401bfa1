"""A week file -> Week: front matter fields, sections, blocks and scripture.

Every problem is recorded with the file line; parsing goes on after a problem so that
`guide check` can list them all.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from guide_builder import model as m
from guide_builder.errors import Collector
from guide_builder.glyphs import check_week_text
from guide_builder.load import SourceFile
from guide_builder.parse.frontmatter import (  # yaml: imported there, a pattern deferred
    FrontMatter,
    FrontMatterProblem,
    construct,
    parse_front_matter,
    yaml,
)
from guide_builder.parse.limits import oversized_blocks
from guide_builder.parse.markdown import ConvertContext, MarkdownConverter, MarkdownTooComplex
from guide_builder.parse.sections import LineLocator, section_kind, split_sections
from guide_builder.scripture import Reference, ScriptureError, find_references, parse_reference

FRONT_MATTER_KEYS = ("week", "title", "layout", "date", "big_idea", "memory_verse", "scriptures")
SCRIPTURE_ITEM_KEYS = ("ref", "text", "translation")
MAX_WEEK = 999


class WeekParser:
    """Parses week files; holds the reusable Markdown converter."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.converter = MarkdownConverter()

    def parse(self, source: SourceFile, problems: Collector) -> m.Week | None:
        """Parse one week file; None when its front matter is unusable."""
        front = parse_front_matter(source.path, source.text)
        if isinstance(front, FrontMatterProblem):
            problems.error(source.path, front.line, front.message, front.hint)
            return None
        fields = _Fields(source.path, front, problems)
        number = fields.week_number()
        title = fields.text("title", required=True)
        scriptures = fields.scriptures()
        memory = fields.reference_field("memory_verse")
        context = scriptures[0].reference if scriptures else (memory.reference if memory else None)
        sections, mentions = self._sections(source.path, front, context, problems)
        if number is None or title is None:
            return None
        big_idea = fields.text("big_idea")
        week = m.Week(
            number=number,
            title=title,
            path=source.path,
            layout=fields.text("layout"),
            date=fields.date(),
            big_idea=self.inline_text(big_idea) if big_idea else (),
            memory_verse=memory,
            scriptures=scriptures,
            sections=sections,
            mentions=tuple(mentions),
            layout_line=fields.line("layout") if "layout" in front.fields else None,
        )
        check_week_text(week, problems, fields.line("title"), fields.line("big_idea"))
        week.passage_blocks  # noqa: B018  found here, in the parsing process: kept with the week
        return week

    def inline_text(self, text: str) -> tuple[m.Inline, ...]:
        """A one-line field (big idea) with Markdown emphasis and smart quotes applied."""
        context = ConvertContext(lambda _s: 0, lambda t, _l: (m.Text(t),), lambda *_a: None)
        blocks = self.converter.convert(text.replace("\n", " "), context)
        first = blocks[0] if blocks else None
        return first.inlines if isinstance(first, m.Paragraph) else (m.Text(text),)

    def _sections(
        self, path: Path, front: FrontMatter, context: Reference | None, problems: Collector
    ) -> tuple[tuple[m.Section, ...], list[tuple[Reference, int]]]:
        sections = []
        mentions: list[tuple[Reference, int]] = []
        for raw in split_sections(front.body, front.body_line):
            kind = section_kind(raw.title)
            if not raw.title.strip() and raw.title != "" and not raw.text.strip():
                continue
            oversized = oversized_blocks(raw.text, raw.first_line)
            for block in oversized:
                problems.error(path, block.line, block.message, block.hint)
            if oversized:
                continue
            locator = LineLocator(raw.text, raw.first_line)
            convert = ConvertContext(
                line_of=locator.line_of,
                mentions=_MentionFinder(path, context, problems, mentions).inlines,
                passage=_PassageMaker(path, problems).block,
                questions=kind is m.SectionKind.QUESTIONS,
            )
            try:
                blocks = self.converter.convert(raw.text, convert)
            except MarkdownTooComplex:
                problems.error(path, raw.heading_line, "this section nests lists or quotes too deeply",
                               "flatten the nesting to a few levels")
                continue
            if not raw.title and not blocks:
                continue
            for question in (b for b in blocks if isinstance(b, m.Question)):
                if question.lines is not None and not 0 <= question.lines <= 40:
                    problems.error(path, question.line, "`{lines=N}` needs a number from 0 to 40",
                                   "for example {lines=6}")
            blocks = tuple(_check_images(path, self.root, blocks, problems))
            sections.append(m.Section(kind, raw.title or "Teaching", blocks, raw.heading_line))
        return tuple(sections), mentions


def _check_images(path: Path, root: Path, blocks: tuple[m.Block, ...], problems: Collector):
    """Resolve image paths against the week file; refuse remote, missing and outside files."""
    for block in blocks:
        if not isinstance(block, m.Image):
            yield block
            continue
        target = block.source or str(block.path)
        if re.match(r"^[a-z][a-z0-9+.-]*:", target, re.IGNORECASE):
            problems.warn(path, block.line, f"image {target!r} is not a local file; it is left out",
                          "download the image into the study folder and reference it by path")
            continue
        resolved = (path.parent / target).resolve()
        if not resolved.is_relative_to(root.resolve()):
            problems.error(path, block.line, f"image {target!r} is outside the study folder",
                           "copy the image into the study (e.g. content/images/) and use that path")
            continue
        if not resolved.is_file():
            problems.error(path, block.line, f"image {target!r} does not exist",
                           f"check the file name; paths are relative to {path.parent.name}/")
            continue
        yield m.Image(resolved, block.alt, block.line, target)


class _MentionFinder:
    """Turns text into Text and ScriptureMention inlines; records mentions and bad refs."""

    def __init__(self, path: Path, context: Reference | None, problems: Collector,
                 mentions: list[tuple[Reference, int]]) -> None:
        self.path, self.context, self.problems, self.mentions = path, context, problems, mentions

    def inlines(self, text: str, line: int) -> tuple[m.Inline, ...]:
        found = find_references(text, self.context)
        if not found:
            return (m.Text(text),)
        result: list[m.Inline] = []
        position = 0
        for item in found:
            if item.problem:
                self.problems.warn(self.path, line, f"{text[item.start:item.end]!r}: {item.problem}",
                                   "check the chapter and verse")
                continue
            if item.start > position:
                result.append(m.Text(text[position:item.start]))
            result.append(m.ScriptureMention(text[item.start:item.end], (item.reference,)))
            self.mentions.append((item.reference, line))
            position = item.end
        if position < len(text):
            result.append(m.Text(text[position:]))
        return tuple(result)


class _PassageMaker:
    """Makes PassageBlocks for `!!! scripture "REF"`; a bad reference is an error."""

    def __init__(self, path: Path, problems: Collector) -> None:
        self.path, self.problems = path, problems

    def block(self, title: str, text: str | None, line: int) -> m.Block | None:
        label, translation = _split_translation(title)
        if not label:
            self.problems.error(self.path, line, "a scripture block needs a reference",
                                'write it like: !!! scripture "Psalm 63:1"')
            return None
        try:
            reference = parse_reference(label)
        except ScriptureError as error:
            self.problems.error(self.path, line, f"{label!r}: {error.message}", error.hint)
            return None
        return m.PassageBlock(reference, reference.label(), text, translation, line)


_TRANSLATION_SUFFIX = re.compile(r"^(.*?)\s*\(([A-Za-z0-9]{2,8})\)\s*$")


def _split_translation(label: str) -> tuple[str, str | None]:
    """'John 3:16 (KJV)' -> ('John 3:16', 'KJV')."""
    match = _TRANSLATION_SUFFIX.match(label.strip())
    if match:
        return match.group(1), match.group(2).upper()
    return label.strip(), None


class _Fields:
    """Typed access to front matter fields, reporting problems with lines."""

    def __init__(self, path: Path, front: FrontMatter, problems: Collector) -> None:
        self.path, self.front, self.problems = path, front, problems
        for key, (_, line) in front.fields.items():
            if key not in FRONT_MATTER_KEYS:
                problems.error(path, line, f"unknown front matter field `{key}`",
                               f"valid fields: {', '.join(FRONT_MATTER_KEYS)}")

    def line(self, key: str) -> int:
        return self.front.fields[key][1] if key in self.front.fields else 2

    def error(self, key: str, message: str, hint: str) -> None:
        self.problems.error(self.path, self.line(key), message, hint)

    def text(self, key: str, required: bool = False) -> str | None:
        """A text field exactly as written (so `no` stays "no")."""
        if key not in self.front.fields:
            if required:
                self.error(key, f"the week has no `{key}`", f"add `{key}: ...` to the front matter")
            return None
        node = self.front.fields[key][0]
        if not isinstance(node, yaml.ScalarNode) or not str(node.value).strip():
            self.error(key, f"`{key}` must be a line of text", f'write it as `{key}: "..."`')
            return None
        return " ".join(str(node.value).split())

    def week_number(self) -> int | None:
        if "week" not in self.front.fields:
            self.error("week", "the week has no `week` number", "add `week: 1` (the week's number)")
            return None
        node = self.front.fields["week"][0]
        value = node.value if isinstance(node, yaml.ScalarNode) else None
        if node.tag != "tag:yaml.org,2002:int" or not str(value).isdigit():
            self.error("week", f"`week` must be a whole number, not {value!r}",
                       "write the week's number, like `week: 2`")
            return None
        number = int(str(value))
        if not 1 <= number <= MAX_WEEK:
            self.error("week", f"`week` must be between 1 and {MAX_WEEK}, not {number}",
                       "weeks are numbered from 1")
            return None
        return number

    def date(self) -> dt.date | None:
        if "date" not in self.front.fields:
            return None
        node = self.front.fields["date"][0]
        raw = str(node.value) if isinstance(node, yaml.ScalarNode) else ""
        try:
            return dt.date.fromisoformat(raw.strip())
        except ValueError:
            self.error("date", f"`date` {raw!r} is not a real date in the form YYYY-MM-DD",
                       "for example `date: 2026-01-11`")
            return None

    def reference_field(self, key: str) -> m.ScriptureItem | None:
        if key not in self.front.fields:
            return None
        node, line = self.front.fields[key]
        return self._item(node, line, key)

    def scriptures(self) -> tuple[m.ScriptureItem, ...]:
        if "scriptures" not in self.front.fields:
            return ()
        node, _ = self.front.fields["scriptures"]
        if isinstance(node, yaml.ScalarNode):
            items = [node]
        elif isinstance(node, yaml.SequenceNode):
            items = node.value
        else:
            self.error("scriptures", "`scriptures` must be a list of references",
                       "write one `- John 15:5` line per passage")
            return ()
        found = [self._item(item, 2 + item.start_mark.line, "scriptures") for item in items]
        return tuple(item for item in found if item is not None)

    def _item(self, node: yaml.Node, line: int, key: str) -> m.ScriptureItem | None:
        text = translation = None
        if isinstance(node, yaml.MappingNode):
            value = _construct_safely(node)
            if not isinstance(value, dict):
                self.problems.error(self.path, line, f"`{key}` entry cannot be read", "use ref: and text:")
                return None
            unknown = [k for k in value if k not in SCRIPTURE_ITEM_KEYS]
            if unknown:
                self.problems.error(self.path, line, f"unknown field `{unknown[0]}` in a `{key}` entry",
                                    f"valid fields: {', '.join(SCRIPTURE_ITEM_KEYS)}")
            label = value.get("ref")
            text, translation = value.get("text"), value.get("translation")
            if text is not None and not isinstance(text, str):
                self.problems.error(self.path, line, "`text` must be text", "put the passage in quotes")
                text = None
            if translation is not None:
                translation = str(translation).strip().upper()
        elif isinstance(node, yaml.ScalarNode):
            label = node.value
        else:
            self.problems.error(self.path, line, f"`{key}` entries must be references",
                                "write a reference like `John 15:5`")
            return None
        if not isinstance(label, str) or not label.strip():
            self.problems.error(self.path, line, f"a `{key}` entry has no reference",
                                "add `ref: John 15:5`")
            return None
        label, suffix = _split_translation(label)
        try:
            reference = parse_reference(label)
        except ScriptureError as error:
            self.problems.error(self.path, line, f"{label!r}: {error.message}", error.hint)
            return None
        return m.ScriptureItem(reference, reference.label(), text, translation or suffix, line)


def _construct_safely(node: yaml.Node) -> object:
    try:
        return construct(node)
    except (yaml.YAMLError, ValueError):
        return None
