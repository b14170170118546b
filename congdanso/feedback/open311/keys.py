"""Open311 API keys: shown once in clear, stored only as a SHA-256 hash
(plus a short prefix to tell keys apart)."""

import hashlib
import secrets

KEY_PREFIX = "cds311_"


def key_generate() -> str:
    """A fresh random key such as ``cds311_…`` (43 url-safe characters of randomness)."""
    return KEY_PREFIX + secrets.token_urlsafe(32)


def key_hash(clear_key: str) -> str:
    return hashlib.sha256(clear_key.encode()).hexdigest()


def key_display_prefix(clear_key: str) -> str:
    """The first 12 characters, kept so an administrator can tell keys apart."""
    return clear_key[:12]
