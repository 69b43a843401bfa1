"""Property tests: random front matter, Markdown bodies and layout files only ever produce our
own located diagnostics (or success), never another exception; a sample of them is rendered
through the CLI, and every PDF it writes is checked.

Counts (profile `ci`): 10,000 front matters, 20,000 bodies, 2,000 layouts, 80 full builds.
Most examples exercise the parse and validate stages directly, which is where input is
interpreted; rendering is sampled because it takes a few hundred milliseconds per build.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import event, given, settings
from hypothesis import strategies as st

from guide_builder.errors import Collector
from guide_builder.layout import LayoutResolver
from guide_builder.load import SourceFile
from guide_builder.parse.week import WeekParser
from tests.conftest import run_guide, write_study
from tests.hardening.conftest import examples

ROOT = Path("/study-that-is-never-read")
WEEK_PATH = ROOT / "content" / "week-01.md"
LAYOUT_PATH = ROOT / "layouts" / "x.toml"

UNICODE = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12)
YAML_TOKENS = st.sampled_from([
    "no", "yes", "on", "12:30", "0x1F", "010", "1e3", "1_0", "-3", "0", "true", "~", "null", "2024-02-30",
    "2026-01-11", "!!python/object/apply:os.system ['x']", "!foo", "!!binary aGk=", "&a", "*a", "<<: *a",
    "[", "]", "{", "}", ",", ":", "- ", "? ", "|", ">", "#", '"', "'", "\\", "\t", "  ", "\n", "\n  ",
    "John 3:16", "Ps 23", "Hezekiah 1:1", "John 99:1", "ref:", "text:", "translation: KJV", "%YAML 1.1",
    "---", "...", "\x00", "\ufeff", "\u202e", "\U0001F600", "\u05e9\u05dc\u05d5\u05dd",
])
KEYS = st.sampled_from(["week", "title", "layout", "date", "big_idea", "memory_verse", "scriptures",
                        "ref", "extra", "<<", "week ", "Title"])
FIELD_VALUE = st.lists(st.one_of(YAML_TOKENS, UNICODE), max_size=6).map("".join)
FRONT_LINE = st.one_of(
    st.tuples(KEYS, FIELD_VALUE).map(lambda kv: f"{kv[0]}: {kv[1]}"),
    st.tuples(st.sampled_from(["", "  ", "\t"]), FIELD_VALUE).map(lambda iv: f"{iv[0]}- {iv[1]}"),
    FIELD_VALUE,
)
FRONT_MATTER = st.lists(FRONT_LINE, max_size=10).map("\n".join)

MARKUP_TOKENS = st.sampled_from([
    "*", "**", "_", "__", "`", "```\n", "[", "]", "(", ")", "](", "![", "<", ">", "&", "&amp;", "&#0;",
    "&#x110000;", "&nosuch;", "<font size=999>", "</font>", '<img src="/etc/passwd"/>', "<b>", "</b>",
    "<para>", '<a href="javascript:alert(1)">', "</a>", "<script>", "<br/>", '<onDraw name="x"/>',
    "<seq/>", "<!--", "-->", "{{", "}}", "{{word}}", "{lines=3}", "{lines=99}", "{: .x}", "\n", "\n\n",
    "- ", "1. ", "> ", "    ", "## ", "## Questions\n", "### ", "!!! leader\n    ", "!!! note\n    ",
    '!!! scripture "John 3:16"\n', '!!! scripture "Nope 1:1"\n    ', "|", "|---|\n", "---", "[^1]",
    "[^1]: ", "https://example.org", "javascript:x", "file:///etc/passwd", "(John 3:16)", "Ps 23:1-3",
    "v. 20", "\u05e9\u05b8\u05c1\u05dc\u05d5\u05b9\u05dd", "\U0001F600", "\u4e2d", "\u202e", "\u200b",
    "\x00", "\x1b", "\r", "\t", "\ufeff", "\u2028", "\\", "\\[", "word ",
])
BODY = st.lists(st.one_of(MARKUP_TOKENS, UNICODE), max_size=40).map("".join)

LAYOUT_KEYS = st.sampled_from([
    "name", "extends", "description", "columns", "max_pages", "start_on", "sections", "page.size",
    "page.margins", "page.margins.top", "fonts.body", "fonts.heading", "fonts.size", "questions.answer_lines",
    "questions.line_gap", "notes.pages", "notes.after", "header.left", "footer.center", "styles.teaching",
    "print.bleed", "print.crop_marks", "unknown",
])
TOML_VALUES = st.one_of(
    st.sampled_from(['"x"', '"standard"', '"handout"', '"nope"', '"0.75in"', '"-1in"', '"0pt"', '"500pt"',
                     '"nanin"', '"1e308in"', '"serif"', '"sans"', '"fonts/none.ttf"', '"/etc/passwd"',
                     '"{page}"', '"{guide.__class__}"', '"{"', '"recto"', '"any"', "0", "1", "3", "-1", "40",
                     "1e400", "nan", "inf", "true", '["teaching", "questions"]', '["nope", 3]', "[]",
                     '{ top = "1in" }', '{ top = "9in", bottom = "9in" }', "{}", '"6x9in"', '"0in x 0in"']),
    st.integers(-10**20, 10**20).map(str),
    UNICODE.map(lambda text: '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'),
)
LAYOUT = st.lists(st.one_of(
    st.tuples(LAYOUT_KEYS, TOML_VALUES).map(lambda kv: f"{kv[0]} = {kv[1]}"),
    st.sampled_from(["[page]", "[fonts]", "[questions]", "[header]", "[styles.teaching]", "[[x]]", "[", "="]),
), max_size=8).map(lambda lines: 'name = "x"\nextends = "standard"\n' + "\n".join(lines))


def assert_located(problems: Collector, path: Path, text: str) -> None:
    """Every diagnostic names `path` (or the study) and a line inside the file, with a message."""
    lines = text.count("\n") + 2
    for diagnostic in problems.items:
        assert diagnostic.message
        assert diagnostic.path is not None and diagnostic.path.is_relative_to(ROOT), diagnostic
        assert diagnostic.line is None or 1 <= diagnostic.line <= lines, diagnostic


PARSER = WeekParser(ROOT)


def parse_week(text: str) -> Collector:
    problems = Collector()
    PARSER.parse(SourceFile(WEEK_PATH, text), problems)
    assert_located(problems, WEEK_PATH, text)
    return problems


@settings(max_examples=examples(10_000))
@given(FRONT_MATTER)
def test_random_front_matter_gives_located_diagnostics_only(front: str) -> None:
    parse_week(f"---\n{front}\n---\n\n## Teaching\n\nText.\n")


@settings(max_examples=examples(20_000))
@given(BODY)
def test_random_markdown_gives_located_diagnostics_only(body: str) -> None:
    parse_week(f"---\nweek: 1\ntitle: T\nscriptures:\n  - John 3:16\n---\n{body}")


@settings(max_examples=examples(2_000))
@given(LAYOUT)
def test_random_layouts_give_located_diagnostics_only(text: str) -> None:
    problems = Collector()
    resolver = LayoutResolver((SourceFile(LAYOUT_PATH, text),), ROOT, problems)
    resolver.resolve("x", WEEK_PATH, 4)
    assert_located(problems, LAYOUT_PATH, text)


VALID_FRONT = st.just("week: 2\ntitle: Two")
VALID_LAYOUT = st.sampled_from(['name = "x"\nextends = "two-column"\n', 'name = "x"\nextends = "handout"\n'])


@settings(max_examples=examples(80))
@given(front=st.one_of(VALID_FRONT, VALID_FRONT, VALID_FRONT, FRONT_MATTER), body=BODY,
       layout=st.one_of(VALID_LAYOUT, VALID_LAYOUT, VALID_LAYOUT, LAYOUT))
def test_random_studies_build_a_valid_pdf_or_fail_located(tmp_path_factory, front: str, body: str,
                                                          layout: str) -> None:
    """The whole CLI: exit 0 with valid PDFs (run_guide checks them) or exit 1 with diagnostics.

    Valid front matter and layouts are drawn three times in four so that most bodies reach the renderer.
    """
    study = tmp_path_factory.mktemp("study")
    week = f"---\nweek: 1\ntitle: T\nlayout: x\n---\n{body}"
    other = f"---\n{front}\n---\n{body}"
    write_study(study, {"week-01.md": week, "week-02.md": other}, layouts={"x.toml": layout})
    result = run_guide("build", study)
    assert result.code in (0, 1), result.stderr
    event("rendered" if result.code == 0 else "refused")
    if result.code == 1:
        assert "Error: " in result.stderr and "problem" in result.stderr
