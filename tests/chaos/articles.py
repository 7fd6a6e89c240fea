"""Invented local-news articles for the chaos test: as many distinct ones as asked, with quotes and names.

Written for this test (no copyrighted news): each article combines a town,
a project, a speaker and a critic from the lists below with its own number,
so every article is distinct and carries direct and indirect quotes.
"""

from __future__ import annotations

TOWNS = ["Harwick", "Eastmere", "Solbury", "Varnfield", "Loxton", "Brantwood", "Kelvedge", "Ostrey", "Pellham",
         "Ravensby", "Tolworth", "Ambleside Cross"]
PROJECTS = ["a new footbridge", "the harbour wall", "a night bus route", "the public library extension",
            "a cycle lane on the high street", "the flood barrier", "a community solar farm", "the old mill's repair",
            "a weekly farmers' market", "the school kitchen"]
SPEAKERS = [("Mayor", "Ada", "Quist"), ("Councillor", "Tomas", "Brenner"), ("Councillor", "Imke", "Vos"),
            ("Mayor", "Rafael", "Okonjo"), ("Deputy Mayor", "Lena", "Marsh"), ("Councillor", "Pieter", "Haldane")]
CRITICS = [("Nora", "Fellowes", "the Residents' Association"), ("Jonas", "Weir", "the Chamber of Commerce"),
           ("Maya", "Ostrowski", "the Green Party"), ("Colm", "Dare", "the Taxpayers' Alliance"),
           ("Hana", "Sato", "the Cyclists' Union")]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def article(n: int) -> dict:
    town = TOWNS[n % len(TOWNS)]
    project = PROJECTS[(n // len(TOWNS)) % len(PROJECTS)]
    title, first, last = SPEAKERS[n % len(SPEAKERS)]
    critic_first, critic_last, group = CRITICS[(n // 3) % len(CRITICS)]
    day = DAYS[n % len(DAYS)]
    cost = 40 + (n * 7) % 900
    votes = 9 + n % 11
    text = (
        f"{town} approves {project} after a long debate\n\n"
        f"The {town} council voted {votes} to {votes // 3} on {day} to pay for {project}, "
        f"at a cost of {cost},000 pounds, in item {n} of its agenda.\n\n"
        f"\u201cThis is what people here have asked us for, and we listened,\u201d said {title} {first} {last}. "
        f"{last} said work would start within {2 + n % 9} months.\n\n"
        f"{critic_first} {critic_last} of {group} was not convinced. "
        f"\u201cThe council has not shown us where the money comes from,\u201d {critic_last} said, "
        f"adding that the group would ask for the accounts.\n\n"
        f"The council said the full plans for item {n} would be published next week."
    )
    return {"text": text, "source": f"{town} Gazette", "published_at": f"2026-{1 + n % 12:02d}-{1 + n % 28:02d}"}


def articles(count: int) -> list[dict]:
    return [article(n) for n in range(count)]
