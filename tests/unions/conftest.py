import pytest


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # The role fixtures create users; the production hasher makes that the slowest step.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
