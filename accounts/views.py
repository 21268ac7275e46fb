from django.conf import settings
from django.shortcuts import render


def locked_out(request, _original_response=None, _credentials=None):
    """django-axes lockout page: a clear message and the lock's length in minutes."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "accounts/locked.html", {"minutes": minutes}, status=429)
