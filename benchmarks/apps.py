from django.apps import AppConfig


class BenchmarksConfig(AppConfig):
    """The benchmark's commands (`bench`, `gen_data`); no models, no URLs in the site."""

    name = "benchmarks"
    verbose_name = "Benchmarks"  # never shown: the app has no models, so no admin section
