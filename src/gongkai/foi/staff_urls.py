"""Workbench pages of information requests (mounted at /workbench/foi/)."""

from django.urls import path

from .views import staff

app_name = "foi-staff"
urlpatterns = [
    path("", staff.request_list, name="list"),
    path("register/", staff.request_register, name="register"),
    path("often/", staff.often, name="often"),
    path("<int:pk>/", staff.request_detail, name="detail"),
    path("<int:pk>/letters/<str:number>/", staff.letter_download, name="letter"),
    path("<int:pk>/<slug:step>/", staff.request_step, name="step"),
]
