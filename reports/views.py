from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from accounts.mixins import RoleRequiredMixin
from accounts.roles import DECIDERS, WRITERS
from core.edit import RecordUpdateView
from core.exports import XLSX_CONTENT_TYPE, attachment
from core.periods import Period

from . import services
from .charts import bar_geometry
from .exports import docx_bytes, xlsx_bytes
from .forms import NarrativeForm
from .models import Publication, Summary

DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


class PeriodMixin(RoleRequiredMixin):
    def period(self) -> Period:
        try:
            return Period.asked(self.kwargs["year"], self.kwargs["half"])
        except ValueError:
            raise Http404 from None

    def publication(self) -> Publication:
        period = self.period()
        return get_object_or_404(Publication.objects.select_related("published_by", "summary"),
                                 summary__year=period.year, summary__half=period.half,
                                 number=self.kwargs["number"])


class PeriodListView(RoleRequiredMixin, TemplateView):
    template_name = "reports/period_list.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(periods=services.period_rows(), **kwargs)


class SummaryView(PeriodMixin, TemplateView):
    template_name = "reports/summary.html"

    def get_context_data(self, **kwargs):
        period = self.period()
        summary = Summary.objects.filter(year=period.year, half=period.half).first()
        assembly = services.assemble(period, summary)
        publications = list(summary.publications.select_related("published_by")
                            .order_by("-number")) if summary else []
        latest = publications[0] if publications else None
        return super().get_context_data(
            period=period, summary=summary, document=assembly.document,
            warnings=assembly.warnings, publications=publications, latest=latest,
            changes=services.changed_since(latest, assembly.document),
            charts=[bar_geometry(chart) for chart in assembly.document.charts],
            live=True, **kwargs,
        )


class NarrativeEditView(PeriodMixin, RecordUpdateView):
    roles = WRITERS
    form_class = NarrativeForm
    template_name = "reports/summary_edit.html"
    success_message = gettext_lazy("The narrative was saved.")

    def get_object(self, queryset=None):
        return services.summary_for(self.period())


class PublishView(PeriodMixin, View):
    roles = DECIDERS

    def post(self, request, year, half):
        publication = services.summary_publish(period=self.period(), by=request.user)
        messages.success(request, _("Published as version %(number)d.")
                         % {"number": publication.number})
        return redirect(publication)


class PublicationView(PeriodMixin, TemplateView):
    template_name = "reports/publication.html"

    def get_context_data(self, **kwargs):
        publication = self.publication()
        document = publication.content()
        return super().get_context_data(
            period=self.period(), publication=publication, document=document,
            charts=[bar_geometry(chart) for chart in document.charts],
            live=False, **kwargs,
        )


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = attachment(filename)
    return response


class SummaryDocxView(PeriodMixin, View):
    def get(self, request, year, half):
        period = self.period()
        summary = Summary.objects.filter(year=year, half=half).first()
        document = services.assemble(period, summary).document
        return _download(docx_bytes(document), DOCX_CONTENT_TYPE, f"{document.title}.docx")


class SummaryXlsxView(PeriodMixin, View):
    def get(self, request, year, half):
        document = services.assemble(self.period()).document
        return _download(xlsx_bytes(document), XLSX_CONTENT_TYPE, f"{document.title}.xlsx")


class PublicationDocxView(PeriodMixin, View):
    def get(self, request, year, half, number):
        publication = self.publication()
        document = publication.content()
        return _download(docx_bytes(document), DOCX_CONTENT_TYPE,
                         f"{document.title}-v{publication.number}.docx")


class PublicationXlsxView(PeriodMixin, View):
    def get(self, request, year, half, number):
        publication = self.publication()
        document = publication.content()
        return _download(xlsx_bytes(document), XLSX_CONTENT_TYPE,
                         f"{document.title}-v{publication.number}.xlsx")
