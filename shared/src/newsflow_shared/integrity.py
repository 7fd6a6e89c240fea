"""Checks an article must pass before a stage works on it, beyond its JSON Schema.

The schema says each offset is an integer; the contract says more: every
offset points into the body (events.Quote). A stage that trusted a message
breaking that would store or publish spans of nothing. Raised from the
domain code, these are permanent failures: the article is dead-lettered with
the reason, and the partition moves on.
"""

from __future__ import annotations

from newsflow_shared.events import EnrichedArticle, ParsedArticle, Quote


class InconsistentArticle(ValueError):
    """The article's parts disagree (an offset outside its body, say)."""


class TooCostly(ValueError):
    """The article is over a stage's processing budget."""


def _span_problem(what: str, start: int | None, end: int | None, length: int, within: str = "body") -> str | None:
    if start is None and end is None:
        return None
    if start is None or end is None or not 0 <= start <= end <= length:
        return f"{what} spans {start}..{end}, outside the {within} of {length} characters"
    return None


def _part_problems(quote: Quote) -> list[str | None]:
    """A part must lie inside its quote's span (itself inside the body), after the part before it."""
    problems: list[str | None] = []
    after = quote.start
    for n, part in enumerate(quote.parts, start=1):
        if not after <= part.start <= part.end <= quote.end:
            problems.append(f"part {n} of quote {quote.id} spans {part.start}..{part.end}, outside the quote's "
                            f"{quote.start}..{quote.end} or before the part ahead of it")
        after = part.end
    return problems


def offset_problems(article: ParsedArticle) -> list[str]:
    """Every span of the article that does not lie inside its body (or, for title_quotes, its title)."""
    length = len(article.body)
    problems: list[str | None] = []
    for quote in article.quotes:
        problems.append(_span_problem(f"quote {quote.id}", quote.start, quote.end, length))
        problems.append(_span_problem(f"speaker of quote {quote.id}", quote.speaker_start, quote.speaker_end, length))
        problems += _part_problems(quote)
    title_length = len(article.metadata.title or "")
    for quote in article.title_quotes:
        problems.append(_span_problem(f"title quote {quote.id}", quote.start, quote.end, title_length, "title"))
        problems.append(_span_problem(f"speaker of title quote {quote.id}", quote.speaker_start, quote.speaker_end,
                                      title_length, "title"))
        problems += _part_problems(quote)
    if isinstance(article, EnrichedArticle):
        for entity in article.entities:
            for mention in entity.mentions:
                problems.append(_span_problem(f"a mention of entity {entity.id}", mention.start, mention.end, length))
    return [p for p in problems if p]


def check_offsets(article: ParsedArticle) -> None:
    problems = offset_problems(article)
    if problems:
        more = f" (and {len(problems) - 3} more)" if len(problems) > 3 else ""
        raise InconsistentArticle(f"article {article.article_id}: " + "; ".join(problems[:3]) + more)


def check_length(article_id: str, content: str, limit: int) -> None:
    """Refuse content over the NLP budget of `limit` characters (NEWSFLOW_MAX_NLP_CHARS)."""
    if len(content) > limit:
        raise TooCostly(f"too costly to process: article {article_id} has {len(content):,} characters, over the "
                        f"budget of {limit:,} (NEWSFLOW_MAX_NLP_CHARS)")
