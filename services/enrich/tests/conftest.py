"""Helpers for enrich tests: a parsed article as parse would hand it over, built from invented text."""

from __future__ import annotations

import re

import pytest
import spacy
from newsflow_shared.events import ArticleMetadata, EnrichedArticle, ParsedArticle, PipelineVersions, Quote
from spacy.tokens import Doc

from newsflow_enrich.pipeline import enrich_article, enrich_articles

_TOKENIZER = spacy.blank("en")


def labelled_doc(text: str, labels: dict[str, str]) -> Doc:
    """A doc whose entities are every whole-word occurrence of each given string, with its label.

    Stands in for the NER model where a test is about the rules applied to
    its output, including the mistakes the small model is known to make.
    """
    doc = _TOKENIZER(text)
    spans = []
    for surface, label in sorted(labels.items(), key=lambda item: -len(item[0])):
        for match in re.finditer(rf"(?<!\w){re.escape(surface)}(?!\w)", text):
            span = doc.char_span(match.start(), match.end(), label=label, alignment_mode="expand")
            if span is not None and not any(span.start < other.end and other.start < span.end for other in spans):
                spans.append(span)
    doc.ents = sorted(spans, key=lambda span: span.start)
    return doc


def quote_in(body: str, text: str, speaker: str | None, n: int = 1, kind: str = "direct") -> Quote:
    """A quote at `text`, its speaker mention the nearest occurrence of `speaker` after it (else before)."""
    start = body.index(text)
    speaker_start = None
    if speaker is not None:
        after = body.find(speaker, start + len(text))
        speaker_start = after if after != -1 else body.rindex(speaker, 0, start)
    return Quote(
        id=f"q{n}",
        text=text,
        kind=kind,
        start=start,
        end=start + len(text),
        cue="said" if speaker else None,
        speaker=speaker,
        speaker_start=speaker_start,
        speaker_end=None if speaker_start is None else speaker_start + len(speaker),
    )


def parsed_article(article_id: str, body: str, quotes=(), **metadata) -> ParsedArticle:
    return ParsedArticle(
        article_id=article_id,
        metadata=ArticleMetadata(**metadata),
        body=body,
        quotes=[quote_in(body, text, speaker, n) for n, (text, speaker) in enumerate(quotes, start=1)],
        pipeline=PipelineVersions(parse="test"),
    )


class Enriched:
    """An enriched article with lookups by name, for readable assertions."""

    def __init__(self, article: EnrichedArticle):
        self.article = article
        self.entities = {entity.name: entity for entity in article.entities}
        self._by_id = {entity.id: entity for entity in article.entities}

    def speaker_names(self) -> list[str | None]:
        return [self._by_id[q.actor_id].name if q.actor_id else None for q in self.article.quotes]


@pytest.fixture
def enrich_labelled():
    """Enrich one article whose NER output is given as {surface string: spaCy label}."""

    def run(body: str, labels: dict[str, str], quotes=(), article_id: str = "a1", **metadata) -> Enriched:
        article = parsed_article(article_id, body, quotes, **metadata)
        return Enriched(enrich_article(article, labelled_doc(body, labels)))

    return run


@pytest.fixture
def enrich():
    def run(body: str, quotes=(), article_id: str = "a1", **metadata) -> Enriched:
        [article] = enrich_articles([parsed_article(article_id, body, quotes, **metadata)])
        return Enriched(article)

    return run


@pytest.fixture
def enrich_many():
    """Enrich several articles in one batch, as the stage does: [(body, quotes), ...]."""

    def run(*articles) -> list[Enriched]:
        parsed = [parsed_article(f"a{n}", body, quotes) for n, (body, quotes) in enumerate(articles, start=1)]
        return [Enriched(article) for article in enrich_articles(parsed)]

    return run
