"""QR code of the add-friend link (segno), as inline SVG: no file to store, sharp at any size."""

import io

import segno


def qr_svg(url, scale=4):
    buffer = io.BytesIO()
    segno.make(url, error="m").save(
        buffer, kind="svg", scale=scale, border=2, xmldecl=False, svgns=True, omitsize=False,
        title=None, desc=None,
    )
    return buffer.getvalue().decode("utf-8")
