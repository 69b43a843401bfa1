"""Week front matter: split the `---` block, read YAML safely, keep each key's line.

YAML 1.1 reads `no` as false and `12:30` as 750; text fields therefore take the scalar
exactly as written. Unsafe or custom tags, duplicate keys and syntax errors become
diagnostics with the line in the week file (not in the YAML block).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

from guide_builder.deferred import patterns_deferred

# yaml.reader compiles `Reader.NON_PRINTABLE` on import (about 5 ms, before weeks are
# parsed), a class over most of Unicode that only the pure-Python reader uses: libyaml
# reads front matter first (`_compose`), and that reader only what libyaml refuses
with patterns_deferred({"yaml.reader": "[^\t\n\r -~\x85"}):
    import yaml

MAX_FRONT_MATTER_BYTES = 256 * 1024
MAX_DEPTH = 8


@dataclass(frozen=True)
class FrontMatter:
    """The mapping of the front matter: key -> (YAML node, file line of the key)."""

    fields: dict[str, tuple[yaml.Node, int]]
    body: str
    body_line: int


@dataclass(frozen=True)
class FrontMatterProblem:
    """Why front matter could not be read."""

    line: int | None
    message: str
    hint: str


def split_front_matter(text: str) -> tuple[str, str, int] | FrontMatterProblem:
    """Return (yaml text, body, first body line); the YAML block starts on line 2."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return FrontMatterProblem(
            1, "the week file does not start with front matter",
            "begin the file with a line `---`, then `week: 1` and `title: ...`, then `---`",
        )
    for index in range(1, len(lines)):
        if lines[index].strip() in ("---", "..."):
            yaml_text = "\n".join(lines[1:index])
            body = "\n".join(lines[index + 1 :])
            return yaml_text, body, index + 2
    return FrontMatterProblem(
        1, "the front matter is not closed",
        "add a line `---` after the last front matter field",
    )


YAML_TAG = "tag:yaml.org,2002:"
SAFE_TAGS = frozenset(
    f"{YAML_TAG}{name}"
    for name in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map", "merge")
)


def _shown_tag(tag: str) -> str:
    """A tag as the user wrote it: `!!python/object` rather than its expanded URI."""
    return "!!" + tag.removeprefix(YAML_TAG) if tag.startswith(YAML_TAG) else tag


def _node_problem(root: yaml.Node) -> FrontMatterProblem | None:
    """The first tag that is not plain YAML data, or nesting deeper than MAX_DEPTH (no recursion)."""
    stack: list[tuple[yaml.Node, int]] = [(root, 0)]
    while stack:
        node, level = stack.pop()
        if node.tag not in SAFE_TAGS:
            return FrontMatterProblem(2 + node.start_mark.line,
                                      f"YAML tags are not allowed here ({_shown_tag(node.tag)})",
                                      "remove the `!tag`; front matter holds plain text, numbers and lists")
        if level > MAX_DEPTH:
            return FrontMatterProblem(2, "the front matter is nested too deeply",
                                      "front matter fields are text, numbers or simple lists")
        if isinstance(node, yaml.MappingNode):
            stack.extend((child, level + 1) for pair in node.value for child in pair)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((child, level + 1) for child in node.value)
    return None


def _problem_from_yaml(error: yaml.YAMLError, text: str, first_line: int) -> FrontMatterProblem:
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    line = first_line + mark.line if mark is not None else None
    if isinstance(error, yaml.reader.ReaderError):  # a character YAML refuses: located by position
        line = first_line + text.count("\n", 0, error.position)
    problem = getattr(error, "problem", None) or str(error).split("\n")[0]
    if "could not determine a constructor" in str(error) or "tag" in str(problem):
        return FrontMatterProblem(line, f"YAML tags are not allowed here ({problem})",
                                  "remove the `!tag`; front matter holds plain text, numbers and lists")
    return FrontMatterProblem(line, f"the front matter is not valid YAML: {problem}",
                              "check indentation and put text containing `:` or `#` in quotes")


_FAST_LOADER = getattr(yaml, "CSafeLoader", None)  # libyaml, when PyYAML was built with it
# the ASCII characters PyYAML's reader refuses
_REFUSED_ASCII = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@functools.cache
def _refused() -> re.Pattern[str]:
    """Every character PyYAML's reader refuses: the complement of its `NON_PRINTABLE`
    class (which takes five times as long to compile)."""
    return re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")


def yaml_refuses(text: str) -> bool:
    """Whether `text` has a character PyYAML's reader refuses (`Reader.check_printable`)."""
    return (_REFUSED_ASCII if text.isascii() else _refused()).search(text) is not None


def _compose(yaml_text: str) -> yaml.Node | None:
    """The YAML node tree, composed by libyaml when available (several times faster).

    Text the pure-Python reader would refuse, and any text libyaml finds an error in, is
    composed by the pure-Python loader, so problems are reported with its messages and lines.
    """
    if _FAST_LOADER is not None and not yaml_refuses(yaml_text):
        try:
            return yaml.compose(yaml_text, Loader=_FAST_LOADER)
        except yaml.YAMLError:
            pass
    return yaml.compose(yaml_text, Loader=yaml.SafeLoader)


def parse_front_matter(path: Path, text: str) -> FrontMatter | FrontMatterProblem:
    """Compose the YAML (no construction of arbitrary objects) and index its keys."""
    split = split_front_matter(text)
    if isinstance(split, FrontMatterProblem):
        return split
    yaml_text, body, body_line = split
    if len(yaml_text.encode()) > MAX_FRONT_MATTER_BYTES:
        return FrontMatterProblem(2, "the front matter is too large",
                                  "front matter holds a few fields; move long text into the body")
    try:
        node = _compose(yaml_text)
    except yaml.YAMLError as error:
        return _problem_from_yaml(error, yaml_text, 2)
    except RecursionError:
        return FrontMatterProblem(2, "the front matter is nested too deeply",
                                  "front matter fields are text, numbers or simple lists")
    if node is None:
        return FrontMatterProblem(2, "the front matter is empty", "add `week: N` and `title: ...`")
    if not isinstance(node, yaml.MappingNode):
        return FrontMatterProblem(2 + node.start_mark.line, "the front matter must be `key: value` lines",
                                  "write one field per line, like `title: Be Still`")
    problem = _node_problem(node)
    if problem is not None:
        return problem
    fields: dict[str, tuple[yaml.Node, int]] = {}
    for key_node, value_node in node.value:
        line = 2 + key_node.start_mark.line
        if not isinstance(key_node, yaml.ScalarNode):
            return FrontMatterProblem(line, "a front matter key must be a plain word",
                                      "write keys like `title:`")
        if key_node.value in fields:
            first = fields[key_node.value][1]
            return FrontMatterProblem(line, f"`{key_node.value}` is given twice",
                                      f"keep one `{key_node.value}:` line (the first is on line {first})")
        fields[key_node.value] = (value_node, line)
    return FrontMatter(fields, body, body_line)


def construct(node: yaml.Node) -> object:
    """Build the plain Python value of a node with the safe constructor."""
    loader = yaml.SafeLoader("")
    try:
        return loader.construct_object(node, deep=True)
    finally:
        loader.dispose()
