"""The newsroom's pages: home, article, actor, organization and statement, rendered on the server.

Each page shows what its JSON twin in the API answers (it builds the same
answer with the same functions) and links to it. Routes stay thin: reading is
crud's, shaping is the API views', marking the body and the wording is pure
(marking.py, wording.py, timeline.py).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any, Callable

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse

from newsflow_store import crud
from newsflow_store.api.deps import SessionDep
from newsflow_store.api.routes.actors import read_actor
from newsflow_store.api.routes.organizations import read_organization
from newsflow_store.api.routes.quotes import read_quote, summaries
from newsflow_store.api.views import article_detail, article_status
from newsflow_store.crud.articles import ARTICLE_ORDERINGS
from newsflow_store.crud.entities import ACTOR_TYPES, BY_QUOTES, ORGANIZATION_TYPES
from newsflow_store.crud.overview import co_mentioned, outlets, quote_counts, quote_dates
from newsflow_store.crud.quotes import NEWEST_FIRST
from newsflow_store.keyset import InvalidCursor, Ordering
from newsflow_store.schemas import ActorDetail, ArticleDetail, OrganizationDetail, StatementSummary
from newsflow_store.web.home_form import HomeForm
from newsflow_store.web.marking import Span, mark_body
from newsflow_store.web.render import bad_request, not_found, page
from newsflow_store.web.timeline import timeline
from newsflow_store.web.wording import compare_wording

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)

PAGE_SIZE = 20
NEWEST_PUBLISHED = ARTICLE_ORDERINGS[("published_at", True)]
ACTOR_CHOICES = 50


def _text():
    # A new Query each time: FastAPI must not share one parameter's settings (its alias) with another.
    return Query(default=None, max_length=2000)


def _after(ordering: Ordering, cursor: str | None) -> tuple[list | None, str | None]:
    """(the values a page starts after, a problem) for a `cursor` from one of our links."""
    if not cursor:
        return None, None
    try:
        return ordering.decode(cursor), None
    except InvalidCursor as exc:
        return None, f"The page link is not one this site made ({exc}); start from the first page."


def _page(rows: list, ordering: Ordering) -> tuple[list, str | None]:
    shown = rows[:PAGE_SIZE]
    return shown, ordering.encode(shown[-1]) if len(rows) > PAGE_SIZE else None


@router.get("/")
def home(request: Request, session: SessionDep, q: str | None = _text(), outlet: str | None = _text(),
         published_from: str | None = Query(default=None, alias="from", max_length=100),
         published_to: str | None = Query(default=None, alias="to", max_length=100),
         actor: str | None = _text(), cursor: str | None = _text()):
    form = HomeForm.read(q=q, outlet=outlet, published_from=published_from, published_to=published_to, actor=actor)
    after, cursor_problem = _after(NEWEST_PUBLISHED, cursor)
    if form.problems or cursor_problem:
        return bad_request(request, [*form.problems, *([cursor_problem] if cursor_problem else [])])
    rows = crud.list_articles(session, filters=form.filters(), ordering=NEWEST_PUBLISHED, after=after,
                              limit=PAGE_SIZE + 1)
    shown, next_cursor = _page(rows, NEWEST_PUBLISHED)
    actors = crud.list_entities(session, types=ACTOR_TYPES, ordering=BY_QUOTES, limit=ACTOR_CHOICES)
    if form.actor and all(a.id != form.actor for a in actors):
        chosen = crud.get_entity(session, entity_id=form.actor, types=ACTOR_TYPES)
        actors += [chosen] if chosen else []
    return page(request, "home.html", form=form, articles=shown, next_cursor=next_cursor,
                quote_counts=quote_counts(session, article_ids=[row.id for row in shown]),
                outlets=outlets(session), actors=actors, searched=any(form.page_params().values()),
                json_url=("/articles", {**form.api_params(), "cursor": cursor}))


def _who_is_quoted(article: ArticleDetail) -> list[dict[str, Any]]:
    """Each speaker of the article with their number of quotes, most first (unresolved ones as written)."""
    counts: Counter[tuple[str | None, str]] = Counter(
        (quote.actor_id, quote.actor_name or quote.speaker or "speaker unknown") for quote in article.quotes)
    return [{"actor_id": actor_id, "name": name, "count": count}
            for (actor_id, name), count in sorted(counts.items(), key=lambda item: (-item[1], item[0][1]))]


@router.get("/ui/articles/{article_id}")
def article_page(request: Request, session: SessionDep, article_id: str):
    stored = crud.get_article(session, article_id=article_id)
    if stored is None:
        found = crud.get_status(session, article_id=article_id)
        if found is None:
            return not_found(request, f"No article with id {article_id!r} was accepted.")
        return page(request, "status.html", status=article_status(*found),
                    json_url=(f"/articles/{article_id}/status", {}))
    article = article_detail(stored)
    marked = mark_body(article.body, quotes=[Span(q.start, q.end, q, tuple(q.spans)) for q in article.quotes],
                       names=[Span(m.start, m.end, e) for e in article.entities for m in e.mentions])
    return page(request, "article.html", article=article, marked=marked, who=_who_is_quoted(article),
                entity_types={e.id: e.type for e in article.entities},
                actor_names={e.id: e.name for e in article.entities},
                people=[e for e in article.entities if e.type == "person"],
                organizations=[e for e in article.entities if e.type == "organization"],
                json_url=(f"/articles/{article_id}", {}))


def _statements(session, *, speaker_ids: tuple[str, ...],
                cursor: str | None) -> tuple[list[StatementSummary], str | None, str | None]:
    after, problem = _after(NEWEST_FIRST, cursor)
    if problem:
        return [], None, problem
    rows = crud.list_statements(session, filters=crud.StatementFilters(actor_ids=speaker_ids), ordering=NEWEST_FIRST,
                                after=after, limit=PAGE_SIZE + 1)
    shown, next_cursor = _page(rows, NEWEST_FIRST)
    return summaries(session, shown), next_cursor, None


@dataclass(frozen=True)
class EntityView:
    """What an actor's or an organization's page shows besides its statements."""

    entity: ActorDetail | OrganizationDetail
    organizations: list[tuple[str, str, int]]  # (id, name, shared articles)
    people: list[tuple[str, str, int]]
    json_url: str
    quotes_json_url: str | None = None


def _entity_page(request: Request, session, entity_id: str, *, kind: str, cursor: str | None,
                 describe: Callable[[], EntityView]) -> HTMLResponse:
    try:
        view = describe()
    except HTTPException as exc:  # the API's reader says which id is unknown; the page says it in HTML
        if exc.status_code != 404:
            raise
        return not_found(request, str(exc.detail))
    # Its statements under every name linked to it (same_as, short_names), as /actors/{id}/quotes gives them.
    same = view.entity.same_as
    speaker_ids = (same.id, entity_id) if same else (entity_id, *(short.id for short in view.entity.short_names))
    statements, next_cursor, problem = _statements(session, speaker_ids=speaker_ids, cursor=cursor)
    if problem:
        return bad_request(request, [problem])
    return page(request, "entity.html", entity=view.entity, kind=kind, statements=statements,
                next_cursor=next_cursor, timeline=timeline(quote_dates(session, actor_ids=speaker_ids)),
                organizations=view.organizations, people=view.people, json_url=(view.json_url, {}),
                quotes_json_url=view.quotes_json_url)


def _co_mentioned(session, entity_id: str, types: tuple[str, ...]) -> list[tuple[str, str, int]]:
    return [(c.entity.id, c.entity.name, c.shared_articles)
            for c in co_mentioned(session, entity_id=entity_id, types=types)]


@router.get("/ui/actors/{actor_id}")
def actor_page(request: Request, session: SessionDep, actor_id: str, cursor: str | None = _text()):
    def describe() -> EntityView:
        actor = read_actor(session, actor_id)
        return EntityView(actor, [(a.id, a.name, a.shared_articles) for a in actor.affiliations],
                          _co_mentioned(session, actor_id, ACTOR_TYPES), f"/actors/{actor_id}",
                          f"/actors/{actor_id}/quotes")

    return _entity_page(request, session, actor_id, kind="person", cursor=cursor, describe=describe)


@router.get("/ui/organizations/{organization_id}")
def organization_page(request: Request, session: SessionDep, organization_id: str, cursor: str | None = _text()):
    def describe() -> EntityView:
        organization = read_organization(session, organization_id)
        return EntityView(organization, _co_mentioned(session, organization_id, ORGANIZATION_TYPES),
                          [(p.id, p.name, p.shared_articles) for p in organization.people],
                          f"/organizations/{organization_id}")

    return _entity_page(request, session, organization_id, kind="organization", cursor=cursor,
                        describe=describe)


@router.get("/ui/quotes/{statement_id}")
def statement_page(request: Request, session: SessionDep, statement_id: str):
    try:
        statement = read_quote(session, statement_id)
    except HTTPException as exc:
        if exc.status_code != 404:
            raise
        return not_found(request, str(exc.detail))
    speaker = crud.get_entity(session, entity_id=statement.actor.id, types=ACTOR_TYPES + ORGANIZATION_TYPES) \
        if statement.actor else None
    return page(request, "statement.html", statement=statement, speaker=speaker,
                reports=[(report, compare_wording(report.text, statement.text)) for report in statement.reports],
                json_url=(f"/quotes/{statement_id}", {}))
