"""Settings come from the environment; production refuses to start unsafely."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROD_KEY = "k3y-" + "x9Qw!mZ7#rT2&vB5^nL8*pD4@hJ6$sF1%gK0(aE3)cY" + "uI_oP"


def clean_env(**env: str) -> dict[str, str]:
    """This process's environment without the variables the tests set themselves."""
    ours = {"DEBUG", "SECRET_KEY", "DATABASE_URL", "ALLOWED_HOSTS", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    return {**{k: v for k, v in os.environ.items() if k not in ours}, **env}


def run_python(code: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=clean_env(**env),
        capture_output=True, text=True, timeout=120,
    )


def settings_value(expr: str, **env: str) -> str:
    result = run_python(f"import config.settings as s; print({expr})", **env)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_sqlite_file_under_var_when_database_url_is_unset():
    engine = settings_value("s.DATABASES['default']['ENGINE']", DEBUG="1")
    name = settings_value("s.DATABASES['default']['NAME']", DEBUG="1")
    assert engine == "django.db.backends.sqlite3"
    assert Path(name).parent == ROOT / "var"


def test_importing_the_settings_writes_nothing(tmp_path):
    # A copy of config/ alone: BASE_DIR is then tmp_path, and any file or directory the import
    # creates under it (var/ for the SQLite file, say) shows up next to config/.
    shutil.copytree(ROOT / "config", tmp_path / "config",
                    ignore=shutil.ignore_patterns("__pycache__"))
    before = sorted(tmp_path.rglob("*"))
    env = clean_env(DEBUG="1", PYTHONDONTWRITEBYTECODE="1", PYTHONPATH=str(tmp_path))
    result = subprocess.run(
        [sys.executable, "-c", "import config.settings as s; print(s.BASE_DIR)"],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(tmp_path)
    assert sorted(tmp_path.rglob("*")) == before


def test_postgres_from_database_url_keeps_connections_and_checks_them():
    url = "postgres://gh:secret@db.example.org:5433/gonghui"
    db = "s.DATABASES['default']"
    assert settings_value(f"{db}['ENGINE']", DEBUG="1", DATABASE_URL=url) == (
        "core.postgresql"  # Django's, with deadlines (tests/core/test_database_stall.py)
    )
    assert settings_value(f"({db}['HOST'], {db}['PORT'], {db}['NAME'])",
                          DEBUG="1", DATABASE_URL=url) == "('db.example.org', 5433, 'gonghui')"
    assert settings_value(f"{db}['CONN_MAX_AGE']", DEBUG="1", DATABASE_URL=url) == "60"
    assert settings_value(f"{db}['CONN_HEALTH_CHECKS']", DEBUG="1", DATABASE_URL=url) == "True"


def test_production_refuses_to_start_without_secret_key():
    result = run_python("import config.settings", DEBUG="0")
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_language_and_time_zone_default_to_china():
    assert settings_value("(s.LANGUAGE_CODE, s.TIME_ZONE)", DEBUG="1") == (
        "('zh-hans', 'Asia/Shanghai')"
    )


def test_ssl_redirect_can_be_switched_off_for_a_tls_proxy():
    env = {"DEBUG": "0", "SECRET_KEY": PROD_KEY, "ALLOWED_HOSTS": "example.org"}
    assert settings_value("s.SECURE_SSL_REDIRECT", **env) == "True"
    assert settings_value("s.SECURE_SSL_REDIRECT", SECURE_SSL_REDIRECT="0", **env) == "False"
    assert settings_value("hasattr(s, 'SECURE_PROXY_SSL_HEADER')", **env) == "False"
    assert settings_value("s.SECURE_PROXY_SSL_HEADER", TRUST_X_FORWARDED_PROTO="1", **env) == (
        "('HTTP_X_FORWARDED_PROTO', 'https')"
    )


def test_check_deploy_passes_with_production_environment():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
        env=clean_env(DEBUG="0", SECRET_KEY=PROD_KEY, ALLOWED_HOSTS="example.org"),
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_migrations_are_committed():
    result = subprocess.run(
        [sys.executable, "manage.py", "makemigrations", "--check", "--dry-run"],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
        env=clean_env(DEBUG="1"),
    )
    assert result.returncode == 0, result.stdout + result.stderr
