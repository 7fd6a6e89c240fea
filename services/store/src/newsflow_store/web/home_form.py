"""The home page's search form: what a reader typed, checked and turned into article filters (pure)."""

from __future__ import annotations

from dataclasses import dataclass, field

from newsflow_store.api.pagination import parse_moment
from newsflow_store.crud.articles import ArticleFilters

MAX_SEARCH = 500
MAX_FIELD = 200


@dataclass(frozen=True)
class HomeForm:
    q: str = ""
    outlet: str = ""
    published_from: str = ""  # as typed: yyyy-mm-dd
    published_to: str = ""
    actor: str = ""  # an actor's entity id
    problems: list[str] = field(default_factory=list)

    @classmethod
    def read(cls, *, q: str | None, outlet: str | None, published_from: str | None, published_to: str | None,
             actor: str | None) -> "HomeForm":
        values = {name: (value or "").strip() for name, value in
                  dict(q=q, outlet=outlet, published_from=published_from, published_to=published_to,
                       actor=actor).items()}
        problems = []
        if len(values["q"]) > MAX_SEARCH:
            problems.append(f"The search is {len(values['q'])} characters long; at most {MAX_SEARCH} are searched.")
        for name in ("outlet", "actor"):
            if len(values[name]) > MAX_FIELD:
                problems.append(f"The {name} is longer than {MAX_FIELD} characters.")
        for name, label in (("published_from", "From"), ("published_to", "To")):
            if values[name]:
                try:
                    parse_moment(values[name], end_of_day=False)
                except ValueError as exc:
                    problems.append(f"{label} date {values[name]!r}: {exc}.")
        return cls(**values, problems=problems)

    def filters(self) -> ArticleFilters:
        """The filters of a form without problems."""
        return ArticleFilters(
            actor_id=self.actor or None,
            source=self.outlet or None,
            published_from=parse_moment(self.published_from, end_of_day=False) if self.published_from else None,
            published_before=parse_moment(self.published_to, end_of_day=True) if self.published_to else None,
            search=self.q or None,
        )

    def page_params(self) -> dict[str, str]:
        """The form as the home page's query string (for the next page's link)."""
        return {"q": self.q, "outlet": self.outlet, "from": self.published_from, "to": self.published_to,
                "actor": self.actor}

    def api_params(self) -> dict[str, str]:
        """The same filters in the API's words (GET /articles), for the page's JSON twin."""
        return {"q": self.q, "source": self.outlet, "published_from": self.published_from,
                "published_to": self.published_to, "actor": self.actor, "sort": "published_at"}
