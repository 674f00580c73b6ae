from django.urls import path

from gongkai.common import converters  # noqa: F401 (registers <year:…>)

from . import views

app_name = "clocks"
urlpatterns = [
    path("", views.calendar_list, name="calendar"),
    path("<year:year>/", views.calendar_year, name="calendar-year"),
]
