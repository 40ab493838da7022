"""The one CSV decoding every import uses (FAQ, old URLs, water-quality results)."""

import pytest

from cms.security.imports import CSVReadError, decode

TEXT = "質問,回答\r\n粗大ごみ,申込みが必要です\r\n"


@pytest.mark.parametrize(
    ("data", "label"),
    [
        (b"\xef\xbb\xbf" + TEXT.encode("utf-8"), "UTF-8（BOM付き）"),
        (TEXT.encode("utf-8"), "UTF-8"),
        (TEXT.encode("cp932"), "CP932（Shift_JIS）"),
        (TEXT.encode("euc_jp"), "EUC-JP"),
    ],
)
def test_reads_the_encodings_spreadsheets_save(data, label):
    assert decode(data) == (TEXT, label)


def test_bytes_of_no_known_encoding_are_refused():
    with pytest.raises(CSVReadError):
        decode(b"\x82\xff\xfe")
