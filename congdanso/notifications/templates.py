"""The registry of notification templates.

Each key has one file per language, ``templates/notifications/<key>.<lang>.txt``, holding two template
partials: ``subject`` and ``body`` (plain text, no autoescaping). Vietnamese is the default and the fallback.
"""

from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from congdanso.core.errors import ValidationFailed

DEFAULT_LANGUAGE = "vi"
SUPPORTED_LANGUAGES = ("vi", "en")


@dataclass(frozen=True)
class NotificationTemplate:
    """A template key and the context keys it needs."""

    key: str
    required_context: tuple[str, ...]


TEMPLATES: dict[str, NotificationTemplate] = {
    "welcome": NotificationTemplate("welcome", ("full_name",)),
    "otp": NotificationTemplate("otp", ("code", "minutes")),
    "generic": NotificationTemplate("generic", ("title", "message")),
}


def notification_template_register(key: str, *, required_context: tuple[str, ...]) -> None:
    """Let another app add its own template key (its files live in that app's templates/notifications/)."""
    TEMPLATES[key] = NotificationTemplate(key, tuple(required_context))


def notification_language(language: str | None) -> str:
    """A supported language code (``vi`` when unknown or empty)."""
    code = (language or "").split("-")[0].lower()
    return code if code in SUPPORTED_LANGUAGES else DEFAULT_LANGUAGE


def notification_render(*, template: str, language: str, context: dict) -> tuple[str, str]:
    """Render ``(subject, body)`` of a registered template in ``language``; raise ``ValidationFailed``."""
    definition = TEMPLATES.get(template)
    if definition is None:
        raise ValidationFailed(_("Mẫu thông báo không tồn tại."), details={"template": template})
    missing = [key for key in definition.required_context if key not in context]
    if missing:
        raise ValidationFailed(_("Thiếu dữ liệu cho mẫu thông báo."), details={"missing": missing})
    language = notification_language(language)
    name = f"notifications/{template}.{language}.txt"
    with translation.override(language):
        subject = render_to_string(f"{name}#subject", context).strip()
        body = render_to_string(f"{name}#body", context).strip()
    return " ".join(subject.split()), body
