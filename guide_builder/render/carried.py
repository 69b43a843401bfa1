"""Pages laid out in another process, carried into the book as content streams.

A later part of a long book is laid out in a forked process (render/parts.py). Its
pages are not written as a PDF of their own: the part's `PartCanvas` keeps each finished
page as its compressed content stream, with the links and images on it, and at the end
turns the TrueType subsets its text used into ready font programs under names of the
part's own (`/PF1+0`, never the main document's `/F1+0`). The main process's
`BookCanvas` gives each page it makes for the part that stream first, under its running
heads, replays the links and images, and writes the part's fonts next to its own.

Nothing is decoded, re-encoded or parsed again: the main process only copies bytes, and
the part's compression and font subsetting run in the part's own process.

The small parts `guide build --watch` keeps write their text in codes shared by the whole
book instead (render/bookfonts.py), and the main process embeds those subsets once.
"""

from __future__ import annotations

import hashlib
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from reportlab import rl_config
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfdoc, pdfmetrics
from reportlab.pdfbase.ttfonts import FF_NONSYMBOLIC, FF_SYMBOLIC, TTFont, makeToUnicodeCMap
from reportlab.pdfgen.canvas import Canvas

if TYPE_CHECKING:
    from guide_builder.render.bookfonts import BookFonts

FLATE = pdfdoc.PDFArray([pdfdoc.PDFName("FlateDecode")])


@dataclass(frozen=True)
class Link:
    """A link on a part's page, in page coordinates: to a URL or to a named destination."""

    url: str | None
    destination: str | None
    rect: tuple[float, float, float, float]
    options: dict


@dataclass
class PartPage:
    """One finished page of a part: its content stream and what it refers to."""

    stream: bytes  # Flate-compressed
    links: list[Link] = field(default_factory=list)
    # drawImage's (file name, mask, whether it was given as an ImageReader): the image's
    # name in the stream is a digest of what drawImage was given, so it is given the same
    images: list[tuple[str, object, bool]] = field(default_factory=list)


@dataclass(frozen=True)
class Subset:
    """One font subset of a part, ready to embed: the font program and its tables."""

    internal_name: str  # the resource name its pages use, without the slash: "PF1+0"
    base_font: str  # tagged PostScript name: "ABCDEF+NotoSerif-Regular"
    font_name: str  # the registered reportlab font it is cut from
    widths: tuple[int, ...]
    to_unicode: bytes  # Flate-compressed ToUnicode CMap
    program: bytes  # Flate-compressed TrueType subset
    program_length: int  # uncompressed length (Length1)


class PartCanvas(Canvas):
    """The canvas of a later part: hands each finished page on as its stream instead of
    building a PDF."""

    def __init__(self, *args, part_id: str, on_page: Callable[[PartPage], None],
                 book_fonts: BookFonts | None = None, **kwargs) -> None:
        """`on_page` is given each page as it is finished; with `book_fonts`, the fonts it
        shares are written in the book's codes, and only the others in subsets of the part's
        own."""
        super().__init__(*args, **kwargs)
        self.part_id = part_id
        self.on_page = on_page
        self.book_fonts = book_fonts
        self._links: list[Link] = []
        self._images: list[tuple[str, object, bool]] = []
        if book_fonts is not None:
            book_fonts.install(self._doc)
        for font in true_type_fonts():
            if book_fonts is not None and book_fonts.shares(font):
                continue
            state = TTFont.State(font._asciiReadable, font)
            state.namePrefix = f"{part_id}F"  # its pages name this part's subsets, not the book's
            font.state[self._doc] = state

    def linkURL(self, url, rect, relative=0, thickness=0, color=None, dashArray=None, kind="URI", **kw):
        options = dict(kw, thickness=thickness, color=color, dashArray=dashArray, kind=kind)
        self._links.append(Link(url, None, tuple(self._absRect(rect, relative)), options))

    def linkRect(self, contents, destinationname, Rect=None, addtopage=1, name=None, relative=1,
                 thickness=0, color=None, dashArray=None, **kw):
        options = dict(kw, contents=contents, thickness=thickness, color=color, dashArray=dashArray)
        self._links.append(Link(None, destinationname, tuple(self._absRect(Rect, relative)), options))

    def drawImage(self, image, x, y, width=None, height=None, mask=None, *args, **kwargs):
        reader = isinstance(image, ImageReader)
        self._images.append((image.fileName if reader else image, mask, reader))
        return super().drawImage(image, x, y, width, height, mask, *args, **kwargs)

    def showPage(self) -> None:
        if self._extgstate.getState() or self._colorsUsed or self._shadingUsed or self._annotationrefs:
            raise RuntimeError("a later part's page uses PDF resources that cannot be carried over")
        self._code.append(" ")
        text = "\n".join(["q", *self._psCommandsBeforePage, self._preamble, *self._code,
                          *self._psCommandsAfterPage, "Q"]) + "\n"
        page = PartPage(zlib.compress(text.encode("utf8")), self._links, self._images)
        self._links, self._images = [], []
        self.on_page(page)
        if self._onPage:
            self._onPage(self._pageNumber)
        self._startPage()

    def subsets(self) -> list[Subset]:
        """Every font subset of the part's own that its pages use, cut and compressed here."""
        made = []
        for font in true_type_fonts():
            state = font.state.get(self._doc)
            if state is None or state.internalName is None:
                continue
            if self.book_fonts is not None and self.book_fonts.shares(font):
                del font.state[self._doc]
                continue
            if state.namePrefix != f"{self.part_id}F":
                raise RuntimeError(f"font {font.fontName} was registered while a later part was laid out: "
                                   "register every font first (render.document.register_fonts)")
            made.extend(cut_subset(font, state.internalName, self.part_id, number, codes)
                        for number, codes in enumerate(state.subsets))
            del font.state[self._doc]
        return made


def cut_subset(font: TTFont, internal_name: str, tag_key: str, number: int, codes: list[int]) -> Subset:
    """Subset `number` (the characters `codes`) of `font`, cut and compressed, named
    `internal_name`+`number`, with a tag made from `tag_key` (unique among the book's)."""
    base = f"{subset_tag(tag_key, font.fontName, number)}+{font.face.name.decode('pdfdoc')}"
    base += font.face.subfontNameX.decode("pdfdoc")
    program = font.face.makeSubset(codes)
    return Subset(f"{internal_name}+{number}", base, font.fontName,
                  tuple(font.face.getCharWidth(code) for code in codes),
                  zlib.compress(makeToUnicodeCMap(base, codes).encode("latin-1")), zlib.compress(program),
                  len(program))


class BookCanvas(Canvas):
    """The main document's canvas: can put a part's page under the page being made.

    With `book_fonts`, its own text is written in the book's shared codes too, and the
    shared subsets that it or any part (`embed`) uses are written with the PDF.
    """

    def __init__(self, *args, book_fonts: BookFonts | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._carried: PartPage | None = None
        self.book_fonts = book_fonts
        self._shared_used: set[str] = set()
        if book_fonts is not None:
            book_fonts.install(self._doc)
            self._doc.delayedFonts.append(_SharedFonts(self))

    def carry(self, page: PartPage) -> None:
        """Draw `page` (a part's page) first on the current page, with its links and images."""
        self._carried = page
        for source, mask, reader in page.images:
            mark = len(self._code)
            image = ImageReader(source) if reader else source
            self.drawImage(image, 0, 0, 1, 1, mask=mask)  # registers the image for this page
            del self._code[mark:]
        for link in page.links:
            options = dict(link.options)
            if link.url is not None:
                self.linkURL(link.url, link.rect, relative=0, **options)
            else:
                contents = options.pop("contents", "")
                self.linkAbsolute(contents, link.destination, link.rect, **options)

    def embed(self, subsets: list[Subset], shared: Iterable[str] = ()) -> None:
        """Write a part's font subsets into this document when it is saved, and the book's
        shared subsets of the fonts named in `shared`."""
        if subsets:
            self._doc.delayedFonts.append(_CarriedFonts(subsets))
        self._shared_used.update(shared)

    def showPage(self) -> None:
        carried, self._carried = self._carried, None
        super().showPage()
        page = self._doc.Pages.pages[-1]
        if page.compression and not rl_config.useA85:
            # compressed now, as reportlab would when writing the PDF (same bytes): the main
            # process often waits for the later part meanwhile, and its tail is shorter
            own = _stream(zlib.compress(page.stream.encode("utf8")))
        else:
            own = pdfdoc.PDFStream(content=page.stream)
            if page.compression:
                own.filters = [pdfdoc.PDFBase85Encode, pdfdoc.PDFZCompress]
        page.stream = None
        page.Contents = own if carried is None else pdfdoc.PDFArray([_stream(carried.stream), own])


class _CarriedFonts:
    """Stands in the document's delayed fonts: adds a part's subsets when the PDF is written."""

    def __init__(self, subsets: list[Subset]) -> None:
        self.subsets = subsets

    def addObjects(self, doc: pdfdoc.PDFDocument) -> None:
        fonts = doc.idToObject["BasicFonts"].dict
        for subset in self.subsets:
            face = pdfmetrics.getFont(subset.font_name).face
            program = _stream(subset.program)
            program.dictionary["Length1"] = subset.program_length
            program_ref = doc.Reference(program, f"fontFile:{subset.base_font}")
            descriptor = pdfdoc.PDFDictionary({
                "Type": "/FontDescriptor", "Ascent": face.ascent, "CapHeight": face.capHeight,
                "Descent": face.descent, "Flags": (face.flags & ~FF_NONSYMBOLIC) | FF_SYMBOLIC,
                "FontBBox": pdfdoc.PDFArray(face.bbox), "FontName": pdfdoc.PDFName(subset.base_font),
                "ItalicAngle": face.italicAngle, "StemV": face.stemV, "FontFile2": program_ref,
                "MissingWidth": face.defaultWidth,
            })
            font = pdfdoc.PDFTrueTypeFont()
            font.Name = subset.internal_name
            font.BaseFont = subset.base_font
            font.FirstChar = 0
            font.LastChar = len(subset.widths) - 1
            font.Widths = pdfdoc.PDFArray(list(subset.widths))
            font.ToUnicode = doc.Reference(_stream(subset.to_unicode), f"toUnicodeCMap:{subset.base_font}")
            font.FontDescriptor = doc.Reference(descriptor, f"fontDescriptor:{subset.base_font}")
            doc.Reference(font, subset.internal_name)
            fonts[subset.internal_name] = font


class _SharedFonts:
    """Stands in the document's delayed fonts: adds the book's shared subsets that its
    pages use when the PDF is written."""

    def __init__(self, canvas: BookCanvas) -> None:
        self.canvas = canvas

    def addObjects(self, doc: pdfdoc.PDFDocument) -> None:
        book_fonts = self.canvas.book_fonts
        used = self.canvas._shared_used | book_fonts.used_in(doc)
        _CarriedFonts(book_fonts.subsets(used)).addObjects(doc)


def _stream(data: bytes) -> pdfdoc.PDFStream:
    """A PDF stream of Flate-compressed bytes, written as they are."""
    return pdfdoc.PDFStream(pdfdoc.PDFDictionary({"Filter": FLATE}), data)


def subset_tag(part_id: str, font_name: str, number: int) -> str:
    """The six capital letters that make a part's subset name unique in the book."""
    digest = hashlib.sha256(f"{part_id}/{font_name}/{number}".encode()).digest()
    return "".join(chr(ord("A") + byte % 26) for byte in digest[:6])


def true_type_fonts() -> list[TTFont]:
    """The registered TrueType fonts, in a fixed order."""
    return [font for _, font in sorted(pdfmetrics._fonts.items()) if isinstance(font, TTFont)]
