"""Book names, OSIS ids and the abbreviations people write (data only).

Each entry of BOOK_TABLE is ``(osis, name, aliases)`` in canonical Protestant order
(index 0 is Genesis). Aliases are lowercase, without periods; a space matches any run of
whitespace. Numbered books (1 Samuel ... 3 John) have no aliases of their own: their names
are a numeric prefix ("1", "1st", "I", "First") plus one of the NUMBERED_BASES.

In prose an alias counts only when capitalised, unless it is in CASE_FREE; aliases that are
ordinary English words ("Is", "Am", "Song") are STRICT: capitalised *and* followed by
chapter:verse.
"""

BOOK_TABLE: tuple[tuple[str, str, str], ...] = (
    ("Gen", "Genesis", "genesis|gen|ge|gn|gns"),
    ("Exod", "Exodus", "exodus|exod|exo|ex|exd"),
    ("Lev", "Leviticus", "leviticus|lev|le|lv"),
    ("Num", "Numbers", "numbers|num|numb|nu|nm"),
    ("Deut", "Deuteronomy", "deuteronomy|deut|deu|de|dt"),
    ("Josh", "Joshua", "joshua|josh|jos|jsh"),
    ("Judg", "Judges", "judges|judg|jdgs|jdg|jg"),
    ("Ruth", "Ruth", "ruth|rth|ru"),
    ("1Sam", "1 Samuel", ""),
    ("2Sam", "2 Samuel", ""),
    ("1Kgs", "1 Kings", ""),
    ("2Kgs", "2 Kings", ""),
    ("1Chr", "1 Chronicles", ""),
    ("2Chr", "2 Chronicles", ""),
    ("Ezra", "Ezra", "ezra|ezr"),
    ("Neh", "Nehemiah", "nehemiah|neh|ne"),
    ("Esth", "Esther", "esther|esth|est|es"),
    ("Job", "Job", "job|jb"),
    ("Ps", "Psalms", "psalms|psalm|pslm|psa|psm|pss|ps"),
    ("Prov", "Proverbs", "proverbs|prov|prv|pro|pr"),
    ("Eccl", "Ecclesiastes", "ecclesiastes|eccles|eccle|eccl|ecc|ec|qoheleth|qoh"),
    (
        "Song",
        "Song of Songs",
        "song of songs|song of solomon|song of sol|song of sgs|canticle of canticles|"
        "canticles|cant|sos|s of s|sng|song",
    ),
    ("Isa", "Isaiah", "isaiah|isa|is"),
    ("Jer", "Jeremiah", "jeremiah|jer|je|jr"),
    ("Lam", "Lamentations", "lamentations|lam|la"),
    ("Ezek", "Ezekiel", "ezekiel|ezek|eze|ezk"),
    ("Dan", "Daniel", "daniel|dan|da|dn"),
    ("Hos", "Hosea", "hosea|hos|ho"),
    ("Joel", "Joel", "joel|jl"),
    ("Amos", "Amos", "amos|am"),
    ("Obad", "Obadiah", "obadiah|obad|oba|ob"),
    ("Jonah", "Jonah", "jonah|jnh|jon"),
    ("Mic", "Micah", "micah|mic|mc"),
    ("Nah", "Nahum", "nahum|nah|na"),
    ("Hab", "Habakkuk", "habakkuk|hab|hb"),
    ("Zeph", "Zephaniah", "zephaniah|zeph|zep|zp"),
    ("Hag", "Haggai", "haggai|hag|hg"),
    ("Zech", "Zechariah", "zechariah|zech|zec|zc"),
    ("Mal", "Malachi", "malachi|mal|ml"),
    ("Matt", "Matthew", "matthew|matt|mat|mt"),
    ("Mark", "Mark", "mark|mrk|mk"),
    ("Luke", "Luke", "luke|luk|lk|lu"),
    ("John", "John", "john|jhn|joh|jn|jo"),
    ("Acts", "Acts", "acts of the apostles|acts|act|ac"),
    ("Rom", "Romans", "romans|rom|rm|ro"),
    ("1Cor", "1 Corinthians", ""),
    ("2Cor", "2 Corinthians", ""),
    ("Gal", "Galatians", "galatians|gal|ga"),
    ("Eph", "Ephesians", "ephesians|ephes|eph"),
    ("Phil", "Philippians", "philippians|phil|php|pp"),
    ("Col", "Colossians", "colossians|col"),
    ("1Thess", "1 Thessalonians", ""),
    ("2Thess", "2 Thessalonians", ""),
    ("1Tim", "1 Timothy", ""),
    ("2Tim", "2 Timothy", ""),
    ("Titus", "Titus", "titus|tit"),
    ("Phlm", "Philemon", "philemon|philem|phlm|phm"),
    ("Heb", "Hebrews", "hebrews|heb"),
    ("Jas", "James", "james|jas|jms|jam|jm"),
    ("1Pet", "1 Peter", ""),
    ("2Pet", "2 Peter", ""),
    ("1John", "1 John", ""),
    ("2John", "2 John", ""),
    ("3John", "3 John", ""),
    ("Jude", "Jude", "jude|jud|jd"),
    ("Rev", "Revelation", "revelation|revelations|the revelation|rev|rv|re|apocalypse"),
)

# base alias -> book numbers (1-based) for prefixes 1, 2, 3 (0 = no such book)
NUMBERED_BASES: dict[str, tuple[int, int, int]] = {
    **dict.fromkeys(("samuel", "sam", "sa", "sm"), (9, 10, 0)),
    **dict.fromkeys(("kings", "kgs", "kngs", "kin", "ki", "kg"), (11, 12, 0)),
    **dict.fromkeys(("chronicles", "chron", "chro", "chr", "ch"), (13, 14, 0)),
    **dict.fromkeys(("corinthians", "corin", "cor", "co"), (46, 47, 0)),
    **dict.fromkeys(("thessalonians", "thessa", "thess", "thes", "th"), (52, 53, 0)),
    **dict.fromkeys(("timothy", "tim", "ti", "tm"), (54, 55, 0)),
    **dict.fromkeys(("peter", "pet", "pe", "pt"), (60, 61, 0)),
    **dict.fromkeys(("john", "jhn", "joh", "jn", "jo"), (62, 63, 64)),
}

# Prefixes written before a numbered book's name.
PREFIX_NUMBERS: dict[str, int] = {
    "1": 1, "2": 2, "3": 3, "1st": 1, "2nd": 2, "3rd": 3,
    "i": 1, "ii": 2, "iii": 3, "first": 1, "second": 2, "third": 3,
}  # fmt: skip

# In prose these count only when capitalised and written as chapter:verse ("Is 53:5").
STRICT: frozenset[str] = frozenset(
    {
        "is", "am", "ex", "song", "act", "ac", "jon", "jo", "pro", "pr", "es", "ge", "de",
        "le", "re", "na", "ho", "da", "ga", "la", "lu", "ne", "ru", "ec", "pp", "cant", "jam",
        "mat", "sos", "nu", "jud", "col",
    }
)  # fmt: skip

# In prose every other alias counts only when capitalised ("Mark 5", not "mark 5");
# these distinctive names count in any case ("romans 8:28"). A numbered book's name with
# its prefix ("1 cor 13") always counts.
CASE_FREE: frozenset[str] = frozenset(
    {
        "genesis", "exodus", "leviticus", "deuteronomy", "nehemiah", "psalm", "psalms",
        "proverbs", "ecclesiastes", "song of songs", "song of solomon", "isaiah", "jeremiah",
        "lamentations", "ezekiel", "obadiah", "habakkuk", "zephaniah", "haggai", "zechariah",
        "malachi", "matthew", "romans", "galatians", "ephesians", "philippians", "colossians",
        "philemon", "hebrews", "revelation",
    }
)  # fmt: skip
