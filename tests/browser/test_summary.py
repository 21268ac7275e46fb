
from docx import Document

from reports import demo
from tests.browser.conftest import sign_in


def test_leader_edits_publishes_and_downloads_the_summary(page, live_server):
    demo.load()
    sign_in(page, live_server, "leader", demo.DEMO_PASSWORD)
    page.goto(f"{live_server.url}/reports/2012/h1/")
    assert "嘉荫县总工会2012年上半年工作总结" in page.locator("h1.summary-title").inner_text()
    assert "救助困难职工21人" in page.get_by_test_id("section-aid").inner_text()
    assert "尚未审批" in page.get_by_test_id("warnings").inner_text()

    page.get_by_test_id("edit-narrative").click()
    page.fill("textarea[name=remark_aid]", "走访慰问做到了入户见人，资金当面发放。")
    page.get_by_test_id("save-narrative").click()
    page.wait_for_url(f"{live_server.url}/reports/2012/h1/")
    assert "资金当面发放" in page.get_by_test_id("section-aid").inner_text()

    page.get_by_test_id("publish").click()
    page.wait_for_url(f"{live_server.url}/reports/2012/h1/publish/")
    assert "尚未审批" in page.get_by_test_id("warnings").inner_text()
    page.get_by_test_id("confirm-publish").click()  # not acknowledged: refused
    assert "请勾选" in page.get_by_test_id("publish-error").inner_text()
    page.get_by_test_id("acknowledge").check()
    page.get_by_test_id("confirm-publish").click()
    page.wait_for_url(f"{live_server.url}/reports/2012/h1/v1/")
    assert "第 1 版" in page.get_by_test_id("published-version").inner_text()

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Word 文档").click()
    download = download_info.value
    assert download.suggested_filename == "嘉荫县总工会2012年上半年工作总结-v1.docx"
    word = Document(str(download.path()))
    text = "\n".join(p.text for p in word.paragraphs)
    assert "资金当面发放" in text
    assert "救助困难职工21人" in text
