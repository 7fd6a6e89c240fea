"""From parsed articles to enriched ones: the enrich stage's domain logic, no transport."""

from __future__ import annotations

from newsflow_shared.events import EnrichedArticle, ParsedArticle
from newsflow_shared.integrity import check_offsets
from newsflow_shared.progress import ENRICHED
from newsflow_shared.settings import Settings
from newsflow_shared.stage import Stage
from spacy.tokens import Doc

from newsflow_enrich.chunking import pipe_long_texts
from newsflow_enrich.discourse import layout_of, quoted_speech
from newsflow_enrich.entities import entities_from_doc, merge_same_id
from newsflow_enrich.fuller_names import with_fuller_names
from newsflow_enrich.nlp import PIPE_BATCH_SIZE, load_nlp
from newsflow_enrich.roles import with_titles
from newsflow_enrich.speakers import link_speakers, link_title_speakers
from newsflow_enrich.version import ENRICH_VERSION


def enrich_articles(parsed: list[ParsedArticle]) -> list[EnrichedArticle]:
    """Enrich a batch; the NER runs over all bodies in one nlp.pipe call.

    Raises InconsistentArticle for an article whose quotes point outside its body.
    """
    for article in parsed:
        check_offsets(article)
    docs = pipe_long_texts(load_nlp(), (article.body for article in parsed), batch_size=PIPE_BATCH_SIZE)
    return [enrich_article(article, doc) for article, doc in zip(parsed, docs, strict=True)]


def enrich_article(article: ParsedArticle, doc: Doc) -> EnrichedArticle:
    """One article, given the spaCy doc of its body."""
    layout = layout_of(article.body, quoted_speech(article))
    # Bylines and photographers are metadata, not actors in the story.
    entities = entities_from_doc(doc, layout, excluded_names=article.metadata.authors)
    entities = with_titles(entities, layout)
    entities = with_fuller_names(entities, [article.metadata.title or "", *article.metadata.captions])
    entities = merge_same_id(entities)
    return EnrichedArticle(
        article_id=article.article_id,
        metadata=article.metadata,
        body=article.body,
        quotes=link_speakers(article.quotes, entities, layout),
        title_quotes=link_title_speakers(article.title_quotes, entities),
        entities=entities,
        pipeline=article.pipeline.model_copy(update={"enrich": ENRICH_VERSION}),
    )


def build_stage(settings: Settings) -> Stage[ParsedArticle, EnrichedArticle]:
    return Stage(
        name="enrich",
        input_topic=settings.topic_parsed,
        input_model=ParsedArticle,
        output_topic=settings.topic_enriched,
        handle=enrich_articles,
        costly=True,
        work="nlp",
        warm_up=load_nlp,
        reached=ENRICHED,
    )
