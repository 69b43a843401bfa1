"""Saved web pages -> blocks, with beautifulsoup4 and the standard library's html.parser.

The page's chrome is removed before the text is read: scripts and styles, navigation,
site headers and footers, sidebars, forms, and elements whose class or id names share
buttons, comments, related posts, newsletters and the like. What is removed with visible
text is reported. The article itself is read from `<article>`/`<main>` when the page has
one. Inline emphasis becomes Markdown `*`/`**`; links keep their words only.
"""

from __future__ import annotations

import re
import warnings

from bs4 import (
    BeautifulSoup,
    Comment,
    Doctype,
    MarkupResemblesLocatorWarning,
    NavigableString,
    Tag,
    XMLParsedAsHTMLWarning,
)

from guide_builder.importer.model import Block, BlockKind, Notes, emphasis, escape_line_start, escape_markdown

_INVISIBLE = ("script", "style", "noscript", "template", "svg", "canvas", "object", "embed", "head")
_CHROME = ("nav", "aside", "form", "button", "select", "textarea", "iframe", "video", "audio", "dialog")
_ROLES = {"navigation", "banner", "contentinfo", "complementary", "search", "menu", "menubar", "dialog"}
_TOKENS = {
    "share", "sharing", "sharedaddy", "sharethis", "addtoany", "a2a", "social", "comments", "comment",
    "respond", "related", "relatedposts", "sidebar", "subscribe", "subscription", "newsletter", "signup",
    "breadcrumb", "breadcrumbs", "cookie", "cookies", "consent", "nav", "navigation", "menu", "footer",
    "masthead", "meta", "byline", "tags", "categories", "popup", "modal", "ads", "advert", "advertisement",
    "pagination", "author", "bio", "jp", "widgets",
}
_BLOCKS = {
    "p", "div", "section", "article", "main", "header", "footer", "h1", "h2", "h3", "h4", "h5", "h6",
    "ul", "ol", "li", "blockquote", "pre", "table", "thead", "tbody", "tfoot", "tr", "td", "th",
    "figure", "figcaption", "hr", "dl", "dt", "dd", "address", "center", "details", "summary",
    "caption", "body", "html",
}
_SPACE = re.compile(r"[ \t\r\n\f]+")
_TITLE_SEPARATOR = re.compile(r"\s+(?:\||\u2013|\u2014|-|::|\u00bb|\u00b7)\s+")
_BOLD_ONLY = re.compile(r"^\*\*([^*]+)\*\*$")


def read_html(data: bytes, notes: Notes) -> tuple[list[Block], str | None]:
    """Blocks of a web page's article text, and the page `<title>` (without the site name)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)
        soup = BeautifulSoup(data, "html.parser")
    title = _page_title(soup)
    for node in soup.find_all(string=lambda s: isinstance(s, Comment | Doctype)):
        node.extract()
    for tag in soup.find_all(_INVISIBLE):
        tag.decompose()
    root = _content_root(soup)
    _drop_chrome(soup, root, notes)
    walker = _Walker(notes)
    walker.walk(root)
    walker.flush()
    return walker.blocks, title


def _page_title(soup: BeautifulSoup) -> str | None:
    if soup.title is None:
        return None
    text = _SPACE.sub(" ", soup.title.get_text()).strip()
    return _TITLE_SEPARATOR.split(text)[0].strip() or None


def _where(tag: Tag) -> str:
    return f"line {tag.sourceline}" if tag.sourceline else ""


def _is_chrome(tag: Tag) -> tuple[str, bool] | None:
    """(why a tag is page chrome, whether only its class or id says so), or None."""
    if tag.name in _CHROME:
        return f"web page <{tag.name}>", False
    inside_quote = tag.find_parent("blockquote") is not None
    if tag.name in ("header", "footer") and not inside_quote:
        if tag.name == "header" and tag.find_parent(("article", "main")) is not None:
            return None
        return f"web page <{tag.name}>", False
    if (tag.get("role") or "") in _ROLES:
        return f"web page {tag.get('role')} area", False
    attributes = " ".join([*(tag.get("class") or []), str(tag.get("id") or "")]).lower()
    tokens = set(re.split(r"[-_\s]+", attributes))
    hit = sorted(tokens & _TOKENS)
    if hit and not inside_quote and tag.name not in ("body", "html", "article", "main"):
        return f"web page {hit[0]} area", True
    return None


def _drop_chrome(soup: BeautifulSoup, root: Tag | BeautifulSoup, notes: Notes) -> None:
    """Remove page chrome, but never the article itself or what holds it.

    When the page marks no article, an element named only by its class (say a wrapper
    "has-sidebar") is kept if it holds most of the page's text.
    """
    keep = {id(root), *(id(parent) for parent in root.parents)}
    marked = root is not soup and root is not soup.body
    total = len(_SPACE.sub(" ", soup.get_text(" ")).strip())
    for tag in list(soup.find_all(True)):
        if tag.decomposed or tag.parent is None or id(tag) in keep:
            continue
        chrome = _is_chrome(tag)
        if chrome is None:
            continue
        why, by_class = chrome
        text = _SPACE.sub(" ", tag.get_text(" ")).strip()
        if by_class and not marked and len(text) > total / 2:
            continue
        if text:
            notes.drop(_where(tag), text, why)
        tag.decompose()


def _content_root(soup: BeautifulSoup) -> Tag | BeautifulSoup:
    articles = soup.find_all("article")
    if len(articles) == 1:
        return articles[0]
    main = soup.find("main") or soup.find(attrs={"role": "main"})
    if isinstance(main, Tag):
        return main
    if articles:
        return max(articles, key=lambda tag: len(tag.get_text()))
    return soup.body or soup


class _Walker:
    """Walks the tree in document order, turning block elements into Blocks."""

    def __init__(self, notes: Notes) -> None:
        self.notes = notes
        self.blocks: list[Block] = []
        self.buffer: list[str] = []
        self.where = ""
        self.kind: BlockKind = "para"

    def flush(self) -> None:
        text, self.buffer = "".join(self.buffer), []
        for chunk in re.split(r"\n[ \t\u00a0]*\n", text):
            lines = [escape_line_start(re.sub(r" {2,}", " ", line).strip()) for line in chunk.split("\n")]
            lines = [line for line in lines if line]
            if not lines:
                continue
            block = Block(self.kind, lines, self.where)
            bold = _BOLD_ONLY.match(" ".join(lines))
            if bold and self.kind == "para":
                block.bold = True
            self.blocks.append(block)

    def walk(self, node: Tag | BeautifulSoup) -> None:
        for child in list(node.children):
            if isinstance(child, NavigableString):
                self._add(escape_markdown(_SPACE.sub(" ", str(child))), node)
            elif isinstance(child, Tag):
                if child.name in _BLOCKS:
                    self.flush()
                    self.block(child)
                    self.flush()
                else:
                    self._add(self.inline(child), child)

    def _add(self, text: str, tag: Tag | BeautifulSoup) -> None:
        if not self.buffer and text.strip() and isinstance(tag, Tag):
            self.where = _where(tag)
        if self.buffer or text.strip():
            self.buffer.append(text)

    def block(self, tag: Tag) -> None:
        name = tag.name
        self.where = _where(tag)
        if name in ("h1", "h2", "h3", "h4", "h5", "h6"):
            text = _SPACE.sub(" ", self.inline(tag)).strip()
            if text:
                self.blocks.append(Block("heading", [text], self.where, level=int(name[1])))
        elif name in ("ul", "ol", "li"):
            self.list_items(tag, ordered=name == "ol")
        elif name == "blockquote":
            kind, self.kind = self.kind, "quote"
            self.walk(tag)
            self.flush()
            self.kind = kind
        elif name == "pre":
            for line in tag.get_text().split("\n"):
                self.buffer.append(escape_markdown(line.strip()) + "\n")
        elif name != "hr":
            self.walk(tag)

    def list_items(self, tag: Tag, ordered: bool) -> None:
        items = [tag] if tag.name == "li" else tag.find_all("li", recursive=False)
        for item in items:
            nested = [c for c in item.children if isinstance(c, Tag) and c.name in ("ul", "ol")]
            text = "".join(
                self.inline(child) if isinstance(child, Tag) else escape_markdown(str(child))
                for child in item.children
                if child not in nested
            )
            text = _SPACE.sub(" ", text).strip()
            if text:
                self.blocks.append(Block("item", [escape_line_start(text)], _where(item), ordered=ordered))
            for child in nested:
                self.list_items(child, ordered=child.name == "ol")

    def inline(self, tag: Tag) -> str:
        """The Markdown text of an inline element (and of anything inside it)."""
        name = tag.name
        if name == "br":
            return "\n"
        if name == "img":
            alt = str(tag.get("alt") or tag.get("src") or "image")
            self.notes.drop(_where(tag), alt, "image; add images to the week by hand")
            return ""
        inner = "".join(
            self.inline(child) if isinstance(child, Tag) else escape_markdown(_SPACE.sub(" ", str(child)))
            for child in tag.children
            if not isinstance(child, Comment)
        )
        if name in ("em", "i", "cite", "dfn", "var"):
            return emphasis("*", inner)
        if name in ("strong", "b"):
            return emphasis("**", inner)
        if name == "q":
            return f"\u201c{inner}\u201d"
        if name == "sup" and inner.strip().isdigit():
            return inner.strip() + "\u00a0"
        if name in _BLOCKS:
            return f"\n{inner}\n"
        return inner
