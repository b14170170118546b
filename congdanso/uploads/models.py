"""Stored files: what a person uploaded, checked and kept through Django's storage API."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from congdanso.uploads.naming import download_name, stored_file_upload_to


class StoredFile(models.Model):
    """One uploaded file after checking: its sniffed type, size, SHA-256 and the random storage name.

    ``original_name`` is the sanitised label the client sent; it is never used to store or to decide the
    type. ``owner`` is empty for files the system itself stores. Rows are never edited after creation.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("chủ sở hữu"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="stored_files",
    )
    original_name = models.CharField(_("tên tệp gốc"), max_length=200)
    content_type = models.CharField(_("loại nội dung"), max_length=64)
    size = models.PositiveBigIntegerField(_("kích thước (byte)"))
    sha256 = models.CharField(_("mã băm SHA-256"), max_length=64, db_index=True)
    file = models.FileField(_("tệp lưu trữ"), upload_to=stored_file_upload_to, max_length=255)
    metadata_stripped = models.BooleanField(_("đã xoá siêu dữ liệu"), default=False)
    width = models.PositiveIntegerField(_("chiều rộng"), null=True, blank=True)
    height = models.PositiveIntegerField(_("chiều cao"), null=True, blank=True)
    created_at = models.DateTimeField(_("tải lên lúc"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("tệp tải lên")
        verbose_name_plural = _("tệp tải lên")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["owner", "created_at"], name="uploads_owner_created_idx")]
        constraints = [
            models.CheckConstraint(condition=models.Q(size__gt=0), name="stored_file_size_positive")
        ]

    def __str__(self) -> str:
        return self.original_name

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")

    @property
    def download_name(self) -> str:
        return download_name(self.original_name, self.content_type)
