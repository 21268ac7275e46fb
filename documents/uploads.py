"""A proof document's size is checked while it arrives, not after it has been read: the
request's declared length first, then each chunk of the file as Django's parser hands it on."""

from django.core.files.uploadhandler import FileUploadHandler, SkipFile

# Room for the form's other fields and the multipart boundaries around the file.
FORM_OVERHEAD = 64 * 1024


class LimitedUploadHandler(FileUploadHandler):
    """First in the request's upload handlers: passes each chunk on until the file passes
    `limit` bytes, then skips the file (the next handlers drop what they had) and remembers it,
    so that the form says the file is too large."""

    def __init__(self, request, limit: int) -> None:
        super().__init__(request)
        self.limit = limit
        self.too_large = False

    def handle_raw_input(self, input_data, META, content_length, boundary,  # noqa: ARG002
                         encoding=None):  # noqa: ARG002
        if content_length > self.limit + FORM_OVERHEAD:
            self.too_large = True
        return None

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        if self.too_large:
            raise SkipFile

    def receive_data_chunk(self, raw_data, start):
        if start + len(raw_data) > self.limit:
            self.too_large = True
            raise SkipFile
        return raw_data

    def file_complete(self, file_size):  # noqa: ARG002  (the next handler makes the file)
        return None
