import pytest

from newsflow_parse.html_extract import ExtractedPage, extract_html

PAGE = """<!DOCTYPE html>
<html lang="en-GB"><head>
<title>Harbour bridge reopens after repairs | Coastal Gazette</title>
<meta name="author" content="Jane Whitlow">
<meta property="og:site_name" content="Coastal Gazette">
<meta property="article:published_time" content="2024-03-05T09:30:00Z">
</head><body>
<nav><a href="/">Home</a> | <a href="/world">World</a> | <a href="/sport">Sport</a></nav>
<article>
<h1>Harbour bridge reopens after repairs</h1>
<p>The Kelby harbour bridge reopened on Tuesday after six months of repairs, the city council said.</p>
<p>"We are delighted to see traffic flowing again," Mayor Tom Berrick said. He thanked the engineers
who worked through the winter.</p>
<p>Local shop owners said trade had fallen sharply during the closure, and some asked for
compensation from the council budget.</p>
</article>
<footer>Copyright 2024 Coastal Gazette. All rights reserved.</footer>
</body></html>"""


def test_metadata_comes_from_the_page():
    page = extract_html(PAGE, "https://gazette.example/news/bridge")

    assert page.title == "Harbour bridge reopens after repairs"
    assert page.authors == ["Jane Whitlow"]
    assert page.published_at == "2024-03-05"
    assert page.site_name == "Coastal Gazette"
    assert page.url == "https://gazette.example/news/bridge"
    assert page.language == "en-gb"


def test_main_text_has_the_article_paragraphs_without_boilerplate_or_the_headline():
    text = extract_html(PAGE, None).text

    paragraphs = text.split("\n\n")
    assert paragraphs[0].startswith("The Kelby harbour bridge reopened on Tuesday")
    assert any(p.startswith('"We are delighted to see traffic flowing again,"') for p in paragraphs)
    assert len(paragraphs) == 3
    for boilerplate in ("Home", "Sport", "Copyright", "Harbour bridge reopens after repairs"):
        assert boilerplate not in text


@pytest.mark.parametrize(
    "html",
    ["", "   ", "<<<>>>", "\x00\x01\x02 garbage", "<html></html>", "<p>unclosed <b>tags <div>", "plain words only"],
)
def test_odd_html_gives_an_empty_page_instead_of_raising(html):
    page = extract_html(html, None)

    assert isinstance(page, ExtractedPage)
    assert page.text == ""
