import pytest

from newsflow_parse.captions import caption_text, is_caption
from newsflow_parse.text_article import read_text_article


@pytest.mark.parametrize(
    "line",
    [
        "Mayor Tom Berrick opens the bridge in Kelby on Tuesday. (AP Photo/Jana Pirelli)",
        "Photo: Ferry crews at the Maren terminal, Coastal Gazette",
        "Image credit: Lina Moss",
        "The mayor at the opening. Photograph: Jana Pirelli/Getty Images",
        "Commuters wait for the first ferry. (Photo by Per Olsen/AFP via Getty Images)",
        "• The mayor speaks to reporters outside the town hall. (Supplied)Source: Supplied",
        "Demonstrators gather in the square in Kelby on Monday. (Reuters)",
        "Jana Pirelli via Getty Images.",
    ],
)
def test_captions_are_known_by_their_credits(line):
    assert is_caption(line)


@pytest.mark.parametrize(
    "line",
    [
        "Getty Images said its sales rose 5% last year.",
        "The photo shows the mayor with his wife, the council said.",
        "He said the source: was unclear.",
        "The vote was close (26-24).",
        "Senators from Maine (Me.) and Pennsylvania (Pa.)",
        "(END VIDEO CLIP)",
        "AT LEAST TEN HURT IN FERRY COLLISION Two ferries collided off Kelby. [Bloomberg]",
    ],
)
def test_sentences_mentioning_photos_or_brackets_are_not_captions(line):
    assert not is_caption(line)


def test_caption_text_loses_the_bullet():
    assert caption_text("• The mayor speaks. (Supplied)") == "The mayor speaks. (Supplied)"


def test_captions_leave_the_body_for_the_metadata_wherever_they_are():
    text = (
        "Bridge reopens\n\n"
        "Photo: The bridge at dawn, Coastal Gazette\n\n"
        "The Kelby bridge reopened on Tuesday after six months of repairs.\n\n"
        "Drivers queue to cross the bridge on Tuesday. (AP Photo/Jana Pirelli)\n\n"
        "Shop owners said trade was already picking up."
    )

    article = read_text_article(text)

    assert article.captions == [
        "Photo: The bridge at dawn, Coastal Gazette",
        "Drivers queue to cross the bridge on Tuesday. (AP Photo/Jana Pirelli)",
    ]
    assert article.body == (
        "The Kelby bridge reopened on Tuesday after six months of repairs.\n\nShop owners said trade was already picking up."
    )
