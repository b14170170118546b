"""Officials' feedback inbox pages (mounted at /can-bo/phan-anh/)."""

app_name = "feedback_inbox"

urlpatterns: list = []
