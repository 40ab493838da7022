"""The one CSV decoding every import uses (FAQ, old URLs, water-quality results)."""

import pytest

from cms.csvdecode import CSVEncodingError, decode_csv_bytes

TEXT = "質問,回答\r\n粗大ごみ,申込みが必要です\r\n"


@pytest.mark.parametrize(
    ("data", "label"),
    [
        (b"\xef\xbb\xbf" + TEXT.encode("utf-8"), "UTF-8（BOM付き）"),
        (TEXT.encode("utf-8"), "UTF-8"),
        (TEXT.encode("cp932"), "CP932（Shift_JIS）"),
    ],
)
def test_reads_the_encodings_spreadsheets_save(data, label):
    assert decode_csv_bytes(data) == (TEXT, label)


def test_bytes_of_no_known_encoding_are_refused():
    with pytest.raises(CSVEncodingError):
        decode_csv_bytes(b"\x82\xff\xfe")


def test_a_forced_encoding_is_the_only_one_tried():
    with pytest.raises(CSVEncodingError):
        decode_csv_bytes(TEXT.encode("cp932"), encoding="utf-8")
