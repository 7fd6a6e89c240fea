"""A quote interrupted by its attribution (parse's parts): the narration between its parts is not quoted
speech, so the names and pronouns in it count as the article's narration does."""

from __future__ import annotations

from newsflow_shared.events import ArticleMetadata, ParsedArticle, PipelineVersions, Quote, QuotePart

from newsflow_enrich.discourse import quoted_speech
from newsflow_enrich.pipeline import enrich_articles

BODY = ('"We will rebuild the pier before the summer," said Ines Varga, who chairs the harbour trust. '
        '"Every boat will have a berth again." The council agreed to pay for it, she said.')
PARTS = ["We will rebuild the pier before the summer,", "Every boat will have a berth again."]


def article_quoting(parts: list[str]) -> ParsedArticle:
    spans = [(BODY.index(part), BODY.index(part) + len(part)) for part in parts]
    speaker = BODY.index("Ines Varga")
    quote = Quote(id="q1", text=" ".join(parts), kind="direct", start=spans[0][0], end=spans[-1][1],
                  parts=[QuotePart(start=start, end=end) for start, end in spans], cue="said",
                  speaker="Ines Varga", speaker_start=speaker, speaker_end=speaker + len("Ines Varga"))
    return ParsedArticle(article_id="a1", metadata=ArticleMetadata(), body=BODY, quotes=[quote],
                         pipeline=PipelineVersions(parse="test"))


def test_only_the_quoted_parts_of_an_interrupted_quote_are_quoted_speech():
    article = article_quoting(PARTS)
    assert quoted_speech(article) == [(part.start, part.end) for part in article.quotes[0].parts]
    narration = BODY.index("said Ines Varga")
    assert not any(start <= narration < end for start, end in quoted_speech(article))


def test_a_quote_without_parts_is_quoted_speech_whole():
    article = article_quoting(PARTS)
    quote = article.quotes[0]
    quote.parts = []  # as events of schema 1.0.0 carry it
    assert quoted_speech(article) == [(quote.start, quote.end)]


def test_she_after_an_interrupted_quote_is_the_speaker_named_in_its_narration():
    article = article_quoting(PARTS)
    said = BODY.rindex("she")
    text = "The council agreed to pay for it"
    article.quotes.append(Quote(id="q2", text=text, kind="indirect", start=BODY.index(text),
                                end=BODY.index(text) + len(text), cue="said", speaker="she",
                                speaker_start=said, speaker_end=said + 3))
    [enriched] = enrich_articles([article])
    names = {entity.id: entity.name for entity in enriched.entities}
    assert [names.get(quote.actor_id) for quote in enriched.quotes] == ["Ines Varga", "Ines Varga"]
