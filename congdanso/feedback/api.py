"""Citizen API of the feedback app (mounted at /api/v1/feedback)."""

from ninja import Router

router = Router(tags=["Phản ánh kiến nghị"])
