from django.urls import path

from . import views

urlpatterns = [
    path("faq-feedback/<int:page_id>/", views.feedback, name="faq_feedback"),
]
