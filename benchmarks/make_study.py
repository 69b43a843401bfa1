"""Seeded generator of realistic synthetic studies for the speed benchmark.

``make_study(root, weeks, seed)`` writes a complete study (guide.toml plus one
``content/week-NN-*.md`` file per week) in the format the repository's sample uses.
Every week has about 1,100 words of teaching prose in several paragraphs with
*emphasis*, **strong**, a list, a ``###`` sub-heading, a block quote, inline scripture
references, one ``{{word}}`` blank and a ``!!! leader`` block, six passages in the front
matter, a big idea and memory verse, "Going Deeper" with a ``!!! scripture`` block,
"Application", five discussion questions (one with ``{lines=6}``) and a prayer.

Layouts are mixed: every 4th week uses ``handout``, every 7th (that is not also a 4th)
uses ``journal``, the rest use the study default (``standard``).

All text comes from the word lists and sentence templates below (no external data).
Each week is generated from its own random stream seeded by ``(seed, week)``, so the
output is byte-for-byte deterministic for a given seed, and week ``k`` is the same
whatever the total number of weeks (a 52-week study is the first 52 weeks of a
520-week one).

CLI: ``python benchmarks/make_study.py OUT --weeks 52 --seed 1``
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import sys
from collections.abc import Callable
from pathlib import Path

OUTPUT_NAME = "synthetic-study"
"""The ``[output] name`` of every generated study: ``output/synthetic-study.pdf``."""

TEACHING_WORDS = 1100
"""Target word count of each week's ``## Teaching`` section (prose, list and quote)."""

FIRST_DATE = dt.date(2027, 1, 3)  # a Sunday

# Real, short passages (all verses exist in the WEB).
PASSAGES: tuple[str, ...] = (
    "Genesis 12:1-3", "Exodus 14:13-14", "Deuteronomy 31:6-8", "Joshua 1:8-9", "1 Samuel 16:7",
    "2 Chronicles 7:14", "Nehemiah 8:10", "Job 19:25-27", "Psalm 1:1-3", "Psalm 16:8-11",
    "Psalm 23:1-4", "Psalm 27:1-4", "Psalm 34:4-8", "Psalm 37:3-7", "Psalm 42:1-5",
    "Psalm 46:1-3", "Psalm 46:10", "Psalm 51:10-12", "Psalm 62:5-8", "Psalm 63:1-4",
    "Psalm 90:1-2", "Psalm 91:1-4", "Psalm 103:1-5", "Psalm 119:105", "Psalm 121:1-4",
    "Psalm 139:7-12", "Proverbs 3:5-6", "Proverbs 16:3", "Ecclesiastes 3:1-8", "Isaiah 6:1-8",
    "Isaiah 26:3-4", "Isaiah 40:28-31", "Isaiah 41:10", "Isaiah 43:1-3", "Isaiah 55:8-11",
    "Jeremiah 29:11-13", "Lamentations 3:22-24", "Micah 6:8", "Habakkuk 3:17-19", "Zephaniah 3:17",
    "Matthew 5:3-10", "Matthew 6:9-13", "Matthew 6:25-34", "Matthew 7:7-11", "Matthew 11:28-30",
    "Matthew 28:18-20", "Mark 1:35", "Mark 10:42-45", "Mark 12:29-31", "Luke 9:23-25",
    "Luke 10:38-42", "Luke 15:20-24", "Luke 18:1-8", "John 1:1-5", "John 3:16-17",
    "John 10:10-11", "John 14:1-3", "John 14:27", "John 15:1-8", "John 15:9-11",
    "Acts 2:42-47", "Romans 5:1-5", "Romans 8:28", "Romans 8:38-39", "Romans 12:1-2",
    "1 Corinthians 10:13", "1 Corinthians 13:4-7", "2 Corinthians 4:16-18", "2 Corinthians 5:17",
    "2 Corinthians 12:9-10", "Galatians 2:20", "Galatians 5:22-23", "Ephesians 2:8-10",
    "Ephesians 3:16-19", "Philippians 2:3-8", "Philippians 4:6-7", "Colossians 3:12-14",
    "1 Thessalonians 5:16-18", "Hebrews 4:14-16", "Hebrews 12:1-2", "James 1:2-5", "James 4:7-10",
    "1 Peter 5:6-7", "1 John 1:9", "1 John 4:18-19", "Revelation 3:20", "Revelation 21:3-4",
)

THEMES: tuple[tuple[str, str, str], ...] = (
    # (title word, blank word, short phrase used in prose)
    ("Rest", "rest", "the rest He offers"),
    ("Trust", "trust", "a life of trust"),
    ("Abiding", "abiding", "staying close to Jesus"),
    ("Prayer", "prayer", "honest prayer"),
    ("Hope", "hope", "a living hope"),
    ("Grace", "grace", "grace we cannot earn"),
    ("Courage", "courage", "courage in the dark"),
    ("Forgiveness", "forgiveness", "the freedom of forgiveness"),
    ("Surrender", "surrender", "open-handed surrender"),
    ("Joy", "joy", "joy that outlasts circumstances"),
    ("Patience", "patience", "patient waiting"),
    ("Generosity", "generosity", "generous hands"),
    ("Humility", "humility", "the low road of humility"),
    ("Peace", "peace", "a peace that guards the heart"),
    ("Worship", "worship", "worship in ordinary days"),
    ("Friendship", "friendship", "friendship with God"),
    ("Obedience", "obedience", "glad obedience"),
    ("Belonging", "belonging", "belonging to His family"),
    ("Wisdom", "wisdom", "wisdom for the next step"),
    ("Faithfulness", "faithfulness", "faithfulness in small things"),
)

TITLE_FORMS: tuple[str, ...] = (
    "{Theme}: {Sub}", "Learning {Theme}", "The Way of {Theme}", "{Theme} in the Ordinary",
    "{Sub}", "Room for {Theme}",
)
SUBTITLES: tuple[str, ...] = (
    "Coming Home", "When the Road Is Long", "Held by His Hand", "A Quiet Strength", "Roots Before Fruit",
    "The Open Door", "Beside Still Waters", "A Steady Heart", "Seasons of Waiting", "Light for the Path",
)

PEOPLE: tuple[str, ...] = (
    "a retired teacher in our group", "my neighbor", "a young mother I know", "an old farmer",
    "a nurse on the night shift", "a friend from college", "my grandmother", "a pastor in a small town",
    "a man who had lost his job", "a student far from home", "a widow in our church",
    "a carpenter I once worked with",
)
PLACES: tuple[str, ...] = (
    "at the kitchen table", "in a hospital waiting room", "on a long drive home", "in the garden",
    "before sunrise", "in a crowded airport", "on the back porch", "in the middle of a hard week",
    "at a graveside", "in an empty church",
)
STRUGGLES: tuple[str, ...] = (
    "a diagnosis nobody wanted", "a marriage that had gone quiet", "a son who stopped calling home",
    "a job that ended without warning", "years of unanswered prayer", "a friendship that fell apart",
    "a habit that would not let go", "a move to a strange city", "a season of deep tiredness",
    "money worries that kept them awake",
)
IMAGES: tuple[str, ...] = (
    "a vine on a trellis", "a lamp in a dark room", "a well in dry country", "a shepherd with his flock",
    "a house built on rock", "a seed in winter soil", "a harbor in a storm", "a father waiting at the gate",
    "a table set for guests", "a river that never runs dry",
)
VERBS_WE: tuple[str, ...] = (
    "rush past", "try to manage", "keep at arm's length", "explain away", "measure by results",
    "carry alone", "save for later", "hide behind busyness", "treat as a project", "forget by Tuesday",
)
GOD_ACTS: tuple[str, ...] = (
    "meets us in the middle of it", "invites us to come closer", "keeps His promises",
    "is patient with our slowness", "works in the hidden places", "does not waste our pain",
    "holds what we cannot", "gives more than we ask", "comes near to the brokenhearted",
    "finishes what He starts",
)
ADVERBS: tuple[str, ...] = ("quietly", "slowly", "gently", "honestly", "patiently", "faithfully", "simply")
ADJECTIVES: tuple[str, ...] = (
    "ordinary", "hidden", "steady", "small", "costly", "unhurried", "honest", "daily", "tender", "stubborn",
)
EMPHASIS: tuple[str, ...] = (
    "We come to God *with* our needs, not in spite of them.", "Grace is *enough*, even on the hardest days.",
    "He is *near*, nearer than we think.", "Be *still*, and let Him be God.",
    "We are loved *first*, and only then sent.", "He is *already* at work before we notice.",
    "This is *daily* bread, not a once-a-year feast.", "We walk this road *together*, not alone.",
)
STRONG: tuple[str, ...] = (
    "God is not in a hurry", "presence comes before performance", "we are loved before we are useful",
    "faithfulness is built in small choices", "He goes ahead of us", "nothing is wasted in His hands",
    "grace is a gift, not a wage", "the door is already open",
)
SUBHEADS: tuple[str, ...] = (
    "What the story shows", "A closer look", "Where we get stuck", "The turning point",
    "An old and simple secret", "What changes", "Learning the rhythm", "When nothing seems to move",
)
QUESTION_FORMS: tuple[str, ...] = (
    "When you hear the word \"{word}\", what situation in your own life comes to mind first?",
    "Which part of {ref} speaks most directly to your week, and why?",
    "What tends to keep you from {phrase}: busyness, guilt, disappointment, or something else?",
    "Describe a time when your circumstances stayed the same but something in you changed.",
    "Where do you sense God inviting you toward {phrase} right now?",
    "What would it look like to practice {word} on an ordinary Tuesday afternoon?",
    "Who in your life has shown you {phrase}? What did you learn from them?",
    "What is one small step you could take this week, and who could walk it with you?",
    "Read {ref} aloud. Which word or phrase stays with you?",
    "If {strong}, what would you stop doing, and what would you start?",
)

# Sentence templates for teaching prose. Slots: {person} {place} {struggle} {image} {verb}
# {act} {adv} {adj} {adj2} {phrase} {word} {ref}.
SENTENCES: tuple[str, ...] = (
    "Most of us come to God carrying {struggle}, and we hope He will simply make it go away.",
    "{Person} once told me about {struggle}, and how they learned to pray {place}.",
    "We tend to {verb} the very things God wants to use.",
    "Yet Scripture shows again and again that God {act}.",
    "The picture here is {image}, {adj} and easy to overlook.",
    "It is worth asking what {phrase} would look like in {a_adj} week like this one.",
    "None of this happens in a day; it grows {adv}, the way a tree adds rings.",
    "We would rather have a plan than a Person, but God offers Himself first.",
    "There is nothing wrong with asking, and Jesus never scolded anyone for bringing a need.",
    "But a list of requests has a way of becoming the whole relationship.",
    "When nothing moves, we grow {adv} cynical; when something does, we go back to running our lives.",
    "Think of {image}: it does not strain, it simply stays where life is.",
    "The early church learned this {place}, long before anyone wrote it down.",
    "Sometimes the deepest change is not in our circumstances but in the one who walks through them.",
    "{Person} put it simply: the {adj} habits held firm when the big feelings were gone.",
    "We do not have to pretend, because God already knows what we carry.",
    "This is not a call to try harder but an invitation to come closer.",
    "Over time, {phrase} becomes less like a rule and more like a home.",
    "The {adj} choices of a single week matter more than we think.",
    "God is patient with people who {verb} their own hearts, and He keeps calling.",
    "It can feel strange at first, even awkward, like learning a new language.",
    "Listen to how the psalmist speaks: not with polished words, but with {adj} honesty.",
    "Every generation has had to learn again that God {act}.",
    "When we remember who is in the room with us, even the {adj} tasks ahead look different.",
    "So we return, again and again, to {phrase}, and we find that He was there first.",
    "Jesus did not wait for His friends to get everything right before He loved them.",
    "What if the waiting itself is part of the answer?",
    "The disciples were slow to understand, and Jesus was {adv} kind to them.",
    "Our culture prizes speed, but the kingdom of God grows like {image}.",
    "That is why {phrase} is not a luxury for the spiritually advanced; it is daily bread.",
)
REF_SENTENCES: tuple[str, ...] = (
    "Scripture says it plainly ({ref}).",
    "We see the same pattern in {ref}, where God {act}.",
    "Read {ref} slowly and notice who moves first.",
    "The promise is not that life will be easy, but that God {act} ({ref}).",
    "Paul and the psalmists agree on this point (compare {ref}).",
)
LIST_ITEMS: tuple[str, ...] = (
    "It keeps us close when we would rather manage things ourselves.",
    "It refines what we want, so that our requests grow wiser over time.",
    "It reminds us that God {act}.",
    "It makes room for others to walk with us.",
    "It turns {adj} moments into places of prayer.",
    "It teaches us to wait without giving up.",
    "It frees us from the need to {verb} everything.",
    "It roots our identity in being loved rather than in being useful.",
)
APPLICATION_ITEMS: tuple[str, ...] = (
    "**Start with stillness.** Each morning, read {ref} slowly and sit quietly for five minutes.",
    "**Write it down.** Put one hope on a card and bring it to God honestly each day.",
    "**Catch the hurried moments.** When you notice anxiety rising, pause for one sentence of prayer.",
    "**Learn the memory verse.** Say {memory} aloud each night before you sleep.",
    "**Tell someone.** Share one thing you are learning with a friend from the group.",
    "**Take a walk.** Spend twenty minutes outside and thank God for what you see.",
)
PRAYER_SENTENCES: tuple[str, ...] = (
    "Father, You know what we carry and the weight of every part of it.",
    "Thank You that nothing is too small for Your attention or too heavy for Your hands.",
    "Teach us {phrase}, one {adj} day at a time.",
    "Quiet the hurry in us and make us people who listen.",
    "Where we {verb} our own hearts, come near and make us honest.",
    "Keep us close to You and close to one another.",
    "We pray in the name of Jesus, who came near to us first. Amen.",
)
QUOTES: tuple[str, ...] = (
    "The time of business does not differ from the time of prayer.",
    "We are not asked to carry tomorrow, only to walk with Him today.",
    "Grace does not wait for us to be ready; it makes us ready.",
    "The soul grows in secret, the way roots grow under snow.",
    "Prayer is less about getting what we want and more about becoming who we are.",
)


class _Writer:
    """Fills templates from one week's random stream and counts the words it produces."""

    def __init__(self, rng: random.Random, theme: tuple[str, str, str], refs: list[str]) -> None:
        self.rng = rng
        self.title_word, self.word, self.phrase = theme
        self.refs = refs
        self.words = 0

    def fill(self, template: str) -> str:
        """A template with its slots filled from the word lists."""
        rng = self.rng
        person = rng.choice(PEOPLE)
        adj = rng.choice(ADJECTIVES)
        values = {
            "person": person, "Person": person[0].upper() + person[1:], "place": rng.choice(PLACES),
            "struggle": rng.choice(STRUGGLES), "image": rng.choice(IMAGES), "verb": rng.choice(VERBS_WE),
            "act": rng.choice(GOD_ACTS), "adv": rng.choice(ADVERBS), "adj": adj,
            "a_adj": f"{'an' if adj[0] in 'aeiou' else 'a'} {adj}",
            "phrase": self.phrase, "word": self.word, "ref": rng.choice(self.refs),
            "strong": rng.choice(STRONG), "memory": first_verse(self.refs[0]),
        }
        return template.format(**values)

    def sentence(self, used: set[str]) -> str:
        """One sentence of teaching prose (about one in six carries an inline reference).

        Templates in `used` are avoided, so a paragraph does not repeat itself.
        """
        pool = REF_SENTENCES if self.rng.random() < 0.17 else SENTENCES
        template = self.rng.choice([t for t in pool if t not in used] or list(pool))
        used.add(template)
        return self.fill(template)

    def paragraph(self, sentences: int, decorate: Callable[[list[str]], None] | None = None) -> str:
        """A paragraph of `sentences` sentences, optionally decorated, counted."""
        used: set[str] = set()
        parts = [self.sentence(used) for _ in range(sentences)]
        if decorate is not None:
            decorate(parts)
        text = " ".join(parts)
        self.words += count_words(text)
        return text

    def emphasise(self, parts: list[str]) -> None:
        """Add an *emphasis* and a **strong** phrase to a paragraph's sentences."""
        parts.insert(self.rng.randrange(len(parts) + 1), self.rng.choice(EMPHASIS))
        strong = f"Here is the heart of it: **{self.rng.choice(STRONG)}**."
        parts.insert(self.rng.randrange(len(parts) + 1), strong)

    def add_blank(self, parts: list[str]) -> None:
        """Put the week's fill-in blank into a paragraph."""
        parts.insert(self.rng.randrange(len(parts) + 1),
                     f"Fill in the blank: at the heart of this week is {{{{{self.word}}}}}.")

    def add_reference(self, parts: list[str]) -> None:
        """Make sure a paragraph carries an inline reference such as "(John 15:5)"."""
        ref = first_verse(self.rng.choice(self.refs))
        parts.append(f"He has not changed, and He will not ({ref}).")


def count_words(text: str) -> int:
    """Words as a reader counts them (Markdown markers and blank braces ignored)."""
    return len(re.findall(r"[A-Za-z0-9']+", text))


def first_verse(ref: str) -> str:
    """'John 15:1-8' -> 'John 15:1'; a single verse is returned as it is."""
    return ref.split("-", 1)[0]


def layout_for(week: int) -> str | None:
    """The layout a week names: handout every 4th week, journal every 7th, else the default."""
    if week % 4 == 0:
        return "handout"
    if week % 7 == 0:
        return "journal"
    return None


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _week_title(rng: random.Random, theme: tuple[str, str, str]) -> str:
    form = rng.choice(TITLE_FORMS)
    return form.format(Theme=theme[0], Sub=rng.choice(SUBTITLES))


def make_week(week: int, seed: int = 1) -> tuple[str, str]:
    """(file name, file text) of one synthetic week; depends only on `week` and `seed`."""
    rng = random.Random(f"guide-builder-benchmark:{seed}:{week}")
    theme = THEMES[(week - 1) % len(THEMES)] if rng.random() < 0.5 else rng.choice(THEMES)
    refs = rng.sample(PASSAGES, 6)
    title = _week_title(rng, theme)
    writer = _Writer(rng, theme, refs)
    memory = first_verse(refs[0])
    layout = layout_for(week)
    date = FIRST_DATE + dt.timedelta(weeks=week - 1)
    big_idea = writer.fill(rng.choice((
        "God {act}, so {phrase} is where breakthrough begins.",
        "We do not earn {phrase}; we receive it, because God {act}.",
        "The {adj} path of {phrase} leads us closer to the One who {act}.",
    )))

    front = ["---", f"week: {week}", f"title: {json.dumps(title)}"]
    if layout:
        front.append(f"layout: {layout}")
    front += [f"date: {date.isoformat()}", f"big_idea: {json.dumps(big_idea)}", f"memory_verse: {memory}",
              "scriptures:", *(f"  - {ref}" for ref in refs), "---", ""]

    body = ["## Teaching", ""]
    body += [writer.paragraph(rng.randint(5, 7), writer.emphasise), ""]
    body += [writer.paragraph(rng.randint(5, 7), writer.add_reference), ""]
    body += [f"### {rng.choice(SUBHEADS)}", ""]
    body += [writer.paragraph(rng.randint(5, 7), writer.emphasise), ""]
    numbered = rng.random() < 0.5
    items = [writer.fill(item) for item in rng.sample(LIST_ITEMS, 4)]
    writer.words += sum(count_words(item) for item in items)
    body += [f"{n}. {item}" if numbered else f"- {item}" for n, item in enumerate(items, 1)]
    body += ["", writer.paragraph(rng.randint(4, 6), writer.add_reference), ""]
    quote = f"{rng.choice(QUOTES)} ({first_verse(rng.choice(refs))})"
    writer.words += count_words(quote)
    body += [f"> {quote}", ""]
    body += [writer.paragraph(rng.randint(5, 7), writer.add_blank), ""]
    while writer.words < TEACHING_WORDS - 60:
        decorate = writer.add_reference if rng.random() < 0.4 else None
        body += [writer.paragraph(rng.randint(4, 7), decorate), ""]
    body += ["!!! leader",
             f"    Allow about twenty minutes for the teaching. The blank is **{theme[1]}**. "
             f"Listen for anyone who hears this week as a call to try harder; the point is "
             f"{theme[2]}, not performance. Let people name hard things without rushing to fix them.", ""]

    deeper = rng.choice([ref for ref in refs if ref != refs[0]])
    body += ["## Going Deeper", "", f'!!! scripture "{deeper}"', ""]
    body += [writer.paragraph(rng.randint(4, 6), writer.add_reference), ""]
    body += [writer.paragraph(rng.randint(3, 5)), ""]

    body += ["## Application", "", f"This week, practice {theme[2]} in small, concrete ways.", ""]
    body += [f"- {writer.fill(item)}" for item in rng.sample(APPLICATION_ITEMS, 4)]
    body += [""]

    body += ["## Discussion Questions", ""]
    questions = [writer.fill(q) for q in rng.sample(QUESTION_FORMS, 5)]
    long_one = rng.randrange(5)
    body += [f"{n}. {q}{' {lines=6}' if n - 1 == long_one else ''}" for n, q in enumerate(questions, 1)]
    body += [""]

    body += ["## Prayer", "", " ".join(writer.fill(s) for s in PRAYER_SENTENCES), ""]

    name = f"week-{week:02d}-{_slug(title)}.md"
    return name, "\n".join(front + body)


def guide_toml(weeks: int, seed: int) -> str:
    """The study's guide.toml, shaped like the repository's sample."""
    return (
        "[guide]\n"
        f'title = "Rooted and Growing"\n'
        f'subtitle = "{weeks} weeks of teaching for small groups (synthetic, seed {seed})"\n'
        'author = "guide-builder benchmark"\n'
        'translation = "WEB"\n'
        'page_size = "letter"\n'
        'layout = "standard"\n'
        'language = "en"\n'
        "\n[cover]\n"
        'tagline = "A workbook for small groups"\n'
        "\n[output]\n"
        f'name = "{OUTPUT_NAME}"\n'
    )


def make_study(root: Path, weeks: int, seed: int = 1) -> Path:
    """Write a synthetic study of `weeks` weeks into `root` (created if needed) and return `root`.

    Existing week files in ``root/content`` are removed first, so the folder holds exactly
    this study. The same (`weeks`, `seed`) always gives the same bytes.
    """
    if weeks < 1:
        raise ValueError("weeks must be at least 1")
    root = Path(root)
    content = root / "content"
    content.mkdir(parents=True, exist_ok=True)
    for old in content.glob("week-*.md"):
        old.unlink()
    (root / "guide.toml").write_text(guide_toml(weeks, seed), encoding="utf-8")
    for week in range(1, weeks + 1):
        name, text = make_week(week, seed)
        (content / name).write_text(text, encoding="utf-8")
    return root


def output_pdf(root: Path) -> Path:
    """Where ``guide build`` writes the workbook of a generated study."""
    return Path(root) / "output" / f"{OUTPUT_NAME}.pdf"


def main(argv: list[str] | None = None) -> int:
    """CLI: write a study into OUT."""
    parser = argparse.ArgumentParser(description="Write a seeded synthetic study for the benchmark.")
    parser.add_argument("out", type=Path, help="folder to write the study into (created if needed)")
    parser.add_argument("--weeks", type=int, default=52, help="number of weeks (default 52)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    args = parser.parse_args(argv)
    if args.weeks < 1:
        parser.error("--weeks must be at least 1")
    root = make_study(args.out, args.weeks, args.seed)
    print(f"Wrote a {args.weeks}-week study (seed {args.seed}) to {root}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
