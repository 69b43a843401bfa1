"""Compiled regular expressions for finding references (built once, at import)."""

from __future__ import annotations

import functools
import re

from ._books_data import NUMBERED_BASES
from .books import ALIASES

# Horizontal white space only: a reference never continues a range across a line break.
WS = r"[ \t\u00a0\u2009\u202f]"
# Hyphen, hyphen variants, figure/en/em dashes, horizontal bar, minus and full-width forms.
DASH = r"[\-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d]"


def _trie_pattern(words: set[str]) -> str:
    """One regex alternation shaped as a trie, so that each position tries few branches."""
    trie: dict = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: dict) -> str:
        ends = "" in node
        branches = [
            (f"{WS}+" if char == " " else re.escape(char)) + build(child)
            for char, child in sorted(node.items())
            if char
        ]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if ends:  # the word may stop here; try the longer names first
            body = body + "?" if len(branches) == 1 and len(body) == 1 else f"(?:{body})?"
        return body

    return build(trie)


@functools.cache
def _names_pattern() -> str:
    return _trie_pattern(set(ALIASES) | set(NUMBERED_BASES))


_NUM = r"\d{1,3}(?!\d)"
_PART = r"[abc](?![a-z])"
_SEPV = rf"(?::|\.(?=\d)|,?{WS}*(?:verses|verse|vss|vs|vv|v)\.?{WS}*(?=\d))"
_RANGE = rf"(?:{WS}*{DASH}{WS}*|{WS}+(?P<word>through|thru|to|till|until){WS}+)"
_FF = rf"(?:{WS}?ff\.?(?![a-z])|f\.?(?![a-z]))"
_END = r"(?!\w|[:.]\d)"
_PREFIX = rf"[123](?:st|nd|rd)?{WS}*|(?-i:III|II|I){WS}+|(?:first|second|third){WS}+"

#: Where a reference may begin: a book name, or a "verse"/"chapter" keyword, before a number.
HEAD = re.compile(
    rf"""(?<![\w/@#=&])(?<!\w\.)
    (?:
      (?P<pre>{_PREFIX})?
      (?P<name>{_names_pattern()})
      (?=\.?{WS}*(?:(?:chapters|chapter|chap\.?|ch\.){WS}*)?\d)
    | (?P<vkey>verses|verse|vss|vs|vv|ver|v)\.?{WS}*(?=\d)
    | (?P<ckey>chapters|chapter|chap\.|ch\.){WS}*(?=\d)
    )""",
    re.IGNORECASE | re.VERBOSE,
)

_OF_OR_IN = rf"{WS}+(?:of|in){WS}+"
#: What "verse 3 of Psalm 23" has before the book: " of ", " in ".
OF_OR_IN = re.compile(_OF_OR_IN, re.IGNORECASE)


@functools.cache
def of_book() -> re.Pattern[str]:
    """The book after a verse or chapter: "verse 3 of Psalm 23", "chapter 3 of John",
    "vv. 4-5 in the book of Ruth 1".

    Compiled when first asked for (it holds every book name: a few milliseconds), which
    is where a text has " of " or " in " after a verse or chapter (`OF_OR_IN`): most
    studies never write that, and this one is not compiled before every build.
    """
    return re.compile(
        rf"""{_OF_OR_IN}(?:the{WS}+book{WS}+of{WS}+)?
        (?P<pre>{_PREFIX})?(?P<name>{_names_pattern()})\.?
        (?:{WS}*(?P<ch>{_NUM}))?(?![\w:])""",
        re.IGNORECASE | re.VERBOSE,
    )


#: Between a book name and its chapter: an optional period, spaces, "chapter".
AFTER_NAME = re.compile(rf"\.?{WS}*(?:(?P<ckw>chapters|chapter|chap\.?|ch\.){WS}*)?", re.IGNORECASE)

#: Chapter[:verse][partial][-range][ff]. c1 is a verse for verse-only continuations.
LOC = re.compile(
    rf"""(?P<c1>{_NUM})
    (?:(?P<vs>{_SEPV})(?P<v1>{_NUM})(?P<p1>{_PART})?)?
    (?:(?P<rs>{_RANGE})(?P<c2>{_NUM})(?:(?::|\.(?=\d))(?P<v2>{_NUM}))?(?P<p2>{_PART})?)?
    (?P<ff>{_FF})?{_END}""",
    re.IGNORECASE | re.VERBOSE,
)

#: What joins the items of a list: "," ";" "and" "&" (a line break only after , or ;).
LIST_SEP = re.compile(
    rf"(?:{WS}*(?P<punct>[,;]){WS}*(?:\n{WS}*)?(?:(?:and|&){WS}+)?|,?{WS}+(?:and|&){WS}+)",
    re.IGNORECASE,
)

#: Words after a bare number that show it is not a chapter ("Dan 5 minutes", "Job 2 days").
UNIT_AFTER = re.compile(
    r"""(?:\s*%|\s+(?:percent|per\s+cent|minutes?|mins?|hours?|hrs?|seconds?|secs?|days?|nights?
    |weeks?|months?|years?|yrs?|decades?|times?|o'clock|[ap]\.?m\b\.?|people|persons?|men|women
    |kids|children|friends|members|students|dollars|bucks|cents|miles|km|kilometers?|feet|foot
    |ft|inches|lbs?|pounds|kg|kilos?|points|pts|things|ways|steps|reasons|questions|pages?
    |items|words|cups?|books?|songs?|hymns|chairs|tables|seats|copies|bags|cars|tickets
    |rooms|sessions|meetings|laps|cookies|snacks|dishes|casseroles|pizzas|lessons|babies|sons
    |daughters|brothers|sisters|guys|girls|boys|adults|leaders|volunteers|couples|families
    |bottles|slots|shifts|servings|handouts|grade
    |out\s+of|of\s+(?:them|us|you|those|these)
    |or\s+so|or\s+more|more\s+(?:minutes|days|times)|[x\u00d7])(?![\w'])|[-\u2010\u2011]
    (?:year|day|week|month|minute|hour|page|step)s?\b)""",
    re.IGNORECASE | re.VERBOSE,
)

#: After a book's bare chapter number: "Rev 2 of the handout" is not Revelation 2.
OF_AFTER = re.compile(r"\s+of\s+(?:the|our|my|this|that|your|his|her|their|a)\b", re.IGNORECASE)

#: After chapter:verse: a clock time ("Mark 4:30 pm") or a decimal ("Is 2.5%").
TIME_AFTER = re.compile(r"\s*(?:[ap]\.?m\b\.?|o'clock\b|%|percent\b)", re.IGNORECASE)

_CODES = (
    "NKJV|KJV|AKJV|NIV|NIrV|NIRV|TNIV|ESV|NASB|NASB95|NASB1995|NASB2020|NLT|NRSV|NRSVUE|NRSVue|"
    "RSV|CSB|HCSB|ASV|WEB|WEBBE|MSG|AMP|AMPC|NET|CEV|GNT|GNB|TLB|NCV|YLT|NLV|ERV|ICB|LSB|"
    "CEB|DRA|NJB|NAB|NABRE|RV|TPT|BSB|LEB|MEV|EHV|GW|JUB|NOG|OJB|CJB|TEV|Phillips|Message"
)
#: A translation after a reference: "(KJV)", "[NIV]", "ESV".
TRANSLATION_AFTER = re.compile(
    rf"{WS}*(?:[(\[](?P<a>{_CODES}|[A-Z]{{2,6}}\d{{0,4}})[)\]]|(?P<b>{_CODES})(?![\w]))"
)

#: A blank line: the previous paragraph's references no longer resolve "v. 20".
PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")

#: Trailing translation in a single written reference: "1Jn 4:18-19 (KJV)", "John 3:16 NIV".
TRAILING_TRANSLATION = re.compile(
    r"[\s,]*(?:[(\[](?P<a>[A-Za-z][A-Za-z0-9]{1,7})[)\]]|(?P<b>[A-Z][A-Za-z]{1,5}\d{0,4}))\s*$"
)
