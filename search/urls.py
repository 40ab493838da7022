from django.urls import path

from . import views

i18n_urlpatterns = [
    path("search/", views.search, name="search"),
]
