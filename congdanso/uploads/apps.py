from django.apps import AppConfig


class UploadsConfig(AppConfig):
    """Stored files: size limits, content sniffing, metadata stripping."""

    name = "congdanso.uploads"
    label = "uploads"
    verbose_name = "Tệp tải lên"

    def ready(self) -> None:
        # Pillow's own decompression-bomb guard, for every image opened in this process: it warns above
        # this many pixels and refuses at twice as many. inspection.decode_image refuses above it.
        from django.conf import settings
        from PIL import Image

        Image.MAX_IMAGE_PIXELS = settings.UPLOAD_MAX_IMAGE_PIXELS
