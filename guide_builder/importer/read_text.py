"""Plain text and Markdown -> blocks.

Both are read line by line: blank lines end paragraphs, `#` headings (and underlined
`===`/`---` ones), `>` quotes and `-`/`*`/`1.` list items are recognised in both, since
text copied from a blog often carries them. Markdown keeps its inline markup; images
and HTML comments are dropped (a week may not point at remote or missing images).
"""

from __future__ import annotations

import re

import yaml

from guide_builder.importer.model import Block, BlockKind, Notes, escape_line_start, escape_markdown

_ATX = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)(?:\s+#+)?\s*$")
_SETEXT = re.compile(r"^\s{0,3}(=+|-+)\s*$")
_RULE = re.compile(r"^\s{0,3}([-*_])(?:\s*\1){2,}\s*$")
_QUOTE = re.compile(r"^\s{0,3}>\s?(.*)$")
_ITEM = re.compile(
    r"^\s*(?:(?P<bullet>[-*+\u2022\u00b7\u25aa\u25e6\u2023])|(?P<number>\d{1,3})[.)])\s+(?P<text>\S.*)$"
)
_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_IMAGE = re.compile(r"!\[[^\]]*\](?:\([^)]*\)|\[[^\]]*\])")
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_BACKSLASH = re.compile(r"\\(?=[!-/:-@\[-`{-~])")


class _Builder:
    """Collects lines into blocks, flushing at blank lines and block starts."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.current: Block | None = None

    def flush(self) -> None:
        if self.current is not None and any(line.strip() for line in self.current.lines):
            self.blocks.append(self.current)
        self.current = None

    def start(self, block: Block) -> None:
        self.flush()
        self.current = block

    def add(self, kind: BlockKind, line: str, where: str) -> None:
        """Add a line to the open block of `kind`, or open one."""
        if self.current is None or self.current.kind != kind:
            self.start(Block(kind, [], where))
        assert self.current is not None
        self.current.lines.append(line)


def read_text(text: str, notes: Notes, markdown: bool) -> tuple[list[Block], str | None]:
    """Split plain text or Markdown into blocks; return them and a front matter title."""
    lines = text.split("\n")
    title, first = _front_matter(lines) if markdown else (None, 0)
    if markdown:
        body = _COMMENT.sub(lambda m: "\n" * m.group(0).count("\n"), "\n".join(lines))
        lines = body.split("\n")
    build = _Builder()
    keep = _keep if markdown else _escape_plain
    fenced = False
    for index in range(first, len(lines)):
        where = f"line {index + 1}"
        raw = lines[index].rstrip()
        if _FENCE.match(raw):
            fenced = not fenced
            build.flush()
            continue
        if fenced:
            build.add("para", escape_line_start(escape_markdown(raw.strip())), where)
            continue
        if markdown:
            raw = _drop_images(raw, where, notes)
        line = raw.strip()
        current = build.current
        if not line:
            build.flush()
        elif (heading := _ATX.match(raw)) and heading.group(2):
            build.start(Block("heading", [keep(heading.group(2))], where, level=len(heading.group(1))))
            build.flush()
        elif _SETEXT.match(raw) and current is not None and current.kind == "para" and len(current.lines) < 2:
            current.kind, current.level = "heading", 1 if "=" in line else 2
            build.flush()
        elif _RULE.match(raw):
            build.flush()
        elif quote := _QUOTE.match(raw):
            inner = quote.group(1).strip()
            if inner:
                build.add("quote", keep(inner), where)
            elif current is not None and current.kind == "quote":
                build.flush()
        elif item := _ITEM.match(raw):
            ordered = bool(item.group("number"))
            build.start(Block("item", [keep(item.group("text").strip())], where, ordered=ordered))
        elif current is not None and current.kind == "item" and raw[:1].isspace():
            current.lines.append(keep(line))
        else:
            build.add("para", keep(line), where)
    build.flush()
    return build.blocks, title


def _keep(line: str) -> str:
    return line


def _escape_plain(line: str) -> str:
    """Plain text is not Markdown: a backslash before punctuation stays a backslash, `![` is no image."""
    return _BACKSLASH.sub(r"\\\\", line).replace("![", "!\\[")


def _drop_images(line: str, where: str, notes: Notes) -> str:
    for image in _IMAGE.findall(line):
        notes.drop(where, image, "image; add images to the week by hand")
    return _IMAGE.sub("", line)


def _front_matter(lines: list[str]) -> tuple[str | None, int]:
    """A Markdown file's own YAML front matter (Jekyll, Hugo): its title, and where the body starts."""
    if not lines or lines[0].strip() != "---":
        return None, 0
    for index in range(1, min(len(lines), 200)):
        if lines[index].strip() in ("---", "..."):
            try:
                data = yaml.safe_load("\n".join(lines[1:index]))
            except yaml.YAMLError:
                return None, 0
            if not isinstance(data, dict):
                return None, 0
            title = data.get("title")
            return (str(title).strip() or None) if title is not None else None, index + 1
    return None, 0
