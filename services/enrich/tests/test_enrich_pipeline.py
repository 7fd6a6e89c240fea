from newsflow_shared.events import ArticleMetadata, EnrichedArticle, ParsedArticle, PipelineVersions, Quote
from newsflow_shared.settings import Settings

from newsflow_enrich.pipeline import build_stage, enrich_articles
from newsflow_enrich.version import ENRICH_VERSION

SUMMIT = """German Chancellor Angela Merkel met French President Emmanuel Macron in Berlin on Friday to discuss energy prices.

Merkel told reporters after the meeting: "We agreed that Europe must buy gas together."

Macron said the European Commission would present a plan next month. "Nobody should freeze this winter," he said."""

FOLLOW_UP = """Angela Merkel flew to Brussels on Monday to meet officials of the European Commission.

"The plan is late, but it is a good plan," Merkel said."""


def direct_quote(body: str, article_id: str, n: int, text: str, speaker: str) -> Quote:
    """A quote as parse would emit it: its offsets, and those of the nearest speaker mention."""
    start = body.index(text)
    after = body.find(speaker, start + len(text))
    speaker_start = after if after != -1 else body.rindex(speaker, 0, start)
    return Quote(
        id=f"{article_id}-q{n}",
        text=text,
        kind="direct",
        start=start,
        end=start + len(text),
        cue="said",
        speaker=speaker,
        speaker_start=speaker_start,
        speaker_end=speaker_start + len(speaker),
    )


def parsed(article_id: str, body: str, quotes: list[tuple[str, str]]) -> ParsedArticle:
    return ParsedArticle(
        article_id=article_id,
        metadata=ArticleMetadata(title="Energy talks", source="Example Wire"),
        body=body,
        quotes=[direct_quote(body, article_id, n, text, speaker) for n, (text, speaker) in enumerate(quotes, start=1)],
        pipeline=PipelineVersions(parse="0.1.0"),
    )


def summit_and_follow_up() -> list[EnrichedArticle]:
    return enrich_articles(
        [
            parsed(
                "summit",
                SUMMIT,
                [("We agreed that Europe must buy gas together.", "Merkel"), ("Nobody should freeze this winter", "he")],
            ),
            parsed("follow-up", FOLLOW_UP, [("The plan is late, but it is a good plan", "Merkel")]),
        ]
    )


def test_output_is_a_valid_enriched_article_that_keeps_the_parsed_fields():
    summit, follow_up = summit_and_follow_up()

    assert EnrichedArticle.model_validate_json(summit.model_dump_json()) == summit
    assert (summit.article_id, follow_up.article_id) == ("summit", "follow-up")
    assert summit.body == SUMMIT and summit.metadata.source == "Example Wire"
    assert summit.pipeline.parse == "0.1.0" and summit.pipeline.enrich == ENRICH_VERSION
    for entity in summit.entities:
        for mention in entity.mentions:
            assert summit.body[mention.start : mention.end] == mention.text


def test_speakers_resolve_to_entities_including_a_pronoun():
    summit, follow_up = summit_and_follow_up()
    names = {entity.id: entity.name for entity in summit.entities}

    assert [names.get(q.actor_id) for q in summit.quotes] == ["Angela Merkel", "Emmanuel Macron"]
    assert [q.speaker for q in summit.quotes] == ["Merkel", "he"]


def test_the_same_actor_gets_the_same_id_in_two_articles():
    summit, follow_up = summit_and_follow_up()

    def ids(article):
        return {entity.name: entity.id for entity in article.entities}

    assert ids(summit)["Angela Merkel"] == ids(follow_up)["Angela Merkel"]
    assert ids(summit)["European Commission"] == ids(follow_up)["European Commission"]
    assert summit.quotes[0].actor_id == follow_up.quotes[0].actor_id


def test_empty_batch_and_empty_body():
    assert enrich_articles([]) == []
    [empty] = enrich_articles([parsed("empty", "", [])])
    assert (empty.entities, empty.quotes, empty.pipeline.enrich) == ([], [], ENRICH_VERSION)


def test_stage_reads_parsed_and_writes_enriched_topics():
    stage = build_stage(Settings(topic_parsed="in.parsed", topic_enriched="out.enriched"))

    assert (stage.name, stage.input_topic, stage.output_topic) == ("enrich", "in.parsed", "out.enriched")
    assert stage.input_model is ParsedArticle
