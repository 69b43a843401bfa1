"""The faster reportlab helpers give exactly what reportlab's own give."""

from __future__ import annotations

import inspect
import io
import random
import subprocess
import sys
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from benchmarks.make_study import make_study
from guide_builder.render import fonts, speedups

speedups.install()  # as rendering does
ROOT = Path(__file__).resolve().parents[2]
REPORTLABS_SPLIT_STRING = inspect.unwrap(TTFont.splitString)


class _Doc:
    """Stands for a document: fonts keep their subset assignments per document."""


def _texts(font: TTFont, seed: int) -> list[str]:
    pick = random.Random(seed)
    common = ("abcdefghijklmnopqrstuvwxyz ABCDEFGHIJ.,;:\u2019\u201c\u201d\u2014\u00a0"
              "\u00e9\u00fc\u00df\u2026\u2013\u4e2d\U0001f600")  # the last two: not in the font
    rare = [chr(code) for code in sorted(font.face.charToGlyph) if code > 0x100][:600]  # > 1 subset
    texts = []
    for _ in range(4000):
        letters = common + "".join(pick.sample(rare, 4)) if pick.random() < 0.3 else common
        texts.append("".join(pick.choice(letters) for _ in range(pick.randint(0, 60))))
    return texts


def test_split_string_gives_reportlabs_runs_and_assigns_the_same_codes() -> None:
    font = pdfmetrics.getFont(fonts.register_family("serif")["regular"])
    assert REPORTLABS_SPLIT_STRING is not TTFont.splitString  # the fast one is installed
    fast = speedups.fast_split_string(REPORTLABS_SPLIT_STRING)
    slow_doc, fast_doc = _Doc(), _Doc()
    one_run = 0
    for text in _texts(font, 1):
        expected = REPORTLABS_SPLIT_STRING(font, text, slow_doc)
        assert fast(font, text, fast_doc) == expected, repr(text)
        one_run += len(expected) == 1
    assert font.state[fast_doc].assignments == font.state[slow_doc].assignments
    assert font.state[fast_doc].subsets == font.state[slow_doc].subsets
    assert len(font.state[fast_doc].subsets) > 1  # the rare letters went past the first subset
    assert one_run > 1000
    assert fast(font, "", fast_doc) == []


def _ascii_texts(seed: int) -> list[str]:
    """Runs of ASCII alone (the fast path keeps their bytes), some with control characters,
    DEL or a no-break space in them."""
    pick = random.Random(seed)
    letters = "".join(map(chr, range(0x20, 0x7F)))
    texts = ["".join(pick.choice(letters) for _ in range(pick.randint(0, 60))) for _ in range(3000)]
    for odd in ("\t", "\x01", "\x1f", "\x7f", "\x00", "\u00a0"):
        texts += [text[:5] + odd + text[5:] for text in texts[:50]]
    return texts


def test_split_string_keeps_ascii_bytes_only_where_reportlab_would() -> None:
    """Printable ASCII keeps its codes in the first subset of a font that has it; the Hebrew
    face lacks it, and a state made without `asciiReadable` gives codes in order of use."""
    fast = speedups.fast_split_string(REPORTLABS_SPLIT_STRING)
    serif = pdfmetrics.getFont(fonts.register_family("serif")["regular"])
    fonts.register_bundled()
    hebrew = next(font for font in speedups_fonts() if "Hebrew" in font.fontName)
    for font, readable in ((serif, 1), (hebrew, 1), (serif, 0)):
        slow_doc, fast_doc = _Doc(), _Doc()
        if not readable:
            font.state[slow_doc] = TTFont.State(0, font)
            font.state[fast_doc] = TTFont.State(0, font)
        for text in _ascii_texts(7):
            assert fast(font, text, fast_doc) == REPORTLABS_SPLIT_STRING(font, text, slow_doc), repr(text)
        assert font.state[fast_doc].assignments == font.state[slow_doc].assignments
        assert font.state[fast_doc].subsets == font.state[slow_doc].subsets


def speedups_fonts() -> list[TTFont]:
    from guide_builder.render.carried import true_type_fonts

    return list(true_type_fonts())


def test_pdfdoc_encoding_gives_the_codecs_bytes_or_its_error() -> None:
    from reportlab.pdfbase import pdfdoc

    reportlabs = inspect.unwrap(pdfdoc.pdfdocEnc)
    assert reportlabs is not pdfdoc.pdfdocEnc  # the fast one is installed
    pick = random.Random(3)
    randoms = ["".join(chr(pick.randrange(0, 0x180)) for _ in range(pick.randint(0, 12)))
               for _ in range(5000)]
    texts = ["", "/Type", "0 0 612 792", "(a\\)b)", b"bytes \xff", "caf\u00e9", "\u2022", "\x18", *randoms]
    for text in texts:
        try:
            expected = reportlabs(text)
        except UnicodeEncodeError:
            expected = UnicodeEncodeError
        try:
            got = pdfdoc.pdfdocEnc(text)
        except UnicodeEncodeError:
            got = UnicodeEncodeError
        assert got == expected, repr(text)


def test_pdf_objects_are_written_as_reportlab_writes_them(monkeypatch) -> None:
    from reportlab.pdfbase import pdfdoc

    document = pdfdoc.PDFDocument(invariant=1)
    target = pdfdoc.PDFDictionary({"Type": pdfdoc.PDFName("Page")})
    reference = document.Reference(target, "target")
    objects = [
        pdfdoc.PDFDictionary({f"Key{index}": index * 1.5 for index in range(15)}),
        pdfdoc.PDFArray([0, 0.25, 612, 792.0, -3, 1e-7, 123456.789, True, None, "x", b"raw", "(t)",
                         reference, pdfdoc.PDFString("caf\u00e9 (x)"), pdfdoc.PDFName("Fit")]),
        pdfdoc.PDFArray(list(range(3))),
        pdfdoc.PDFDictionary({"Rect": pdfdoc.PDFArray([1, 2, 3, 4]), "Dest": reference, "Border": "[0 0 0]",
                              "Nested": pdfdoc.PDFDictionary({"A": pdfdoc.PDFArray([])}), "Flag": False}),
        reference,
        pdfdoc.PDFArray([*range(-300, 300, 7), 10**9, 0]),  # a font's widths: integers
        pdfdoc.PDFArray([0, 0, 595.2756, 841.8898]),
        pdfdoc.PDFArray([0, 0, 595.2756, 841.8898]),  # remembered
        pdfdoc.PDFArray([1, 2.5, 3]), pdfdoc.PDFArray([1.0, 2.5, 3]),  # 1 and 1.0 written alike: not mixed up
        _resources(pdfdoc, reference),
        _resources(pdfdoc, reference, all_procedures=True),
        _resources(pdfdoc, reference, XObject={"FormXob.1": reference}),
        _resources(pdfdoc, reference, ExtGState={"gRLs0": reference}),
        -7, 12, 2**40, 3.25,
    ]
    # strings: every ASCII character, escapes, balanced and unbalanced parentheses, the
    # characters PDFDocEncoding maps elsewhere, text it cannot encode, and other encodings
    strings = ["page-12", "Week 3: \"Be Still\" (Psalm 46)", "a)b(c", "back\\slash\n\r\t",
               "".join(map(chr, range(128))), "\x18\x1f", "caf\u00e9", "\u2014", "", "(x)"]
    objects += [pdfdoc.PDFString(text, escape) for text in strings for escape in (0, 1, 3, 5, 7)]
    objects += [pdfdoc.PDFString(b"bytes (b)"), pdfdoc.PDFString("enc", enc="utf-8")]
    flate = pdfdoc.PDFArray([pdfdoc.PDFName("FlateDecode")])
    streams = []  # written by their own format (pdfdoc.format writes a reference to a stream)
    for content, dictionary in ((b"x\x9c compressed \x00 bytes", {"Filter": flate}),
                                (b"", {"Filter": flate}),
                                (b"font", {"Filter": flate, "Length1": 4}),  # another key
                                (b"filtered", {"Filter": "/ASCIIHexDecode"}),
                                ("text", {"Filter": flate}),  # not bytes
                                (b"plain", {})):
        streams.append(pdfdoc.PDFStream(pdfdoc.PDFDictionary(dictionary), content))
    streams.append(pdfdoc.PDFStream(content="BT /F1 12 Tf (a) Tj ET", filters=[pdfdoc.PDFZCompress]))
    multiline = pdfdoc.PDFArray([1, 2, 3])
    multiline.multiline = "forced"
    objects += [pdfdoc.PDFArray([1, 2, 3]), multiline]  # the same numbers, written otherwise
    ours = [pdfdoc.format(item, document) for item in objects] + [item.format(document) for item in streams]
    assert ours[-7] == (b"<<\n/Filter [ /FlateDecode ] /Length 21\n>>\nstream\n"
                        b"x\x9c compressed \x00 bytesendstream\n")
    monkeypatch.setattr(pdfdoc, "format", inspect.unwrap(pdfdoc.format))
    monkeypatch.setattr(pdfdoc, "pdfdocEnc", inspect.unwrap(pdfdoc.pdfdocEnc))
    for cls, method in speedups.REPLACED.items():
        monkeypatch.setattr(cls, "format", method)
    theirs = [pdfdoc.format(item, document) for item in objects] + [item.format(document) for item in streams]
    assert theirs == ours
    assert len(speedups.REPLACED) == 9


def _resources(pdfdoc, font_reference, all_procedures: bool = False, **dictionaries):
    """A page's resource dictionary as the canvas makes it."""
    resources = pdfdoc.PDFResourceDictionary()
    resources.Font = pdfdoc.PDFObjectReference(font_reference.name)
    if all_procedures:
        resources.allProcs()
    for name, value in dictionaries.items():
        setattr(resources, name, value)
    return resources


def _linked_pdf() -> bytes:
    """A two-page PDF with links of every kind the canvas makes, to several destinations."""
    import io

    from reportlab.lib.colors import Color
    from reportlab.pdfgen.canvas import Canvas

    buffer = io.BytesIO()
    canvas = Canvas(buffer, invariant=1)
    canvas.bookmarkPage("first")
    canvas.bookmarkHorizontal("spot", 72, 500.25)
    for index in range(12):
        canvas.linkRect("", "first" if index % 2 else "spot", (index, 10.5, index + 20.125, 30), relative=1)
    canvas.translate(30, 40)
    canvas.linkRect("caf\u00e9 (note)", "later", (0, 0, 50, 12), relative=1, thickness=1,
                    color=Color(0.2, 0.4, 0.6), dashArray=[2, 1])
    canvas.linkAbsolute("", "later", (1, 2, 3, 4), Border="[0 0 0]")
    canvas.linkAbsolute("", "spot", (1, 2, 3, 4), H="/P")  # another key
    canvas.linkAbsolute("", "first", None)  # the whole page
    canvas.linkURL("https://example.org/a(b)", (5, 6, 7, 8.5))
    canvas.showPage()
    canvas.bookmarkPage("later", fit="XYZ", left=10, top=700.5, zoom=0)
    for level, title in enumerate(("Week 1: Rest (Psalm 23)", "caf\u00e9 \u2014 notes", "a)b")):
        canvas.bookmarkHorizontal(f"entry-{level}", 0, 600 - level)
        canvas.addOutlineEntry(title, f"entry-{level}", level=level)
    canvas.linkAbsolute("", "first", (1, 2, 3, True))  # not all numbers
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def test_links_are_written_as_reportlab_writes_them(monkeypatch) -> None:
    from reportlab.pdfbase import pdfdoc

    ours = _linked_pdf()
    monkeypatch.setattr(pdfdoc, "format", inspect.unwrap(pdfdoc.format))
    monkeypatch.setattr(pdfdoc, "pdfdocEnc", inspect.unwrap(pdfdoc.pdfdocEnc))
    for cls, method in speedups.REPLACED.items():
        monkeypatch.setattr(cls, "format", method)
    assert _linked_pdf() == ours
    assert ours.count(b"/Subtype /Link") == 18


def test_same_frag_is_reportlabs_comparison() -> None:
    from reportlab.lib.colors import Color
    from reportlab.platypus.paraparser import ParaFrag

    keys = ("fontName", "fontSize", "textColor", "rise", "us_lines", "link", "backColor", "nobr")
    values = {"fontName": ["A", "B"], "fontSize": [10, 10.0, 11],
              "textColor": [Color(0, 0, 0), Color(0, 0, 0), "red"], "rise": [0, 2],
              "us_lines": [[], [(0, "underline")]], "link": [[], [(0, "x")]],
              "backColor": [None, "yellow"], "nobr": [None, True]}
    pick = random.Random(7)

    def frag() -> ParaFrag:
        made = ParaFrag()
        for key in keys:
            if (key in ("backColor", "nobr") and pick.random() < 0.7) or pick.random() < 0.03:
                continue  # mostly absent, as in parsed fragments; now and then a core key too
            setattr(made, key, pick.choice(values[key]))
        if pick.random() < 0.05:
            made.cbDefn = object()
        if pick.random() < 0.05:
            made.lineBreak = True
        return made

    def reportlabs(f: ParaFrag, g: ParaFrag) -> bool:  # rl_accel's pure-Python sameFrag
        fdict, gdict = f.__dict__, g.__dict__
        if "cbDefn" in fdict or "lineBreak" in fdict or "cbDefn" in gdict or "lineBreak" in gdict:
            return False
        return [fdict.get(k) for k in keys] == [gdict.get(k) for k in keys]

    same = 0
    for _ in range(20000):
        f = frag()
        g = frag() if pick.random() < 0.5 else ParaFrag(**{**f.__dict__, "text": "other"})
        assert bool(speedups.same_frag(f, g)) == reportlabs(f, g)
        same += reportlabs(f, g)
    assert 1000 < same < 19000


def test_canvas_measures_through_the_memo_with_reportlabs_result() -> None:
    from reportlab.pdfgen.canvas import Canvas

    name = fonts.register_family("serif")["italic"]
    canvas = Canvas(io.BytesIO())
    canvas.setFont(name, 9.5)
    assert Canvas.stringWidth is speedups.canvas_string_width
    for text in ("", "grace", "Grace and peace \u2014 \u00e9t\u00e9", "\u00a0\u00a0"):
        assert canvas.stringWidth(text) == pdfmetrics.stringWidth(text, name, 9.5)
        assert canvas.stringWidth(text, "Helvetica", 12) == pdfmetrics.stringWidth(text, "Helvetica", 12)
        assert canvas.stringWidth(text, None, 7) == pdfmetrics.stringWidth(text, name, 7)


def test_reportlab_is_imported_after_the_parse_fork_with_patterns_compiled_when_first_used() -> None:
    code = """
import re, sys
compile_ = re.compile
import guide_builder.cli, guide_builder.build
assert not [name for name in sys.modules if name.startswith("reportlab")], "reportlab imported before parsing"
assert "guide_builder.layout" not in sys.modules, "layouts imported before parsing"
guide_builder.build._import_renderer()  # what the build does while weeks are parsed
assert "guide_builder.layout" in sys.modules
from reportlab.platypus import paragraph
assert re.compile is compile_
assert paragraph.uri_pat.compiled is None, "compiled on import"
from guide_builder.deferred import DeferredPattern
assert isinstance(paragraph.uri_pat, DeferredPattern)
pattern, flags = paragraph.uri_pat.source
for url in ("https://example.org/a/b", "HTTP://Example.ORG", "ftp://x", "example.org", "https://", "a://b.c/d?e#f"):
    assert bool(paragraph.uri_pat.match(url)) == bool(compile_(pattern, flags).match(url)), url
assert paragraph._uri_split_pairs("https://example.org/a/b")[0] == ("https://example.org/a/", "b")
from reportlab.lib import PyFontify, rl_safe_eval, textsplit
deferred = (textsplit.rx, PyFontify.matchRE, rl_safe_eval.__rl_unsafe_re__)
assert all(isinstance(pattern, DeferredPattern) and pattern.compiled is None for pattern in deferred)
assert not isinstance(PyFontify.idRE, DeferredPattern)  # only the patterns named are deferred
source = "def f(x):  # a comment\\n    return 'text' if x else None\\n"
assert [tag for tag, *_ in PyFontify.fontify(source)] == ["keyword", "identifier", "comment", "keyword",
                                                          "string", "keyword", "keyword"]
for pattern in deferred:
    text, flags = pattern.source
    for sample in ("__globals__ and co_code", "import os  # x", "\\u4e2d", "plain"):
        assert [m.span() for m in pattern.finditer(sample)] == [
            m.span() for m in compile_(text, flags).finditer(sample)]
"""
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                            timeout=120)
    assert result.returncode == 0, result.stderr


def test_text_frames_deep_copy_as_reportlabs_frames_do() -> None:
    import copy

    from reportlab.platypus import Frame

    from guide_builder import model as m
    from guide_builder.render.pages import TextFrame, column_frames, frame_for

    ours = TextFrame(10, 20, 400, 600, leftPadding=0, id="x")
    theirs = Frame(10, 20, 400, 600, leftPadding=0, id="x")
    for frame in (ours, theirs):
        frame._generated_content = ["break", ["nested"]]
        frame._frameBGs = []
        frame._y -= 123.5
    copied, expected = copy.deepcopy(ours), copy.deepcopy(theirs)
    assert type(copied) is TextFrame and copied.__dict__ == expected.__dict__
    assert copied._generated_content is not ours._generated_content
    assert copied._generated_content[1] is not ours._generated_content[1]
    copied._generated_content.append("more")
    assert ours._generated_content == ["break", ["nested"]]
    fresh = TextFrame(0, 0, 100, 100)
    assert fresh._generated_content is None  # answered without an AttributeError raised
    fresh.add_generated_content("break")
    assert fresh._generated_content == ["break"]
    del fresh._generated_content
    assert fresh._generated_content is None
    page, margins = m.PageSize(612, 792), m.Margins(72, 72, 72, 54)
    assert isinstance(frame_for(page, margins, True, "k"), TextFrame)
    assert all(isinstance(frame, TextFrame) for frame in column_frames(page, margins, True, "k", 2, 24))


def test_bags_clone_as_reportlabs_clone_does() -> None:
    from reportlab.lib.abag import ABag
    from reportlab.platypus.flowables import _FBGBag
    from reportlab.platypus.paragraph import FragLine, ParaLines
    from reportlab.platypus.paraparser import ParaFrag

    class Counted(ABag):  # a bag with a constructor of its own: reportlab's clone calls it
        def __init__(self, **attr) -> None:
            super().__init__(**attr)
            self.made = getattr(self, "made", 0) + 1

    assert ABag.clone is speedups.fast_clone
    for kind in (ABag, ParaFrag, FragLine, ParaLines, _FBGBag, Counted):
        bag = kind(fontName="Serif", fontSize=10.5, text="grace", us_lines=[], link=[])
        for extra in ({}, {"text": "peace", "rise": 2}, {"kind": 0, "lines": []}):
            ours, theirs = bag.clone(**extra), speedups._ORIGINAL_CLONE(bag, **extra)
            assert type(ours) is type(theirs) is kind
            assert list(ours.__dict__.items()) == list(theirs.__dict__.items())  # same values, same order
            assert ours.__dict__ is not bag.__dict__
            ours.text = "changed"
            assert bag.text == "grace"


def test_pillow_and_harfbuzz_are_loaded_only_when_a_book_uses_them(tmp_path: Path) -> None:
    """reportlab imports PIL.Image and uharfbuzz on import; a book without pictures or
    Hebrew never uses them, and they are loaded on first use instead (guide_builder/deferred.py)."""
    code = """
import sys
import guide_builder.build
from guide_builder.deferred import DeferredModule
guide_builder.build._import_renderer()
stand_ins = {name: sys.modules[name] for name in ("PIL.Image", "uharfbuzz")}
assert all(type(module) is DeferredModule and module._loaded is None for module in stand_ins.values())
from reportlab.pdfbase import ttfonts
from reportlab.lib import utils
assert ttfonts.uharfbuzz is stand_ins["uharfbuzz"] and utils.Image is stand_ins["PIL.Image"]
import uharfbuzz
from PIL import Image
assert uharfbuzz is stand_ins["uharfbuzz"] and Image is stand_ins["PIL.Image"]
assert utils.haveImages and uharfbuzz  # what reportlab tests them for, without loading them
from guide_builder.build import BuildOptions, build_guide
from pathlib import Path
build_guide(BuildOptions(root=Path(sys.argv[1]), out=Path(sys.argv[2])))
assert all(module._loaded is None for module in stand_ins.values()), "loaded by a plain book"
picture = Image.new("RGB", (3, 2), (200, 60, 30))  # first use: the real module is loaded
real = sys.modules["PIL.Image"]
assert type(real) is not DeferredModule and stand_ins["PIL.Image"]._loaded is real
assert isinstance(picture, Image.Image) and isinstance(picture, real.Image)
import PIL
assert PIL.Image is real
limit = real.MAX_IMAGE_PIXELS
Image.MAX_IMAGE_PIXELS = 1234  # set through the stand-in: set on the module
assert real.MAX_IMAGE_PIXELS == 1234 and Image.MAX_IMAGE_PIXELS == 1234
assert "open" in dir(Image)
assert uharfbuzz.Buffer is not None and type(sys.modules["uharfbuzz"]) is not DeferredModule
"""
    study = make_study(tmp_path / "study", 2, seed=3)
    result = subprocess.run([sys.executable, "-c", code, str(study), str(tmp_path / "book.pdf")],
                            capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "book.pdf").read_bytes().startswith(b"%PDF")
