from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView, View

from accounts.mixins import RoleRequiredMixin
from accounts.roles import DECIDERS, READERS, WRITERS, has_role
from core.edit import RecordUpdateView
from core.exports import XLSX_CONTENT_TYPE, attachment
from core.periods import Period

from . import home, services
from .charts import bar_geometry
from .exports import docx_bytes, xlsx_bytes
from .forms import NarrativeForm, PublishForm
from .models import Publication, Summary

DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


class PeriodMixin(RoleRequiredMixin):
    def period(self) -> Period:
        try:
            return Period.asked(self.kwargs["year"], self.kwargs["half"])
        except ValueError:
            raise Http404 from None

    def summary(self) -> Summary | None:
        period = self.period()
        return Summary.objects.filter(year=period.year, half=period.half).first()

    def publication(self) -> Publication:
        period = self.period()
        return get_object_or_404(Publication.objects.select_related("published_by", "summary"),
                                 summary__year=period.year, summary__half=period.half,
                                 number=self.kwargs["number"])


def comparisons_shown(request) -> bool:
    """The year-earlier column beside the text: shown unless `?compare=0`."""
    return request.GET.get("compare") != "0"


class HomeView(TemplateView):
    """The signed-in user's to-dos and the current half-year's key figures (for the roles that
    read records), and the links of their work."""

    template_name = "reports/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if has_role(self.request.user, *READERS):
            period = home.current_period()
            context.update(period=period, todos=home.todos(self.request.user),
                           key_figures=home.key_figures(period))
        return context


class PeriodListView(RoleRequiredMixin, TemplateView):
    template_name = "reports/period_list.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(periods=services.period_rows(), **kwargs)


class SummaryView(PeriodMixin, TemplateView):
    template_name = "reports/summary.html"

    def get_context_data(self, **kwargs):
        period = self.period()
        summary = self.summary()
        assembly = services.assemble(period, summary)
        publications = list(summary.publications.select_related("published_by")
                            .order_by("-number")) if summary else []
        latest = publications[0] if publications else None
        return super().get_context_data(
            period=period, summary=summary, document=assembly.document,
            warnings=assembly.warnings, publications=publications, latest=latest,
            changes=services.changed_since(latest, assembly.document),
            charts=[bar_geometry(chart) for chart in assembly.document.charts],
            dropped=len(assembly.sentences) - len(assembly.document.sentences()),
            compare=comparisons_shown(self.request), live=True, **kwargs,
        )


class NarrativeEditView(PeriodMixin, RecordUpdateView):
    roles = WRITERS
    form_class = NarrativeForm
    template_name = "reports/summary_edit.html"
    success_message = gettext_lazy("The narrative was saved.")

    def get_object(self, queryset=None):
        return services.summary_for(self.period())

    def get_form_kwargs(self):
        assembly = services.assemble(self.period(), self.object)
        return {**super().get_form_kwargs(), "sentences": assembly.sentences,
                "headings": assembly.default_headings}


class PublishView(PeriodMixin, TemplateView):
    """The leader reads the warnings and confirms; publishing an unchanged document again
    makes no new version (services.summary_publish)."""

    roles = DECIDERS
    template_name = "reports/publish_confirm.html"

    def get_context_data(self, refused=(), **kwargs):
        period = self.period()
        assembly = services.assemble(period, self.summary())
        # Always the fingerprint of what this page shows: after a refusal, what is shown now.
        form = PublishForm(initial={"fingerprint": assembly.fingerprint},
                           warnings=len(assembly.warnings))
        return super().get_context_data(
            period=period, document=assembly.document, warnings=assembly.warnings, form=form,
            refused=refused, future=period.start > timezone.localdate(),
            latest=Publication.objects.filter(summary__year=period.year,
                                              summary__half=period.half)
            .order_by("-number").first(), **kwargs)

    def post(self, request, year, half):
        period = self.period()
        assembly = services.assemble(period, self.summary())
        form = PublishForm(request.POST, warnings=len(assembly.warnings))
        if not form.is_valid():
            refused = [error for errors in form.errors.values() for error in errors]
            return self.render_to_response(self.get_context_data(refused=refused))
        try:
            publication = services.summary_publish(
                period=period, by=request.user, seen=form.cleaned_data["fingerprint"])
        except ValidationError as error:
            return self.render_to_response(self.get_context_data(refused=error.messages))
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
            compare=comparisons_shown(self.request), live=False, **kwargs,
        )


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = attachment(filename)
    return response


class SummaryDocxView(PeriodMixin, View):
    """The live document as Word, marked 草稿: it is not a published version."""

    def get(self, request, year, half):
        document = services.assemble(self.period(), self.summary()).document
        return _download(docx_bytes(document, draft=True), DOCX_CONTENT_TYPE,
                         f"{document.title}（草稿）.docx")


class SummaryXlsxView(PeriodMixin, View):
    def get(self, request, year, half):
        document = services.assemble(self.period(), self.summary()).document
        return _download(xlsx_bytes(document), XLSX_CONTENT_TYPE, f"{document.title}.xlsx")


class PublicationDocxView(PeriodMixin, View):
    def get(self, request, year, half, number):
        publication = self.publication()
        document = publication.content()
        return _download(docx_bytes(document, draft=False, made_at=publication.published_at),
                         DOCX_CONTENT_TYPE,
                         f"{document.title}-v{publication.number}.docx")


class PublicationXlsxView(PeriodMixin, View):
    def get(self, request, year, half, number):
        publication = self.publication()
        document = publication.content()
        return _download(xlsx_bytes(document), XLSX_CONTENT_TYPE,
                         f"{document.title}-v{publication.number}.xlsx")
