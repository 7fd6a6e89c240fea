import pytest

from newsflow_parse.byline import (
    Byline,
    bio_author,
    byline,
    clean_author_names,
    credit_line_authors,
    follow_line_authors,
    names_only,
    sign_off_author,
)
from newsflow_parse.text_article import read_text_article


@pytest.mark.parametrize(
    "line, expected",
    [
        ("By Jane Roe", Byline(["Jane Roe"])),
        ("By JANE ROE, TOM BERRICK and ANNA DE VRIES", Byline(["JANE ROE", "TOM BERRICK", "ANNA DE VRIES"])),
        ("By Jane Roe | Coastal Gazette", Byline(["Jane Roe"])),
        ("By Jane Roe, Political Editor, in Kelby", Byline(["Jane Roe"])),
        ("By Jane Roe - 3 May 2021 10:00", Byline(["Jane Roe"])),
        ("By Tom Berrick, @tberrick, COASTAL TODAY", Byline(["Tom Berrick"])),
        ("By The Associated Press", Byline([], "AP")),
        ("Written by Anna Falk and Per Olsen", Byline(["Anna Falk", "Per Olsen"])),
    ],
)
def test_by_lines_name_the_authors(line, expected):
    assert byline(line) == expected


@pytest.mark.parametrize(
    "line",
    ["By the time the ferry arrived, the crowd had left.", "Byron Bay was flooded on Monday.", "By Monday"],
)
def test_sentences_starting_with_by_are_not_bylines(line):
    assert byline(line) is None


def test_a_line_of_names_alone_is_names_and_other_short_lines_are_not():
    assert names_only("Michaela Storm") == ["Michaela Storm"]
    assert names_only("Anna Falk and Per Olsen") == ["Anna Falk", "Per Olsen"]
    for line in ("Now Reading", "Harbour bridge reopens after repairs", "Coastal Gazette News", "12 June 2024"):
        assert names_only(line) == []


def test_follow_prompts_name_the_writers():
    assert follow_line_authors("Follow Jon Ekberg on Twitter @jonekberg.") == ["Jon Ekberg"]
    assert follow_line_authors("Follow Gazette political reporter Lina Moss on X at @linamoss") == ["Lina Moss"]
    assert follow_line_authors("Follow Jon Ekberg and Lina Moss on Twitter: @jonekberg and @linamoss.") == [
        "Jon Ekberg",
        "Lina Moss",
    ]
    assert follow_line_authors("Follow him on Twitter: @jonekberg") == []
    assert follow_line_authors("Follow Coastal Gazette News on Facebook") == []


def test_op_ed_note_names_its_writer_only_when_the_story_did_not_mention_them():
    note = "Mara Lindqvist is a transport researcher at the University of Eastvale."
    long_note = "Rep. Ola Brandt, D-Maren, chairs the harbour committee and, with others, is its founder."

    assert bio_author(note, "Night buses would help shift workers.") == "Mara Lindqvist"
    assert bio_author(long_note, "The committee met.") == "Ola Brandt"
    assert bio_author(note, "Mara Lindqvist told the council that buses matter.") is None
    assert bio_author("Jon Ekberg is expected to testify next week.", "The hearing opens.") is None
    assert bio_author("The ferry is late again.", "") is None
    assert bio_author("Although Kelby is small, its harbour is busy.", "") is None


def test_sign_offs_and_wire_credits_name_writers():
    assert sign_off_author("— Lina Moss.") == "Lina Moss"
    assert sign_off_author("- the end") is None
    assert sign_off_author("-Per Olsen, Kelby.") == "Per Olsen"
    credit = "(Reporting by Lina Moss and Per Olsen in Kelby; Additional reporting by Ann Lee; Writing by Tom Poe; Editing by Sam Reed)"
    assert credit_line_authors(credit) == ["Lina Moss", "Per Olsen", "Tom Poe"]


def test_page_metadata_names_are_tidied():
    names = ["By Jane Roe", "JANE ROE", "Tom Berrick Games Editor", "Username", "Anna Falk", "MA", "Lina Moss May"]

    assert clean_author_names(names) == ["Jane Roe", "Tom Berrick", "Anna Falk", "Lina Moss"]
    assert clean_author_names(["Theresa May"]) == ["Theresa May"]


def test_authors_come_from_bylines_trailers_and_credits_in_whole_articles():
    bylined = "Night buses return to Kelby\nBy Anna Falk and Per Olsen\n\nNight buses will run again from Friday, the council said."
    op_ed = (
        "Why our towns need night buses\n\n"
        "Every evening at eleven, the last bus leaves Kelby and shift workers walk home.\n\n"
        "The council could change that for less than the cost of one roundabout.\n\n"
        "Mara Lindqvist is a transport researcher at the University of Eastvale."
    )
    followed = "Buses return\n\nNight buses will run again from Friday, the council said.\n\n\"Follow Jon Ekberg on Twitter @jonekberg.\""
    wire = (
        "Buses return\n\nNight buses will run again from Friday, the council said on Tuesday.\n\n"
        "(Reporting by Lina Moss; Editing by Sam Reed)"
    )

    assert read_text_article(bylined).authors == ["Anna Falk", "Per Olsen"]
    article = read_text_article(op_ed)
    assert article.authors == ["Mara Lindqvist"]
    assert "transport researcher" not in article.body
    article = read_text_article(followed)
    assert article.authors == ["Jon Ekberg"] and "Follow" not in article.body
    article = read_text_article(wire)
    assert (article.authors, article.agency) == (["Lina Moss"], "Reuters")
    assert "Reporting by" not in article.body
