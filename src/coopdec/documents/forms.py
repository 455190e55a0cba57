from __future__ import annotations

from django import forms

from coopdec.core.forms import DateInput

from .content import ACCEPTED, detect
from .models import Document


class DocumentForm(forms.ModelForm):
    """A file for the record the document is attached to (``instance.owner``)."""

    class Meta:
        model = Document
        fields = ["kind", "title", "audience", "file", "signed_on", "ends_on"]
        widgets = {
            "signed_on": DateInput(),
            "ends_on": DateInput(),
            "audience": forms.RadioSelect,
        }

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["file"].widget.attrs["accept"] = ",".join(
            f".{extension}" for extension in sorted(ACCEPTED)
        )

    def clean_file(self):
        uploaded = self.cleaned_data["file"]
        self.instance.content_type = detect(uploaded)
        self.instance.size = uploaded.size
        self.instance.uploaded_by = self.user
        return uploaded
