"""Signed tokens for the links that work without logging in.

A token is the object's id signed with the secret key and a salt of its own, so a token for one
purpose (answering an invitation) never opens another (someone's calendar feed). Tokens do not
expire: an invitation must work until the meeting, and a feed URL lives in a calendar for years.
"""

from __future__ import annotations

from django.core import signing

INVITATION_SALT = "meetings.invitation"
REGISTRATION_SALT = "meetings.registration"
FEED_SALT = "meetings.personal-feed"


def make_token(pk: int, *, salt: str) -> str:
    return signing.dumps(pk, salt=salt, compress=False)


def read_token(token: str, *, salt: str) -> int | None:
    """The id inside ``token``, or None when it was altered or made for another purpose."""
    try:
        value = signing.loads(token, salt=salt)
    except signing.BadSignature:
        return None
    return value if isinstance(value, int) else None
