"""Reading and writing the store: plain functions over a session, keyword-only arguments."""

from newsflow_store.crud.articles import ArticleFilters, StoredArticle, count_articles, get_article, list_articles
from newsflow_store.crud.entities import get_entity, list_entities, names_of, organizations_of, people_of
from newsflow_store.crud.pipelines import articles_older_than, articles_per_pipeline
from newsflow_store.crud.quotes import StatementFilters, get_statement, list_statements, reports_of
from newsflow_store.crud.same_actor import SameActorLinks, same_actor_links
from newsflow_store.crud.saving import SaveOutcome, save_article, save_articles
from newsflow_store.crud.status import get_status, record_statuses

__all__ = [
    "ArticleFilters", "SameActorLinks", "StatementFilters", "StoredArticle", "SaveOutcome",
    "articles_older_than", "articles_per_pipeline", "count_articles", "get_article", "get_entity", "get_statement",
    "get_status", "list_articles", "list_entities", "list_statements", "names_of", "organizations_of", "people_of",
    "record_statuses", "reports_of", "same_actor_links", "save_article", "save_articles",
]
