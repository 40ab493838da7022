from django.urls import path

from . import views

i18n_urlpatterns = [
    path("search/", views.search, name="search"),
    path("search/suggest/", views.suggest, name="search_suggest"),
]
