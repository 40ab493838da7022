from django.urls import path

from tourism import views

# Not language-prefixed: one CSV and one sitemap per Site cover every language.
urlpatterns = [
    path("opendata/<slug:slug>.csv", views.opendata_csv, name="tourism_opendata_csv"),
    path("sitemap.xml", views.sitemap, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
]
