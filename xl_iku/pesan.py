"""The one shape of a failure a user reads: an exception carrying one
Indonesian sentence (`pesan`), never a traceback."""

from __future__ import annotations


class PesanError(Exception):
    def __init__(self, pesan: str):
        super().__init__(pesan)
        self.pesan = pesan

    def __str__(self) -> str:
        return self.pesan
