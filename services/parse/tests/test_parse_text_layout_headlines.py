import pytest

from newsflow_parse.text_layout import PARAGRAPH_SEPARATOR, is_headline_shaped, paragraphs_of, split_plain_text

ARTICLE = "The ferry sailed at dawn with forty passengers on board.\n\nIt reached Kelby two hours later.\n\nNobody was hurt."


@pytest.mark.parametrize(
    "headline",
    [
        "Ferry operator cuts winter timetable.",  # an archive closed it with a full stop
        "'Nobody told us the ferry was cancelled.'",  # a quotation as headline
        "Is the night ferry worth saving?",
    ],
)
def test_short_first_line_before_an_article_is_the_headline_however_it_ends(headline):
    assert split_plain_text(f"{headline}\n\n{ARTICLE}") == (headline, ARTICLE)


def test_headline_and_deck_joined_by_a_semicolon_are_one_title():
    title, body = split_plain_text(f"Ferry fares frozen;\nCommuters win a year's reprieve.\n\n{ARTICLE}")

    assert title == "Ferry fares frozen; Commuters win a year's reprieve."
    assert body == ARTICLE


def test_title_case_line_closed_by_a_full_stop_is_a_headline_even_before_one_paragraph():
    assert split_plain_text("Ferry Operator Cuts Winter Timetable.\n\nIt will run four crossings a day.") == (
        "Ferry Operator Cuts Winter Timetable.",
        "It will run four crossings a day.",
    )


def test_hard_wrapped_text_is_unwrapped_into_paragraphs():
    wrapped = (
        "The Kelby harbour council on Tuesday rejected a proposed rise in\n"
        "ferry fares, saying that commuters had already absorbed two increases\n"
        "in three years and could not be asked to pay more.\n"
        "\n"
        "Council leader Oren Vask said the operator would have to find the\n"
        "money elsewhere, and that the council would review the contract in\n"
        "the spring when the current agreement comes up for renewal.\n"
    )

    assert paragraphs_of(wrapped) == [
        "The Kelby harbour council on Tuesday rejected a proposed rise in ferry fares, saying that commuters "
        "had already absorbed two increases in three years and could not be asked to pay more.",
        "Council leader Oren Vask said the operator would have to find the money elsewhere, and that the "
        "council would review the contract in the spring when the current agreement comes up for renewal.",
    ]


def test_spaces_inside_lines_are_made_plain_and_single():
    assert PARAGRAPH_SEPARATOR.join(paragraphs_of("Mayor\u00a0Tom  Berrick\tsaid so.\n\nYes.")) == "Mayor Tom Berrick said so.\n\nYes."


@pytest.mark.parametrize(
    "line, shaped",
    [
        ("Kelby: Ferry fares frozen for winter", True),
        ("Ferry Fares Frozen For The Winter", True),
        ("WATCHDOG MEMO", True),
        ("What happens next", True),
        ("Drivers will no longer need the long detour through the hills", False),
    ],
)
def test_headline_shaped_lines(line, shaped):
    assert is_headline_shaped(line) is shaped
