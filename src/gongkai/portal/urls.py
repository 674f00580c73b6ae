from django.urls import path

from . import views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("pages/<slug:slug>/", views.page_detail, name="page"),
    path("zfxxgk/", views.xxgk, name="xxgk"),
    path("sitemap/", views.sitemap, name="sitemap"),
    path("prefs/", views.preferences, name="prefs"),
]
