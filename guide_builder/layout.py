"""Stage 3, resolve: layout names -> Layout objects.

Layouts are TOML data. A study's `layouts/NAME.toml` comes first, then the built-ins
shipped in `guide_builder/layouts/`. `extends` chains are merged parent-first; unknown
keys, wrong types, bad lengths, missing parents and cycles are located diagnostics.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from guide_builder import PACKAGE_FOLDER
from guide_builder.errors import Collector
from guide_builder.layout_fonts import FontLoader, font_as_toml
from guide_builder.layout_styles import (
    check_print,
    check_styles,
    check_templates,
    kind_styles,
    print_settings,
    styles_as_toml,
)
from guide_builder.load import SourceFile
from guide_builder.model import Font, Layout, Margins, SectionKind
from guide_builder.tomlsource import TomlSource, load_toml
from guide_builder.units import UnitError, parse_length, parse_page_size

SCHEMA: dict[str, Any] = {
    "name": str,
    "extends": str,
    "description": str,
    "columns": int,
    "max_pages": int,
    "start_on": str,
    "sections": list,
    "page": {"margins": dict, "size": str},
    "fonts": {"body": (str, dict), "heading": (str, dict), "size": str},
    "questions": {"answer_lines": int, "line_gap": str},
    "notes": {"pages": int, "after": list},
    "header": {"left": str, "center": str, "right": str},
    "footer": {"left": str, "center": str, "right": str},
    "styles": {},  # [styles.KIND] tables: checked by layout_styles.check_styles
    "print": {"bleed": str, "crop_marks": bool},
}
MARGIN_KEYS = ("top", "bottom", "inside", "outside")
START_ON = ("any", "recto")
TYPE_NAMES = {str: "text", int: "a whole number", list: "a list", dict: "a table", bool: "true or false",
              (str, dict): "text or a table"}


@dataclass(frozen=True)
class LayoutFile:
    """A layout's TOML as read, before `extends` is applied."""

    name: str
    source: TomlSource
    builtin: bool


def builtin_layout_files() -> list[SourceFile]:
    """The layouts shipped inside the package."""
    folder = PACKAGE_FOLDER / "layouts"
    files = []
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".toml"):
            files.append(SourceFile(entry, entry.read_text(encoding="utf-8")))
    return files


def _validate(doc: TomlSource, problems: Collector) -> None:
    for key, value in doc.data.items():
        expected = SCHEMA.get(key)
        if expected is None:
            problems.error(doc.path, doc.line_of(key), f"unknown layout key `{key}`",
                           f"valid keys: {', '.join(SCHEMA)}")
        elif isinstance(expected, dict):
            if not isinstance(value, dict):
                problems.error(doc.path, doc.line_of(key), f"`{key}` must be a table",
                               f"write it as [{key}]")
                continue
            for sub, sub_value in value.items() if expected else ():
                sub_type = expected.get(sub)
                if sub_type is None:
                    problems.error(doc.path, doc.line_of(f"{key}.{sub}"), f"unknown key `{sub}` in [{key}]",
                                   f"valid keys in [{key}]: {', '.join(expected)}")
                elif not _has_type(sub_value, sub_type):
                    problems.error(doc.path, doc.line_of(f"{key}.{sub}"),
                                   f"`{key}.{sub}` must be {TYPE_NAMES[sub_type]}",
                                   _example(key, sub))
        elif not _has_type(value, expected):
            problems.error(doc.path, doc.line_of(key), f"`{key}` must be {TYPE_NAMES[expected]}",
                           _example(key, ""))
    check_styles(doc, problems)
    check_templates(doc, problems)
    check_print(doc, problems)


def _has_type(value: object, expected: type | tuple[type, ...]) -> bool:
    """isinstance, except that true/false is never a number or text (TOML booleans are ints)."""
    if isinstance(value, bool):
        return expected is bool
    return isinstance(value, expected)


def _example(key: str, sub: str) -> str:
    examples = {
        "columns": "columns = 1", "start_on": 'start_on = "recto"',
        "sections": 'sections = ["teaching", "questions"]', "page.margins": 'margins = { top = "0.75in" }',
        "fonts.size": 'size = "11pt"', "questions.answer_lines": "answer_lines = 5",
        "questions.line_gap": 'line_gap = "0.32in"', "notes.pages": "pages = 2",
        "max_pages": "max_pages = 2", "notes.after": 'after = ["teaching", "application"]',
        "fonts.body": 'body = "serif"', "fonts.heading": 'heading = "sans"',
        "print.bleed": 'bleed = "0.125in"', "print.crop_marks": "crop_marks = true",
    }
    return "for example " + examples.get(f"{key}.{sub}" if sub else key, f'{sub or key} = "..."')


def layout_as_toml(layout: Layout) -> str:
    """The resolved layout written back as a layout file (lengths in inches, type in points)."""
    import tomli_w

    margins = layout.margins

    def inches(points: float) -> str:
        return f"{round(points / 72, 3):g}in"

    data = {
        "name": layout.name,
        "description": layout.description,
        "columns": layout.columns,
        "start_on": layout.start_on,
        "max_pages": layout.max_pages,
        "sections": [kind.value for kind in layout.sections],
        "page": {**({"size": layout.page_size_name} if layout.page_size_name else {}),
                 "margins": {key: inches(getattr(margins, key)) for key in MARGIN_KEYS}},
        "fonts": {"body": font_as_toml(layout.body_font), "heading": font_as_toml(layout.heading_font),
                  "size": f"{layout.font_size:g}pt"},
        "questions": {"answer_lines": layout.answer_lines, "line_gap": inches(layout.line_gap)},
        "notes": {"pages": layout.notes_pages, "after": [kind.value for kind in layout.notes_after]},
        "header": dict(layout.header),
        "footer": dict(layout.footer),
        "print": {"bleed": inches(layout.print_shop.bleed), "crop_marks": layout.print_shop.crop_marks},
        "styles": styles_as_toml(layout.kind_styles),
    }
    return tomli_w.dumps(data)


def _merge(parent: dict[str, Any], child: dict[str, Any]) -> dict[str, Any]:
    merged = dict(parent)
    for key, value in child.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged


class LayoutResolver:
    """Knows every layout (study first, then built-in) and resolves them by name."""

    def __init__(self, study_layouts: tuple[SourceFile, ...], study_root: Path | None,
                 problems: Collector) -> None:
        self.problems = problems
        self.study_root = study_root
        self.files: dict[str, LayoutFile] = {}
        self.overridden: set[str] = set()
        self._cache: dict[str, Layout | None] = {}
        self.fonts = FontLoader(study_root, problems)
        for source in builtin_layout_files():
            self._add(source, builtin=True)
        for source in study_layouts:
            self._add(source, builtin=False)

    def _add(self, source: SourceFile, builtin: bool) -> None:
        doc = load_toml(source.path, source.text)
        if not isinstance(doc, TomlSource):
            self.problems.extend([doc])
            return
        _validate(doc, self.problems)
        name = doc.data.get("name", source.path.stem)
        if not isinstance(name, str):
            return
        if name != source.path.stem:
            self.problems.error(source.path, doc.line_of("name"),
                                f"the layout is named {name!r} but its file is {source.path.name}",
                                f"rename the file to {name}.toml or set name = {source.path.stem!r}")
        if name in self.files and not builtin and self.files[name].builtin:
            self.overridden.add(name)
        self.files[name] = LayoutFile(name, doc, builtin)

    def names(self) -> list[str]:
        """Every layout name, sorted."""
        return sorted(self.files)

    def resolve(self, name: str, path: Path | None = None, line: int | None = None) -> Layout | None:
        """The layout `name` with its `extends` chain applied, or None with a diagnostic."""
        if name in self._cache:
            return self._cache[name]
        layout = self._resolve(name, path, line)
        self._cache[name] = layout
        return layout

    def merged_data(self, name: str) -> tuple[dict[str, Any], list[LayoutFile]] | None:
        """The merged TOML data of `name` and the files of its chain (child first)."""
        chain: list[LayoutFile] = []
        current: str | None = name
        while current is not None:
            if current not in self.files:
                return None
            if any(f.name == current for f in chain):
                first = chain[0]
                self.problems.error(first.source.path, first.source.line_of("extends"),
                                    f"layout {name!r} extends itself through "
                                    f"{' -> '.join(f.name for f in chain)} -> {current}",
                                    "remove one of the `extends` lines to break the cycle")
                return None
            chain.append(self.files[current])
            parent = self.files[current].source.data.get("extends")
            if isinstance(parent, str) and parent not in self.files:
                holder = self.files[current].source
                self.problems.error(holder.path, holder.line_of("extends"),
                                    f"layout {current!r} extends {parent!r}, which does not exist",
                                    f"layouts that exist: {', '.join(self.names())}")
                return None
            current = parent if isinstance(parent, str) else None
        data: dict[str, Any] = {}
        for layout_file in reversed(chain):
            data = _merge(data, layout_file.source.data)
        return data, chain

    def _resolve(self, name: str, path: Path | None, line: int | None) -> Layout | None:
        if name not in self.files:
            self.problems.error(path, line, f"unknown layout {name!r}",
                                f"layouts that exist: {', '.join(self.names())}")
            return None
        merged = self.merged_data(name)
        if merged is None:
            return None
        data, chain = merged
        fonts = {role: self._font(data, chain, role) for role in ("body", "heading")}
        return _build_layout(name, data, chain, self.problems, fonts)

    def _font(self, data: dict[str, Any], chain: list[LayoutFile], role: str) -> Font:
        """`fonts.<role>` of the merged data, located at the nearest file of the chain that sets it."""
        value = _table(data, "fonts").get(role, "serif" if role == "body" else "sans")
        for layout_file in chain:
            fonts = layout_file.source.data.get("fonts")
            if isinstance(fonts, dict) and role in fonts:
                source = layout_file.source
                return self.fonts.font(value, role, source.path, source.line_of(f"fonts.{role}"))
        return self.fonts.font(value, role, chain[0].source.path, None)


def _length(data: dict[str, Any], dotted: str, chain: list[LayoutFile], problems: Collector,
            default: str) -> float:
    table, _, key = dotted.rpartition(".")
    value = _table(data, table).get(key, default) if table else data.get(key, default)
    if not isinstance(value, str):
        value = default  # a wrong type is reported by the schema check
    try:
        points = parse_length(value)
    except UnitError as error:
        _report(chain, dotted, str(error), "lengths take in, mm, cm or pt, e.g. \"0.75in\"", problems)
        return parse_length(default)
    if points <= 0:
        _report(chain, dotted, f"`{dotted}` must be greater than zero", "use a positive length", problems)
        return parse_length(default)
    return points


def _table(data: dict[str, Any], key: str) -> dict[str, Any]:
    """The table `key` of merged layout data; empty when absent or not a table (already reported)."""
    value = data.get(key, {})
    return value if isinstance(value, dict) else {}


def _report(chain: list[LayoutFile], dotted: str, message: str, hint: str, problems: Collector) -> None:
    """Report at the file of the chain that sets `dotted` (the nearest child)."""
    for layout_file in chain:
        line = layout_file.source.line_of(dotted)
        if line is not None and layout_file.source.line_of(dotted.partition(".")[0]) is not None:
            problems.error(layout_file.source.path, line, message, hint)
            return
    problems.error(chain[0].source.path, None, message, hint)


def _build_layout(name: str, data: dict[str, Any], chain: list[LayoutFile],
                  problems: Collector, fonts: dict[str, Font]) -> Layout:
    margins_data = _table(data, "page").get("margins", {})
    margins = {}
    for key in MARGIN_KEYS:
        value = margins_data.get(key, "0.75in") if isinstance(margins_data, dict) else "0.75in"
        margins[key] = _margin(value, key, chain, problems)
    columns = data.get("columns", 1)
    if isinstance(columns, int) and not 1 <= columns <= 3:
        _report(chain, "columns", "`columns` must be 1, 2 or 3", "columns = 2", problems)
        columns = 1
    start_on = data.get("start_on", "any")
    if start_on not in START_ON:
        _report(chain, "start_on", f"`start_on` must be one of {', '.join(START_ON)}",
                'start_on = "recto"', problems)
        start_on = "any"
    sections = _kinds(data.get("sections", [k.value for k in SectionKind]), "sections", chain, problems)
    size = _length(data, "fonts.size", chain, problems, "10.5pt")
    if not 6 <= size <= 36:
        _report(chain, "fonts.size", "`fonts.size` must be between 6pt and 36pt", 'size = "11pt"', problems)
        size = 10.5
    questions = _table(data, "questions")
    answer_lines = questions.get("answer_lines", 4)
    if isinstance(answer_lines, int) and not 0 <= answer_lines <= 40:
        _report(chain, "questions.answer_lines", "`answer_lines` must be from 0 to 40",
                "answer_lines = 5", problems)
        answer_lines = 4
    max_pages = data.get("max_pages", 0)
    if isinstance(max_pages, int) and not 0 <= max_pages <= 200:
        _report(chain, "max_pages", "`max_pages` must be from 0 (no limit) to 200", "max_pages = 2", problems)
        max_pages = 0
    notes_pages = _table(data, "notes").get("pages", 0)
    if isinstance(notes_pages, int) and not 0 <= notes_pages <= 20:
        _report(chain, "notes.pages", "`notes.pages` must be from 0 to 20", "pages = 2", problems)
        notes_pages = 0
    notes_after = _kinds(_table(data, "notes").get("after", []), "notes.after", chain, problems)
    page_size_name = _table(data, "page").get("size")
    page_size = None
    if isinstance(page_size_name, str):
        try:
            page_size = parse_page_size(page_size_name)
        except UnitError as error:
            _report(chain, "page.size", str(error), 'size = "a5"', problems)
            page_size_name = None
    return Layout(
        name=name,
        description=str(data.get("description", "")),
        source=chain[0].source.path,
        columns=columns if isinstance(columns, int) else 1,
        start_on=start_on,
        sections=tuple(sections),
        margins=Margins(**margins),
        body_font=fonts["body"],
        heading_font=fonts["heading"],
        font_size=size,
        answer_lines=answer_lines if isinstance(answer_lines, int) else 4,
        line_gap=_length(data, "questions.line_gap", chain, problems, "0.32in"),
        notes_pages=notes_pages if isinstance(notes_pages, int) else 0,
        header={k: v for k, v in _table(data, "header").items() if isinstance(v, str)},
        footer={k: v for k, v in _table(data, "footer").items() if isinstance(v, str)},
        max_pages=max_pages if isinstance(max_pages, int) else 0,
        kind_styles=kind_styles(data),
        notes_after=tuple(notes_after),
        print_shop=print_settings(data),
        page_size=page_size,
        page_size_name=page_size_name if page_size is not None else None,
    )


def _kinds(values: object, dotted: str, chain: list[LayoutFile], problems: Collector) -> list[SectionKind]:
    """A list of section kind names (`sections`, `notes.after`) as SectionKinds; unknown ones reported."""
    kinds = []
    for kind in values if isinstance(values, list) else []:
        try:
            kinds.append(SectionKind(kind))
        except ValueError:
            _report(chain, dotted, f"unknown section kind {kind!r} in `{dotted}`",
                    f"kinds: {', '.join(k.value for k in SectionKind)}", problems)
    return kinds


def _margin(value: object, key: str, chain: list[LayoutFile], problems: Collector) -> float:
    try:
        points = parse_length(value)
    except UnitError as error:
        _report(chain, "page.margins", f"margin `{key}`: {error}", 'e.g. top = "0.75in"', problems)
        return 54.0
    if points < 0:
        _report(chain, "page.margins", f"margin `{key}` cannot be negative", "use 0 or more", problems)
        return 54.0
    return points
