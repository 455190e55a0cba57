from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from coopdec.core.typography import labelled
from coopdec.territories.forms import CountryChoiceField
from coopdec.territories.models import Country

from .kinds import ABROAD, HOME, KINDS, LOCAL
from .models import SavedMapping
from .pipeline import CREATABLE, NEW_RECORD, TO_CONFIRM
from .readers import FileRefused, read_table

# Columns whose names are places: a pick may be kept as the place's other name.
AREAS = (HOME, ABROAD, LOCAL)


class SavedMappingField(forms.ModelChoiceField):
    """Saved columns, named with the kind of records they import."""

    def label_from_instance(self, obj) -> str:
        kind = KINDS.get(obj.kind)
        return f"{obj.name} ({kind.label if kind else obj.kind})"


class UploadForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What the file lists"),
        choices=[(key, kind.label) for key, kind in KINDS.items()],
    )
    file = forms.FileField(
        label=_("Spreadsheet"), help_text=_("CSV, XLSX or ODS; the first row of titles is found.")
    )
    sheet = forms.CharField(
        label=_("Sheet"), required=False, max_length=100, help_text=_("Empty: the first sheet.")
    )
    saved = SavedMappingField(
        SavedMapping.objects.all(),
        label=_("Saved columns"),
        required=False,
        empty_label=_("— suggest them from the titles —"),
        help_text=_("The columns and names picked for an earlier file of the same source."),
    )

    def clean(self):
        cleaned = super().clean()
        saved, kind = cleaned.get("saved"), cleaned.get("kind")
        if saved is not None and kind and saved.kind != kind:
            self.add_error(
                "saved",
                _("These columns are for %(kind)s: choose them with that kind of records.")
                % {"kind": KINDS[saved.kind].label if saved.kind in KINDS else saved.kind},
            )
        uploaded = cleaned.get("file")
        if uploaded is not None:
            try:
                cleaned["table"] = read_table(uploaded, sheet=cleaned.get("sheet") or None)
            except FileRefused as error:
                self.add_error("file", str(error))
        return cleaned


class MappingForm(forms.Form):
    """Which field each column gives, and which record each uncertain name means."""

    def __init__(
        self,
        *args,
        kind,
        header,
        columns,
        picks,
        choices,
        new_country=None,
        always=None,
        create_all=False,
        words=(),
        meanings=None,
        **kwargs,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.kind, self.header = kind, header
        fields = [("", _("— not imported —"))] + [(c.field, c.label) for c in kind.columns]
        for index, title in enumerate(header):
            self.fields[f"column_{index}"] = forms.ChoiceField(
                label=title or _("(column without a title)"),
                choices=fields,
                required=False,
                initial=columns.get(title, ""),
            )
        columns_by_field = {column.field: column for column in kind.columns}
        # Words of the file that mean nothing known: said once, kept with the mapping.
        self.words = [(name, word) for name, word, _options in words]
        for index, (name, word, options) in enumerate(words):
            self.fields[f"word_{index}"] = forms.ChoiceField(
                label=labelled(columns_by_field[name].label, word),
                choices=[("", _("— to decide —")), *[tuple(option) for option in options]],
                required=False,
                initial=(meanings or {}).get(name, {}).get(word, ""),
            )
        self.picks = list(picks)
        creatable = False
        for index, ((name, text), options, row) in enumerate(self.picks):
            column = columns_by_field[name]
            extra = []
            if column.resolve in CREATABLE:
                creatable = True
                extra = [(NEW_RECORD, _("Create a new record for this name"))]
            if column.resolve == HOME:
                extra = [
                    (
                        TO_CONFIRM,
                        _("Commune to confirm: record it in the prefecture or region they share"),
                    )
                ]
            self.fields[f"pick_{index}"] = forms.TypedChoiceField(
                label=labelled(column.label, text),
                choices=[("", _("— to decide —")), *options, *extra],
                coerce=lambda value: value if value in (NEW_RECORD, TO_CONFIRM) else int(value),
                required=False,
                initial=choices.get(name, {}).get(text, ""),
                help_text=row,  # the row's other cells: what it says beside the name
            )
            if column.resolve in AREAS:
                self.fields[f"always_{index}"] = forms.BooleanField(
                    label=_("“%(name)s” always means this one (read so in the next files)")
                    % {"name": text},
                    required=False,
                    initial=text in (always or {}).get(name, []),
                )
        if creatable:
            self.fields["create_all"] = forms.BooleanField(
                label=_(
                    "Create every partner or organisation of this file that nothing recorded "
                    "bears (the names left above)"
                ),
                required=False,
                initial=bool(create_all),
            )
            self.fields["new_country"] = CountryChoiceField(
                Country.objects.exclude(code=settings.COOPDEC_HOME_COUNTRY),
                to_field_name="code",
                label=_("Country of the records to create"),
                required=False,
                initial=new_country or "FR",
                help_text=_("Local governments and organisations created for names above."),
            )

    def column_fields(self):
        return [self[f"column_{index}"] for index in range(len(self.header))]

    def word_fields(self):
        return [self[f"word_{index}"] for index in range(len(self.words))]

    def pick_fields(self):
        """Each pick, with its "always means this" box where the name is a place."""
        return [
            (
                self[f"pick_{index}"],
                self[f"always_{index}"] if f"always_{index}" in self.fields else None,
            )
            for index in range(len(self.picks))
        ]

    def clean(self):
        cleaned = super().clean()
        given = [cleaned.get(f"column_{i}") for i in range(len(self.header))]
        chosen = [name for name in given if name]
        if len(chosen) != len(set(chosen)):
            raise forms.ValidationError(_("Two columns give the same field: keep one."))
        return cleaned

    def mapping(self, previous: dict) -> dict:
        """The draft's new mapping: these columns, the earlier picks and these ones."""
        choices = previous.get("choices", {})
        columns = {
            title: self.cleaned_data[f"column_{index}"]
            for index, title in enumerate(self.header)
            if self.cleaned_data.get(f"column_{index}")
        }
        picked = {name: dict(values) for name, values in choices.items()}
        always = {name: set(texts) for name, texts in previous.get("always", {}).items()}
        for index, ((name, text), _options, _row) in enumerate(self.picks):
            value = self.cleaned_data.get(f"pick_{index}")
            if value:
                picked.setdefault(name, {})[text] = value
            if self.cleaned_data.get(f"always_{index}") and isinstance(value, int):
                always.setdefault(name, set()).add(text)
            else:
                always.get(name, set()).discard(text)
        mapping: dict[str, object] = {"columns": columns, "choices": picked}
        meanings = {name: dict(said) for name, said in previous.get("words", {}).items()}
        for index, (name, word) in enumerate(self.words):
            if self.cleaned_data.get(f"word_{index}"):
                meanings.setdefault(name, {})[word] = self.cleaned_data[f"word_{index}"]
        if meanings:
            mapping["words"] = meanings
        kept = {name: sorted(texts) for name, texts in always.items() if texts}
        if kept:
            mapping["always"] = kept
        if self.cleaned_data.get("create_all"):
            mapping["create_all"] = True
        country = self.cleaned_data.get("new_country")
        if country or previous.get("new_country"):
            mapping["new_country"] = country.code if country else previous["new_country"]
        return mapping


class SaveMappingForm(forms.Form):
    name = forms.CharField(
        label=_("Save these columns as"),
        max_length=100,
        help_text=_("A name for the source, e.g. “Annual table of the French twinning towns”."),
    )
