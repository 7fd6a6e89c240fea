"""Full-text search of articles (title and body): one function, by dialect.

PostgreSQL: a GIN index on the articles' tsvector (an expression index, so the
table is the same on both databases), queried with websearch_to_tsquery, which
takes what people type ("bridge reopen", "\"safe crossing\"", "bridge -tram").
SQLite: an FTS5 table kept in step with articles by triggers, queried with the
same kind of words, phrases and exclusions translated to FTS5 syntax. Both stem
English words (PostgreSQL's english configuration, FTS5's porter tokenizer).

These objects live outside the SQLModel metadata (neither database has the
other's); the migration creates them and SEARCH_OBJECTS names them so that the
schema check leaves them out.
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import Connection, Select, bindparam, literal_column, select, text
from sqlalchemy.sql.elements import ColumnClause, ColumnElement
from sqlmodel import col

from newsflow_store.models import ArticleRow

PG_INDEX = "ix_articles_search"
SQLITE_FTS = "articles_fts"
SQLITE_KEYS = "article_search_keys"  # a stable integer per article: FTS5 rows are keyed by integers
SEARCH_OBJECTS = frozenset({PG_INDEX, SQLITE_FTS, SQLITE_KEYS})

_PG_DOCUMENT = "to_tsvector('english'::regconfig, coalesce({table}title, '') || ' ' || {table}body)"

_SQLITE_DDL = [
    f"CREATE TABLE {SQLITE_KEYS} (id INTEGER PRIMARY KEY, article_id VARCHAR NOT NULL UNIQUE)",
    f"CREATE VIRTUAL TABLE {SQLITE_FTS} USING fts5(title, body, tokenize = 'porter unicode61 remove_diacritics 2')",
    f"""CREATE TRIGGER articles_search_insert AFTER INSERT ON articles BEGIN
        INSERT OR IGNORE INTO {SQLITE_KEYS} (article_id) VALUES (new.id);
        INSERT INTO {SQLITE_FTS} (rowid, title, body)
            VALUES ((SELECT id FROM {SQLITE_KEYS} WHERE article_id = new.id), new.title, new.body);
    END""",
    f"""CREATE TRIGGER articles_search_update AFTER UPDATE OF title, body ON articles BEGIN
        DELETE FROM {SQLITE_FTS} WHERE rowid = (SELECT id FROM {SQLITE_KEYS} WHERE article_id = old.id);
        INSERT INTO {SQLITE_FTS} (rowid, title, body)
            VALUES ((SELECT id FROM {SQLITE_KEYS} WHERE article_id = new.id), new.title, new.body);
    END""",
    f"""CREATE TRIGGER articles_search_delete AFTER DELETE ON articles BEGIN
        DELETE FROM {SQLITE_FTS} WHERE rowid = (SELECT id FROM {SQLITE_KEYS} WHERE article_id = old.id);
        DELETE FROM {SQLITE_KEYS} WHERE article_id = old.id;
    END""",
]


def create_search(connection: Connection) -> None:
    """Called by the migration: the search index of this connection's database."""
    dialect = connection.dialect.name
    if dialect == "postgresql":
        connection.execute(text(f"CREATE INDEX {PG_INDEX} ON articles USING gin ({_PG_DOCUMENT.format(table='')})"))
    elif dialect == "sqlite":
        for statement in _SQLITE_DDL:
            connection.execute(text(statement))
    else:
        raise NotImplementedError(f"no full-text search for {dialect}")


def drop_search(connection: Connection) -> None:
    if connection.dialect.name == "postgresql":
        connection.execute(text(f"DROP INDEX IF EXISTS {PG_INDEX}"))
    else:
        for trigger in ("articles_search_insert", "articles_search_update", "articles_search_delete"):
            connection.execute(text(f"DROP TRIGGER IF EXISTS {trigger}"))
        connection.execute(text(f"DROP TABLE IF EXISTS {SQLITE_FTS}"))
        connection.execute(text(f"DROP TABLE IF EXISTS {SQLITE_KEYS}"))


def matches_search(dialect: str, query: str) -> ColumnElement[bool]:
    """A condition on articles: title or body matches what the user typed."""
    if dialect == "postgresql":
        # The same expression as the index (columns qualified), so the planner uses it.
        document: ColumnClause[Any] = literal_column(_PG_DOCUMENT.format(table="articles."))  # a tsvector
        return document.op("@@")(text("websearch_to_tsquery('english'::regconfig, :search_query)")
                                 .bindparams(bindparam("search_query", query)))
    fts_query = sqlite_fts_query(query)
    if fts_query is None:
        return literal_column("1") == literal_column("0")
    matching: Select[str] = (  # article ids
        select(literal_column(f"{SQLITE_KEYS}.article_id"))
        .select_from(text(f"{SQLITE_FTS} JOIN {SQLITE_KEYS} ON {SQLITE_KEYS}.id = {SQLITE_FTS}.rowid"))
        .where(text(f"{SQLITE_FTS} MATCH :search_query").bindparams(bindparam("search_query", fts_query)))
    )
    return col(ArticleRow.id).in_(matching)


_TERM = re.compile(r'(-?)"([^"]*)"|(-?)(\S+)')
_WORD = re.compile(r"\w+")


def sqlite_fts_query(query: str) -> str | None:
    """What websearch_to_tsquery accepts, as FTS5 syntax: words and "phrases" all required, -excluded.

    Every term is quoted, so nothing the user types is read as FTS5 operators.
    None when nothing is left to require (only exclusions, or only punctuation).
    """
    required: list[str] = []
    excluded: list[str] = []
    for match in _TERM.finditer(query):
        negated = bool(match.group(1) or match.group(3))
        words = _WORD.findall(match.group(2) if match.group(2) is not None else match.group(4))
        if not words:
            continue
        if match.group(4) and words[0].lower() == "or":
            continue  # websearch's OR: every term is required here, the stricter reading
        (excluded if negated else required).append('"' + " ".join(words) + '"')
    if not required:
        return None
    return " ".join(required) + "".join(f" NOT {phrase}" for phrase in excluded)
