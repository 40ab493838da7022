"""The backup archive on disk: a gzipped tar, encrypted in chunks with Fernet.

Fernet (AES-128-CBC + HMAC-SHA256, from `cryptography`) authenticates every token but has no
streaming mode, so the tar stream is cut into chunks of CHUNK_SIZE bytes and each chunk becomes one
token. Each chunk's plaintext starts with its sequence number and a "last chunk" flag: a chunk that
is removed, repeated, reordered or cut off at the end is detected, not only a changed byte. Memory
use stays at a few chunks whatever the size of the archive (a city's database of tens of MB and its
media files of a few GB are fine).

File layout: MAGIC, then for each chunk a 4-byte big-endian length and the Fernet token.
An unencrypted archive (only with `backup --unencrypted`) is the plain .tar.gz.
"""

import io
import struct

from cryptography.fernet import Fernet, InvalidToken

MAGIC = b"SUKAGAWA-CMS-BACKUP-FERNET-1\n"
CHUNK_SIZE = 4 * 1024 * 1024
_HEADER = struct.Struct(">QB")  # chunk number, 1 when it is the last chunk
_LENGTH = struct.Struct(">I")


class ArchiveError(Exception):
    """The archive cannot be used: wrong key, tampered, truncated or not a backup. Message in Japanese."""


def fernet_from_key(key):
    if not key:
        raise ArchiveError("暗号化の鍵（環境変数 BACKUP_ENCRYPTION_KEY）が設定されていません。")
    try:
        return Fernet(key.encode() if isinstance(key, str) else key)
    except (ValueError, TypeError) as exc:
        raise ArchiveError(
            "BACKUP_ENCRYPTION_KEY の形式が正しくありません（Fernet.generate_key() が作る、"
            "URL セーフな base64 の32バイトの鍵を設定してください）。"
        ) from exc


class EncryptingWriter(io.RawIOBase):
    """A write-only file object: whatever is written reaches `raw` as numbered Fernet tokens."""

    def __init__(self, raw, fernet, chunk_size=CHUNK_SIZE):
        self.raw = raw
        self.fernet = fernet
        self.chunk_size = chunk_size
        self.buffer = bytearray()
        self.number = 0
        self.raw.write(MAGIC)

    def writable(self):
        return True

    def write(self, data):
        self.buffer += data
        # Keep at least one byte back: the last chunk must be written by close() with its flag.
        while len(self.buffer) > self.chunk_size:
            self._emit(bytes(self.buffer[: self.chunk_size]), last=False)
            del self.buffer[: self.chunk_size]
        return len(data)

    def _emit(self, data, last):
        token = self.fernet.encrypt(_HEADER.pack(self.number, 1 if last else 0) + data)
        self.raw.write(_LENGTH.pack(len(token)) + token)
        self.number += 1

    def close(self):
        if not self.closed:
            self._emit(bytes(self.buffer), last=True)
            self.buffer.clear()
            self.raw.flush()
        super().close()


class DecryptingReader(io.RawIOBase):
    """A read-only file object over an encrypted archive; raises ArchiveError on any tampering."""

    def __init__(self, raw, fernet):
        self.raw = raw
        self.fernet = fernet
        self.pending = b""
        self.number = 0
        self.finished = False
        if raw.read(len(MAGIC)) != MAGIC:
            raise ArchiveError("暗号化されたバックアップファイルではありません。")

    def readable(self):
        return True

    def _next_chunk(self):
        length_bytes = self.raw.read(_LENGTH.size)
        if len(length_bytes) < _LENGTH.size:
            raise ArchiveError("バックアップファイルが途中で切れています（最後の部分がありません）。")
        (length,) = _LENGTH.unpack(length_bytes)
        token = self.raw.read(length)
        if len(token) < length:
            raise ArchiveError("バックアップファイルが途中で切れています。")
        try:
            plain = self.fernet.decrypt(token)
        except InvalidToken as exc:
            raise ArchiveError(
                "バックアップを復号できません。鍵が違うか、ファイルが改ざん・破損しています。"
            ) from exc
        number, last = _HEADER.unpack(plain[: _HEADER.size])
        if number != self.number:
            raise ArchiveError("バックアップファイルの順序が正しくありません（改ざんまたは破損）。")
        self.number += 1
        if last:
            self.finished = True
            if self.raw.read(1):
                raise ArchiveError("バックアップファイルの最後に余分なデータがあります（改ざんまたは破損）。")
        return plain[_HEADER.size :]

    def readinto(self, target):
        while not self.pending and not self.finished:
            self.pending = self._next_chunk()
        size = min(len(target), len(self.pending))
        target[:size] = self.pending[:size]
        self.pending = self.pending[size:]
        return size


def is_encrypted(path):
    with open(path, "rb") as handle:
        return handle.read(len(MAGIC)) == MAGIC
