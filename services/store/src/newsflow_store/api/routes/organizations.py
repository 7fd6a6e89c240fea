from fastapi import APIRouter, HTTPException

from newsflow_store import crud
from newsflow_store.api.deps import SessionDep
from newsflow_store.api.pagination import Cursor, Limit, after_cursor, page_of
from newsflow_store.api.routes.actors import Search, entity_summaries
from newsflow_store.crud.entities import BY_ARTICLES, ORGANIZATION_TYPES
from newsflow_store.schemas import EntitySummary, OrganizationDetail, Page
from newsflow_store.api.views import entity_summary, linked, same_actor_fields

router = APIRouter(prefix="/organizations", tags=["organizations"])


@router.get("", summary="Organizations across all stored articles, the most written about first")
def read_organizations(session: SessionDep, name: Search = None, limit: Limit = 20,
                       cursor: Cursor = None) -> Page[EntitySummary]:
    rows = crud.list_entities(session, types=ORGANIZATION_TYPES, search=name, ordering=BY_ARTICLES,
                              after=after_cursor(BY_ARTICLES, cursor), limit=limit + 1)
    return page_of(rows, limit=limit, ordering=BY_ARTICLES, present=lambda shown: entity_summaries(session, shown))


@router.get("/{organization_id}", summary="One organization: aliases, counts, the people named with it",
            responses={404: {"description": "No such organization"}})
def read_organization(session: SessionDep, organization_id: str) -> OrganizationDetail:
    organization = crud.get_entity(session, entity_id=organization_id, types=ORGANIZATION_TYPES)
    if organization is None:
        raise HTTPException(404, f"No organization with id {organization_id!r}")
    names = crud.names_of(session, entity_ids=[organization.id])[organization.id]
    return OrganizationDetail(**entity_summary(organization, names).model_dump(),
                              people=linked(crud.people_of(session, organization_id=organization.id)),
                              **same_actor_fields(crud.same_actor_links(session, organization)))
