from django.urls import path

from . import views

app_name = "notices-api"
urlpatterns = [path("", views.notice_api, name="list")]
