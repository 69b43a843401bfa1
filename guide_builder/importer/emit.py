"""Writing the week file: front matter, `##` sections and their blocks, in SPEC format.

Text that the week format would read as markup is escaped: every `{` (so `{{word}}` is
not a fill-in blank and `{...}` not an attribute list), a line that starts with `!!!`
(not a block) or with `#` (not a section), a line of `=` or `-` (not a heading
underline). Passages are written as `!!! scripture "REF"` blocks with the author's
words indented beneath.
"""

from __future__ import annotations

import json
import re
import unicodedata

from guide_builder.importer.model import Block, escape_markdown
from guide_builder.importer.structure import Outline

_BRACE = re.compile(r"(?<!\\)\{")
_BANG = re.compile(r"^(\s*)(!!!|#)")
_UNDERLINE = re.compile(r"^\s*[=-]+\s*$")
_PLAIN_YAML = re.compile(r"[A-Za-z][A-Za-z0-9 ,.'\u2019!?()&/-]*")
_YAML_WORDS = {"yes", "no", "true", "false", "on", "off", "null", "y", "n", "~"}


def escape_line(line: str) -> str:
    """One line of Markdown with nothing the week format would interpret."""
    line = _BRACE.sub(r"\\{", line)
    line = _BANG.sub(r"\1\\\2", line)
    if _UNDERLINE.match(line):
        line = "\\" + line.lstrip()
    return line


def yaml_text(value: str) -> str:
    """A front matter value: plain when YAML reads it back unchanged, else double-quoted."""
    value = " ".join(value.replace("\u2028", " ").replace("\u2029", " ").split())
    if _PLAIN_YAML.fullmatch(value) and value.lower() not in _YAML_WORDS and not value.endswith((":", "?")):
        return value
    return json.dumps(value, ensure_ascii=False)


def slug(title: str) -> str:
    """ASCII words of a title joined by hyphens, at most 60 characters."""
    text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode().lower()
    text = re.sub(r"['\u2019]", "", text)
    text = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    if len(text) > 60:
        text = text[:61].rsplit("-", 1)[0]
    return text or "imported"


def front_matter(week: int, title: str, layout: str | None, big_idea: str | None,
                 scriptures: list[str]) -> list[str]:
    """The `---` block."""
    lines = ["---", f"week: {week}", f"title: {yaml_text(title)}"]
    if layout:
        lines.append(f"layout: {yaml_text(layout)}")
    if big_idea:
        lines.append(f"big_idea: {yaml_text(escape_line(big_idea))}")
    if scriptures:
        lines.append("scriptures:")
        lines.extend(f"  - {label}" for label in scriptures)
    lines.append("---")
    return lines


def _block_lines(block: Block, number: int) -> list[str]:
    if block.kind == "heading":
        return [f"### {escape_line(escape_markdown(block.text))}"]  # heading text is plain text
    if block.kind == "passage":
        body = [f"    {escape_line(line.strip())}" if line.strip() else "" for line in block.lines]
        return [f'!!! scripture "{block.label}"', *body]
    if block.kind == "quote":
        return [f"> {escape_line(line.strip())}" for line in block.lines]
    if block.kind in ("item", "question"):
        marker = f"{number}." if block.kind == "question" or block.ordered else "-"
        indent = " " * (len(marker) + 1)
        first, *rest = [escape_line(line.strip()) for line in block.lines if line.strip()] or [""]
        if block.kind == "question":
            return [f"{marker} {' '.join([first, *rest])}"]
        return [f"{marker} {first}", *(indent + line for line in rest)]
    return [escape_line(line.strip()) for line in block.lines if line.strip()]


def body(outline: Outline) -> list[str]:
    """The sections, each `## Title` and its blocks separated by blank lines."""
    out: list[str] = []
    for section in outline.sections:
        out.extend([f"## {escape_line(escape_markdown(section.title))}", ""])
        asked, run, previous = 0, 0, None
        for block in section.blocks:
            listed = block.kind in ("item", "question")
            tight = listed and previous is not None and previous.kind == block.kind
            if block.kind == "item":
                tight = tight and previous is not None and previous.ordered == block.ordered
                run = run + 1 if tight else 1
            asked += block.kind == "question"
            if tight and out and out[-1] == "":
                out.pop()
            out.extend([*_block_lines(block, asked if block.kind == "question" else run), ""])
            previous = block
    while out and out[-1] == "":
        out.pop()
    return out


def week_text(week: int, title: str, layout: str | None, outline: Outline, scriptures: list[str]) -> str:
    """The complete week file."""
    lines = front_matter(week, title, layout, outline.big_idea, scriptures)
    lines.append("")
    lines.extend(body(outline))
    return "\n".join(lines) + "\n"
