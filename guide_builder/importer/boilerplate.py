"""Web boilerplate: lines that belong to the blog page, not to the teaching.

Each rule is a whole-line pattern with the longest line it may match (so a sentence of
teaching that happens to mention Facebook stays). Bylines and dates are only dropped
near the start or end of the article. Every dropped line is reported.
"""

from __future__ import annotations

import re

from guide_builder.importer.model import Block, Notes, plain_text

_NETWORKS = r"(?:facebook|instagram|twitter|x|youtube|tiktok|pinterest|linkedin|threads|telegram|whatsapp)"
_SHARE_WORD = (
    r"(?:share(?: this| on " + _NETWORKS + r")?|tweet|pin it|email|e-mail|print|reddit|copy link|"
    + _NETWORKS + r"|more|like|save)"
)
# Words after "By" that start a phrase, not a name ("By Faith Alone", "By His Grace").
_NOT_NAMES = (
    "faith|grace|his|her|the|my|your|our|their|this|that|god|love|prayer|way|spirit|power|name|blood"
    "|word|design|default|all|any|one|being|now|then|all|no|his|jesus|christ|him|me|us|them|it"
)
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"

# (pattern, reason, longest line it may drop)
_RULES: list[tuple[re.Pattern[str], str, int]] = [
    (re.compile(p, re.IGNORECASE), reason, limit)
    for p, reason, limit in [
        (r"subscribe(?: now| today| here| below)?|subscribe (?:to|for) .*|sign up (?:for|to) .*"
         r"|.*(?:enter your email|your email address|to your inbox"
         r"|(?:sign up|subscribe|join)(?: for| to)? (?:our|the|my) (?:newsletter|mailing list|email list)).*",
         "subscription box", 160),
        (r"(?:join|follow|like|find|connect with) (?:us|me) on " + _NETWORKS + r".*"
         r"|(?:join|follow) (?:us|me|the conversation)(?: on social media)?",
         "social media link", 100),
        (r"(?:share (?:this|the) (?:post|article|page|story)|share this)[:!]?"
         r"|(?:" + _SHARE_WORD + r")(?:[\s,|\u00b7/]+" + _SHARE_WORD + r")*",
         "share buttons", 120),
        (r"(?:like this|loading\W*|related(?: posts| articles| reading)?|you (?:may|might) also like"
         r"|leave a (?:reply|comment)|post a comment|\d+ (?:comments?|responses?|replies)"
         r"|no comments(?: yet)?|comments(?: are closed)?|cancel reply|read more|continue reading.*"
         r"|back to top|skip to (?:main )?content|search \u2026|main menu|toggle navigation)\W*",
         "web page navigation", 80),
        (r"(?:(?:previous|next|older|newer) (?:post|article|entry|story)s?"
         r"|[\u00ab\u2039]+ ?.*|.* ?[\u00bb\u203a]+|<+ ?(?:prev|previous|older|back)\b.*"
         r"|.*\b(?:next|newer) ?>+)",
         "web page navigation", 90),
        (r"(?:\u00a9|\(c\)|copyright\b).*|.*all rights reserved.*|(?:proudly )?powered by .*"
         r"|privacy policy.*|terms (?:of (?:use|service)|and conditions).*|(?:website |site )?designed by .*",
         "page footer", 200),
        (r"(?:tags?|tagged(?: with)?|categories|category|filed under|posted in)\s*:.*",
         "post tags", 400),
        (r"(?:add|insert|type|enter|edit) (?:your |this |the )?(?:heading|title|text|content|caption"
         r"|paragraph|description)(?: text)?(?: here)?|click (?:here |the )?(?:edit )?(?:button )?to "
         r"(?:add|edit|change) .*|your (?:heading|title|text|content|paragraph) (?:goes )?here.*"
         r"|lorem ipsum.*|(?:heading|title|text|subtitle|button) (?:text )?here"
         r"|this is (?:a|the|your) (?:sample|placeholder|dummy) (?:text|heading|paragraph).*"
         r"|click here.*|learn more|button",
         "template placeholder text", 120),
    ]
]
_EDGE_RULES: list[tuple[re.Pattern[str], str, int]] = [
    (re.compile(p, re.IGNORECASE), reason, limit)
    for p, reason, limit in [
        (r"(?:posted|published|updated)(?: on| by| in)? .*|written by .*", "post date or byline", 100),
        (r"(?:home|menu|search(?: for)?)\W*", "web page navigation", 12),
        (r"(?:\w[\w'\u2019]*\s?){1,3}(?:\s*[|\u00b7\u2022/]\s*(?:\w[\w'\u2019]*\s?){1,3}){2,}",
         "web page navigation", 100),
        (r"by (?!(?:" + _NOT_NAMES + r")\b)[A-Z][\w.'\u2019-]*(?: [A-Z][\w.'\u2019-]*){0,3}"
         r"(?:\s*[|,\u2022\u00b7-]\s*.*)?", "byline", 100),
        (r"(?:\w+day,? )?" + _MONTH + r" \d{1,2}(?:st|nd|rd|th)?,? \d{4}|\d{1,2} " + _MONTH + r",? \d{4}"
         r"|\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{2,4}", "post date", 40),
        (r"(?:\d+ )?min(?:ute)?s? read|\d+ views?", "post statistics", 30),
    ]
]
EDGE_BLOCKS = 4


def boilerplate_reason(line: str, near_edge: bool = False) -> str | None:
    """Why a line is web boilerplate, or None when it is article text."""
    text = plain_text(line).strip()
    if not text:
        return None
    rules = _RULES + _EDGE_RULES if near_edge else _RULES
    for pattern, reason, limit in rules:
        if len(text) <= limit and pattern.fullmatch(text):
            return reason
    return None


def _line_where(where: str, offset: int) -> str:
    """'line 18' and offset 2 -> 'line 20' (the lines of a paragraph follow one another)."""
    match = re.fullmatch(r"line (\d+)", where)
    return f"line {int(match.group(1)) + offset}" if match and offset else where


def drop_boilerplate(blocks: list[Block], notes: Notes) -> list[Block]:
    """The blocks without boilerplate lines; blocks left empty disappear."""
    kept: list[Block] = []
    count = len(blocks)
    for index, block in enumerate(blocks):
        near_edge = index < EDGE_BLOCKS or index >= count - EDGE_BLOCKS
        lines = []
        for offset, line in enumerate(block.lines):
            reason = boilerplate_reason(line, near_edge and block.kind != "item")
            if reason is None:
                lines.append(line)
            else:
                notes.drop(_line_where(block.where, offset), plain_text(line), reason)
        if lines:
            block.lines = lines
            kept.append(block)
    return kept
