from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("login/", views.StaffLoginView.as_view(), name="login"),
    path("otp/", views.otp_view, name="otp"),
    path("enrol/<str:token>/", views.enrol_view, name="enrol"),
    path("logout/", views.logout_view, name="logout"),
]
