"""What parse refuses (dead-lettered with the reason) instead of storing nothing or working for minutes."""

from datetime import datetime, timezone

import pytest

from newsflow_parse.article_layout import NoTextExtracted
from newsflow_parse.pipeline import parse_articles, parse_within_budget
from newsflow_shared.events import RawArticle
from newsflow_shared.integrity import TooCostly


def raw(content: str, content_type: str = "text/html") -> RawArticle:
    return RawArticle(article_id="a1", received_at=datetime.now(timezone.utc), content_type=content_type,
                      content=content)


def test_html_nested_past_what_the_parser_reads_is_refused_not_stored_empty():
    nested = "<html><body>" + "<div>" * 10_000 + "The mayor spoke." + "</div>" * 10_000 + "</body></html>"
    with pytest.raises(NoTextExtracted, match="no article text could be extracted"):
        parse_articles([raw(nested)])


def test_html_of_nothing_but_markup_is_refused():
    with pytest.raises(NoTextExtracted):
        parse_articles([raw("<html><head><title></title></head><body><nav></nav></body></html>")])


def test_ordinary_html_still_parses():
    page = ("<html><head><title>Bridge reopens</title></head><body><article><h1>Bridge reopens</h1>"
            "<p>The bridge reopened on Monday after two years of repairs, the council said.</p>"
            "<p>\u201cIt is a good day for the town,\u201d said Mayor Ada Quist.</p></article></body></html>")
    (parsed,) = parse_articles([raw(page)])
    assert "bridge reopened" in parsed.body and parsed.quotes


def test_an_article_over_the_nlp_budget_is_too_costly_and_one_within_it_parses():
    with pytest.raises(TooCostly, match="too costly to process: article a1 has 2,001 characters"):
        parse_within_budget([raw("x" * 2_001, "text/plain")], max_chars=2_000)
    (parsed,) = parse_within_budget([raw("The council met. " * 10, "text/plain")], max_chars=2_000)
    assert parsed.body


@pytest.mark.parametrize("mark", ['"', "\u201c", "'", "(", "!", "<", "*"])
def test_a_long_run_of_punctuation_is_cut_short_before_the_nlp_sees_it(mark):
    # One 100 KB POST of nothing but quotation marks held the process for about 14 minutes: spaCy's
    # tokenizer splits such a run in quadratic time. A reader loses nothing when it is cut.
    run = mark * 100_000
    (parsed,) = parse_articles([raw(f"The council met on Monday. {run} It voted to repair the bridge.",
                                    "text/plain")])
    assert "It voted to repair the bridge." in parsed.body
    assert mark * 4 not in parsed.body and len(parsed.body) < 100


@pytest.mark.parametrize("mark", ['"', "!", "\u201c"])
def test_a_long_run_of_punctuation_a_space_apart_is_cut_short_too(mark):
    run = f"{mark} " * 100_000
    (parsed,) = parse_articles([raw(f"The council met on Monday. {run}It voted to repair the bridge.", "text/plain")])
    # the run starts at Monday's full stop, so three characters of it are ". " and one mark
    assert parsed.body == f"The council met on Monday. {mark} It voted to repair the bridge."


def test_ordinary_punctuation_is_left_alone():
    text = 'He said: "Wait..." -- then left (quietly)!? The vote was 7-2; "no," she said. -- end --'
    (parsed,) = parse_articles([raw(text, "text/plain")])
    assert parsed.body == text
