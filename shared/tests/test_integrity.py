"""An article whose spans point outside its body is refused by the stage that reads it."""

import pytest

from newsflow_shared.events import EnrichedArticle, Entity, Mention, PipelineVersions, Quote, QuotePart
from newsflow_shared.integrity import InconsistentArticle, check_offsets, offset_problems

BODY = "The mayor said the bridge would reopen."


def article(quotes=(), mentions=()) -> EnrichedArticle:
    entities = [Entity(id="e1", name="Mayor", type="person", mentions=list(mentions))] if mentions else []
    return EnrichedArticle(article_id="a1", metadata={}, body=BODY, quotes=list(quotes), entities=entities,
                           pipeline=PipelineVersions(parse="t", enrich="t"))


def quote(start: int, end: int, speaker: tuple[int, int] | None = None, parts=()) -> Quote:
    return Quote(id="q1", text=BODY[start:end], kind="indirect", start=start, end=end,
                 parts=[QuotePart(start=a, end=b) for a, b in parts],
                 speaker_start=speaker[0] if speaker else None, speaker_end=speaker[1] if speaker else None)


def test_spans_inside_the_body_pass():
    check_offsets(article([quote(15, 38, (0, 9))], [Mention(start=4, end=9, text="mayor")]))
    check_offsets(article([quote(15, 38, parts=[(15, 21), (22, 38)])]))


@pytest.mark.parametrize("broken, naming", [
    (article([quote(15, 400)]), "quote q1 spans 15..400"),
    (article([quote(20, 10)]), "quote q1 spans 20..10"),
    (article([quote(15, 38, (-1, 9))]), "speaker of quote q1"),
    (article(mentions=[Mention(start=50, end=55, text="x")]), "a mention of entity e1"),
    (article([quote(15, 38, parts=[(15, 21), (22, 40)])]), "part 2 of quote q1 spans 22..40"),
    (article([quote(15, 38, parts=[(15, 30), (22, 38)])]), "part 2 of quote q1 spans 22..38"),
    (article([quote(15, 38, parts=[(10, 21)])]), "part 1 of quote q1 spans 10..21"),
])
def test_a_span_outside_the_body_is_named(broken, naming):
    assert any(naming in problem for problem in offset_problems(broken))
    with pytest.raises(InconsistentArticle, match=naming.replace(".", r"\.")):
        check_offsets(broken)
