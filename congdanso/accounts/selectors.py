"""Reads over people that other apps may use."""

from django.db.models import QuerySet

from congdanso.accounts.models import ApiToken, OfficialRole, User


def user_roles(user: User) -> list[OfficialRole]:
    """The user's role grants with their agencies, in one query."""
    return list(
        OfficialRole.objects.filter(user=user).select_related("agency").order_by("agency__code", "role")
    )


def api_tokens_of(user: User) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user).order_by("-created_at", "-id")


def user_get_by_phone(phone: str) -> User | None:
    return User.objects.filter(phone=phone).first()
