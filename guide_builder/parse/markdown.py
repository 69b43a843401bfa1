"""Markdown text -> model blocks, via python-markdown's element tree.

python-markdown does the Markdown (admonition, attr_list, tables, footnotes);
this module walks the tree it builds and turns elements into typed blocks, curling
quotes and dashes in each text run on the way (parse/typography.py). Stashed HTML
comes back as text: entities are decoded, raw HTML is shown literally, never
interpreted. Only http(s) and mailto links survive.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import markdown
from markdown.extensions import Extension
from markdown.extensions.admonition import AdmonitionExtension
from markdown.extensions.attr_list import AttrListExtension
from markdown.extensions.footnotes import NBSP_PLACEHOLDER, FootnoteExtension
from markdown.extensions.sane_lists import SaneListExtension
from markdown.extensions.tables import TableExtension
from markdown.inlinepatterns import InlineProcessor
from markdown.util import HTML_PLACEHOLDER_RE, Registry

from guide_builder import model as m
from guide_builder.parse.typography import smarten

# python-markdown's own extensions, as classes: named by a string, each would be looked up
# among the entry points of every installed package first (importing importlib.metadata
# and reading them all: some 30 ms before the first week is parsed)
EXTENSIONS = (AdmonitionExtension, AttrListExtension, TableExtension, FootnoteExtension, SaneListExtension)
BLANK_PATTERN = r"\{\{([^{}\n]{1,80}?)\}\}"
SAFE_SCHEMES = ("http://", "https://", "mailto:")
_ENTITY = re.compile(r"^&(#\d+|#x[0-9a-fA-F]+|\w+);$")


MAX_NESTING = 8
MAX_BRACKETS_PER_PARAGRAPH = 64
_NESTED_MARKERS = re.compile(r"^(\s*)((?:(?:[-*+]|\d{1,9}[.)]|>)[ \t]+){" + str(MAX_NESTING + 1) + ",})")
_MARKER = re.compile(r"([-*+>]|\d{1,9}[.)])")


class MarkdownTooComplex(Exception):
    """The text nests lists or quotes too deeply for the Markdown parser."""


def guard_markdown(text: str) -> str:
    """Defuse inputs that make python-markdown quadratic or recursive, keeping their text.

    Paragraphs (runs of lines without a blank line) with very many brackets or angle
    brackets get them escaped (python-markdown tries every `[` as a link start, across
    lines), and runs of more than MAX_NESTING list or quote markers at the start of a
    line are escaped so they stay literal text.
    """
    lines = text.split("\n")
    start = 0
    for end in [*(i for i, line in enumerate(lines) if not line.strip()), len(lines)]:
        _guard_paragraph(lines, start, end)
        start = end + 1
    for index, line in enumerate(lines):
        match = _NESTED_MARKERS.match(line)
        if match:
            escaped = _MARKER.sub(lambda m: _escape_marker(m.group(1)), match.group(2))
            lines[index] = match.group(1) + escaped + line[match.end():]
    return "\n".join(lines)


def _guard_paragraph(lines: list[str], start: int, end: int) -> None:
    """Escape brackets in lines[start:end] when the paragraph holds too many to parse quickly."""
    if sum(line.count("[") for line in lines[start:end]) > MAX_BRACKETS_PER_PARAGRAPH:
        for index in range(start, end):
            lines[index] = lines[index].replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")
    if sum(line.count("<") for line in lines[start:end]) > MAX_BRACKETS_PER_PARAGRAPH:
        for index in range(start, end):
            lines[index] = lines[index].replace("<", "&lt;")


def _escape_marker(marker: str) -> str:
    if marker[-1] in ".)" and marker[:-1].isdigit():
        return marker[:-1] + "\\" + marker[-1]
    return "\\" + marker


class _BlankProcessor(InlineProcessor):
    """`{{word}}` -> <blank>word</blank>, before any other inline pattern sees it."""

    def handleMatch(self, match: re.Match[str], data: str) -> tuple[ET.Element, int, int]:
        element = ET.Element("blank")
        element.text = markdown.util.AtomicString(match.group(1).strip())
        return element, match.start(0), match.end(0)


class _OnlyWith:
    """An inline pattern's regular expression, looking only in text that holds the one
    character every match of it holds.

    Some of python-markdown's inline patterns begin with a lookbehind (code spans, and the
    three link patterns: `(?<!\\!)\\[`), so the regex engine cannot skip ahead to the
    character they need and tries them at every character of every text run. Code spans
    alone were a tenth of all parsing, the three link patterns a tenth of the rest. Text
    without the character is passed over at once.
    """

    def __init__(self, compiled: re.Pattern[str], needed: str) -> None:
        self.compiled = compiled
        self.needed = needed

    def finditer(self, data: str, start: int = 0):
        return self.compiled.finditer(data, start) if data.find(self.needed, start) != -1 else iter(())

    def __getattr__(self, name: str):
        return getattr(self.compiled, name)


# inline patterns -> the character each of their matches holds
_NEEDED = {"backtick": "`", "reference": "[", "link": "[", "short_reference": "["}


class _GuideExtension(Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.inlinePatterns.register(_BlankProcessor(BLANK_PATTERN, md), "blank", 200)
        for name, needed in _NEEDED.items():
            if name in md.inlinePatterns:
                pattern = md.inlinePatterns[name]
                scanner = _OnlyWith(pattern.getCompiledRegExp(), needed)
                pattern.getCompiledRegExp = lambda scanner=scanner: scanner


class _FixedRegistry(Registry):
    """A python-markdown registry that no longer changes, its items listed once.

    python-markdown sorts and lists a registry's items again every time it is iterated or
    indexed: once per block for the block processors, once per inline pattern per text run.
    A converter's registries are complete once it is made, so `fix` lists them there.
    """

    def fix(self) -> None:
        self._sort()
        self._listed = [self._data[name] for name, _ in self._priority]

    def __iter__(self):
        return iter(self._listed)

    def __len__(self) -> int:
        return len(self._listed)

    def __getitem__(self, key):
        if type(key) is int:
            return self._listed[key]
        return super().__getitem__(key)

    def register(self, item, name: str, priority: float) -> None:
        raise RuntimeError("a fixed registry does not change")

    def deregister(self, name: str, strict: bool = True) -> None:
        raise RuntimeError("a fixed registry does not change")


def _fix_registries(md: markdown.Markdown) -> None:
    for registry in (md.preprocessors, md.parser.blockprocessors, md.inlinePatterns, md.treeprocessors,
                     md.postprocessors):
        registry.__class__ = _FixedRegistry
        registry.fix()
    inline = md.treeprocessors["inline"]
    inline.__class__ = _InlineSkipping
    inline.wanted = [_holding_any(_WANTED[name]) if name in _WANTED else None
                     for name, _ in md.inlinePatterns._priority]
    for name, needed in _block_needs(md.tab_length).items():
        if name in md.parser.blockprocessors:
            processor = md.parser.blockprocessors[name]
            processor.test = _tried_only_with(processor.test, needed)
    if "admonition" in md.parser.blockprocessors:
        admonition = md.parser.blockprocessors["admonition"]
        admonition.test = _admonition_test(admonition)


# block processor -> characters one of which every block it takes holds. The block parser
# asks each processor in turn whether it takes a block (most of them with a regular
# expression over the whole block) until the paragraph processor takes what none of them
# did; about a tenth of all parsing. The last two say yes to every block and look in `run`
# (which puts the block back when they find nothing): saying no at once is the same.
_BLOCK_WANTED = {"table": "|", "hashheader": "#", "quote": ">", "footnote": "[", "reference": "["}


def _block_needs(tab_length: int) -> dict[str, Callable[[str], object]]:
    """Block processor -> a test every block it takes passes (truthy), asked first.

    Beyond `_BLOCK_WANTED`: a list begins its block with an item's marker (after at most
    `tab_length - 1` spaces: python-markdown matches at the start); a setext heading's
    second line begins with `=` or `-`; a rule is three or more of one mark (`-`, `_`, `*`),
    which prose with a hyphen or two does not have."""
    indent = tab_length - 1
    needs = {name: _holding_any(characters) for name, characters in _BLOCK_WANTED.items()}
    needs.update({
        "ulist": re.compile(rf" {{0,{indent}}}[*+-]").match,
        "olist": re.compile(rf" {{0,{indent}}}\d").match,
        "setextheader": re.compile(r"[^\n]*\n[=-]").match,
        "hr": lambda block: block.count("-") > 2 or block.count("_") > 2 or block.count("*") > 2,
    })
    return needs


BlockTest = Callable[[ET.Element, str], bool]


def _tried_only_with(test: BlockTest, needed: Callable[[str], object]) -> BlockTest:
    """`test`, answering no at once for a block that does not pass `needed`."""

    def quick_test(parent: ET.Element, block: str) -> bool:
        return bool(needed(block)) and test(parent, block)
    return quick_test


def _admonition_test(processor) -> BlockTest:
    """The admonition processor's `test`, answering no at once for a block without `!!!`
    that is not indented while no admonition is open: it takes such a block only to go on
    with the admonition it follows (indented under it), and changes nothing when it does not."""
    test = processor.test
    indent = " " * processor.tab_length

    def quick_test(parent: ET.Element, block: str) -> bool:
        if "!!!" not in block and processor.current_sibling is None and not block.startswith(indent):
            return False
        return test(parent, block)
    return quick_test


def _holding_any(characters: str) -> Callable[[str], object]:
    """A test of whether a text holds one of `characters` (truthy if it does)."""
    if len(characters) == 1:
        return lambda text: characters in text
    return re.compile(f"[{re.escape(characters)}]").search


# inline pattern -> characters one of which every match of it holds (a pattern not named
# here is always tried); em_strong2 and not_strong are the names of python-markdown 3.7-3.10
_WANTED = {
    **_NEEDED, "blank": "{", "escape": "\\", "footnote": "[", "image_link": "!", "image_reference": "!",
    "short_image_ref": "!", "autolink": "<", "automail": "<", "linebreak": "\n", "html": "<", "entity": "&",
    "em_strong": "*_", "em_strong2": "_", "not_strong": "*_",
}


class _InlineSkipping(markdown.treeprocessors.InlineProcessor):
    """python-markdown's inline tree processor, passing over a pattern at once when the text
    holds none of the characters every match of it holds.

    python-markdown tries each of its fifteen inline patterns on every run of text (a call
    that sets up a regex search), though most runs hold nothing any of them could match;
    about a tenth of all parsing. Passing over a pattern gives what trying it gives, no
    match (the loop below is python-markdown's own, with the check added).
    """

    wanted: list[Callable[[str], object] | None]

    def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> str:
        if not isinstance(data, markdown.util.AtomicString):
            index, start = patternIndex, 0
            count = len(self.inlinePatterns)
            wanted = self.wanted
            while index < count:
                holds = wanted[index]
                if holds is not None and not holds(data):
                    index, start = index + 1, 0
                    continue
                data, matched, start = self._InlineProcessor__applyPattern(
                    self.inlinePatterns[index], data, index, start)
                if not matched:
                    index += 1
        return data


@dataclass
class ConvertContext:
    """What the tree walk needs from the week: where the text is, how to make inline refs."""

    line_of: Callable[[str], int]
    mentions: Callable[[str, int], tuple[m.Inline, ...]]
    passage: Callable[[str, str | None, int], m.Block | None]
    questions: bool = False


_SPACES_ONLY_LINE = re.compile(r"(?<=\n) +\n")


def normalized_whitespace(lines: list[str], tab_length: int) -> list[str]:
    """python-markdown's `NormalizeWhitespace.run`: the same lines. Its pattern for lines of
    spaces only (a lookbehind, tried at every character) is searched for only where a space
    ends a line."""
    source = "\n".join(lines)
    source = source.replace(markdown.util.STX, "").replace(markdown.util.ETX, "")
    source = source.replace("\r\n", "\n").replace("\r", "\n") + "\n\n"
    source = source.expandtabs(tab_length)
    if " \n" in source:
        source = _SPACES_ONLY_LINE.sub("\n", source)
    return source.split("\n")


class MarkdownConverter:
    """One configured python-markdown instance, reused for every section."""

    def __init__(self) -> None:
        self._md = markdown.Markdown(extensions=[*(extension() for extension in EXTENSIONS),
                                                 _GuideExtension()])
        _fix_registries(self._md)
        self._html_block = self._md.preprocessors["html_block"]
        self._unescape = self._md.treeprocessors["unescape"]
        self._attr_list = self._md.treeprocessors["attr_list"]
        self._normalize = self._md.preprocessors["normalize_whitespace"]

    def _tree(self, text: str) -> ET.Element | None:
        """The finished element tree of `text`: python-markdown's `convert` up to its last
        tree processor, without writing the tree out as HTML (which nothing here reads: the
        walker takes raw HTML blocks from the stash). None for blank text."""
        md = self._md
        md.reset()
        if not text.strip():
            return None
        md.lines = text.split("\n")
        # raw HTML is found by an HTML parser fed the whole text; a text without `<` or `&`
        # is one run of data to it, given back line for line as it came
        plain = "<" not in text and "&" not in text
        for preprocessor in md.preprocessors:
            if preprocessor is self._normalize:
                md.lines = normalized_whitespace(md.lines, md.tab_length)
            elif not (plain and preprocessor is self._html_block):
                md.lines = preprocessor.run(md.lines)
        root = md.parser.parseDocument(md.lines).getroot()
        # backslash escapes become placeholders (STX, the character's number, ETX) that the
        # last tree processor turns back into characters: a text without `\` has none; and
        # an attribute list (`{: .class}`, `{lines=4}`) begins with `{`
        passed_over = {self._unescape: "\\" not in text, self._attr_list: "{" not in text}
        for treeprocessor in md.treeprocessors:
            if passed_over.get(treeprocessor):
                continue
            replaced = treeprocessor.run(root)
            if replaced is not None:
                root = replaced
        return root

    def convert(self, text: str, context: ConvertContext) -> tuple[m.Block, ...]:
        """Convert one section's Markdown to blocks.

        Raises MarkdownTooComplex when python-markdown recurses too deeply even after guarding.
        """
        try:
            root = self._tree(guard_markdown(text))
        except RecursionError:
            raise MarkdownTooComplex from None
        stash = list(self._md.htmlStash.rawHtmlBlocks)
        if root is None:
            return ()
        if _nesting(root) > MAX_NESTING:
            raise MarkdownTooComplex
        walker = _TreeWalker(stash, context)
        return walker.blocks(root)


_NESTING_TAGS = frozenset({"ul", "ol", "blockquote"})


def _nesting(root: ET.Element) -> int:
    """How deeply lists and block quotes nest in the tree (walked without recursion)."""
    deepest = 0
    stack = [(root, 0)]
    while stack:
        element, depth = stack.pop()
        depth += element.tag in _NESTING_TAGS
        deepest = max(deepest, depth)
        stack.extend((child, depth) for child in element)
    return deepest


class _TreeWalker:
    def __init__(self, stash: list[str], context: ConvertContext) -> None:
        self.stash = stash
        self.context = context
        self.line = context.line_of("")
        self.last_char = " "  # the character before the next text run (for quote direction)

    # ---- text -------------------------------------------------------------------

    def restore(self, text: str | None) -> str:
        """Replace htmlStash placeholders: entities decoded, raw HTML kept as literal text."""
        if not text:
            return ""
        if "\x02" not in text:  # every placeholder starts with STX: most text has none
            return text

        def put_back(match: re.Match[str]) -> str:
            index = int(match.group(1))
            raw = self.stash[index] if index < len(self.stash) else ""
            raw = raw if isinstance(raw, str) else str(raw)
            return html.unescape(raw) if _ENTITY.match(raw.strip()) else raw

        return HTML_PLACEHOLDER_RE.sub(put_back, text.replace(NBSP_PLACEHOLDER, ""))

    def plain(self, element: ET.Element) -> str:
        """All text inside an element, placeholders restored."""
        return self.restore("".join(element.itertext()))

    def text_inlines(self, text: str | None) -> list[m.Inline]:
        restored = self.restore(text)
        if not restored:
            return []
        restored = smarten(restored, self.last_char)
        self.last_char = restored[-1]
        return list(self.context.mentions(restored, self.line))

    def inlines(self, element: ET.Element) -> tuple[m.Inline, ...]:
        """Inline children of a block element."""
        result = self.text_inlines(element.text)
        for child in element:
            result.extend(self.inline(child))
            result.extend(self.text_inlines(child.tail))
        return tuple(result)

    def inline(self, element: ET.Element) -> list[m.Inline]:
        tag = element.tag
        if tag in ("em", "i"):
            return [m.Emphasis(self.inlines(element))]
        if tag in ("strong", "b"):
            return [m.Strong(self.inlines(element))]
        if tag == "code":
            return [m.Code(html.unescape(self.plain(element)))]
        if tag == "blank":
            return [m.Blank(self.plain(element))]
        if tag == "br":
            return [m.LineBreak()]
        if tag == "sup" and element.get("id", "").startswith("fnref"):
            return [m.FootnoteRef(self.plain(element))]
        if tag == "a":
            if "footnote-backref" in element.get("class", ""):
                return []
            href = (element.get("href") or "").strip()
            children = self.inlines(element)
            if href.lower().startswith(SAFE_SCHEMES):
                return [m.Link(href, children)]
            return list(children)
        if tag == "img":
            alt = element.get("alt") or ""
            return [m.Text(alt)] if alt else []
        return list(self.inlines(element))

    # ---- blocks -----------------------------------------------------------------

    def blocks(self, parent: ET.Element) -> tuple[m.Block, ...]:
        result: list[m.Block] = []
        for element in parent:
            result.extend(self.block(element))
        return tuple(result)

    def locate(self, element: ET.Element) -> int:
        snippet = self.plain(element).strip()
        if not snippet:
            snippet = " ".join(image.get("src") or "" for image in element.iter("img"))
        if snippet:
            self.line = self.context.line_of(snippet)
        return self.line

    def block(self, element: ET.Element) -> list[m.Block]:
        tag = element.tag
        self.last_char = " "
        line = self.locate(element)
        if tag == "p":
            return self.paragraph(element, line)
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            return [m.Heading(int(tag[1]), self.inlines(element), line)]
        if tag in ("ul", "ol"):
            return self.list_block(element, line)
        if tag == "blockquote":
            return [m.Quote(self.blocks(element), line)]
        if tag == "table":
            return [self.table(element, line)]
        if tag == "hr":
            return [m.Rule(line)]
        if tag == "pre":
            return [m.Paragraph((m.Code(html.unescape(self.plain(element)).rstrip("\n")),), line)]
        if tag == "div" and "admonition" in element.get("class", ""):
            return [self.admonition(element, line)]
        if tag == "div" and "footnote" in element.get("class", ""):
            return [self.footnotes(element, line)]
        return list(self.blocks(element)) or self.paragraph(element, line)

    def paragraph(self, element: ET.Element, line: int) -> list[m.Block]:
        """A paragraph; images in it become image blocks after its text."""
        images = [child for child in element if child.tag == "img"]
        for image in images:
            index = list(element).index(image)
            if index == 0:
                element.text = (element.text or "") + (image.tail or "")
            else:
                previous = element[index - 1]
                previous.tail = (previous.tail or "") + (image.tail or "")
            element.remove(image)
        inlines = self.inlines(element)
        text = [m.Paragraph(inlines, line)] if any(self.context_visible(i) for i in inlines) else []
        return text + [m.Image(Path(img.get("src") or ""), img.get("alt") or "", line, img.get("src") or "")
                       for img in images]

    @staticmethod
    def context_visible(inline: m.Inline) -> bool:
        """False for inline content that is only whitespace."""
        return not (isinstance(inline, m.Text) and not inline.text.strip())

    def list_block(self, element: ET.Element, line: int) -> list[m.Block]:
        ordered = element.tag == "ol"
        start = int(element.get("start", "1")) if element.get("start", "1").isdigit() else 1
        items = [child for child in element if child.tag == "li"]
        if self.context.questions:
            return [self.question(item, start + index) for index, item in enumerate(items)]
        return [m.ListBlock(ordered, start, tuple(self.list_item(item) for item in items), line)]

    def list_item(self, item: ET.Element) -> tuple[m.Block, ...]:
        self.locate(item)
        self.last_char = " "
        if any(child.tag in ("p", "ul", "ol", "blockquote", "div", "pre", "table") for child in item):
            lead = self.text_inlines(item.text)
            rest = list(self.blocks(item))
            return (m.Paragraph(tuple(lead), self.line), *rest) if lead else tuple(rest)
        return (m.Paragraph(self.inlines(item), self.line),)

    def question(self, item: ET.Element, number: int) -> m.Question:
        line = self.locate(item)
        blocks = self.list_item(item)
        first = blocks[0] if blocks and isinstance(blocks[0], m.Paragraph) else None
        inlines = first.inlines if first else ()
        inlines, lines = split_lines_attribute(inlines, item.get("lines"))
        rest = blocks[1:] if first else blocks
        return m.Question(number, inlines, lines, tuple(rest), line)

    def cell_inlines(self, cell: ET.Element) -> tuple[m.Inline, ...]:
        """A table cell's inlines (its text starts afresh: a quote at its start opens)."""
        self.last_char = " "
        return self.inlines(cell)

    def table(self, element: ET.Element, line: int) -> m.Table:
        header: list[tuple[m.Inline, ...]] = []
        rows: list[tuple[tuple[m.Inline, ...], ...]] = []
        for row in element.iter("tr"):
            cells = tuple(self.cell_inlines(cell) for cell in row if cell.tag in ("th", "td"))
            if all(cell.tag == "th" for cell in row) and not rows and not header:
                header = list(cells)
            else:
                rows.append(cells)
        return m.Table(tuple(header), tuple(rows), line)

    def admonition(self, element: ET.Element, line: int) -> m.Block:
        classes = element.get("class", "").split()
        kind = next((c for c in classes if c != "admonition"), "note")
        title_element = next((c for c in element if "admonition-title" in c.get("class", "")), None)
        title = self.plain(title_element).strip() if title_element is not None else ""
        body = [child for child in element if child is not title_element]
        holder = ET.Element("div")
        holder.extend(body)
        if kind == "leader":
            return m.LeaderNote(self.blocks(holder), line)
        if kind == "scripture":
            text = "\n".join(self.plain(child).strip() for child in body).strip()
            passage = self.context.passage(title, text or None, line)
            return passage if passage is not None else m.Callout(title, self.blocks(holder), line)
        return m.Callout(title or kind.capitalize(), self.blocks(holder), line)

    def footnotes(self, element: ET.Element, line: int) -> m.Footnotes:
        items = []
        notes = [item for holder in element if holder.tag == "ol" for item in holder if item.tag == "li"]
        for number, item in enumerate(notes, start=1):
            items.append((str(number), self.blocks(item)))  # the number its reference shows
        return m.Footnotes(tuple(items), line)


_LINES_ATTRIBUTE = re.compile(r"\s*\{\s*:?\s*lines\s*=\s*\"?(\w+)\"?\s*\}\s*$")


def split_lines_attribute(
    inlines: tuple[m.Inline, ...], attribute: str | None
) -> tuple[tuple[m.Inline, ...], int | None]:
    """Take `{lines=N}` off the end of a question; return the question and N."""
    if attribute is not None:
        return inlines, int(attribute) if attribute.isdigit() else -1
    if inlines and isinstance(inlines[-1], m.Text):
        match = _LINES_ATTRIBUTE.search(inlines[-1].text)
        if match:
            value = match.group(1)
            kept = inlines[-1].text[: match.start()]
            head = inlines[:-1] + ((m.Text(kept),) if kept else ())
            return head, int(value) if value.isdigit() else -1
    return inlines, None
