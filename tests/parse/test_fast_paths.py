"""The fast paths of parsing give the same results as the slow ones they stand in for."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET

import yaml
from markdown import treeprocessors
from markdown.util import Registry

from guide_builder.parse import frontmatter
from guide_builder.parse.markdown import (
    MarkdownConverter,
    _FixedRegistry,
    normalized_whitespace,
)


def _shape(node: yaml.Node) -> object:
    """A node tree as plain data: tags, values and start lines."""
    if isinstance(node, yaml.MappingNode):
        return (node.tag, node.start_mark.line, [(_shape(k), _shape(v)) for k, v in node.value])
    if isinstance(node, yaml.SequenceNode):
        return (node.tag, node.start_mark.line, [_shape(item) for item in node.value])
    return (node.tag, node.start_mark.line, node.value)


def test_libyaml_composes_the_same_nodes_as_the_python_loader() -> None:
    text = ("week: 3\ntitle: \"Be Still: a study\"\ndate: 2027-01-10\nscriptures:\n  - Psalm 46:10\n"
            "  - John 15:1-8\nbig_idea: >\n  folded\n  text\nflag: yes\n")
    fast = frontmatter._compose(text)
    slow = yaml.compose(text, Loader=yaml.SafeLoader)
    assert _shape(fast) == _shape(slow)


def test_yaml_errors_are_reported_by_the_python_loader() -> None:
    result = frontmatter.parse_front_matter(None, "---\nweek: 1\ntitle: [unclosed\n---\nbody\n")
    assert isinstance(result, frontmatter.FrontMatterProblem)
    assert result.message.startswith("the front matter is not valid YAML")
    assert result.line is not None


def test_the_characters_refused_are_those_pyyamls_reader_refuses() -> None:
    everything = "".join(map(chr, range(0x110000)))
    reader = yaml.reader.Reader.NON_PRINTABLE  # compiled here if it was deferred
    refused = [match.start() for match in reader.finditer(everything)]
    assert 2000 < len(refused) < 3000
    ours = [index for index, character in enumerate(everything) if frontmatter.yaml_refuses(character)]
    assert ours == refused
    samples = ("title: plain",
               "title: caf\u00e9 \u2014 x", "a\x07b", "caf\u00e9\x85\x84", "\ud800", "\U0001f600")
    for text in samples:
        assert frontmatter.yaml_refuses(text) == bool(reader.search(text)), repr(text)


def test_yaml_is_imported_without_compiling_the_pattern_only_its_python_reader_uses() -> None:
    code = """
import re, sys
compile_ = re.compile
from guide_builder.parse import frontmatter
import yaml
from guide_builder.deferred import DeferredPattern
pattern = yaml.reader.Reader.NON_PRINTABLE
assert re.compile is compile_
assert isinstance(pattern, DeferredPattern) and pattern.compiled is None
assert not isinstance(yaml.resolver.Resolver.yaml_implicit_resolvers["y"][0][1], DeferredPattern)
assert frontmatter._compose("week: 1\\ntitle: Be Still\\n") is not None
assert frontmatter._compose("week: 1\\ntitle: Caf\u00e9 \u2014 still\\n") is not None
assert pattern.compiled is None, "compiled for text libyaml reads"
problem = frontmatter.parse_front_matter(None, "---\\nweek: 1\\ntitle: a\x07b\\n---\\nbody\\n")
assert isinstance(problem, frontmatter.FrontMatterProblem), problem
assert pattern.compiled is not None  # the Python reader found the character
"""
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr


def test_the_markdown_tree_is_the_one_python_markdown_serialises() -> None:
    converter = MarkdownConverter()
    text = "Some *emphasis* and **strong**, a [link](https://example.org).\n\n- one\n- two\n"
    root = converter._tree(text)
    html = "".join(ET.tostring(child, "unicode") for child in root)
    assert "<em>emphasis</em>" in html and "<strong>strong</strong>" in html
    assert '<a href="https://example.org">link</a>' in html and "<li>two</li>" in html
    assert converter._tree("   \n ") is None  # blank text: no tree (not the previous one)


def test_white_space_is_normalized_as_python_markdown_normalizes_it() -> None:
    import random

    from markdown.preprocessors import NormalizeWhitespace

    theirs = NormalizeWhitespace(MarkdownConverter()._md)
    pick = random.Random(11)
    pieces = ["a", "word", " ", "  ", "\t", "\n", "\r", "\r\n", "\x02", "\x03", "\u00a0", "-",
              "\n \n", "\n\t\n"]
    texts = ["", " ", "\n", "plain", "line  \n   \nnext", " \n \n ", "\t\tx\n  \t\n"]
    texts += ["".join(pick.choice(pieces) for _ in range(pick.randrange(1, 40))) for _ in range(3000)]
    for text in texts:
        lines = text.split("\n")
        for tab_length in (4, 2):
            theirs.md.tab_length = tab_length
            assert normalized_whitespace(list(lines), tab_length) == theirs.run(list(lines)), repr(text)


def test_text_without_html_or_entities_is_given_back_by_the_html_preprocessor_as_it_came() -> None:
    """The converter passes over python-markdown's raw HTML preprocessor for such text."""
    converter = MarkdownConverter()
    md = converter._md
    normalize, html_block = md.preprocessors["normalize_whitespace"], md.preprocessors["html_block"]
    texts = [*INLINE_SAMPLES, "tabs\tand\r\nreturns\rand \x02stx\x03 marks\n   \n\n  indented\n\tcode",
             "", "\n\n\n", "a > b, c >= d, x -> y; \\< not html but a backslash", "ends with a blank\n\n"]
    checked = 0
    for text in texts:
        if "<" in text or "&" in text:
            continue
        lines = normalize.run(text.split("\n"))
        assert html_block.run(list(lines)) == lines, repr(text)
        assert md.htmlStash.html_counter == 0
        checked += 1
    assert checked > 20
    skipped = []
    real_run = type(html_block).run

    def counted(self, lines):
        skipped.append(False)
        return real_run(self, lines)

    type(html_block).run = counted
    try:
        converter._tree("plain *text*")
        converter._tree("an &amp; entity")
        converter._tree("<b>html</b>")
    finally:
        type(html_block).run = real_run
    assert len(skipped) == 2  # run for the two texts with `&` or `<` only


def test_trees_are_the_same_with_every_processor_run() -> None:
    """Passing over the raw HTML preprocessor (text without `<` or `&`), the unescaping
    tree processor (text without a backslash) and the attribute lists' (text without `{`),
    and normalizing white space ourselves, give the tree python-markdown's own give."""
    quick, every = MarkdownConverter(), MarkdownConverter()
    every._html_block = every._unescape = every._attr_list = every._normalize = None  # their own
    texts = [*INLINE_SAMPLES, "plain *text* with `code` and a [link](https://x.org)", "a \\*b\\* c \\\\ d",
             "- list\n- with \\[escaped\\] brackets\n\n> quote", "| a | b |\n|---|---|\n| \\| | x |",
             "## Heading {: #id .class }\n\nA paragraph\n{: .note }\n\n1. Question?{lines=4}",
             "tabs\there\n  \n\t\ncode:\n\n    indented\n   \nend  \n \n"]
    for text in texts:
        ours, theirs = quick._tree(text), every._tree(text)
        assert ET.tostring(ours, "unicode") == ET.tostring(theirs, "unicode"), repr(text)
        assert quick._md.htmlStash.rawHtmlBlocks == every._md.htmlStash.rawHtmlBlocks


INLINE_SAMPLES = [
    "a `code` b", "``double `tick` code``", "escaped \\`not code\\`", "\\\\`code after a backslash`",
    "\\\\\\\\`two escaped backslashes`", "`unclosed", "no ticks at all, *emphasis* and [a link](https://x.org)",
    "mixed ` in *emph `x`* and `y`", "`a` `b` ``c``", "line one `split\nacross` lines", "```\nfenced\n```",
    "- item with `code`\n- item without\n\n> quote `q`", "{{blank}} and `code` and {{two}}",
    "[a link](https://x.org) and ![an image](pic.png)", "[ref][1] and [short] and [x]\n\n[1]: https://y.org",
    "\\[not a link](x) and !\\[x] and `[code](x)`", "a [footnote][^1] and [^2]\n\n[^2]: note",
    "[nested [brackets]](https://z.org) [unclosed", "*emph [link](u)* and [**strong**](v)",
    "an &amp; entity, &#8212; and &copy; <b>bold html</b> <https://auto.link> <me@mail.org> done",
    "a hard  \nbreak, an \\*escape\\*, _under_ and __strong__, ![img][r] and ![x]\n\n[r]: i.png",
    "<!-- a comment --> and {{blank one}} {not a blank} and a lone < sign & an ampersand",
    "Title\n=====\n\nSub\n---\n\n# Hash\n\n***\n\n- - -\n\n1. one\n2. two\n\n+ plus\n* star",
    "> quoted\n> more\n\n   > indented quote",
    "| a | b |\n|---|:-:|\n| 1 | 2 |\n\nno table | here\n\n|single|\n|---|\n|cell|",
    "text[^n] and [ref]\n\n[^n]: the note\n[ref]: https://r.org \"Title\"\n\nnot a [ref]: line within",
    "3.14 is not a list. Nor - this, nor * this\n1.5 either\n\n2. but this is",
    "!!! note \"Title\"\n    inside the note\n\n    still inside, indented\n\nout again\n\n"
    "!!! tip\n    a tip",
    "- item\n\n    !!! warning\n        in a list\n\n        more of it\n\n- next",
    "   - three spaces in\n   1. and numbered\n    - four spaces: code or more\n\n"
    "2024 was a year. 12 people came.",
    "Heading\n-------\ntext\n---\n\nword - word - word\n\n- - -\n\n___\n\n* * *\n\n**bold** and *em* *x*",
    "a well-known, long-term, self-giving love\n\n-- not a rule --\n\n1) sane\n2) lists",
]


def test_the_admonition_test_says_yes_to_a_block_going_on_with_an_open_admonition() -> None:
    processor = MarkdownConverter()._md.parser.blockprocessors["admonition"]
    parent = ET.Element("div")
    assert not processor.test(parent, "plain text")
    processor.current_sibling = ET.SubElement(parent, "div", {"class": "admonition note"})
    assert processor.test(parent, "plain text")  # as python-markdown's own test answers
    processor.current_sibling = None


def _registries(md) -> list:
    return [md.preprocessors, md.parser.blockprocessors, md.inlinePatterns, md.treeprocessors,
            md.postprocessors]


def test_code_spans_and_links_are_found_as_python_markdown_finds_them(tmp_path) -> None:
    from pathlib import Path

    from benchmarks.make_study import make_study

    fast = MarkdownConverter()
    plain = MarkdownConverter()
    for name in ("backtick", "reference", "link", "short_reference"):
        del plain._md.inlinePatterns[name].getCompiledRegExp  # python-markdown's own regex again
    for registry in _registries(plain._md):  # and its own registries, sorted and listed at each use
        registry.__class__ = Registry
    plain._md.treeprocessors["inline"].__class__ = treeprocessors.InlineProcessor  # trying every pattern
    for processor in plain._md.parser.blockprocessors:  # and asking every block processor
        processor.__dict__.pop("test", None)
    assert "test" in fast._md.parser.blockprocessors["admonition"].__dict__
    assert type(fast._md.treeprocessors["inline"]) is not treeprocessors.InlineProcessor
    assert all(isinstance(registry, _FixedRegistry) for registry in _registries(fast._md))
    repository = Path(__file__).parents[2]
    sample = sorted((repository / "content").glob("*.md"))
    generated = sorted((make_study(tmp_path / "study", 12, seed=5) / "content").glob("*.md"))
    texts = [*INLINE_SAMPLES, *(path.read_text(encoding="utf-8") for path in [*sample, *generated])]
    for text in texts:
        ours, theirs = fast._tree(text), plain._tree(text)
        assert (ours is None) == (theirs is None)
        if ours is not None:
            assert ET.tostring(ours, "unicode") == ET.tostring(theirs, "unicode"), text
    for name in ("backtick", "reference", "link", "short_reference"):
        assert fast._md.inlinePatterns[name].getCompiledRegExp() is not plain._md.inlinePatterns[
            name].getCompiledRegExp()


def test_block_limits_hold_for_the_blocks_not_for_the_whole_text() -> None:
    from guide_builder.parse.limits import MAX_BLOCK_WORDS, oversized_blocks

    block = " ".join(["word"] * (MAX_BLOCK_WORDS // 2))
    assert oversized_blocks("short text\n\nof two blocks", 5) == []
    assert oversized_blocks("\n\n".join([block] * 5), 1) == []  # 15,000 words, none in one block too many
    big = " ".join(["word"] * (MAX_BLOCK_WORDS + 1))
    found = oversized_blocks(f"{block}\n\n  \n{big}\n\n{block}", 10)
    assert [item.line for item in found] == [13] and "6,001 words" in found[0].message
    assert [item.line for item in oversized_blocks("x" * 40_001, 3)] == [3]


def test_the_converter_names_its_extensions_without_reading_installed_packages() -> None:
    """python-markdown looks an extension named by a string up among the entry points of every
    installed package (importlib.metadata: some 30 ms before the first week is parsed)."""
    code = """
import sys
from guide_builder.parse.markdown import MarkdownConverter
MarkdownConverter()
assert "importlib.metadata" not in sys.modules, "the installed packages were read"
"""
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr


def test_the_converter_has_every_extension_it_asks_for() -> None:
    md = MarkdownConverter()._md
    assert "table" in md.parser.blockprocessors and "admonition" in md.parser.blockprocessors
    assert "footnote" in md.inlinePatterns and "attr_list" in md.treeprocessors
    assert type(md.parser.blockprocessors["olist"]).__name__ == "SaneOListProcessor"
