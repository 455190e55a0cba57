from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Theme


class ThemeChoiceField(forms.ModelChoiceField):
    """A theme by its code; for filters."""

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("label", _("Theme"))
        kwargs.setdefault("empty_label", _("All themes"))
        super().__init__(queryset=Theme.objects.all(), to_field_name="code", **kwargs)
