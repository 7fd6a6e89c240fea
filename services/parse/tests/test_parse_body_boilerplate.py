"""Each kind of page furniture leaves the body; the story's own lines stay."""

import pytest

from newsflow_parse.boilerplate import introduces_other_stories, is_boilerplate
from newsflow_parse.text_article import read_text_article

STORY = [
    "The Kelby bridge reopened on Tuesday after six months of repairs, the council said.",
    '"We are delighted to see traffic flowing again," Mayor Tom Berrick said.',
    "Shop owners near the bridge said trade had already picked up.",
]


def article_with(noise: list[str], at: int = 1) -> str:
    lines = STORY[:at] + noise + STORY[at:]
    return "Bridge reopens after repairs\n\n" + "\n\n".join(lines)


@pytest.mark.parametrize(
    "noise",
    [
        ["Copyright 2025 Coastal Gazette. All rights reserved."],
        ["© 2025 Coastal Gazette"],
        ["This material may not be published, broadcast, rewritten or redistributed."],
        ["Now Reading"],
        ["Advertisement"],
        ["Read more from Coastal Gazette:", "Ferry fares frozen for winter", "Council approves new bus routes"],
        ["Related: Ferry fares frozen for winter"],
        ["READ MORE"],
        ["Petition: Keep the bridge toll-free"],
        ["Watch the full video of the mayor's speech:"],
        ["Watch: the first cars cross the bridge"],
        ["Did you miss the opening? You can catch up right now, on Gazette TV On Demand."],
        ["Sign up for our morning newsletter"],
        ["Follow us on Twitter @coastalgazette"],
        ["Lina Moss contributed reporting."],
        ["___"],
        ["* * *"],
        ["This article was originally published by the Eastvale Echo."],
        ["Bridge repairs: what happens next"],  # a subheading
        ["Ferry fares frozen for winter"],  # another story's headline
    ],
)
def test_furniture_between_paragraphs_is_dropped(noise):
    body = read_text_article(article_with(noise)).body

    assert body.split("\n\n") == STORY


def test_furniture_at_the_end_is_dropped():
    text = article_with(["Read more from Coastal Gazette:", "Ferry fares frozen", "New bus routes"], at=3)

    assert read_text_article(text).body.split("\n\n") == STORY


def test_kickers_and_other_headlines_in_the_header_are_dropped_and_an_unpunctuated_standfirst_stays():
    text = (
        "Bridge reopens after repairs\n\n"
        "Kelby: Ferry fares frozen for winter\n\n"
        "Drivers will no longer need the long detour through the hills\n\n" + "\n\n".join(STORY)
    )

    paragraphs = read_text_article(text).body.split("\n\n")

    assert paragraphs == ["Drivers will no longer need the long detour through the hills", *STORY]


def test_echoes_of_the_headline_and_repeated_paragraphs_are_dropped_once():
    text = "Now Reading\nBridge reopens after repairs\n\nBridge reopens after repairs\n\n" + "\n\n".join(STORY + STORY[:1])

    article = read_text_article(text)

    assert article.title == "Bridge reopens after repairs"
    assert article.body.split("\n\n") == STORY


def test_a_pull_quote_is_dropped_and_the_quote_stays_in_its_paragraph():
    text = "Bridge reopens\n\n" + STORY[0] + "\n\n“We are delighted to see traffic flowing again.”\n\n" + "\n\n".join(STORY[1:])

    assert read_text_article(text).body.split("\n\n") == STORY


def test_lists_and_texts_made_of_short_lines_keep_their_lines():
    bullets = ["- Free parking on Saturdays", "- A new cycle lane", "- Longer opening hours"]
    listed = article_with(["The council promised:", *bullets], at=3)
    poem = "Tide\n\nThe boats come in\nThe gulls come down\nThe nets come up\nThe day is done"

    assert read_text_article(listed).body.split("\n\n") == [*STORY, "The council promised:", *bullets]
    assert read_text_article(poem).body.split("\n\n") == ["The boats come in", "The gulls come down", "The nets come up", "The day is done"]


@pytest.mark.parametrize(
    "line",
    [
        "More than 100 people were at the opening.",
        "Related to this, the council said it would review tolls.",
        "Watch the skies tonight, the observatory said.",
        "Copyright of the photographs belongs to the photographers, the court ruled on Monday.",
        "See what the mayor said:",
        "Petitioners gathered outside the town hall on Monday.",
    ],
)
def test_sentences_that_start_like_furniture_stay(line):
    assert not is_boilerplate(line)
    assert not introduces_other_stories(line)
