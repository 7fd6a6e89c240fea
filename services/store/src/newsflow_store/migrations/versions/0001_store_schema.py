"""The store's schema: articles, quotes, statements, entities, statuses, and the search index.

Revision ID: 0001
Revises:
Create Date: 2026-03-01
"""

from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op
from sqlmodel.sql.sqltypes import AutoString

from newsflow_store.search import create_search, drop_search

revision: str = "0001"
down_revision: Union[str, Sequence[str], None] = None
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def _id(name: str, **kwargs) -> sa.Column:
    return sa.Column(name, AutoString(), nullable=False, **kwargs)


def _text(name: str) -> sa.Column:
    return sa.Column(name, AutoString(), nullable=True)


def _count(name: str) -> sa.Column:
    return sa.Column(name, sa.Integer(), nullable=False)


def _moment(name: str, nullable: bool = True) -> sa.Column:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "articles",
        _id("id"),
        _text("title"),
        sa.Column("authors", sa.JSON(), nullable=False),
        _text("published_at"),
        _moment("published_sort", nullable=False),
        _text("dateline"),
        _text("source"),
        _text("agency"),
        _text("site_name"),
        _text("outlet"),
        _text("url"),
        _text("language"),
        sa.Column("captions", sa.JSON(), nullable=False),
        _text("external_id"),
        sa.Column("body", sa.Text(), nullable=False),
        _id("parse_version"),
        _text("enrich_version"),
        _moment("stored_at", nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_articles_outlet", "articles", ["outlet"])
    op.create_index("ix_articles_published_sort_id", "articles", ["published_sort", "id"])
    op.create_index("ix_articles_stored_at_id", "articles", ["stored_at", "id"])

    op.create_table(
        "statements",
        _id("id"),
        sa.Column("text", sa.Text(), nullable=False),
        _id("kind"),
        _text("actor_id"),
        _text("speaker"),
        _moment("first_reported_at", nullable=False),
        _count("report_count"),
        _count("outlet_count"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_statements_first_reported_at_id", "statements", ["first_reported_at", "id"])
    op.create_index("ix_statements_actor_id_first_reported_at_id", "statements",
                    ["actor_id", "first_reported_at", "id"])

    op.create_table(
        "quotes",
        _id("article_id"),
        _id("id"),
        _count("position"),
        sa.Column("text", sa.Text(), nullable=False),
        _id("kind"),
        _count("start"),
        _count("end"),
        _text("cue"),
        _text("speaker"),
        sa.Column("speaker_start", sa.Integer(), nullable=True),
        sa.Column("speaker_end", sa.Integer(), nullable=True),
        _text("actor_id"),
        _id("statement_id"),
        _id("text_key"),
        sa.ForeignKeyConstraint(["article_id"], ["articles.id"]),
        sa.ForeignKeyConstraint(["statement_id"], ["statements.id"]),
        sa.PrimaryKeyConstraint("article_id", "id"),
    )
    for column in ("actor_id", "speaker", "statement_id", "text_key"):
        op.create_index(f"ix_quotes_{column}", "quotes", [column])

    op.create_table(
        "entities",
        _id("id"),
        _id("name"),
        _id("type"),
        _count("article_count"),
        _count("quote_count"),
        _count("mention_count"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_entities_type_quote_count_id", "entities", ["type", "quote_count", "id"])
    op.create_index("ix_entities_type_article_count_id", "entities", ["type", "article_count", "id"])

    op.create_table(
        "entity_names",
        _id("entity_id"),
        _id("kind"),
        _id("value"),
        _count("article_count"),
        sa.ForeignKeyConstraint(["entity_id"], ["entities.id"]),
        sa.PrimaryKeyConstraint("entity_id", "kind", "value"),
    )
    op.create_table(
        "entity_links",
        _id("person_id"),
        _id("organization_id"),
        _count("article_count"),
        sa.ForeignKeyConstraint(["person_id"], ["entities.id"]),
        sa.ForeignKeyConstraint(["organization_id"], ["entities.id"]),
        sa.PrimaryKeyConstraint("person_id", "organization_id"),
    )
    op.create_index("ix_entity_links_organization_id", "entity_links", ["organization_id"])

    op.create_table(
        "article_entities",
        _id("article_id"),
        _id("entity_id"),
        _count("position"),
        _id("name"),
        _id("type"),
        sa.Column("aliases", sa.JSON(), nullable=False),
        sa.Column("titles", sa.JSON(), nullable=False),
        sa.Column("mentions", sa.JSON(), nullable=False),
        _count("mention_count"),
        sa.ForeignKeyConstraint(["article_id"], ["articles.id"]),
        sa.ForeignKeyConstraint(["entity_id"], ["entities.id"]),
        sa.PrimaryKeyConstraint("article_id", "entity_id"),
    )
    op.create_index("ix_article_entities_entity_id", "article_entities", ["entity_id"])

    for table in ("statement_terms", "statement_anchors"):
        op.create_table(
            table,
            _id("term"),
            _id("statement_id"),
            sa.ForeignKeyConstraint(["statement_id"], ["statements.id"]),
            sa.PrimaryKeyConstraint("term", "statement_id"),
        )
        op.create_index(f"ix_{table}_statement_id", table, ["statement_id"])

    op.create_table(
        "article_status",
        _id("article_id"),
        _id("status"),
        _count("rank"),
        _moment("received_at"),
        _moment("parsed_at"),
        _moment("enriched_at"),
        _moment("stored_at"),
        _moment("failed_at"),
        _text("failed_stage"),
        _text("error_type"),
        sa.Column("error", sa.Text(), nullable=True),
        _text("parse_version"),
        _text("enrich_version"),
        _moment("updated_at", nullable=False),
        sa.PrimaryKeyConstraint("article_id"),
    )

    create_search(op.get_bind())


def downgrade() -> None:
    drop_search(op.get_bind())
    for table in ("article_status", "statement_anchors", "statement_terms", "article_entities", "entity_links",
                  "entity_names", "entities", "quotes", "statements", "articles"):
        op.drop_table(table)
