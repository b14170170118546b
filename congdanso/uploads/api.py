"""API endpoints of this app (mounted in congdanso/api.py at ``/api/v1/uploads``)."""

from datetime import datetime
from uuid import UUID

from django.http import FileResponse
from django.utils.http import content_disposition_header
from ninja import File, Form, Router, Schema, Status
from ninja.files import UploadedFile

from congdanso.accounts.api_auth import session_or_token
from congdanso.core.api_errors import ErrorOut
from congdanso.uploads.selectors import file_get_for, file_list_for
from congdanso.uploads.services import file_delete, file_store

router = Router(tags=["Tệp"], auth=session_or_token)

LIST_LIMIT = 100


class StoredFileOut(Schema):
    id: UUID
    original_name: str
    content_type: str
    size: int
    sha256: str
    width: int | None
    height: int | None
    metadata_stripped: bool
    created_at: datetime


@router.post(
    "/",
    response={201: StoredFileOut, 401: ErrorOut, 413: ErrorOut, 415: ErrorOut, 422: ErrorOut},
    summary="Tải lên một tệp (ảnh JPEG, PNG, WebP hoặc PDF)",
    operation_id="uploads_create",
)
def upload_file(request, file: File[UploadedFile], strip_metadata: Form[bool] = True):
    """Multipart field ``file``. Images are re-encoded without EXIF/GPS unless ``strip_metadata=false``."""
    stored_file = file_store(owner=request.auth, uploaded_file=file, strip_metadata=strip_metadata)
    return Status(201, stored_file)


@router.get(
    "/",
    response={200: list[StoredFileOut], 401: ErrorOut},
    summary="Các tệp của tôi (100 tệp mới nhất)",
    operation_id="uploads_list",
)
def list_files(request):
    return list(file_list_for(request.auth)[:LIST_LIMIT])


@router.get(
    "/{file_id}",
    response={200: StoredFileOut, 401: ErrorOut, 404: ErrorOut},
    summary="Thông tin một tệp",
    operation_id="uploads_get",
)
def get_file(request, file_id: UUID):
    return file_get_for(request.auth, file_id)


@router.get(
    "/{file_id}/content",
    response={401: ErrorOut, 404: ErrorOut},
    summary="Nội dung tệp",
    operation_id="uploads_content",
)
def get_file_content(request, file_id: UUID):
    """Streams the bytes with the sniffed type: images inline, PDFs as an attachment."""
    stored_file = file_get_for(request.auth, file_id)
    response = FileResponse(stored_file.file.open("rb"), content_type=stored_file.content_type)
    response["Content-Disposition"] = content_disposition_header(
        not stored_file.is_image, stored_file.download_name
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox"
    response["Cache-Control"] = "private, no-cache"
    return response


@router.delete(
    "/{file_id}",
    response={204: None, 401: ErrorOut, 404: ErrorOut},
    summary="Xoá một tệp",
    operation_id="uploads_delete",
)
def delete_file(request, file_id: UUID):
    file_delete(actor=request.auth, stored_file=file_get_for(request.auth, file_id))
    return Status(204, None)
