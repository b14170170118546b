"""Citizen and public pages of the feedback app (mounted at /phan-anh/)."""

from django.urls import path

from congdanso.feedback.views import mine, public, submit

app_name = "feedback"

urlpatterns = [
    path("", public.home, name="home"),
    path("gui/", submit.submit, name="submit"),
    path("gui/da-nhan/<str:code>/", submit.receipt, name="receipt"),
    path("cua-toi/", mine.mine, name="mine"),
    path("cua-toi/<str:code>/", mine.mine_detail, name="mine_detail"),
    path("cua-toi/<str:code>/bo-sung/", mine.add_info, name="add_info"),
    path("cua-toi/<str:code>/danh-gia/", mine.rate, name="rate"),
    path("cua-toi/<str:code>/mo-lai/", mine.reopen, name="reopen"),
    path("<str:code>/", public.public_detail, name="public_detail"),
    path("<str:code>/theo-doi/", public.follow, name="follow"),
    path("<str:code>/anh/<int:photo_id>/", public.photo, name="photo"),
]
