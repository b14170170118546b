"""Removing EXIF, XMP and other embedded metadata (GPS position, camera serials) by re-encoding.

The EXIF orientation is applied to the pixels first so the picture stays upright once the tag is gone.
The ICC colour profile is kept: it describes colours, not the person or the place.
"""

import io
from dataclasses import dataclass

from PIL import Image, ImageOps, ImageSequence

from congdanso.uploads.inspection import IMAGE_FORMATS

JPEG_QUALITY = 90
WEBP_QUALITY = 90
KEPT_INFO_KEYS = ("transparency", "duration", "loop")


@dataclass(frozen=True)
class StrippedImage:
    data: bytes
    width: int
    height: int


def _clean_frame(frame: Image.Image) -> Image.Image:
    upright = ImageOps.exif_transpose(frame.copy())
    upright.info = {key: frame.info[key] for key in KEPT_INFO_KEYS if key in frame.info}
    return upright


def strip_image_metadata(data: bytes, content_type: str) -> StrippedImage:
    """Re-encode an already inspected image without its metadata."""
    image_format = IMAGE_FORMATS[content_type]
    with Image.open(io.BytesIO(data), formats=[image_format]) as image:
        icc_profile = image.info.get("icc_profile")
        animated = image_format != "JPEG" and getattr(image, "is_animated", False)
        source_frames = ImageSequence.Iterator(image) if animated else [image]
        frames = [_clean_frame(frame) for frame in source_frames]
    first, *rest = frames
    options: dict = {"format": image_format}
    if icc_profile:
        options["icc_profile"] = icc_profile
    if image_format == "JPEG":
        options["quality"] = JPEG_QUALITY
    elif image_format == "WEBP":
        options["quality"] = WEBP_QUALITY
    if rest:
        options.update(
            save_all=True,
            append_images=rest,
            duration=[frame.info.get("duration", 100) for frame in frames],
            loop=first.info.get("loop", 0),
        )
    output = io.BytesIO()
    first.save(output, **options)
    return StrippedImage(data=output.getvalue(), width=first.width, height=first.height)
