"""Staff attaches proof documents to a worker's archive in a real browser: a PDF and a photo are
listed, a renamed program is refused beside the field, and the previews open under the CSP."""

from accounts.roles import Role
from documents.models import ProofDocument
from tests.browser.conftest import sign_in
from tests.support.factories import make_user, make_worker
from tests.support.files import WINDOWS_PROGRAM, pdf_bytes, png_bytes


def test_staff_uploads_a_pdf_on_a_worker_page_and_previews_it(page, live_server):
    make_user(Role.STAFF, "staff", full_name="张工作")
    worker = make_worker()
    refused = []  # the console's CSP complaints, if any
    page.on("console", lambda message: refused.append(message.text)
            if "Content Security Policy" in message.text or "Refused" in message.text else None)

    sign_in(page, live_server, "staff")
    page.goto(f"{live_server.url}{worker.get_absolute_url()}")
    panel = page.get_by_test_id("documents")
    panel.locator("select[name=kind]").select_option("diagnosis")
    panel.locator("input[name=file]").set_input_files(
        {"name": "诊断书.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes("diagnosis")})
    panel.get_by_role("button", name="上传").click()
    page.wait_for_url(f"**{worker.get_absolute_url()}")
    row = page.get_by_test_id("document").filter(has_text="诊断书.pdf")
    assert "诊断书" in row.inner_text()
    assert "张工作" in row.inner_text()
    assert "“诊断书.pdf”已上传" in page.content()

    # A program renamed to .pdf: refused, the reason beside the field.
    panel = page.get_by_test_id("documents")
    panel.locator("input[name=file]").set_input_files(
        {"name": "收入证明.pdf", "mimeType": "application/pdf", "buffer": WINDOWS_PROGRAM})
    panel.get_by_role("button", name="上传").click()
    page.wait_for_selector(".invalid-feedback, .is-invalid")
    assert "可执行程序" in page.locator("form[data-testid=document-upload]").inner_text()
    assert ProofDocument.objects.count() == 1

    # A photo: listed with its thumbnail.
    page.goto(f"{live_server.url}{worker.get_absolute_url()}")
    panel = page.get_by_test_id("documents")
    panel.locator("select[name=kind]").select_option("hukou")
    panel.locator("input[name=file]").set_input_files(
        {"name": "户口本.png", "mimeType": "image/png", "buffer": png_bytes()})
    panel.get_by_role("button", name="上传").click()
    page.wait_for_url(f"**{worker.get_absolute_url()}")
    thumbnail = page.get_by_test_id("document").filter(has_text="户口本.png").locator("img")
    thumbnail.wait_for()
    page.wait_for_function("img => img.complete && img.naturalWidth > 0",
                           arg=thumbnail.element_handle())

    # The PDF's preview: the page frames the file from our own origin.
    with page.expect_response(lambda response: "/inline/" in response.url) as framed:
        page.get_by_test_id("document").filter(has_text="诊断书.pdf").get_by_test_id(
            "document-preview").click()
    response = framed.value
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.headers["content-disposition"].startswith("inline")
    assert page.locator("[data-testid=document-view] iframe").count() == 1
    assert page.get_by_test_id("document-download").is_visible()
    assert not [text for text in refused if "frame" in text.lower()], refused
