"""Authentication for the API: a Django session (CSRF enforced) or a bearer token.

Use ``auth=session_or_token`` on a router or operation. Either way ``request.user`` and ``request.auth``
are the signed-in user. The token class comes first so that machine clients never meet the CSRF check.
"""

from ninja.security import HttpBearer, django_auth

from congdanso.accounts.services.tokens import api_token_authenticate


class TokenAuth(HttpBearer):
    """``Authorization: Bearer cds_…`` with a token issued by ``api_token_issue``."""

    def authenticate(self, request, token: str):
        user = api_token_authenticate(token)
        if user is None:
            return None
        request.user = user
        return user


token_auth = TokenAuth()
session_or_token = [token_auth, django_auth]

__all__ = ["TokenAuth", "session_or_token", "token_auth"]
