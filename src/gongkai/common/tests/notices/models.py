from django.db import models
from django.urls import reverse

from gongkai.publishing.models import Publishable


class Notice(Publishable):
    review_fields = ("title", "body")

    title = models.CharField(max_length=200)
    body = models.TextField(blank=True)

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("notices:detail", kwargs={"pk": self.pk})
