"""Which pipeline versions made the stored articles: how far a reprocessing has got.

A replay (`newsflow reprocess`: parse under a new consumer group reading
articles.raw from the start) replaces articles one by one as their newer
version arrives; counting articles per version shows what is left to do.
"""

from __future__ import annotations

from sqlalchemy import func
from sqlmodel import Session, col, select

from newsflow_shared.events import PipelineVersions
from newsflow_store.models import ArticleRow
from newsflow_store.versions import key_of


def articles_per_pipeline(session: Session) -> list[tuple[PipelineVersions, int]]:
    """Every (parse, enrich) version pair stored, newest first, with its number of articles."""
    rows = session.exec(
        select(ArticleRow.parse_version, ArticleRow.enrich_version, func.count())
        .group_by(col(ArticleRow.parse_version), col(ArticleRow.enrich_version))
    ).all()
    counted = [(PipelineVersions(parse=parse, enrich=enrich), n) for parse, enrich, n in rows]
    return sorted(counted, key=lambda pair: key_of(pair[0]), reverse=True)


def articles_older_than(session: Session, *, pipeline: PipelineVersions) -> int:
    """Articles whose stored version a replay by `pipeline` would still replace."""
    target = key_of(pipeline)
    return sum(n for versions, n in articles_per_pipeline(session) if key_of(versions) < target)
