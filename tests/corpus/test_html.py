"""HTML through lxml: what a browser shows, as paragraphs, bullets and rows."""

from pathlib import Path

from minutes_qa.corpus.load import read_document
from minutes_qa.corpus.readers.html import html_to_text
from minutes_qa.corpus.readers.page import is_junk_line, read_page


def test_optional_end_tags_are_read_as_a_browser_reads_them():
    html = (
        "<table><tr><td>1.<td>Apologies for absence were received from Cllr Hale."
        "<tr><td>2.<td>The minutes were signed.</table><p>The Clerk reported on the pond."
        "<p>The Chair closed the meeting."
    )
    assert html_to_text(html) == (
        "1. Apologies for absence were received from Cllr Hale.\n\n"
        "2. The minutes were signed.\n\n"
        "The Clerk reported on the pond.\n\n"
        "The Chair closed the meeting."
    )


def test_lists_bold_entities_and_breaks():
    html = (
        "<p>The Clerk reported <b>three</b> items:<ul><li>Roads&nbsp;&amp; paths<li>The pond"
        "</ul><p>Line one<br>line two &pound;40 &#8211; &rsquo;ok&rsquo;</p>"
    )
    assert html_to_text(html) == (
        "The Clerk reported **three** items:\n\n• Roads & paths\n\n• The pond\n\n"
        "Line one\nline two £40 – ’ok’"
    )


def test_a_table_that_lays_out_a_page_keeps_its_paragraphs():
    html = (
        "<table><tr><td><p>5.</p></td><td><p><b>Planning</b></p><p>The application was"
        " refused.</p></td></tr></table>"
    )
    assert html_to_text(html) == "5.\n\nPlanning\n\nThe application was refused."


def test_table_rows_are_one_line_and_bold_in_cells_is_dropped():
    html = "<table><tr><th><b>Item</b><th>Cost</tr><tr><td>Sign<td>£180<td>&nbsp;</table>"
    assert html_to_text(html) == "Item | Cost\n\nSign | £180"


def test_scripts_styles_comments_and_furniture_are_not_text():
    html = (
        "<html><head><title>T</title><style>p{}</style></head><body><nav>Home</nav>"
        "<!-- a comment --><script>var x = '<p>no</p>';</script><header>Site</header>"
        "<p>Kept</p><footer>Foot</footer></body></html>"
    )
    assert html_to_text(html) == "Kept"


def test_empty_declared_and_deep_documents_read_without_error():
    assert html_to_text("") == ""
    assert html_to_text("   \n") == ""
    declared = '<?xml version="1.0" encoding="utf-8"?><html><body><p>Text</p></body></html>'
    assert html_to_text(declared) == "Text"
    deep = "<div>" * 200 + "Deep" + "</div>" * 200
    assert html_to_text(deep) == "Deep"
    # Past libxml2's depth limit the text is cut, but nothing fails.
    assert isinstance(html_to_text("<div>" * 5000 + "x"), str)


def test_page_without_known_system_keeps_main_content_only():
    page = read_page(
        "<html><body><div class='cookie-banner'>We use cookies <a>Accept</a></div>"
        "<header><a href='/'>Home</a></header><nav><ul><li><a>Menu</a></ul></nav>"
        "<main><h1>Minutes of the meeting held on 3 March 2025</h1><p>Text of the minutes.</p>"
        "<p><a href='/m.pdf'>Download as pdf or txt</a></p><p>Page 1 of 16</p><p>e</p></main>"
        "<aside><h2>Related</h2><ul><li><a>One</a><li><a>Two</a></ul></aside>"
        "<footer>© 2025 A Council</footer></body></html>"
    )
    assert page.parsed is None
    assert page.text == "**Minutes of the meeting held on 3 March 2025**\n\nText of the minutes."


def test_junk_lines():
    for junk in (
        "Download as pdf or txt", "Page 1 of 16", "e", "Additional documents:", "Skip to content",
        "Minutes 18 March 2021, item 3. pdf icon PDF 144 KB", "PDF 129 KB", "Powered by eSCRIBE",
        "Published: April 2, 2025", "Page last reviewed: 26 April 2021", "Z-9921 Staff Report.pdf",
        "To improve accessibility, documents published after 1 May 2020 are available as HTML "
        "pages where their original format supports this",
    ):  # fmt: skip
        assert is_junk_line(junk), junk
    for kept in ("(a)", "Nil.", "5.", "RESOLVED that the report be noted.", "Apologies", "No"):
        assert not is_junk_line(kept), kept


def test_html_table_in_an_htm_file(tmp_path: Path):
    page = tmp_path / "minutes.htm"
    page.write_text(
        "<html><body><p><b>MINUTES OF THE MEETING OF ASHCOMBE PARISH COUNCIL HELD ON 4 MARCH"
        " 2025</b><table><tr><td>1.<td>Apologies<tr><td>2.<td>Finance</table>"
        "<p>The Clerk reported the balance.</body></html>",
        encoding="utf-8",
    )
    doc = read_document(page)
    assert doc.meeting.date == "2025-03-04"
    assert [p.text for p in doc.passages][-1] == "The Clerk reported the balance."
