"""API endpoints of the notification outbox (mounted in congdanso/api.py at ``/api/v1/notifications``)."""

from datetime import datetime
from uuid import UUID

from ninja import Router, Schema
from ninja.pagination import PageNumberPagination, paginate

from congdanso.accounts.api_auth import session_or_token
from congdanso.core.api_errors import ErrorOut
from congdanso.notifications.selectors import notification_list_for_user
from congdanso.notifications.services import notification_mark_read

router = Router(tags=["Thông báo"])

_AUTH_ERRORS = {401: ErrorOut, 403: ErrorOut}


class NotificationOut(Schema):
    """One in-app notification of the signed-in user."""

    id: UUID
    template: str
    language: str
    subject: str
    body: str
    status: str
    created_at: datetime
    read_at: datetime | None
    related_type: str
    related_id: str


@router.get(
    "/",
    response={200: list[NotificationOut], **_AUTH_ERRORS},
    auth=session_or_token,
    operation_id="notifications_list",
    summary="Thông báo trong ứng dụng của tôi",
)
@paginate(PageNumberPagination, page_size=20)
def notifications_list(request):
    """Thông báo trong ứng dụng của chính bạn, mới nhất trước."""
    return notification_list_for_user(user=request.user)


@router.post(
    "/{notification_id}/read",
    response={200: NotificationOut, 404: ErrorOut, **_AUTH_ERRORS},
    auth=session_or_token,
    operation_id="notifications_mark_read",
    summary="Đánh dấu thông báo đã đọc",
)
def notifications_mark_read(request, notification_id: UUID):
    """Đánh dấu một thông báo của bạn là đã đọc."""
    return notification_mark_read(user=request.user, notification_id=notification_id)
