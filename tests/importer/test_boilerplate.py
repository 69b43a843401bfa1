"""Boilerplate lines are recognised; teaching that merely sounds like them is kept."""

from __future__ import annotations

import pytest

from guide_builder.importer.boilerplate import boilerplate_reason


@pytest.mark.parametrize("line", [
    "Subscribe", "Subscribe to our blog", "Sign up for our newsletter!", "Enter your email address",
    "Join us on Facebook", "Follow me on Instagram", "Share this:", "Share on Facebook",
    "Facebook Twitter Email", "Tweet", "Like this:", "Loading...", "Related Posts", "Leave a Reply",
    "3 Comments", "Read more",
    "Continue reading \u2192", "\u00ab Previous Post", "Next Post \u00bb", "Tags: grace, prayer",
    "Categories: Devotions", "Filed under: Sermons", "\u00a9 2025 Grace Church", "All rights reserved.",
    "Powered by WordPress", "Privacy Policy", "Add Your Heading Text Here", "Add your text here",
    "Lorem ipsum dolor sit amet, consectetur adipiscing elit.", "Click edit button to change this text.",
    "Your title goes here",
])
def test_boilerplate_anywhere(line: str) -> None:
    assert boilerplate_reason(line) is not None


@pytest.mark.parametrize("line", [
    "By Jane Doe", "By Jane Doe | March 3, 2021", "Posted on March 3, 2021", "March 3, 2021", "5 min read",
    "Home", "Menu", "Home | About | Blog | Contact",
])
def test_bylines_dates_and_menus_only_near_the_start_or_end(line: str) -> None:
    assert boilerplate_reason(line) is None
    assert boilerplate_reason(line, near_edge=True) is not None


@pytest.mark.parametrize("line", [
    "By Faith Alone", "By his wounds we are healed.", "Written on the tablets of our hearts",
    "Share your burdens with one another this week.", "I love our church and the people in it.",
    "Tags <b>like this</b> stay.", "The home we long for is with him.",
    "Subscribe your heart to his ways? No, surrender it.", "Get Started",
])
def test_teaching_is_kept(line: str) -> None:
    assert boilerplate_reason(line, near_edge=True) is None


def test_a_pipe_separated_line_in_the_middle_is_kept() -> None:
    assert boilerplate_reason("Father | Son | Spirit") is None
