from django.apps import AppConfig


class WaterConfig(AppConfig):
    name = "water"
    verbose_name = "水道事業"
