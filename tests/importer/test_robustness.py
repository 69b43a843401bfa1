"""Random documents full of markup-like text always import into a week the parser accepts."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from guide_builder.importer import ImportProblem, import_article

from .helpers import FORMATS, D, parse, write_doc

PIECES = [
    "{{x}}", "{", "}", "!!!", "!!! leader", '!!! scripture "John 3:16"', "```", "~~~", "---", "===", "#",
    "## Q", "##Q", "> q", "- a", "1. b", "*", "**", "_", "`", "[", "](", "<b>", "</div>", "&amp;", "\\", "|",
    ":", "Question:", "Application:", "Big Idea:", "Going Deeper:", "BIG IDEA", "Questions", "Prayer",
    "John 3:16", "Jn 99:99", "Ps 23", "(Rom 8:28)", "\u2014 1 Cor 13:4-7", "Gen 1:1-3, 5", "Job 1", "Mark",
    "Zec 4:6\u00a0\u00a0", "\u201c", "\u201d", "?", ".", "Subscribe", "Tags:", "\t", "    ", "\u00a0",
    "\u2028", "word", "God so loved", "{lines=2}", "{: .x}", "<!--", "-->", "![i](x.png)", "[^1]",
    "[^1]: note", "|a|b|", "Add Your Heading Text Here", "yes", "no", "null",
]
KINDS = ["title", "heading", "para", "para", "item", "numbered", "quote", "bold"]


@pytest.mark.parametrize("seed", range(4))
def test_random_documents_import_cleanly(tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    for index in range(20):
        doc = []
        for _ in range(rng.randint(1, 8)):
            kind = rng.choice(KINDS)
            count = 1 if kind in ("title", "heading", "bold", "item", "numbered") else rng.randint(1, 3)
            doc.append(D(kind, [" ".join(rng.choice(PIECES) for _ in range(rng.randint(1, 6)))
                                for _ in range(count)]))
        fmt = FORMATS[index % len(FORMATS)]
        if fmt == "docx":
            doc = [D(p.kind, [line.replace("\u2028", " ") for line in p.lines]) for p in doc]
        path = write_doc(tmp_path, fmt, doc, name=f"doc{index}")
        try:
            title = rng.choice([None, "yes", "A: b", "{{x}}"])
            result = import_article(path, rng.randint(1, 999), title=title)
        except ImportProblem:
            continue
        parse(result, tmp_path)  # asserts the parser finds no errors
