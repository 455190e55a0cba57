from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .kinds import KINDS
from .readers import FileRefused, read_table


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

    def clean(self):
        cleaned = super().clean()
        uploaded = cleaned.get("file")
        if uploaded is not None:
            try:
                cleaned["table"] = read_table(uploaded, sheet=cleaned.get("sheet") or None)
            except FileRefused as error:
                self.add_error("file", str(error))
        return cleaned


class MappingForm(forms.Form):
    """Which field each column gives, and which record each uncertain name means."""

    def __init__(self, *args, kind, header, columns, picks, choices, **kwargs) -> None:
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
        labels = {column.field: column.label for column in kind.columns}
        self.picks = list(picks)
        for index, ((name, text), options) in enumerate(self.picks):
            self.fields[f"pick_{index}"] = forms.TypedChoiceField(
                label=f"{labels[name]} : {text}",
                choices=[("", _("— to decide —"))] + list(options),
                coerce=int,
                required=False,
                initial=choices.get(name, {}).get(text, ""),
            )

    def column_fields(self):
        return [self[f"column_{index}"] for index in range(len(self.header))]

    def pick_fields(self):
        return [self[f"pick_{index}"] for index in range(len(self.picks))]

    def clean(self):
        cleaned = super().clean()
        given = [cleaned.get(f"column_{i}") for i in range(len(self.header))]
        chosen = [name for name in given if name]
        if len(chosen) != len(set(chosen)):
            raise forms.ValidationError(_("Two columns give the same field: keep one."))
        return cleaned

    def mapping(self, choices: dict) -> dict:
        columns = {
            title: self.cleaned_data[f"column_{index}"]
            for index, title in enumerate(self.header)
            if self.cleaned_data.get(f"column_{index}")
        }
        picked = {name: dict(values) for name, values in choices.items()}
        for index, ((name, text), _options) in enumerate(self.picks):
            value = self.cleaned_data.get(f"pick_{index}")
            if value:
                picked.setdefault(name, {})[text] = value
        return {"columns": columns, "choices": picked}
