"""The import wizard: upload, columns and names, preview, commit; the history and undo."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coopdec.core import access, exports
from coopdec.core.typography import elide

from . import drafts, pipeline
from .forms import MappingForm, SaveMappingForm, UploadForm
from .kinds import KINDS
from .models import ImportRun, SavedMapping, Work
from .readers import FileRefused
from .rules import RUN_IMPORT


@access.permission(RUN_IMPORT)
def import_list(request):
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        uploaded, table = form.cleaned_data["file"], form.cleaned_data["table"]
        kind = KINDS[form.cleaned_data["kind"]]
        saved = form.cleaned_data["saved"]
        uploaded.seek(0)
        run = drafts.create(kind, uploaded.name, uploaded.read(), table, request.user, saved)
        return redirect("imports:draft", pk=run.pk)
    runs = list(
        ImportRun.objects.exclude(state=ImportRun.State.DRAFT).select_related(
            "author", "undone_by"
        )[:50]
    )
    drafted = list(
        ImportRun.objects.filter(state=ImportRun.State.DRAFT).select_related("author")[:20]
    )
    for run in runs + drafted:
        run.kind_label = KINDS[run.kind].label if run.kind in KINDS else run.kind
    return render(
        request,
        "imports/list.html",
        {"form": form, "runs": runs, "drafts": drafted, "kinds": KINDS.values()},
    )


@access.permission(RUN_IMPORT)
def template(request, kind: str):
    """A blank spreadsheet for one kind: the columns the import reads, an example row."""
    if kind not in KINDS:
        raise Http404
    importer = KINDS[kind]
    return exports.as_xlsx(
        exports.Export(
            f"modele-{slugify(str(importer.label))}",
            [column.label for column in importer.columns],
            [[importer.example.get(column.field, "") for column in importer.columns]],
        )
    )


def _form(run: ImportRun, outcome: dict, data=None) -> MappingForm:
    return MappingForm(
        data,
        kind=KINDS[run.kind],
        header=outcome["header"],
        columns=run.mapping.get("columns", {}),
        # (A check stored before picks carried their row has three items.)
        picks=[
            ((name, text), options, row[0] if row else "")
            for name, text, options, *row in outcome["picks"]
        ],
        choices=run.mapping.get("choices", {}),
        new_country=run.mapping.get("new_country"),
        always=run.mapping.get("always", {}),
        create_all=run.mapping.get("create_all", False),
        words=outcome.get("words", []),
        meanings=run.mapping.get("words", {}),
    )


def _draft(request, pk: int) -> ImportRun:
    return get_object_or_404(ImportRun, pk=pk, state=ImportRun.State.DRAFT)


@access.permission(RUN_IMPORT)
def draft(request, pk: int):
    """The draft's columns, names to pick and preview; while the worker checks or imports
    a long file, its progress (the page refreshes itself)."""
    run = get_object_or_404(ImportRun, pk=pk)
    if run.state != ImportRun.State.DRAFT:
        return redirect("imports:list")  # imported meanwhile, by the worker
    context = {"run": run, "kind": KINDS[run.kind], "save_form": SaveMappingForm(prefix="save")}
    if run.working:
        if drafts.stalled(run):
            drafts.take_up(run)  # its worker died: started again, the page says so
        return render(request, "imports/working.html", context)
    if drafts.in_background(run):
        outcome = drafts.stored_check(run)
        if outcome is None and run.failure:
            messages.error(request, run.failure)  # the worker could not check the file
            return redirect("imports:list")
        if outcome is None:
            drafts.start(run, Work.CHECKING, request.user, get_language())
            return redirect("imports:draft", pk=run.pk)
    else:
        try:
            outcome = drafts.check(run)
        except FileRefused as error:
            messages.error(request, str(error))
            return redirect("imports:list")
    form = _form(run, outcome, request.POST or None)
    if request.method == "POST" and form.is_valid():
        run.mapping, run.failure = form.mapping(run.mapping), ""
        run.save(update_fields=["mapping", "failure"])
        return redirect("imports:draft", pk=run.pk)
    return render(request, "imports/draft.html", {**context, "form": form, "outcome": outcome})


@access.permission(RUN_IMPORT)
@require_POST
def save_mapping(request, pk: int):
    """Keep the draft's columns and picks under a name (the same name is replaced)."""
    run = _draft(request, pk)
    form = SaveMappingForm(request.POST, prefix="save")
    if not form.is_valid():
        messages.error(request, _("Give a name of at most 100 characters."))
        return redirect("imports:draft", pk=run.pk)
    try:
        header = drafts.read(run).header
    except FileRefused as error:
        messages.error(request, str(error))
        return redirect("imports:list")
    SavedMapping.objects.update_or_create(
        kind=run.kind,
        name=form.cleaned_data["name"],
        defaults={
            "mapping": pipeline.mapping_to_keep(run.mapping, header),
            "author": request.user,
        },
    )
    messages.success(
        request, _("The columns were saved as “%(name)s”.") % {"name": form.cleaned_data["name"]}
    )
    return redirect("imports:draft", pk=run.pk)


@access.permission(RUN_IMPORT)
@require_POST
def commit(request, pk: int):
    run = _draft(request, pk)
    if run.working:
        return redirect("imports:draft", pk=run.pk)
    if drafts.in_background(run):
        drafts.start(run, Work.IMPORTING, request.user, get_language())
        return redirect("imports:draft", pk=run.pk)
    try:
        summary = drafts.commit(run, author=request.user)
    except FileRefused as error:
        messages.error(request, str(error))
        return redirect("imports:list")
    except pipeline.ImportRefused as error:
        messages.error(request, str(error))
        return redirect("imports:draft", pk=run.pk)
    messages.success(
        request,
        _("Imported: %(new)d new, %(update)d updated, %(unchanged)d unchanged.") % summary,
    )
    return redirect("imports:list")


@access.permission(RUN_IMPORT)
@require_POST
def undo(request, pk: int):
    run = get_object_or_404(ImportRun, pk=pk)
    try:
        pipeline.undo(run, author=request.user)
    except pipeline.ImportRefused as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, elide(_("The import of %(file)s was undone.") % {"file": run.file_name})
        )
    return redirect("imports:list")
