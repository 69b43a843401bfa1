"""Safety checks for every PDF the test suite builds (issue 7, "Properties and checks in CI").

`pdf_problems(path)` opens the file with pikepdf and returns a list of what is wrong:
qpdf's syntax check, fonts used by page content that are not embedded, JavaScript
anywhere (names tree, actions, `/JS` keys), and link actions other than internal
destinations and http, https or mailto URIs. An empty list means the PDF is fine.

Form widget appearances (their /AP streams and the AcroForm /DR fonts) may use a
standard, non-embedded font such as Helvetica: viewers supply those for form fields,
so fonts are only checked where page content streams (and the form XObjects they
draw) use them.
"""

from __future__ import annotations

import re
from pathlib import Path

import pikepdf

SAFE_URI_SCHEMES = ("http", "https", "mailto")
UNSAFE_ACTIONS = {"/JavaScript", "/Launch", "/ImportData", "/Rendition", "/GoToR", "/GoToE"}
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):")
FONT_FILES = ("/FontFile", "/FontFile2", "/FontFile3")


def _syntax_problems(pdf: pikepdf.Pdf) -> list[str]:
    check = getattr(pdf, "check_pdf_syntax", None) or pdf.check  # pikepdf >= 10 renamed check()
    return [f"syntax: {problem}" for problem in check()]


def _font_embedded(font: pikepdf.Dictionary) -> bool:
    subtype = font.get("/Subtype")
    if subtype == "/Type3":
        return True  # glyphs are content streams inside the font
    if subtype == "/Type0":
        descendants = font.get("/DescendantFonts")
        return bool(descendants) and all(_font_embedded(d) for d in descendants)
    descriptor = font.get("/FontDescriptor")
    return descriptor is not None and any(key in descriptor for key in FONT_FILES)


def _font_problems(pdf: pikepdf.Pdf) -> list[str]:
    problems: list[str] = []
    seen_resources: set[tuple[int, int]] = set()
    seen_fonts: set[tuple[int, int]] = set()

    def visit(resources: pikepdf.Object | None, where: str) -> None:
        if not isinstance(resources, pikepdf.Dictionary):
            return
        if resources.is_indirect:
            if resources.objgen in seen_resources:
                return
            seen_resources.add(resources.objgen)
        fonts = resources.get("/Font")
        if isinstance(fonts, pikepdf.Dictionary):
            for name, font in fonts.items():
                if font.is_indirect:
                    if font.objgen in seen_fonts:
                        continue
                    seen_fonts.add(font.objgen)
                if not _font_embedded(font):
                    base = font.get("/BaseFont", "?")
                    problems.append(f"fonts: {where}: font {name} ({base}) is not embedded")
        xobjects = resources.get("/XObject")
        if isinstance(xobjects, pikepdf.Dictionary):
            for name, xobject in xobjects.items():
                if isinstance(xobject, pikepdf.Stream) and xobject.get("/Subtype") == "/Form":
                    if xobject.objgen in seen_resources:
                        continue
                    seen_resources.add(xobject.objgen)
                    visit(xobject.get("/Resources"), f"{where} form {name}")

    for number, page in enumerate(pdf.pages, start=1):
        resources = page.obj.get("/Resources")
        if resources is None:  # inherited from the page tree
            node = page.obj.get("/Parent")
            while node is not None and resources is None:
                resources = node.get("/Resources")
                node = node.get("/Parent")
        visit(resources, f"page {number}")
    return problems


def _check_action(action: pikepdf.Object, where: str, problems: list[str]) -> None:
    if not isinstance(action, pikepdf.Dictionary):
        return
    kind = str(action.get("/S", ""))
    if kind in UNSAFE_ACTIONS:
        problems.append(f"actions: {where}: a {kind} action")
    if kind == "/URI" or "/URI" in action:
        uri = str(action.get("/URI", ""))
        match = _SCHEME.match(uri)
        if match is None or match.group(1).lower() not in SAFE_URI_SCHEMES:
            problems.append(f"links: {where}: URI {uri!r} is not http, https or mailto")
    following = action.get("/Next")
    if isinstance(following, pikepdf.Array):
        for item in following:
            _check_action(item, where, problems)
    elif following is not None:
        _check_action(following, where, problems)


def _walk(obj: pikepdf.Object, where: str, problems: list[str], depth: int = 0) -> None:
    """Every direct dictionary and array inside one indirect object (not following references)."""
    if depth > 64:
        return
    if isinstance(obj, pikepdf.Stream):
        obj = obj.stream_dict
    if isinstance(obj, pikepdf.Dictionary):
        if "/JS" in obj:
            problems.append(f"javascript: {where}: a /JS entry")
        if "/S" in obj:  # an action (or a harmless /S such as a page label style)
            _check_action(obj, where, problems)
        for key, value in obj.items():
            if key == "/JavaScript":
                problems.append(f"javascript: {where}: a /JavaScript entry")
            if key == "/Parent" or key == "/P":
                continue
            if isinstance(value, pikepdf.Dictionary | pikepdf.Array) and not value.is_indirect:
                _walk(value, where, problems, depth + 1)
    elif isinstance(obj, pikepdf.Array):
        for value in obj:
            if isinstance(value, pikepdf.Dictionary | pikepdf.Array) and not value.is_indirect:
                _walk(value, where, problems, depth + 1)


def _action_problems(pdf: pikepdf.Pdf) -> list[str]:
    problems: list[str] = []
    names = pdf.Root.get("/Names")
    if isinstance(names, pikepdf.Dictionary) and "/JavaScript" in names:
        problems.append("javascript: the document has a /JavaScript names tree")
    for obj in pdf.objects:
        if isinstance(obj, pikepdf.Dictionary | pikepdf.Stream | pikepdf.Array):
            _walk(obj, f"object {obj.objgen[0]}", problems)
    for number, page in enumerate(pdf.pages, start=1):
        for annotation in page.obj.get("/Annots", None) or []:
            if annotation.get("/Subtype") != "/Link":
                continue
            action = annotation.get("/A")
            if action is not None:
                _check_action(action, f"page {number} link", problems)
            elif "/Dest" not in annotation:
                problems.append(f"links: page {number}: a link with neither /A nor /Dest")
    return problems


def pdf_problems(path: Path) -> list[str]:
    """Everything wrong with the PDF at `path` (empty when it is valid and safe)."""
    try:
        pdf = pikepdf.open(path)
    except pikepdf.PdfError as error:
        return [f"open: {error}"]
    with pdf:
        problems = _syntax_problems(pdf)
        problems += _font_problems(pdf)
        problems += _action_problems(pdf)
    # the same problem is often found twice (an action is a direct object of an annotation)
    return list(dict.fromkeys(problems))


def assert_valid_pdf(path: Path) -> None:
    """Fail the test with every problem of the PDF at `path`."""
    problems = pdf_problems(path)
    assert not problems, f"{path}: " + "; ".join(problems[:20])
