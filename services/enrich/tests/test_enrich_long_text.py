"""Articles longer than spaCy's max_length are enriched, not dead-lettered."""

from newsflow_enrich.chunking import split_for_nlp
from newsflow_enrich.pipeline import enrich_articles
from newsflow_shared.events import ArticleMetadata, ParsedArticle, PipelineVersions


def test_pieces_concatenate_to_the_text_and_respect_the_limit():
    text = ("The council met on Monday.\n" * 50) + ("x" * 300) + " tail"
    pieces = split_for_nlp(text, max_chars=100)
    assert "".join(pieces) == text
    assert all(len(p) <= 100 for p in pieces)
    assert pieces[0].endswith("\n")  # paragraph breaks preferred


def test_a_body_over_a_million_characters_keeps_offsets_into_the_body():
    paragraph = "Filler text about the weather and the harbour, nothing more to report here.\n"
    body = paragraph * 14_000 + "Mayor Ada Quist opened the new bridge in Port Ellery.\n"
    assert len(body) > 1_000_000
    article = ParsedArticle(article_id="long", metadata=ArticleMetadata(), body=body,
                            pipeline=PipelineVersions(parse="test"))
    (enriched,) = enrich_articles([article])
    quist = next(e for e in enriched.entities if "Quist" in e.name)
    assert quist.type == "person"
    for mention in quist.mentions:
        assert body[mention.start:mention.end] == mention.text
        assert mention.start > 1_000_000
