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
"""

from __future__ import annotations

import hashlib
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field

from reportlab import rl_config
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfdoc, pdfmetrics
from reportlab.pdfbase.ttfonts import FF_NONSYMBOLIC, FF_SYMBOLIC, TTFont, makeToUnicodeCMap
from reportlab.pdfgen.canvas import Canvas

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

    def __init__(self, *args, part_id: str, on_page: Callable[[PartPage], None], **kwargs) -> None:
        """`on_page` is given each page as it is finished."""
        super().__init__(*args, **kwargs)
        self.part_id = part_id
        self.on_page = on_page
        self._links: list[Link] = []
        self._images: list[tuple[str, object, bool]] = []
        for font in _true_type_fonts():
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
        """Every font subset the part's pages use, cut and compressed here."""
        made = []
        for font in _true_type_fonts():
            state = font.state.get(self._doc)
            if state is None or state.internalName is None:
                continue
            if state.namePrefix != f"{self.part_id}F":
                raise RuntimeError(f"font {font.fontName} was registered while a later part was laid out: "
                                   "register every font first (render.document.register_fonts)")
            for number, codes in enumerate(state.subsets):
                internal = f"{state.internalName}+{number}"
                base = f"{_tag(self.part_id, font.fontName, number)}+{font.face.name.decode('pdfdoc')}"
                base += font.face.subfontNameX.decode("pdfdoc")
                cmap = makeToUnicodeCMap(base, codes)
                program = font.face.makeSubset(codes)
                made.append(Subset(internal, base, font.fontName,
                                   tuple(font.face.getCharWidth(code) for code in codes),
                                   zlib.compress(cmap.encode("latin-1")), zlib.compress(program),
                                   len(program)))
            del font.state[self._doc]
        return made


class BookCanvas(Canvas):
    """The main document's canvas: can put a part's page under the page being made."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._carried: PartPage | None = None

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

    def embed(self, subsets: list[Subset]) -> None:
        """Write a part's font subsets into this document when it is saved."""
        if subsets:
            self._doc.delayedFonts.append(_CarriedFonts(subsets))

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


def _stream(data: bytes) -> pdfdoc.PDFStream:
    """A PDF stream of Flate-compressed bytes, written as they are."""
    return pdfdoc.PDFStream(pdfdoc.PDFDictionary({"Filter": FLATE}), data)


def _tag(part_id: str, font_name: str, number: int) -> str:
    """The six capital letters that make a part's subset name unique in the book."""
    digest = hashlib.sha256(f"{part_id}/{font_name}/{number}".encode()).digest()
    return "".join(chr(ord("A") + byte % 26) for byte in digest[:6])


def _true_type_fonts() -> list[TTFont]:
    """The registered TrueType fonts, in a fixed order."""
    return [font for _, font in sorted(pdfmetrics._fonts.items()) if isinstance(font, TTFont)]
