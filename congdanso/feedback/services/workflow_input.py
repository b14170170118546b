"""Checks of the text officials type into workflow actions: plain text only, required, bounded."""

import re

from django.utils.translation import gettext as _

from congdanso.core.errors import ValidationFailed

# A tag, a comment or a doctype: ``<b>``, ``</script>``, ``<!-- -->``, ``<img src=x>``. A lone "<" (as in
# "nhiệt độ < 5") is plain text and allowed.
_MARKUP = re.compile(r"<\s*[/!?]?\s*[a-zA-Z][^>]*>|<!--|&#?[a-zA-Z0-9]+;")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

MESSAGE_MAX_LENGTH = 4000


def plain_text(value, *, field: str, label: str, required: bool = True, max_length: int = MESSAGE_MAX_LENGTH):
    """Return ``value`` stripped; raise ValidationFailed (with ``details.field``) when it is empty (and
    required), too long, or contains HTML markup or control characters."""
    text = (value or "").strip() if isinstance(value, str) or value is None else None
    if text is None:
        raise ValidationFailed(
            _("%(label)s không hợp lệ.") % {"label": label}, details={"field": field}, code="invalid_text"
        )
    if required and not text:
        raise ValidationFailed(
            _("Vui lòng nhập %(label)s.") % {"label": label.lower()},
            details={"field": field},
            code="required",
        )
    if len(text) > max_length:
        raise ValidationFailed(
            _("%(label)s dài quá %(max)s ký tự.") % {"label": label, "max": max_length},
            details={"field": field},
            code="too_long",
        )
    if _MARKUP.search(text):
        raise ValidationFailed(
            _("%(label)s chỉ được là văn bản thường, không chứa mã HTML.") % {"label": label},
            details={"field": field},
            code="html_not_allowed",
        )
    if _CONTROL.search(text):
        raise ValidationFailed(
            _("%(label)s chứa ký tự không hợp lệ.") % {"label": label},
            details={"field": field},
            code="invalid_text",
        )
    return text
