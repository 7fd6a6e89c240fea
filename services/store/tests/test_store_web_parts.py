"""The pure parts of the web pages: marking a body, comparing wordings, the timeline, the search form."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from newsflow_store.web.home_form import HomeForm
from newsflow_store.web.marking import Span, mark_body
from newsflow_store.web.render import entity_path, web_link
from newsflow_store.web.sign_in import safe_next
from newsflow_store.web.timeline import DAYS, MIN_DAYS, timeline
from newsflow_store.web.wording import compare_wording


def as_markup(body: str, quotes: list[Span], names: list[Span]) -> str:
    """The marked body as a bracket string: [quote], {name}, <speaker of the quote before>."""
    out = []
    for event in mark_body(body, quotes=quotes, names=names).events:
        out.append({"text": event.text, "open_quote": "[", "close_quote": "]", "said_by": f"<{event.item}>",
                    "open_name": "{", "close_name": "}"}[event.kind])
    return "".join(out)


def span(body: str, text: str, item: object = None) -> Span:
    start = body.index(text)
    return Span(start, start + len(text), item if item is not None else text)


BODY = '"We will open the pier," said Ines Vell of the Harbour Board. Vell said the Harbour Board agreed.'


def test_quotes_and_names_nest_and_the_speaker_follows_the_closing_marks():
    quotes = [span(BODY, "We will open the pier", "q1"), span(BODY, "the Harbour Board agreed", "q2")]
    names = [span(BODY, "Ines Vell"), Span(BODY.rindex("Harbour Board"), BODY.rindex("Harbour Board") + 13, "hb"),
             span(BODY, "Harbour Board")]
    assert as_markup(BODY, quotes, names) == (
        '"[We will open the pier],"<q1> said {Ines Vell} of the {Harbour Board}. '
        "Vell said [the {Harbour Board} agreed].<q2>")


def test_a_name_across_a_quote_edge_is_left_unmarked_and_an_overlapping_quote_is_set_apart():
    body = "Ana said the plan works well today."
    quotes = [span(body, "the plan works", "q1"), span(body, "works well today", "q2"), Span(5, 999, "q3")]
    marked = mark_body(body, quotes=quotes, names=[span(body, "plan works well"), span(body, "Ana")])
    assert sorted(marked.overlapping) == ["q2", "q3"]
    assert as_markup(body, quotes[:1], [span(body, "plan works well"), span(body, "Ana")]) == \
        "{Ana} said [the plan works]<q1> well today."
    assert "".join(e.text for e in marked.events) == body  # the body, whole and in order


def test_an_interrupted_quote_is_marked_part_by_part_and_its_speaker_in_the_narration_is_named():
    body = '"The pier is our road," said Ines Vell, who runs the ferry. "Without it we are stranded," she added.'
    first, second = span(body, "The pier is our road,"), span(body, "Without it we are stranded")
    quote = Span(first.start, second.end, "q1", ((first.start, first.end), (second.start, second.end)))
    assert as_markup(body, [quote], [span(body, "Ines Vell")]) == (
        '"[The pier is our road,]" said {Ines Vell}, who runs the ferry. "[Without it we are stranded],"<q1>'
        " she added.")
    opened = [event.part for event in mark_body(body, quotes=[quote], names=[]).events if event.kind == "open_quote"]
    assert opened == [0, 1]  # the page gives the first part the quote's id, the second names it continued


def test_a_quote_whose_parts_leave_its_span_is_set_apart():
    body = "Ana said the plan works well today."
    quote = Span(9, 14, "q1", ((9, 14), (15, 30)))
    assert mark_body(body, quotes=[quote], names=[]).overlapping == ["q1"]


def test_the_longer_of_two_overlapping_names_is_marked():
    body = "Mayor Lena Ortiz spoke."
    assert as_markup(body, [], [span(body, "Lena Ortiz"), span(body, "Mayor Lena Ortiz")]) == \
        "{Mayor Lena Ortiz} spoke."


def test_a_wording_marks_words_it_changes_and_lists_words_it_leaves_out():
    fullest = "We owe the islanders a reliable crossing, and we will deliver it before summer"
    same = compare_wording("\u201cWE owe the islanders a reliable crossing - and we will deliver it before summer.\u201d",
                           fullest)
    assert same.same
    shorter = compare_wording("a reliable crossing, and we will deliver it before summer", fullest)
    assert shorter.left_out == ["We", "owe", "the", "islanders"] and not any(p.changed for p in shorter.pieces)
    changed = compare_wording("We owe islanders a safe crossing, and we will deliver it by summer", fullest)
    assert [p.text for p in changed.pieces if p.changed] == ["safe", "by"]
    assert changed.left_out == ["the", "reliable", "before"]
    assert "".join(p.text for p in changed.pieces) == "We owe islanders a safe crossing, and we will deliver it by summer"


def moments(*days_ago: int) -> list[datetime]:
    newest = datetime(2024, 5, 31, 12, tzinfo=timezone.utc)
    return [newest - timedelta(days=d) for d in days_ago]


def test_the_timeline_counts_quotes_per_day_within_its_window():
    assert timeline([]) is None
    chart = timeline(moments(0, 0, 0, 2, 200))
    assert [(bar.day.isoformat(), bar.count) for bar in chart.bars] == [("2024-05-29", 1), ("2024-05-31", 3)]
    assert chart.shown == 4 and chart.earlier == 1 and chart.most == 3
    assert (chart.last_day - chart.first_day).days + 1 == DAYS
    tallest, lower = chart.bars[1], chart.bars[0]
    assert tallest.y == 0 and lower.height == pytest.approx(tallest.height / 3, abs=0.01)
    assert lower.x < tallest.x <= chart.width - tallest.width
    few = timeline(moments(0, 1))
    assert (few.last_day - few.first_day).days + 1 == MIN_DAYS and few.earlier == 0


def test_the_search_form_names_each_problem_and_turns_dates_into_bounds():
    bad = HomeForm.read(q="x" * 501, outlet=None, published_from="yesterday", published_to="2024-02-30", actor=None)
    assert len(bad.problems) == 3 and "at most 500" in bad.problems[0] and "'yesterday'" in bad.problems[1]
    form = HomeForm.read(q=" ferry ", outlet="AP", published_from="2024-05-01", published_to="2024-05-02",
                         actor="person-ana-sousa")
    filters = form.filters()
    assert form.problems == [] and filters.search == "ferry" and filters.source == "AP"
    assert filters.published_from == datetime(2024, 5, 1, tzinfo=timezone.utc)
    assert filters.published_before == datetime(2024, 5, 3, tzinfo=timezone.utc)  # the 2nd is included
    assert form.api_params()["published_to"] == "2024-05-02" and form.page_params()["to"] == "2024-05-02"


def test_links_go_only_where_they_should():
    assert entity_path("person-a/b", "person") == "/ui/actors/person-a%2Fb"
    assert entity_path("org-x", "organization") == "/ui/organizations/org-x"
    assert entity_path("place-x", "place") is None and entity_path(None, "person") is None
    assert web_link("javascript:alert(1)") is None and web_link("https://a.example/x") == "https://a.example/x"
    assert [safe_next(t) for t in ("/ui/actors/x?cursor=1", "//evil.example", "https://evil.example", None,
                                   "/\\evil.example")] == ["/ui/actors/x?cursor=1", "/", "/", "/", "/"]
