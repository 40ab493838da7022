from django.urls import path

from tourism import views

# Not language-prefixed: one CSV per Site covers every language.
urlpatterns = [
    path("opendata/<slug:slug>.csv", views.opendata_csv, name="tourism_opendata_csv"),
]
