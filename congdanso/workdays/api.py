"""API endpoints of this app (mounted in congdanso/api.py)."""

from ninja import Router

router = Router(tags=["Ngày làm việc"])
