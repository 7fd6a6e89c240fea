"""Odd input gives some metadata (maybe none) and a body of clean lines; HTML with no text is refused."""

from datetime import datetime, timezone

import pytest
from newsflow_shared.events import RawArticle

from newsflow_parse.article_layout import NoTextExtracted, extract_layout

PARAGRAPH = (
    'KELBY (AP) — The council voted 7-2 on Tuesday to freeze ferry fares. "It is the least we can do," '
    "council leader Oren Vask said. (AP Photo/Jana Pirelli) Copyright 2025 Coastal Gazette. "
)
TWO_MEGABYTES = 2_000_000

ODD_TEXTS = {
    "empty": "",
    "blank lines only": " \n\t\r\n \u00a0\n",
    "control characters": "\x00\x01\x02\x1b[31m",
    "two megabytes of paragraphs": ("Ferry fares frozen\n\n" + (PARAGRAPH + "\n\n") * (TWO_MEGABYTES // len(PARAGRAPH))),
    "two megabytes on one line": PARAGRAPH * (TWO_MEGABYTES // len(PARAGRAPH)),
    "two megabytes without a space": "x" * TWO_MEGABYTES,
    "two megabytes of quoted lines": ("“Ferry fares are frozen for the whole winter.”\n" * 45_000),
    "nested brackets": "(" * 50_000 + "Photo" + ")" * 50_000,
    "chinese": "渡轮票价冻结\n\n基尔比（美联社）— 议会周二投票冻结渡轮票价。“这是我们至少能做的，”议会领袖说。",
    "arabic": "تجميد أسعار العبارات\n\nكيلبي (أ ف ب) — صوّت المجلس يوم الثلاثاء على تجميد أسعار العبارات.",
    "russian": "Цены на паромы заморожены\n\nКЕЛБИ (AP) — Совет во вторник проголосовал за заморозку цен.",
    "only a dateline": "KELBY (AP) —",
    "only a byline": "By Lina Moss",
    "only a date": "12 June 2024 - 09:15 AM",
}


@pytest.mark.parametrize("content_type", ["text/plain", "text/html"])
@pytest.mark.parametrize("name", list(ODD_TEXTS))
def test_odd_input_gives_a_clean_body_without_raising(name, content_type):
    text = ODD_TEXTS[name]
    content = text if content_type == "text/plain" else f"<html><body><article><p>{text}</p></article></body></html>"
    raw = RawArticle(article_id="odd", received_at=datetime.now(timezone.utc), content_type=content_type, content=content)

    try:
        metadata, body = extract_layout(raw)
    except NoTextExtracted:
        # HTML from which nothing is extracted is refused with the reason, never stored empty;
        # a page of no text at all must be.
        assert content_type == "text/html"
        return
    if content_type == "text/html":
        assert text.strip(), "a page without text must be refused, not parsed to an empty article"

    assert isinstance(body, str)
    assert body == body.strip() and "\r" not in body and "\n\n\n" not in body
    for paragraph in body.split("\n\n") if body else []:
        assert paragraph == " ".join(paragraph.split())  # one paragraph per line, plain single spaces
    assert metadata.published_at is None or metadata.published_at[:4].isdigit()


def test_text_without_newlines_keeps_its_story_and_gives_its_dateline():
    raw = RawArticle(
        article_id="one-line",
        received_at=datetime.now(timezone.utc),
        content_type="text/plain",
        content='KELBY (AP) — The council voted on Tuesday to freeze ferry fares. "It is the least we can do," Oren Vask said.',
    )

    metadata, body = extract_layout(raw)

    assert (metadata.title, metadata.dateline, metadata.agency) == (None, "Kelby", "AP")
    assert body == 'The council voted on Tuesday to freeze ferry fares. "It is the least we can do," Oren Vask said.'
