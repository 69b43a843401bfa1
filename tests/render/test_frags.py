"""Fragments made from tokens are the fragments reportlab's parser makes of their markup."""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph

from benchmarks.make_study import make_study
from guide_builder import model as m
from guide_builder.build import BuildOptions, build_guide
from guide_builder.render import fonts, frags
from guide_builder.render.text import NBSP, Close, Empty, Open, Token, serialize
from tests.render.test_parts import _rich_later_weeks

REPOSITORY = Path(__file__).parents[2]


def _normal(fragments: list) -> list[dict]:
    """Fragment attributes, with neighbouring runs of the same attributes joined (the parser
    cuts a run at every character entity, fragments() does not)."""
    result: list[dict] = []
    for frag in fragments:
        attributes = dict(frag.__dict__)
        if "cbDefn" in attributes:
            attributes["cbDefn"] = dict(attributes["cbDefn"].__dict__)
        previous = result[-1] if result else None
        joinable = "cbDefn" not in attributes and not attributes.get("lineBreak")
        if (previous is not None and joinable and "cbDefn" not in previous and not previous.get("lineBreak")
                and {k: v for k, v in previous.items() if k != "text"}
                == {k: v for k, v in attributes.items() if k != "text"}):
            previous["text"] += attributes["text"]
            continue
        result.append(attributes)
    return result


def _parsed(tokens: list[Token], style: ParagraphStyle) -> list:
    return Paragraph(serialize(tokens), style).frags


@pytest.fixture(scope="module")
def style() -> ParagraphStyle:
    names = fonts.register_family("serif")
    return ParagraphStyle("body", fontName=names["regular"], fontSize=10.5, leading=15, textColor="#222222")


EDGE_CASES: list[list[Token]] = [
    ["Plain text, with spaces."],
    ["A ", Open("i"), "word", Close("i"), " and ", Open("b"), "bold ", Open("i"), "both", Close("i"),
     Close("b"), "."],
    ["a ", Open("a", (("href", " https://x.org/?a=1&b=2 "), ("color", "#24566b"))), "link", Close("a"), " z"],
    ["v", Open("super"), Open("font", (("size", "6.5"), ("color", "#24566b"))), "16", Close("font"),
     Close("super"), "\u2009For God"],
    ["blank ", Open("u"), NBSP, Empty("onDraw", (("name", "blank"), ("label", "3:a  b\n c "))), NBSP * 5,
     Close("u"), " after ", Open("u"), NBSP * 2, Close("u")],
    ["line", Empty("br"), "break", Empty("br"), Empty("br")],
    ["  lead  and  ", Open("i"), "  x ", Close("i"), "  trail \n next line  \n\n"],
    ["Tom & Jerry <3 > x &amp; &#233;"],
    ["J", Empty("onDraw", (("name", "mention"), ("label", "7"))), "ohn 3:16 says"],
    ["code ", Open("b"), Open("font", (("face", "NotoSerif-Italic"),)), "x<y", Close("font"), Close("b")],
    ["fn", Open("super"), "1", Close("super"), " note ", Open("b"), Open("super"), "2", Close("super"),
     Close("b")],
    [],
    ["   "],
    [Open("i"), Close("i")],
    ["zero\u200bwidth and\ttab ", Open("u"), NBSP, Close("u"), " \u200bstart"],
    ["\u200blead and trail\u200b"],
    [Open("a", (("href", "#here"), ("color", "#24566b"))), Open("i"), "nested", Close("i"), Close("a"),
     Open("a", (("href", "mailto:a@b.c"), ("color", "#24566b"))), "second", Close("a")],
]


@pytest.mark.parametrize("tokens", EDGE_CASES, ids=lambda tokens: repr(serialize(tokens))[:40])
def test_edge_cases_give_the_parsers_fragments(tokens: list[Token], style: ParagraphStyle) -> None:
    assert _normal(frags.fragments(tokens, style)) == _normal(_parsed(tokens, style))


def test_a_run_with_entities_stays_one_fragment(style: ParagraphStyle) -> None:
    made = frags.fragments(["Tom & Jerry <3"], style)
    assert [frag.text for frag in made] == ["Tom & Jerry <3"]
    assert len(_parsed(["Tom & Jerry <3"], style)) == 5


def test_hebrew_paragraphs_are_still_parsed_and_shaped(style: ParagraphStyle) -> None:
    from guide_builder.render.text import text_tokens

    made = frags.paragraph(text_tokens("the word \u05d7\u05b6\u05e1\u05b6\u05d3 here"), style)
    assert made.style.shaping == 1
    assert any(frag.fontName.startswith("NotoSerifHebrew") for frag in made.frags)


@pytest.fixture(scope="module")
def rich_study(tmp_path_factory: pytest.TempPathFactory) -> Path:
    study = make_study(tmp_path_factory.mktemp("frags") / "study", 8, seed=5)
    _rich_later_weeks(study)
    return study


@pytest.mark.parametrize("edition, fillable", [(m.Edition.PARTICIPANT, False), (m.Edition.LEADER, False),
                                               (m.Edition.PARTICIPANT, True)])
@pytest.mark.parametrize("which", ["sample", "generated"])
def test_every_paragraph_of_a_book_gets_the_parsers_fragments(
        which: str, edition: m.Edition, fillable: bool, rich_study: Path, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    made: list[tuple[list[Token], ParagraphStyle]] = []
    original = frags.fragments

    def recording(tokens: list[Token], paragraph_style: ParagraphStyle) -> list:
        made.append((list(tokens), paragraph_style))
        return original(tokens, paragraph_style)

    monkeypatch.setattr(frags, "fragments", recording)
    monkeypatch.setenv("GUIDE_JOBS", "1")  # every paragraph in this process
    root = REPOSITORY if which == "sample" else rich_study
    build_guide(BuildOptions(root=root, out=tmp_path / "book.pdf", edition=edition, fillable=fillable))
    assert len(made) > 300
    kinds = {type(token).__name__ + (token.tag if not isinstance(token, str) else "")
             for tokens, _ in made for token in tokens}
    assert {"str", "Openi", "Openb", "Openu", "Opensuper", "Openfont", "EmptyonDraw"} <= kinds
    if which == "generated":
        assert "Opena" in kinds
    for tokens, paragraph_style in made:
        assert _normal(original(tokens, paragraph_style)) == _normal(_parsed(tokens, paragraph_style)), (
            serialize(tokens))


def test_hebrew_is_told_from_other_text() -> None:
    from guide_builder.render.hebrew import has_hebrew

    assert not has_hebrew("") and not has_hebrew("plain ASCII, 3:16")
    assert not has_hebrew("caf\u00e9 \u2014 \u201cso\u201d")
    assert has_hebrew("\u05e9\u05b8\u05c1\u05dc\u05d5\u05b9\u05dd")  # shalom, pointed
    assert has_hebrew("the word \u05d0\u05b8\u05de\u05b5\u05df here")
    assert has_hebrew("a point alone \u05b8") and has_hebrew("maqaf \u05be")
    assert not has_hebrew("Greek \u03bb\u03cc\u03b3\u03bf\u03c2, Arabic \u0633\u0644\u0627\u0645")


def test_text_cleaning_would_change_is_told_as_the_one_pattern_tells_it() -> None:
    import random
    import re

    from reportlab.platypus.paragraph import _wsc

    from guide_builder.render.frags import _changed_by_cleaning

    pattern = re.compile(f"[{re.escape(_wsc.replace(' ', ''))}\u00a0]|  |^ | $")  # the plain statement
    pick = random.Random(1)
    letters = "ab \n\t\u00a0\u2009x\u3000.\r"
    for _ in range(50_000):
        text = "".join(pick.choice(letters) for _ in range(pick.randint(0, 8)))
        assert _changed_by_cleaning(text) == (pattern.search(text) is not None), repr(text)


def test_cleaning_gives_reportlabs_text() -> None:
    """Texts of every kind of white space reportlab knows, no-break and zero width spaces
    among them, cleaned as reportlab's `cleanBlockQuotedText` cleans them."""
    import random

    from reportlab.platypus.paragraph import _wsc, cleanBlockQuotedText

    from guide_builder.render.frags import _cleaned

    pick = random.Random(5)
    letters = "ab\u00e9.\u2014" + _wsc + "\u00a0\u200b\u2060\ufeff"
    fast = 0
    for _ in range(60_000):
        text = "".join(pick.choice(letters) for _ in range(pick.randint(0, 10)))
        assert _cleaned(text) == cleanBlockQuotedText(text), repr(text)
        fast += "\u00a0" not in text and "\u200b" not in text
    assert fast > 20_000
