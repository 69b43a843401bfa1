"""What each reader does that the others do not: web page chrome, Word styles, Markdown extras."""

from __future__ import annotations

from pathlib import Path

import docx

from guide_builder import model as m
from guide_builder.importer import import_article

from .helpers import all_blocks, inline_text, parse, passages, questions, texts

PAGE = """<!DOCTYPE html>
<html><head><title>Quiet Waters | Riverside Blog</title>
<style>p { color: red; }</style><script>trackVisitor("Subscribe");</script></head>
<body>
<header class="site-header"><a href="/">Riverside Church</a>
  <nav><ul><li>Home</li><li>Sermons</li><li>Contact</li></ul></nav></header>
<main><article>
  <header class="entry-header"><h1>Quiet Waters</h1>
    <div class="entry-meta">Posted on May 4, 2025 by Pastor Dee</div></header>
  <div class="entry-content">
    <div class="elementor-widget-heading"><h2>Add Your Heading Text Here</h2></div>
    <p>Sheep will not drink from <em>rushing</em> water, so the shepherd finds a quiet pool.</p>
    <blockquote class="wp-block-quote"><p>He leads me beside still waters.</p>
      <cite>Psalm 23:2</cite></blockquote>
    <p>Five * three is fifteen, and [brackets] stay as they are.</p>
    <p><strong>Going Deeper:</strong> Read the whole psalm and circle every verb.</p>
    <h3>Questions</h3>
    <ul><li>Where is your quiet pool?</li><li>What rushes past you each day?</li></ul>
    <form><label>Your email address</label><button>Subscribe</button></form>
  </div>
  <footer class="entry-footer">Tags: rest, psalms</footer>
  <div class="sharedaddy sd-sharing"><h3>Share this:</h3><a>Facebook</a><a>X</a></div>
  <div id="comments"><h3>Leave a Reply</h3></div>
</article></main>
<aside id="secondary" class="widget-area"><h2>Join us on Facebook</h2></aside>
<footer id="colophon">&copy; 2025 Riverside Church</footer>
</body></html>
"""


def test_web_page_chrome_is_dropped_and_the_article_kept(tmp_path: Path) -> None:
    path = tmp_path / "quiet-waters.html"
    path.write_text(PAGE, encoding="utf-8")
    result = import_article(path, 2)
    week, _ = parse(result, tmp_path)
    assert week.title == "Quiet Waters"
    assert [(p.label, p.text) for p in passages(week)] == [("Psalm 23:2", "He leads me beside still waters.")]
    assert questions(week) == ["Where is your quiet pool?", "What rushes past you each day?"]
    assert [s.kind.value for s in week.sections] == ["teaching", "deeper", "questions"]
    shown = texts(week)
    assert "Five * three is fifteen, and [brackets] stay as they are." in shown
    assert "Read the whole psalm and circle every verb." in shown
    assert "Sheep will not drink from *rushing* water" in result.markdown
    body = result.markdown.split("\n---\n", 1)[1]
    for junk in ("Riverside Church", "Sermons", "Posted on", "Add Your Heading", "Tags:", "Share this",
                 "Leave a Reply", "Join us on Facebook", "2025", "trackVisitor", "color: red", "email"):
        assert junk not in body, junk
    summary = "\n".join(result.summary)
    for reported in ("Posted on May 4, 2025", "Tags: rest, psalms", "Share this", "Join us on Facebook",
                     "Add Your Heading Text Here", "Leave a Reply", "Riverside Church Home"):
        assert reported in summary, reported
    assert "trackVisitor" not in summary  # invisible page code is dropped silently


def test_web_page_title_comes_from_title_tag_without_a_heading(tmp_path: Path) -> None:
    path = tmp_path / "page.htm"
    path.write_text("<html><head><title>Morning Mercies \u2013 A Blog</title></head><body>"
                    "<p>His mercies are new every morning, and so is my need of them.</p></body></html>",
                    encoding="utf-8")
    result = import_article(path, 1)
    assert parse(result, tmp_path)[0].title == "Morning Mercies"
    assert any("document title" in line for line in result.summary)


def test_word_styles_runs_breaks_and_tables(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_heading("Morning Mercies", 0)
    paragraph = document.add_paragraph("Every morning is ")
    paragraph.add_run("new").italic = True
    paragraph.add_run(", and every evening is ")
    paragraph.add_run("kept").bold = True
    paragraph.add_run(".")
    quoted = document.add_paragraph(style="Quote")
    quoted.add_run("They are new every morning; great is your faithfulness.").add_break()
    quoted.add_run("Lamentations 3:23")
    document.add_heading("Discussion Questions", 1)
    table = document.add_table(rows=2, cols=1)
    table.cell(0, 0).text = "What is new for you this morning?"
    table.cell(1, 0).text = "Who has been faithful to you?"
    document.add_paragraph("Pray for one another by name.", style="List Number")
    path = tmp_path / "mercies.docx"
    document.save(str(path))
    result = import_article(path, 4)
    week, _ = parse(result, tmp_path)
    assert week.title == "Morning Mercies"
    assert "Every morning is *new*, and every evening is **kept**." in result.markdown
    assert [(p.label, p.text) for p in passages(week)] == [
        ("Lamentations 3:23", "They are new every morning; great is your faithfulness.")]
    assert questions(week) == ["What is new for you this morning?", "Who has been faithful to you?",
                               "Pray for one another by name."]


def test_markdown_front_matter_images_links_and_code(tmp_path: Path) -> None:
    path = tmp_path / "post.md"
    path.write_text(
        "---\ntitle: Salt and Light\ndate: 2024-02-01\n---\n\n"
        "![a lamp](https://example.com/lamp.jpg)\n\n"
        "You are the [salt](https://example.com/salt) of the earth, so *taste* like it.\n\n"
        "```\ncode stays text\n```\n\n"
        "    indented lines are not code\n\n"
        "Setext Heading\n--------------\n\nMore words here.\n",
        encoding="utf-8")
    result = import_article(path, 6)
    week, _ = parse(result, tmp_path)
    assert week.title == "Salt and Light"
    assert "lamp.jpg" not in result.markdown
    assert any("a lamp" in line and "image" in line for line in result.summary)
    assert "[salt](https://example.com/salt)" in result.markdown
    shown = texts(week)
    assert "code stays text" in shown and "indented lines are not code" in shown
    headings = [inline_text(b.inlines) for _, b in all_blocks(week) if isinstance(b, m.Heading)]
    assert headings == ["Setext Heading"]


def test_plain_text_encodings(tmp_path: Path) -> None:
    path = tmp_path / "old.txt"
    path.write_bytes("Grace Notes\n\nGod\x92s grace is \x93sufficient\x94.\n".encode("latin-1"))
    result = import_article(path, 1)
    week, _ = parse(result, tmp_path)
    assert "God\u2019s grace is \u201csufficient\u201d." in texts(week)
    assert any(line.startswith("check:") and "Windows-1252" in line for line in result.summary)
    bom = tmp_path / "bom.txt"
    bom.write_bytes("\ufeffGrace Notes\n\nBody text here.\n".encode())
    assert parse(import_article(bom, 1), tmp_path)[0].title == "Grace Notes"


def test_plain_text_backslashes_and_hashes_stay_literal(tmp_path: Path) -> None:
    path = tmp_path / "literal.txt"
    line = "Saved in C:\\Users\\Dee, 50\\% done, #hashtag and *emphasis* as typed."
    path.write_text(f"Literal\n\n{line}\n", encoding="utf-8")
    week, _ = parse(import_article(path, 1), tmp_path)
    assert "Saved in C:\\Users\\Dee, 50\\% done, #hashtag and emphasis as typed." in texts(week)
    emphasis = next(b.inlines for _, b in all_blocks(week) if isinstance(b, m.Paragraph))
    assert any(isinstance(node, m.Emphasis) for node in emphasis)  # plain text may use *stars*


def test_unknown_extension_is_sniffed(tmp_path: Path) -> None:
    path = tmp_path / "saved-page"
    path.write_text("<!DOCTYPE html><html><body><h1>Sniffed</h1><p>Body text here.</p></body></html>",
                    encoding="utf-8")
    assert parse(import_article(path, 1), tmp_path)[0].title == "Sniffed"


def test_a_quotation_of_several_paragraphs_with_a_cite(tmp_path: Path) -> None:
    path = tmp_path / "quote.html"
    path.write_text(
        "<html><body><h1>Green Pastures</h1><p>Some words before the psalm.</p>"
        "<blockquote><p>Yahweh is my shepherd: I shall lack nothing.</p>"
        "<p>He makes me to lie down in green pastures.</p><cite>Psalm 23:1-2</cite></blockquote>"
        "<p>Some words after the psalm.</p></body></html>", encoding="utf-8")
    result = import_article(path, 1)
    week, _ = parse(result, tmp_path)
    text = "Yahweh is my shepherd: I shall lack nothing.\nHe makes me to lie down in green pastures."
    assert [(p.label, p.text) for p in passages(week)] == [("Psalm 23:1-2", text)]
    assert "    Yahweh is my shepherd: I shall lack nothing.\n\n    He makes me" in result.markdown


def test_small_group_guide_page(tmp_path: Path) -> None:
    path = tmp_path / "guide.html"
    path.write_text(
        "<html><head><title>Week 2 Guide \u2013 Grace Groups</title></head>"
        "<body><div class='elementor-section'>"
        "<div class='elementor-widget-heading'><h2>Week 2: Planted by Streams</h2></div>"
        "<div class='elementor-widget-heading'><h2>Add Your Heading Text Here</h2></div>"
        "<h4>BIG IDEA</h4><p>What we dwell on shapes who we become.</p>"
        "<h4>BREAK THE ICE</h4><p>Which song gets stuck in your head?</p>"
        "<h4>DISCUSSION</h4><p>1. Read Psalm 1:1-6. What two paths are there?</p>"
        "<p>2. Read Psalm 1:3 again.</p>"
        "<h4>APPLICATION</h4><p>Carry one verse on a card.</p>"
        "<div class='elementor-share-buttons'>Share on Facebook</div></div></body></html>", encoding="utf-8")
    result = import_article(path, 2)
    week, _ = parse(result, tmp_path)
    assert week.title == "Planted by Streams"
    assert result.suggested_name == "week-02-planted-by-streams.md"
    assert "".join(t.text for t in week.big_idea) == "What we dwell on shapes who we become."
    assert [s.kind.value for s in week.sections] == ["icebreaker", "questions", "application"]
    assert questions(week) == ["Read Psalm 1:1-6. What two paths are there?", "Read Psalm 1:3 again."]


def test_sermon_notes_in_plain_text(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text(
        "ABIDING\nNotes for small groups\n\nScripture: John 15:5\n\n"
        "I am the vine. You are the branches. He who remains in me bears much fruit.\n\n"
        "Fruit comes from connection, not effort.\n\n"
        "\u201cThose who wait for Yahweh shall renew their strength.\u201d\nIsaiah 40:31 (WEB)\n\n"
        "A line with ![an image](x.png) and ##hash at the start:\n##Tags are not sections\n",
        encoding="utf-8")
    result = import_article(path, 3)
    week, _ = parse(result, tmp_path)
    assert week.title == "Abiding"
    found = [(p.label, p.translation) for p in passages(week)]
    assert found == [("John 15:5", None), ("Isaiah 40:31", "WEB")]
    assert [s.label for s in week.scriptures] == ["John 15:5", "Isaiah 40:31"]
    assert "##Tags are not sections" in texts(week)
    assert "![an image](x.png)" in texts(week)
    assert [s.kind.value for s in week.sections] == ["teaching"]


def test_wrappers_named_like_chrome_keep_the_article(tmp_path: Path) -> None:
    words = "<p>The whole page sits in a wrapper whose class mentions a sidebar.</p><p>More words here.</p>"
    side = "<div class='sidebar'>Recent: a, b</div>"
    pages = [f"<div class='site has-sidebar'><div><h1>Wrapped</h1>{words}</div>{side}</div>",
             f"<div class='layout sidebar-right'><main><h1>Wrapped</h1>{words}</main>{side}</div>"]
    for number, page in enumerate(pages):
        path = tmp_path / f"wrapped{number}.html"
        path.write_text(f"<html><body>{page}</body></html>", encoding="utf-8")
        result = import_article(path, 1)
        week, _ = parse(result, tmp_path)
        assert week.title == "Wrapped"
        assert "More words here." in texts(week)
        assert "Recent" not in result.markdown
