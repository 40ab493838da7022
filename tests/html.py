"""Reading rendered HTML in tests through a parser (BeautifulSoup), not by slicing strings."""

from bs4 import BeautifulSoup


def parse(html):
    """A parsed document from HTML text, bytes or a response."""
    content = getattr(html, "content", html)
    if isinstance(content, bytes):
        content = content.decode()
    return BeautifulSoup(content, "html.parser")


def section_with_text(html, text):
    """The <section> around the first element whose own text contains `text`."""
    found = parse(html).find(string=lambda string: string and text in string)
    assert found is not None, f"{text!r} is not on the page"
    section = found.find_parent("section")
    assert section is not None, f"{text!r} is not inside a <section>"
    return section


def row_with_text(html, text):
    """The table row (<tr>) that contains `text`."""
    for row in parse(html).find_all("tr"):
        if text in row.get_text():
            return row
    raise AssertionError(f"no table row contains {text!r}")
