from django.urls import path

from .views import public

app_name = "budgets"
urlpatterns = [
    path("budgets/", public.column, name="column"),
    path("budgets/<int:year>/<slug:kind>/", public.set_detail, name="set-detail"),
    path(
        "budgets/<int:year>/<slug:kind>/download.<slug:fmt>",
        public.set_download,
        name="set-download",
    ),
]
