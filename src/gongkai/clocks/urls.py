from django.urls import path

from . import views

app_name = "clocks"
urlpatterns = [
    path("", views.calendar_list, name="calendar"),
    path("<int:year>/", views.calendar_year, name="calendar-year"),
]
