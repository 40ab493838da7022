"""Reading CSV files from municipal spreadsheets: UTF-8 (with or without BOM) or CP932 (Shift_JIS).

Excel on Windows saves CSV as CP932 unless told otherwise, LibreOffice and newer Excel as UTF-8,
often with a BOM. Every import (FAQ, old URLs, water-quality results) reads them through here.
"""

UTF8_BOM = b"\xef\xbb\xbf"


class CSVEncodingError(ValueError):
    """The bytes are neither UTF-8 nor CP932. Callers turn it into their own Japanese message."""


def decode_csv_bytes(data, encoding=None):
    """(text, label of the encoding found) for the bytes of a CSV file.

    `encoding` forces one codec (a Python codec name). Text that is already a str only loses its BOM.
    """
    if isinstance(data, str):
        return data.removeprefix("\ufeff"), "UTF-8"
    if encoding:
        try:
            return data.decode(encoding).removeprefix("\ufeff"), encoding
        except (UnicodeDecodeError, LookupError) as error:
            raise CSVEncodingError(str(error)) from error
    try:
        if data.startswith(UTF8_BOM):
            return data[len(UTF8_BOM) :].decode("utf-8"), "UTF-8（BOM付き）"
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp932"), "CP932（Shift_JIS）"
    except UnicodeDecodeError as error:
        raise CSVEncodingError(str(error)) from error
