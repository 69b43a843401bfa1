"""Layout values beyond lengths: per-kind styles, running-head templates and `[print]`.

Each `check_*` function looks at one layout file as written (so a problem is located at
its own line) and reports into a Collector; each builder turns the merged, already
checked data of an `extends` chain into model values, falling back to the default for
anything that was reported.

    [styles.big-idea]             # big-idea, scripture, deeper, application, questions,
    background = "#f3efe6"        #   prayer, leader
    rule = "left"                 # "left" (a bar), "frame" (an outline) or "none"
    rule_color = "#24566b"
    label = "The big idea"        # the words printed as the kind's label or heading
"""

from __future__ import annotations

import re
from typing import Any

from guide_builder.errors import Collector
from guide_builder.model import KindStyle, PrintSettings
from guide_builder.tomlsource import TomlSource
from guide_builder.units import UnitError, parse_length

STYLE_KINDS = ("big-idea", "scripture", "deeper", "application", "questions", "prayer", "leader")
STYLE_KEYS = ("background", "rule", "rule_color", "label")
RULES = ("left", "frame", "none")
COLOR = re.compile(r"^#(?:[0-9a-fA-F]{6}|[0-9a-fA-F]{3})$")
COLOR_HINT = 'write a colour as "#rrggbb", e.g. "#f3efe6"'
PLACEHOLDERS = ("guide.title", "guide.subtitle", "guide.author", "week.number", "week.title", "section",
                "page")
PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
MAX_BLEED = 36.0  # 0.5in, as for --bleed
BLEED_HINT = 'print shops ask for bleed = "0.125in" or "3mm"'

DEFAULT_STYLES: dict[str, KindStyle] = {
    "big-idea": KindStyle(background="#f3efe6", label="The big idea"),
    "scripture": KindStyle(rule="left", rule_color="#6d8f9c", label="Scripture"),
    "leader": KindStyle(background="#fbf3d9", label="Leader note"),
}


def check_styles(doc: TomlSource, problems: Collector) -> None:
    """`[styles.KIND]` tables: known kinds and keys, colours, rule kinds, label text."""
    styles = doc.data.get("styles")
    if not isinstance(styles, dict):
        return  # absent, or reported as the wrong type by the schema check
    for kind, table in styles.items():
        where = f"styles.{kind}"
        if kind not in STYLE_KINDS:
            problems.error(doc.path, doc.line_of(where), f"unknown kind `{kind}` in [styles]",
                           f"kinds with styles: {', '.join(STYLE_KINDS)}")
            continue
        if not isinstance(table, dict):
            problems.error(doc.path, doc.line_of(where), f"`{where}` must be a table",
                           f"write it as [{where}] with {', '.join(STYLE_KEYS)}")
            continue
        for key, value in table.items():
            _check_style_value(doc, f"{where}.{key}", key, value, problems)


def _check_style_value(doc: TomlSource, dotted: str, key: str, value: object, problems: Collector) -> None:
    line = doc.line_of(dotted)
    if key not in STYLE_KEYS:
        kind = dotted.split(".")[1]
        problems.error(doc.path, line, f"unknown key `{key}` in [styles.{kind}]",
                       f"valid keys in [styles.{kind}]: {', '.join(STYLE_KEYS)}")
    elif not isinstance(value, str):
        problems.error(doc.path, line, f"`{dotted}` must be text", _style_example(key))
    elif key == "rule" and value not in RULES:
        problems.error(doc.path, line, f"`{dotted}` must be one of {', '.join(RULES)}, not {value!r}",
                       'rule = "left" draws a bar beside the text, "frame" an outline around it')
    elif key == "background" and value != "none" and not COLOR.match(value):
        problems.error(doc.path, line, f"`{dotted}`: {value!r} is not a colour", COLOR_HINT + ', or "none"')
    elif key == "rule_color" and not COLOR.match(value):
        problems.error(doc.path, line, f"`{dotted}`: {value!r} is not a colour", COLOR_HINT)
    elif key == "label" and (len(value) > 60 or "\n" in value):
        problems.error(doc.path, line, f"`{dotted}` must be one short line (at most 60 characters)",
                       'for example label = "Pray together"')


def _style_example(key: str) -> str:
    examples = {"background": 'background = "#f3efe6"', "rule": 'rule = "left"',
                "rule_color": 'rule_color = "#24566b"', "label": 'label = "The big idea"'}
    return "for example " + examples[key]


def kind_styles(data: dict[str, Any]) -> dict[str, KindStyle]:
    """Every styled kind's KindStyle from merged layout data, on top of the defaults."""
    written = data.get("styles", {})
    result = {}
    for kind in STYLE_KINDS:
        base = DEFAULT_STYLES.get(kind, KindStyle())
        table = written.get(kind, {}) if isinstance(written, dict) else {}
        table = table if isinstance(table, dict) else {}
        background = _valid(table.get("background"), lambda v: v == "none" or COLOR.match(v))
        rule = _valid(table.get("rule"), lambda v: v in RULES)
        rule_color = _valid(table.get("rule_color"), COLOR.match)
        label = _valid(table.get("label"), lambda v: len(v) <= 60 and "\n" not in v)
        result[kind] = KindStyle(
            background=base.background if background is None else _colour_or_none(background),
            rule=rule or base.rule,
            rule_color=_six_digits(rule_color) if rule_color else base.rule_color,
            label=base.label if label is None else label,
        )
    return result


def _colour_or_none(value: str) -> str | None:
    return None if value == "none" else _six_digits(value)


def _six_digits(colour: str) -> str:
    """"#abc" -> "#aabbcc" (lower case), so every colour reaches the renderer in one form."""
    digits = colour[1:].lower()
    return "#" + ("".join(ch * 2 for ch in digits) if len(digits) == 3 else digits)


def _valid(value: object, test) -> str | None:
    return value if isinstance(value, str) and test(value) else None


def styles_as_toml(styles: dict[str, KindStyle]) -> dict[str, dict[str, str]]:
    """Per-kind styles written back as `[styles.KIND]` tables."""
    tables = {}
    for kind, style in styles.items():
        table = {"background": style.background or "none", "rule": style.rule}
        if style.rule_color:
            table["rule_color"] = style.rule_color
        if style.label:
            table["label"] = style.label
        tables[kind] = table
    return tables


def check_templates(doc: TomlSource, problems: Collector) -> None:
    """`[header]` and `[footer]` texts use only the known `{placeholders}`, with balanced braces."""
    for table in ("header", "footer"):
        values = doc.data.get(table)
        if not isinstance(values, dict):
            continue
        for position, template in values.items():
            if not isinstance(template, str):
                continue
            dotted = f"{table}.{position}"
            unknown = [name for name in PLACEHOLDER.findall(template) if name not in PLACEHOLDERS]
            stray = PLACEHOLDER.sub("", template)
            if unknown:
                problems.error(doc.path, doc.line_of(dotted),
                               f"unknown placeholder `{{{unknown[0]}}}` in `{dotted}`",
                               "placeholders: " + ", ".join(f"{{{name}}}" for name in PLACEHOLDERS))
            elif "{" in stray or "}" in stray:
                problems.error(doc.path, doc.line_of(dotted), f"unbalanced brace in `{dotted}`",
                               "write placeholders as {page}, {section}, {week.title} ...")


def check_print(doc: TomlSource, problems: Collector) -> None:
    """`[print]`: a bleed length from 0 to 0.5in."""
    table = doc.data.get("print")
    if not isinstance(table, dict) or "bleed" not in table or not isinstance(table["bleed"], str):
        return
    line = doc.line_of("print.bleed")
    try:
        points = parse_length(table["bleed"])
    except UnitError as error:
        problems.error(doc.path, line, f"`print.bleed`: {error}", BLEED_HINT)
        return
    if points > MAX_BLEED:
        problems.error(doc.path, line, "`print.bleed` is at most 0.5in", BLEED_HINT)


def print_settings(data: dict[str, Any]) -> PrintSettings:
    """The merged `[print]` table (already checked) as PrintSettings."""
    table = data.get("print", {})
    table = table if isinstance(table, dict) else {}
    try:
        bleed = min(parse_length(table.get("bleed", "0pt")), MAX_BLEED)
    except UnitError:
        bleed = 0.0
    marks = table.get("crop_marks", False)
    return PrintSettings(bleed=bleed, crop_marks=marks if isinstance(marks, bool) else False)
