from datetime import datetime, timezone

import pytest

from newsflow_shared.events import ParsedArticle, RawArticle, SuppliedMetadata
from newsflow_shared.settings import Settings

from newsflow_parse.article_layout import NoTextExtracted
from newsflow_parse.pipeline import build_stage, parse_article, parse_articles
from newsflow_parse.version import PARSE_VERSION

TEXT = """Ferry strike halts island crossings

Ferry crews on the Maren Islands walked out on Friday in a dispute over rotas.

"We have been patient for two years and nothing has changed," union organiser Dana Kell said outside the terminal.

The operator, Bluewater Lines, said in a statement: "We regret the disruption to passengers and remain open to talks."
"""

HTML = """<html lang="en"><head><title>Ferry strike halts island crossings</title>
<meta name="author" content="Rob Tennant">
<meta property="article:published_time" content="2024-06-14">
</head><body><article><h1>Ferry strike halts island crossings</h1>
<p>Ferry crews on the Maren Islands walked out on Friday in a dispute over rotas and pay.</p>
<p>"We have been patient for two years and nothing has changed," union organiser Dana Kell said.</p>
<p>Passengers were advised to check the operator's website before travelling this weekend.</p>
</article></body></html>"""


def raw(content, content_type="text/plain", article_id="ferry-1", **supplied):
    return RawArticle(
        article_id=article_id,
        received_at=datetime(2024, 6, 14, 12, 0, tzinfo=timezone.utc),
        content_type=content_type,
        content=content,
        supplied=SuppliedMetadata(**supplied),
    )


def test_plain_text_article_is_split_and_its_quotes_point_into_the_body():
    parsed = parse_article(raw(TEXT))

    assert parsed.article_id == "ferry-1"
    assert parsed.metadata.title == "Ferry strike halts island crossings"
    assert parsed.body.startswith("Ferry crews on the Maren Islands")
    assert "Ferry strike halts" not in parsed.body
    assert parsed.pipeline.parse == PARSE_VERSION and parsed.pipeline.enrich is None
    assert [(q.speaker, q.cue) for q in parsed.quotes] == [("Dana Kell", "said"), ("Bluewater Lines", "said")]
    for quote in parsed.quotes:
        assert parsed.body[quote.start : quote.end] == quote.text
        assert parsed.body[quote.speaker_start : quote.speaker_end] == quote.speaker


def test_html_article_gets_its_metadata_and_quotes():
    parsed = parse_article(raw(HTML, "text/html"))

    assert parsed.metadata.title == "Ferry strike halts island crossings"
    assert parsed.metadata.authors == ["Rob Tennant"]
    assert parsed.metadata.published_at == "2024-06-14"
    assert parsed.metadata.language == "en"
    assert parsed.body.startswith("Ferry crews on the Maren Islands")
    [quote] = parsed.quotes
    assert quote.speaker == "Dana Kell"
    assert parsed.body[quote.start : quote.end] == quote.text


def test_supplied_metadata_wins_over_extracted():
    supplied = dict(
        title="Island ferries stop as crews strike",
        url="https://news.example/ferry",
        source="Example Wire",
        published_at="2024-06-13T18:00:00Z",
        external_id="EW-991",
    )

    for content, content_type in ((HTML, "text/html"), (TEXT, "text/plain")):
        metadata = parse_article(raw(content, content_type, **supplied)).metadata

        assert metadata.title == "Island ferries stop as crews strike"
        assert metadata.url == "https://news.example/ferry"
        assert metadata.published_at == "2024-06-13T18:00:00Z"
        assert metadata.source == "Example Wire"
        assert metadata.external_id == "EW-991"
    assert parse_article(raw(HTML, "text/html", **supplied)).metadata.authors == ["Rob Tennant"]


def test_extracted_metadata_stays_where_nothing_was_supplied():
    metadata = parse_article(raw(HTML, "text/html", source="Example Wire")).metadata

    assert metadata.title == "Ferry strike halts island crossings"
    assert metadata.source == "Example Wire"
    assert metadata.external_id is None


def test_empty_text_parses_to_an_empty_article_and_html_without_text_is_refused():
    parsed = parse_article(raw("", "text/plain"))
    assert parsed.body == "" and parsed.quotes == []
    for content in ("", "<<<\x00>>>"):
        with pytest.raises(NoTextExtracted):
            parse_article(raw(content, "text/html"))


def test_batch_keeps_one_result_per_input_in_order():
    raws = [raw(TEXT, article_id="a"), raw(HTML, "text/html", article_id="b"), raw("", article_id="c")]

    parsed = parse_articles(raws)

    assert [p.article_id for p in parsed] == ["a", "b", "c"]
    assert all(isinstance(p, ParsedArticle) for p in parsed)


def test_stage_reads_raw_and_writes_parsed_topics():
    settings = Settings(topic_raw="in.raw", topic_parsed="out.parsed")

    stage = build_stage(settings)

    assert (stage.name, stage.input_topic, stage.output_topic) == ("parse", "in.raw", "out.parsed")
    assert stage.input_model is RawArticle
    assert stage.handle([raw(TEXT)])[0].metadata.title == "Ferry strike halts island crossings"
