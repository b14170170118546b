"""Officials' feedback inbox pages (mounted at /can-bo/phan-anh/)."""

from django.urls import path

from congdanso.feedback import stats_views
from congdanso.feedback.inbox import views

app_name = "feedback_inbox"

urlpatterns = [
    path("", views.inbox_list, name="list"),
    path("phan-loai/", views.triage_list, name="triage"),
    path("thong-ke/", stats_views.statistics_page, name="statistics"),  # before "<str:code>/"
    path("thong-ke/xuat.csv", stats_views.export_csv, name="export_csv"),
    path("thong-ke/xuat.xlsx", stats_views.export_xlsx, name="export_xlsx"),
    path("<str:code>/", views.report_detail, name="detail"),
    path("<str:code>/anh/<int:photo_id>/", views.report_photo, name="photo"),
    path("<str:code>/<slug:action>/", views.report_action, name="action"),
]
