from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class CommentForm(forms.Form):
    text = forms.CharField(
        label=_("Your comment"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Read by everyone who may see this record. Name no one who is not part of it."),
    )
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)


class DeletionForm(forms.Form):
    reason = forms.CharField(
        label=_("Why it is deleted"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Kept in place of the comment, for its author and the readers."),
    )
