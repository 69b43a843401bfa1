"""guide.toml -> GuideConfig, every problem located by line."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from guide_builder.errors import Collector
from guide_builder.load import SourceFile
from guide_builder.model import GuideConfig, TranslationRules
from guide_builder.tomlsource import TomlSource, load_toml
from guide_builder.units import PAGE_SIZES, UnitError, parse_page_size

GUIDE_KEYS = {
    "title", "subtitle", "author", "translation", "page_size", "layout", "language", "keywords",
}
TABLES: dict[str, set[str]] = {
    "guide": GUIDE_KEYS,
    "cover": {"image", "tagline"},
    "output": {"name"},
    "translations": set(),
}


def slugify(text: str) -> str:
    """A file-name-safe stem: lowercase words joined by hyphens."""
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return slug or "guide"


def _check_keys(doc: TomlSource, problems: Collector) -> None:
    for table, value in doc.data.items():
        if table not in TABLES:
            problems.error(doc.path, doc.line_of(table), f"unknown table [{table}]",
                           f"guide.toml has the tables {', '.join('[' + t + ']' for t in TABLES)}")
            continue
        if not isinstance(value, dict):
            problems.error(doc.path, doc.line_of(table), f"`{table}` must be a table",
                           f"write it as [{table}] followed by its keys")
            continue
        allowed = TABLES[table]
        if not allowed:
            continue
        for key in value:
            if key not in allowed:
                problems.error(doc.path, doc.line_of(f"{table}.{key}"),
                               f"unknown key `{key}` in [{table}]",
                               f"valid keys: {', '.join(sorted(allowed))}")


def _text(doc: TomlSource, table: dict[str, Any], dotted: str, default: str,
          problems: Collector) -> str:
    key = dotted.rpartition(".")[2]
    value = table.get(key, default)
    if not isinstance(value, str):
        problems.error(doc.path, doc.line_of(dotted), f"`{key}` must be text",
                       f'put it in quotes: {key} = "..."')
        return default
    return value.strip()


TRANSLATION_KEYS = {"notice", "max_verses"}


def _translations(doc: TomlSource, problems: Collector) -> dict[str, TranslationRules]:
    """`[translations.NIV] notice = "..."  max_verses = 500` for each translation quoted."""
    table = doc.data.get("translations", {})
    rules: dict[str, TranslationRules] = {}
    if not isinstance(table, dict):
        return rules
    for code, value in table.items():
        where = f"translations.{code}"
        if not isinstance(value, dict):
            problems.error(doc.path, doc.line_of(where), f"[{where}] must be a table",
                           f'write [translations.{code}] followed by notice = "..."')
            continue
        for key in value:
            if key not in TRANSLATION_KEYS:
                problems.error(doc.path, doc.line_of(f"{where}.{key}"), f"unknown key `{key}` in [{where}]",
                               f"valid keys: {', '.join(sorted(TRANSLATION_KEYS))}")
        notice = value.get("notice", "")
        limit = value.get("max_verses", 0)
        if not isinstance(notice, str):
            problems.error(doc.path, doc.line_of(f"{where}.notice"), "`notice` must be text",
                           'put it in quotes: notice = "..."')
            notice = ""
        if isinstance(limit, bool) or not isinstance(limit, int) or limit < 0:
            problems.error(doc.path, doc.line_of(f"{where}.max_verses"),
                           "`max_verses` must be a whole number (0 for no limit)", "max_verses = 500")
            limit = 0
        rules[code.upper()] = TranslationRules(notice.strip(), limit, doc.line_of(where))
    return rules


def _cover_image(doc: TomlSource, text: str, root: Path, problems: Collector) -> Path | None:
    """The cover image inside the study; remote, outside or missing files are reported, not opened."""
    if not text:
        return None
    line = doc.line_of("cover.image")
    if re.match(r"^[a-z][a-z0-9+.-]*:", text, re.IGNORECASE) and not re.match(r"^[a-z]:[\\/]", text, re.I):
        problems.warn(doc.path, line, f"cover image {text!r} is not a local file; the cover has no image",
                      "download the image into the study folder and give its path")
        return None
    resolved = (root / text).resolve()
    if not resolved.is_relative_to(root.resolve()):
        problems.error(doc.path, line, f"cover image {text!r} is outside the study folder",
                       "copy the image into the study (e.g. content/cover.jpg) and use that path")
        return None
    if not resolved.is_file():
        problems.error(doc.path, line, f"cover image {text!r} does not exist",
                       "check the file name; the path is relative to the study folder")
        return None
    return resolved


def parse_config(source: SourceFile, root: Path, problems: Collector) -> GuideConfig | None:
    """Validate guide.toml; return None (with diagnostics) when it cannot be used."""
    doc = load_toml(source.path, source.text)
    if not isinstance(doc, TomlSource):
        problems.extend([doc])
        return None
    _check_keys(doc, problems)
    guide = doc.data.get("guide")
    if not isinstance(guide, dict):
        problems.error(source.path, None, "guide.toml has no [guide] table",
                       'add [guide] with at least title = "..."')
        return None
    cover = doc.data.get("cover") if isinstance(doc.data.get("cover"), dict) else {}
    output = doc.data.get("output") if isinstance(doc.data.get("output"), dict) else {}
    title = _text(doc, guide, "guide.title", "", problems)
    if not title:
        problems.error(source.path, doc.line_of("guide.title") or doc.line_of("guide"),
                       "the study has no title", 'add title = "..." under [guide]')
    page_size_name = _text(doc, guide, "guide.page_size", "letter", problems)
    try:
        page_size = parse_page_size(page_size_name)
    except UnitError as error:
        problems.error(source.path, doc.line_of("guide.page_size"), str(error),
                       f"for example page_size = \"{next(iter(PAGE_SIZES))}\"")
        page_size = PAGE_SIZES["letter"]
    image = _cover_image(doc, _text(doc, cover, "cover.image", "", problems), root, problems)
    keywords = guide.get("keywords", [])
    if not isinstance(keywords, list) or not all(isinstance(k, str) for k in keywords):
        problems.error(source.path, doc.line_of("guide.keywords"), "`keywords` must be a list of text",
                       'for example keywords = ["prayer", "small groups"]')
        keywords = []
    name = _text(doc, output, "output.name", "", problems) or slugify(title)
    if slugify(name) != name:
        problems.error(source.path, doc.line_of("output.name"),
                       f"output name {name!r} is not a plain file name",
                       f'use letters, digits and hyphens, e.g. name = "{slugify(name)}"')
    return GuideConfig(
        path=source.path,
        title=title,
        subtitle=_text(doc, guide, "guide.subtitle", "", problems),
        author=_text(doc, guide, "guide.author", "", problems),
        translation=_text(doc, guide, "guide.translation", "WEB", problems).upper(),
        page_size=page_size,
        page_size_name=page_size_name,
        layout=_text(doc, guide, "guide.layout", "standard", problems),
        language=_text(doc, guide, "guide.language", "en", problems),
        cover_image=image,
        cover_tagline=_text(doc, cover, "cover.tagline", "", problems),
        output_name=name,
        keywords=tuple(keywords),
        translations=_translations(doc, problems),
    )
