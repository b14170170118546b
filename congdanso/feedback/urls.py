"""Citizen and public pages of the feedback app (mounted at /phan-anh/)."""

app_name = "feedback"

urlpatterns: list = []
