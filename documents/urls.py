from django.urls import path

from . import views

app_name = "documents"

urlpatterns = [
    path("<str:record_type>/<int:object_id>/upload/", views.UploadView.as_view(), name="upload"),
    path("<int:pk>/", views.PreviewView.as_view(), name="preview"),
    path("<int:pk>/download/", views.FileView.as_view(), name="download"),
    path("<int:pk>/inline/", views.FileView.as_view(as_attachment=False), name="inline"),
    path("<int:pk>/thumbnail/", views.ThumbnailView.as_view(), name="thumbnail"),
    path("<int:pk>/withdraw/", views.WithdrawView.as_view(), name="withdraw"),
]
