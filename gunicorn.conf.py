"""gunicorn settings for `make serve` and production; every value can come from the environment."""

import multiprocessing
import os


def env_on(name: str) -> bool:
    """The same reading of a yes/no variable as config/settings.py's env_bool."""
    return os.environ.get(name, "").strip().lower() in {"1", "true", "yes", "on"}


bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", str(multiprocessing.cpu_count() * 2 + 1)))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))
keepalive = 5
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = "-"
# The query string may carry search terms (names, ID digits): log the path only.
access_log_format = '%(h)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(b)s %(L)ss'

# X-Forwarded-Proto is believed only behind the TLS-terminating proxy, at FORWARDED_ALLOW_IPS,
# when TRUST_X_FORWARDED_PROTO says so (config/settings.py reads the same two variables).
# Otherwise nothing a client sends makes a request count as HTTPS.
if env_on("TRUST_X_FORWARDED_PROTO"):
    forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
    secure_scheme_headers = {"X-FORWARDED-PROTO": "https"}
else:
    forwarded_allow_ips = ""
    secure_scheme_headers = {}

# The web server's statement timeout (seconds; config/settings.py passes it to PostgreSQL): a
# statement still running then is cancelled and the page answers 503, well before `timeout`
# kills the worker. Management commands (restoring a backup, the benchmark's generator) run
# without one.
os.environ.setdefault("DB_STATEMENT_TIMEOUT", "30")
