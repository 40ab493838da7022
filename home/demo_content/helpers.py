"""Short constructors for demo body content (StreamField raw data), so the content files read as text."""


def h2(text):
    return ("heading", {"text": text, "level": "h2"})


def h3(text):
    return ("heading", {"text": text, "level": "h3"})


def p(*paragraphs):
    return ("paragraph", "".join(f"<p>{text}</p>" for text in paragraphs))


def ul(*items, ordered=False):
    return ("list", {"ordered": ordered, "items": list(items)})


def ol(*items):
    return ul(*items, ordered=True)


def table(caption, header, rows, first_column_is_header=True):
    return (
        "table",
        {
            "caption": caption,
            "header": header,
            "rows": rows,
            "first_column_is_header": first_column_is_header,
        },
    )


def procedure(target="", requirements=(), fee="", counter="", hours="", online_url="", note=""):
    return (
        "procedure",
        {
            "target": target,
            "requirements": list(requirements),
            "fee": fee,
            "counter": counter,
            "hours": hours,
            "online_url": online_url,
            "note": note,
        },
    )


def accordion(*items):
    return ("accordion", {"items": [{"title": title, "body": f"<p>{body}</p>"} for title, body in items]})


def link(text, url):
    return ("link", {"text": text, "page": None, "url": url})
