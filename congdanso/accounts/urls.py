from django.urls import path

from congdanso.accounts import views

app_name = "accounts"

urlpatterns = [
    path("dang-nhap/", views.LoginView.as_view(), name="login"),
    path("dang-xuat/", views.LogoutView.as_view(), name="logout"),
    path("dang-ky/", views.register, name="register"),
    path("xac-thuc/", views.verify_phone, name="verify_phone"),
    path("quen-mat-khau/", views.password_reset, name="password_reset"),
    path("quen-mat-khau/dat-lai/", views.password_reset_confirm, name="password_reset_confirm"),
    path("ho-so/", views.profile, name="profile"),
]
