from __future__ import annotations

from pathlib import Path

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from coopdec.core.collation import by_name
from coopdec.core.forms import (
    FilterForm,
    model_choice,
    public_flag_for_federation_only,
)
from coopdec.core.pickers import PickerWidget, bind_pickers
from coopdec.partnerships.models import Partnership
from coopdec.taxonomy.forms import ThemeChoiceField
from coopdec.territories.models import Area

from . import services
from .models import Post


class PostForm(forms.ModelForm):
    # A plain file field: the image is checked by ``services.check_image`` (format, weight,
    # size), with its messages.
    image = forms.FileField(
        label=_("Image"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
        help_text=_("JPEG, PNG or WebP, at most 2 MB."),
    )

    class Meta:
        model = Post
        fields = [
            "title",
            "summary",
            "body",
            "image",
            "image_description",
            "themes",
            "communes",
            "partnerships",
            "is_public",
        ]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 2}),
            "themes": forms.CheckboxSelectMultiple,
            "communes": PickerWidget(),
            "partnerships": PickerWidget(),
        }

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        public_flag_for_federation_only(self, user)
        if self.instance.published and not user.is_federation:
            # A proposed change is stored as values, not files: the image of a published
            # post is the federation's to change.
            self.fields.pop("image")
        model_choice(self, "communes").queryset = Area.objects.communes().order_by(by_name("name"))
        model_choice(self, "partnerships").queryset = Partnership.objects.visible_to(user).order_by(
            by_name("name")
        )
        bind_pickers(self, user=user)

    def clean_image(self):
        image = self.cleaned_data.get("image")
        if isinstance(image, UploadedFile):  # a new file (not the one kept)
            kind = services.check_image(image)
            # Named after what it is, so that it is served as such.
            image.name = (
                f"{Path(image.name or 'image').stem or 'image'}.{services.EXTENSIONS[kind]}"
            )
        return image

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("image") and not cleaned.get("image_description", "").strip():
            self.add_error("image_description", _("Say in a few words what the image shows."))
        return cleaned


class PostFilterForm(FilterForm):
    theme = ThemeChoiceField()
    lookups = {"theme": "themes"}
