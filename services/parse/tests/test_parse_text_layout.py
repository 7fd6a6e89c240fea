from newsflow_parse.text_layout import split_plain_text

ARTICLE = """Harbour bridge reopens after six months of repairs

The harbour bridge in Kelby reopened to traffic on Tuesday.

Shop owners near the bridge said trade had already picked up.
"""


def test_headline_line_then_blank_line_becomes_title_and_the_rest_body():
    title, body = split_plain_text(ARTICLE)

    assert title == "Harbour bridge reopens after six months of repairs"
    assert body == (
        "The harbour bridge in Kelby reopened to traffic on Tuesday.\n\n"
        "Shop owners near the bridge said trade had already picked up."
    )


def test_line_endings_trailing_whitespace_and_extra_blank_lines_are_normalised():
    messy = "Harbour bridge reopens  \r\n\r\n\r\n  First paragraph.   \r\n\r\n\r\nSecond paragraph.\t\r\n\r\n"

    title, body = split_plain_text(messy)

    assert title == "Harbour bridge reopens"
    assert body == "First paragraph.\n\nSecond paragraph."


def test_headline_without_a_blank_line_is_still_a_headline_and_paragraphs_get_separated():
    title, body = split_plain_text("Council votes on budget\nThe council met on Monday.\nIt voted 7-2.")

    assert title == "Council votes on budget"
    assert body == "The council met on Monday.\n\nIt voted 7-2."


def test_first_line_ending_like_a_sentence_is_body_not_title():
    text = "The council met on Monday.\n\nIt voted to approve the budget."

    assert split_plain_text(text) == (None, text)


def test_overlong_first_line_is_not_a_headline():
    long_line = "word " * 60
    title, body = split_plain_text(f"{long_line}\n\nSecond paragraph.")

    assert title is None
    assert body.startswith("word word")


def test_a_single_line_is_body_and_empty_text_is_empty():
    assert split_plain_text("Just one line of text without a full stop") == (
        None,
        "Just one line of text without a full stop",
    )
    assert split_plain_text("") == (None, "")
    assert split_plain_text("\n \r\n\t\n") == (None, "")
