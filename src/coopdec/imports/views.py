"""The import wizard: upload, columns and names, preview, commit; the history and undo."""

from __future__ import annotations

from django.contrib import messages
from django.core.files.base import ContentFile
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coopdec.core import access, exports

from . import pipeline
from .forms import MappingForm, SaveMappingForm, UploadForm
from .kinds import KINDS
from .models import ImportRun, SavedMapping
from .readers import FileRefused, read_table

RUN = "imports.run_import"


@access.permission(RUN)
def import_list(request):
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        uploaded, table = form.cleaned_data["file"], form.cleaned_data["table"]
        kind = KINDS[form.cleaned_data["kind"]]
        saved = form.cleaned_data["saved"]
        uploaded.seek(0)
        run = ImportRun(
            kind=kind.key,
            file_name=uploaded.name[:255],
            sheet=table.sheet,
            state=ImportRun.State.DRAFT,
            author=request.user,
            mapping=pipeline.reuse_mapping(kind, saved.mapping if saved else {}, table.header),
        )
        run.file.save(uploaded.name, ContentFile(uploaded.read()), save=False)
        run.save()
        return redirect("imports:draft", pk=run.pk)
    runs = list(
        ImportRun.objects.exclude(state=ImportRun.State.DRAFT).select_related(
            "author", "undone_by"
        )[:50]
    )
    for run in runs:
        run.kind_label = KINDS[run.kind].label if run.kind in KINDS else run.kind
    return render(
        request, "imports/list.html", {"form": form, "runs": runs, "kinds": KINDS.values()}
    )


@access.permission(RUN)
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


def _prepare(run: ImportRun, data=None):
    """The draft's table, the form of its columns and picks, and its preview (or the
    reason there is none yet)."""
    kind = KINDS[run.kind]
    try:
        with run.file.open("rb") as handle:
            table = read_table(handle, sheet=run.sheet or None)
    except OSError as error:
        raise FileRefused(_("The uploaded file is no longer there: upload it again.")) from error
    columns, choices = run.mapping.get("columns", {}), run.mapping.get("choices", {})
    new_country = run.mapping.get("new_country")
    try:
        preview = pipeline.preview(kind, table, columns, choices, new_country)
        problem = ""
    except pipeline.ImportRefused as error:
        preview, problem = None, str(error)
    picks = {}
    for row in preview.rows if preview else []:
        for key, options in row.options.items():
            picks.setdefault(key, options)
    form = MappingForm(
        data,
        kind=kind,
        header=table.header,
        columns=columns,
        picks=picks.items(),
        choices=choices,
        new_country=new_country,
    )
    return kind, table, form, preview, problem


def _draft(request, pk: int) -> ImportRun:
    return get_object_or_404(ImportRun, pk=pk, state=ImportRun.State.DRAFT)


@access.permission(RUN)
def draft(request, pk: int):
    run = _draft(request, pk)
    try:
        kind, table, form, preview, problem = _prepare(run, request.POST or None)
    except FileRefused as error:
        messages.error(request, str(error))
        return redirect("imports:list")
    if request.method == "POST" and form.is_valid():
        run.mapping = form.mapping(run.mapping)
        run.save(update_fields=["mapping"])
        return redirect("imports:draft", pk=run.pk)
    context = {
        "run": run,
        "save_form": SaveMappingForm(prefix="save"),
        "kind": kind,
        "table": table,
        "form": form,
        "preview": preview,
        "problem": problem,
        "rows": preview.rows[:200] if preview else [],
    }
    return render(request, "imports/draft.html", context)


@access.permission(RUN)
@require_POST
def save_mapping(request, pk: int):
    """Keep the draft's columns and picks under a name (the same name is replaced)."""
    run = _draft(request, pk)
    form = SaveMappingForm(request.POST, prefix="save")
    if not form.is_valid():
        messages.error(request, _("Give a name of at most 100 characters."))
        return redirect("imports:draft", pk=run.pk)
    try:
        with run.file.open("rb") as handle:
            header = read_table(handle, sheet=run.sheet or None).header
    except (OSError, FileRefused):
        messages.error(request, _("The uploaded file is no longer there: upload it again."))
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


@access.permission(RUN)
@require_POST
def commit(request, pk: int):
    run = _draft(request, pk)
    try:
        _kind, _table, _form, preview, problem = _prepare(run)
    except FileRefused as error:
        messages.error(request, str(error))
        return redirect("imports:list")
    if preview is None or not preview.clean:
        messages.error(
            request, problem or _("Some rows have errors or names to pick: nothing was imported.")
        )
        return redirect("imports:draft", pk=run.pk)
    pipeline.commit(preview, author=request.user, run=run)
    summary = preview.summary
    messages.success(
        request,
        _("Imported: %(new)d new, %(update)d updated, %(unchanged)d unchanged.") % summary,
    )
    return redirect("imports:list")


@access.permission(RUN)
@require_POST
def undo(request, pk: int):
    run = get_object_or_404(ImportRun, pk=pk)
    try:
        pipeline.undo(run, author=request.user)
    except pipeline.ImportRefused as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The import of %(file)s was undone.") % {"file": run.file_name})
    return redirect("imports:list")
