import pytest

from newsflow_parse.dates import date_line_date, find_dates, identifier_date, to_iso


@pytest.mark.parametrize(
    "line, expected",
    [
        ("12 June 2024 - 09:15 AM  UPDATED 12 June 2024 - 09:15 AM", "2024-06-12T09:15"),
        ("April 28, 2019 at 6:01 am Updated April 29, 2019 at 3:33 pm", "2019-04-28T06:01"),
        ("Updated 2 March 2021, published 1 March 2021", "2021-03-01"),
        ("Published: 12 March 2021, 10:15 GMT", "2021-03-12T10:15"),
        ("Posted on March 3rd, 2015", "2015-03-03"),
        ("Monday, Sept. 26, 2016", "2016-09-26"),
        ("2016-09-26T10:43:37-08:00", "2016-09-26T10:43:37-08:00"),
    ],
)
def test_date_stamp_lines_give_the_publication_date(line, expected):
    assert date_line_date(line) == expected


@pytest.mark.parametrize(
    "line",
    [
        "The council said on March 4, 2025 that the plan had failed.",
        "Sept. 9, 2013 traffic problems on the bridge.",
        "Ramadan starts on May 26 this year.",
        "Monday",
        "Feb 30, 2017",
    ],
)
def test_sentences_and_incomplete_or_impossible_dates_are_not_date_stamps(line):
    assert date_line_date(line) is None


def test_every_complete_date_is_found_with_its_update_label():
    found = find_dates("Filed 3 May 2021. Last updated: 4 May 2021 at 09:30. Due May 26.")

    assert [(d.iso, d.is_update) for d in found] == [("2021-05-03", False), ("2021-05-04T09:30", True)]


@pytest.mark.parametrize(
    "identifier, expected",
    [
        ("gazette_2016-09-26_ferry-fares-frozen.txt", "2016-09-26"),
        ("https://news.example/2019/04/28/ferry-fares/", "2019-04-28"),
        ("gazette_2016_02_29_leap.txt", "2016-02-29"),
        ("gazette_2015_02_29_not-a-day.txt", None),
        ("000_4b2b8cccf26da5f7.txt", None),
        ("story-20170531.txt", None),
        (None, None),
    ],
)
def test_dates_in_file_names_and_urls(identifier, expected):
    assert identifier_date(identifier) == expected


def test_unreadable_text_is_no_date():
    assert to_iso("31 Smarch 2017") is None
