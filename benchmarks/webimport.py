"""The headcount import through the web, as a user does it (`bench --web`): `import_web_10k_s`,
`import_web_100k_s`.

gunicorn (gunicorn.conf.py) and one `manage.py db_worker` run beside each other. An
administrator (the import is theirs) signs in, uploads the .xlsx of `measure.headcount_file` on
the union import page, waits for the preview (polling the batch's page, as the page reloads
itself), confirms, and waits until the page says the rows are imported: timed end to end, with
the upload, the check and the import also given apart.

The synthetic data must stay as generated: the file only holds dates no return uses; after the
timing the batch's returns, their history rows, the batch, its tasks and the temporary
administrator are deleted again, and so is the federation row made for the run where the data
had none (without it an administrator's every page is the first-run setup).
"""

import http.client
import re
import secrets
import time
from datetime import datetime
from urllib.parse import urlencode, urlsplit

from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from accounts.services import role_group
from core.models import ImportBatch
from reports.models import Federation
from unions.models import HeadcountReturn

from .load import serving, sign_in
from .measure import headcount_file

ADMIN = "bench-import-admin"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
POLL_SECONDS = 0.2
TIMEOUT_SECONDS = 600
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def multipart(fields: dict[str, str], name: str, filename: str, content: bytes,
              content_type: str) -> tuple[bytes, str]:
    """A multipart/form-data body with `fields` and one file; returns it and its Content-Type."""
    boundary = f"bench{secrets.token_hex(16)}"
    parts = []
    for key, value in fields.items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n'
                     f"{value}\r\n".encode())
    parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                 f'filename="{filename}"\r\nContent-Type: {content_type}\r\n\r\n'.encode())
    parts.append(content)
    parts.append(f"\r\n--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


class Browser:
    """One signed-in user on one connection: GET pages, POST forms with their CSRF token."""

    def __init__(self, port: int, cookie: str):
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT_SECONDS)
        self.cookie = cookie

    def request(self, method: str, path: str, body: bytes | None = None,
                content_type: str = "") -> tuple[int, str, str]:
        headers = {"Cookie": self.cookie, "Host": "127.0.0.1", "Referer": "http://127.0.0.1/"}
        if content_type:
            headers["Content-Type"] = content_type
        self.connection.request(method, path, body=body, headers=headers)
        response = self.connection.getresponse()
        text = response.read().decode(errors="replace")
        return response.status, response.getheader("Location", ""), text

    def page(self, path: str) -> str:
        status, _location, text = self.request("GET", path)
        if status != 200:
            raise RuntimeError(f"GET {path} answered {status}")
        return text

    def token(self) -> str:
        return re.search(r"csrftoken=([^;]+)", self.cookie).group(1)

    def close(self) -> None:
        self.connection.close()


def wait_for(browser: Browser, path: str, marker: str) -> str:
    """Poll the batch's page until it shows `marker` (a data-testid); fails on any other end."""
    deadline = time.monotonic() + TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        text = browser.page(path)
        if f'data-testid="{marker}"' in text:
            return text
        for end in ("import-errors", "import-failed"):
            if f'data-testid="{end}"' in text:
                raise RuntimeError(f"the import ended with {end}")
        time.sleep(POLL_SECONDS)
    raise RuntimeError(f"{path} did not show {marker} within {TIMEOUT_SECONDS} s")


def import_through_web(browser: Browser, content: bytes, filename: str) -> dict[str, float]:
    """Upload, wait for the preview, confirm, wait until imported; seconds of each step."""
    upload_url = reverse("unions:headcount-import")
    form = browser.page(upload_url)
    token = CSRF.search(form).group(1)
    body, content_type = multipart({"csrfmiddlewaretoken": token}, "file", filename, content,
                                   XLSX)
    started = time.perf_counter()
    status, location, _text = browser.request("POST", upload_url, body, content_type)
    if status != 302:
        raise RuntimeError(f"the upload answered {status}")
    uploaded = time.perf_counter()
    batch_path = urlsplit(location).path
    preview = wait_for(browser, batch_path, "import-preview")
    previewed = time.perf_counter()
    confirm = urlencode({"csrfmiddlewaretoken": CSRF.search(preview).group(1)})
    status, location, _text = browser.request("POST", batch_path, confirm.encode(),
                                              "application/x-www-form-urlencoded")
    if status != 302:
        raise RuntimeError(f"the confirmation answered {status}")
    wait_for(browser, batch_path, "already-imported")
    imported = time.perf_counter()
    return {"upload": uploaded - started, "preview": previewed - uploaded,
            "import": imported - previewed, "total": imported - started}


def temporary_admin(password: str):
    user = get_user_model().objects.create_user(username=ADMIN, password=password,
                                                full_name="基准导入管理员")
    user.groups.add(role_group(Role.ADMIN))
    return user


def clean_up(*, first_new_return: int, since: datetime, admin: bool = True) -> int:
    """Delete what the web imports added (and the temporary administrator unless `admin` is
    False); returns how many returns went."""
    from django_tasks_db.models import DBTaskResult

    with transaction.atomic():
        # A plain DELETE: Model.delete() would send post_delete for each return, and
        # simple-history would write a "deleted" history row for each (nothing refers to
        # returns). Then the history rows the import wrote, by the returns' ids.
        returns = HeadcountReturn.objects.filter(pk__gte=first_new_return)
        deleted = returns._raw_delete(returns.db)
        HeadcountReturn.history.filter(id__gte=first_new_return)._raw_delete(returns.db)
        ImportBatch.objects.filter(uploaded_by__username=ADMIN).delete()
        DBTaskResult.objects.filter(enqueued_at__gte=since).delete()
        if admin:
            get_user_model().objects.filter(username=ADMIN).delete()
    return deleted


def measure(*, sizes: tuple[int, ...] = (10_000, 100_000), log=print) -> dict:
    """`import_web_<n>k_s` for each size (and its steps), the data left as it was."""
    get_user_model().objects.filter(username=ADMIN).delete()  # left by an interrupted run
    password = secrets.token_urlsafe(16)
    temporary_admin(password)
    made = None if Federation.is_set_up() else Federation.objects.create(name="基准总工会")
    since = timezone.now()
    last = HeadcountReturn.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    out: dict = {}
    try:
        with serving(with_db_worker=True) as port:
            browser = Browser(port, sign_in(port, ADMIN, password))
            try:
                for rows in sizes:
                    content = headcount_file(rows)  # dates no return uses yet
                    steps = import_through_web(browser, content, f"bench-{rows}.xlsx")
                    name = f"import_web_{rows // 1000}k"
                    out[f"{name}_s"] = round(steps["total"], 2)
                    for step in ("upload", "preview", "import"):
                        out[f"{name}_{step}_s"] = round(steps[step], 2)
                    removed = clean_up(first_new_return=last + 1, since=since, admin=False)
                    log(f"  {name}: {steps['total']:.1f} s (upload {steps['upload']:.1f}, "
                        f"check {steps['preview']:.1f}, import {steps['import']:.1f}); "
                        f"{len(content) / 1e6:.1f} MB; {removed} returns deleted again")
            finally:
                browser.close()
    finally:
        clean_up(first_new_return=last + 1, since=since)  # also after a failure
        if made is not None:
            made.delete()
    return out
