"""From raw articles to parsed ones: the parse stage's domain logic, no transport.

Two steps: article_layout finds metadata and the clean body; quotes finds the
statements in the body, and headline_quotes those in the title (each over the
whole batch at once, so NLP can run in batches).
"""

from __future__ import annotations

from functools import partial

from newsflow_shared.events import ParsedArticle, PipelineVersions, RawArticle
from newsflow_shared.integrity import check_length
from newsflow_shared.progress import PARSED
from newsflow_shared.settings import Settings
from newsflow_shared.stage import Stage

from newsflow_parse.article_layout import extract_layout
from newsflow_parse.headline_quotes import extract_title_quotes_batch
from newsflow_parse.quote_nlp import load_nlp
from newsflow_parse.quotes import extract_quotes_batch
from newsflow_parse.version import PARSE_VERSION


def parse_articles(raws: list[RawArticle]) -> list[ParsedArticle]:
    layouts = [extract_layout(raw) for raw in raws]
    quotes = extract_quotes_batch([(raw.article_id, body) for raw, (_, body) in zip(raws, layouts)])
    title_quotes = extract_title_quotes_batch([(raw.article_id, metadata.title)
                                               for raw, (metadata, _) in zip(raws, layouts)])
    return [
        ParsedArticle(
            article_id=raw.article_id,
            metadata=metadata,
            body=body,
            quotes=article_quotes,
            title_quotes=headline,
            pipeline=PipelineVersions(parse=PARSE_VERSION),
        )
        for raw, (metadata, body), article_quotes, headline in zip(raws, layouts, quotes, title_quotes, strict=True)
    ]


def parse_article(raw: RawArticle) -> ParsedArticle:
    return parse_articles([raw])[0]


def parse_within_budget(raws: list[RawArticle], *, max_chars: int) -> list[ParsedArticle]:
    """parse_articles, refusing (TooCostly) an article longer than the NLP budget."""
    for raw in raws:
        check_length(raw.article_id, raw.content, max_chars)
    return parse_articles(raws)


def build_stage(settings: Settings) -> Stage[RawArticle, ParsedArticle]:
    return Stage(
        name="parse",
        input_topic=settings.topic_raw,
        input_model=RawArticle,
        output_topic=settings.topic_parsed,
        handle=partial(parse_within_budget, max_chars=settings.max_nlp_chars),
        costly=True,
        work="nlp",
        warm_up=load_nlp,
        reached=PARSED,
    )
