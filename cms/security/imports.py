"""Reading CSV files that staff upload or import: one decoder and one record reader for all imports
(import_faq, import_old_urls, import_water_quality and the admin upload of water-quality results).

- Encoding: UTF-8 (with or without BOM) first, strictly; then Shift_JIS (CP932) and EUC-JP, both
  strictly. Many EUC-JP files are also *valid* CP932 (as half-width kana and odd kanji), so when both
  decode, the text that reads as Japanese wins (kana and common kanji, no half-width kana). A
  detector such as charset-normalizer was tried first: on a one-line Japanese CSV it is not reliable,
  the strict attempts are.
- Field size: Python's csv limit (131,072 characters); a larger field stops the file with the line
  number instead of a traceback; the parser cannot be trusted after it, so nothing is imported.
- NUL bytes: reported per record (a NUL is never stored).
"""

import codecs
import csv
import io
import unicodedata

FIELD_SIZE_LIMIT = csv.field_size_limit()
NUL_MESSAGE = "読み取れない制御文字（NUL）が含まれています。元のファイルを確認してください。"


class CSVReadError(ValueError):
    """The file cannot be read at all; the message is Japanese and names the line where it can."""


def _japanese_score(text):
    """How much `text` reads like Japanese: kana and CJK count, half-width kana and symbols do not."""
    score = 0
    for char in text:
        code = ord(char)
        if 0x3041 <= code <= 0x30FF or 0x4E00 <= code <= 0x9FFF or 0x3000 <= code <= 0x303F:
            score += 1
        elif 0xFF61 <= code <= 0xFF9F or unicodedata.category(char) in {"Co", "Cn", "So"}:
            score -= 3
    return score


def decode(data):
    """(text, encoding label) of uploaded CSV bytes. Raises CSVReadError."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise CSVReadError(
            "ファイルが UTF-16（Excel の「Unicode テキスト」）で保存されています。"
            "「CSV UTF-8（コンマ区切り）」で保存し直してください。"
        )
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data[3:].decode("utf-8"), "UTF-8（BOM付き）"
        except UnicodeDecodeError as error:
            raise CSVReadError(_decode_error_message(data, error)) from error
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    candidates = []
    for codec, label in (("cp932", "CP932（Shift_JIS）"), ("euc_jp", "EUC-JP")):
        try:
            candidates.append((data.decode(codec), label))
        except UnicodeDecodeError:
            continue
    if not candidates:
        raise CSVReadError(
            "文字コードを判別できませんでした。UTF-8 または Shift_JIS（CP932）で保存してください。"
        )
    return max(candidates, key=lambda candidate: _japanese_score(candidate[0]))


def _decode_error_message(data, error):
    line = data[: error.start].count(b"\n") + 1
    return f"{line}行目：UTF-8 として読めない文字があります。UTF-8 で保存し直してください。"


def records(text):
    """(record number, values) per CSV record; the header is record 1, as a spreadsheet counts.

    Raises CSVReadError naming the record when a field is too large or the quoting is broken.
    """
    reader = csv.reader(io.StringIO(text, newline=""))
    number = 0
    while True:
        number += 1
        try:
            values = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            if "field larger than field limit" in str(error):
                raise CSVReadError(
                    f"{number}行目：項目が長すぎます（1項目 {FIELD_SIZE_LIMIT:,}文字まで）。"
                    "ファイルのこの行を確認してください。何も取り込んでいません。"
                ) from None
            raise CSVReadError(
                f"{number}行目：CSVとして読めません（{error}）。何も取り込んでいません。"
            ) from None
        yield number, values


def has_nul(values):
    return any("\x00" in value for value in values)
