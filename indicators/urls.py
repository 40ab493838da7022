from django.urls import path

from indicators.views import beacon

urlpatterns = [path("pv/<int:page_id>.gif", beacon, name="indicators_beacon")]
