"""The production settings with the bare page's URLs: for the load test's gunicorn only."""

from config.settings import *  # noqa: F403

ROOT_URLCONF = "benchmarks.urls"
