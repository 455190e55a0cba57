"""Choosing records among thousands, without JavaScript, and creating one in place.

A *picker* replaces the drop-down list of a field that offers records (50,000 local
governments abroad do not fit in a ``<select>``, nor on a phone): it shows the records
chosen so far as ticked boxes, and a search box. The form is sent to search: the page comes
back with the matching records as boxes to tick, the form's other values kept, nothing
saved. The search box comes back empty, so that the next "Save" saves.

A picker may also offer to *create* the record that is missing (a ``Creator``): a few
fields under the matches, checked for records that look the same (the same name in the same
country is shown first, and created anyway only when the person says so). The new record
is ticked in the form, which stays where it was. Saving the new record is the caller's
(``review.editing.form_page``), so that it goes through the federation's review like any
other.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.db.models import Model, QuerySet
from django.forms.utils import ErrorDict
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

# A search longer than this is not a name anyone types: it is refused with a message.
MAX_QUERY = 100
# Matches shown for one search; a longer list asks for a more precise search.
MAX_MATCHES = 20
SEARCH = "_search"
CREATE = "_create"
CONFIRM = "confirm"


def query_name(name: str) -> str:
    return f"{name}__q"


def new_prefix(name: str) -> str:
    return f"new-{name}"


@dataclass(frozen=True)
class Creator:
    """How a picker creates the record it misses.

    ``form``: the new record's fields (a plain form; the picker adds the "create anyway"
    box); ``similar``: the existing records that look like the one described and that the
    user may see (shown first);
    ``build``: the unsaved record and the values to save, from the form's cleaned data;
    ``permission``: who may create one.
    """

    label: StrOrPromise
    form: type[forms.Form]
    similar: Callable[[dict, Any], QuerySet]
    build: Callable[[dict], tuple[Model, dict]]
    permission: str


class PickerWidget(forms.Widget):
    """The chosen records as ticked boxes, a search box and, after a search, its matches."""

    template_name = "components/picker.html"
    allow_multiple_selected = True

    def __init__(
        self, *, describe: Callable[[Any], str] = str, multiple: bool = True, attrs=None
    ) -> None:
        super().__init__(attrs)
        self.describe = describe
        self.multiple = multiple
        self.queryset: QuerySet | None = None
        self.data: Any = {}
        self.creator: Creator | None = None
        self.new_form: forms.Form | None = None
        self.similar: list[tuple[int, str]] = []
        self.may_create = False

    def __deepcopy__(self, memo):
        copy = super().__deepcopy__(memo)
        copy.data, copy.new_form, copy.similar = {}, None, []
        return copy

    def value_from_datadict(self, data, files, name):
        getter = getattr(data, "getlist", None)
        if not self.multiple:
            return data.get(name) or None
        return getter(name) if getter else data.get(name)

    def value_omitted_from_data(self, data, files, name) -> bool:
        return False  # no box ticked is a choice: none

    def query(self, name: str) -> str:
        return " ".join(str(self.data.get(query_name(name), "") or "").split())

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        assert self.queryset is not None, "bind_pickers(form) sets the records offered"
        chosen_keys = _keys(value)
        chosen = list(self.queryset.filter(pk__in=chosen_keys)) if chosen_keys else []
        query = self.query(name)
        matches: list[Any] = []
        problem = ""
        if len(query) > MAX_QUERY:
            problem = _("A search holds at most %(count)d characters.") % {"count": MAX_QUERY}
        elif query:
            found = self.queryset.search(query).exclude(pk__in=chosen_keys)
            matches = list(found[: MAX_MATCHES + 1])
        context["widget"].update(
            {
                "chosen": [(record.pk, self.describe(record)) for record in chosen],
                "query": query if not problem else "",
                "problem": problem,
                "matches": [(record.pk, self.describe(record)) for record in matches[:MAX_MATCHES]],
                "more": len(matches) > MAX_MATCHES,
                "query_name": query_name(name),
                "input_type": "checkbox" if self.multiple else "radio",
                "search": SEARCH,
                "create": CREATE,
                "creator": self.creator if self.may_create else None,
                "new_form": self.new_form,
                "similar": self.similar,
            }
        )
        return context


def _keys(value) -> list[int]:
    """The record keys among submitted values; anything else (text, keys past 64 bits) is
    left for the field's own cleaning to refuse."""
    keys = []
    for item in value if isinstance(value, list | tuple) else [value]:
        text = str(item.pk if isinstance(item, Model) else item or "")
        if text.isdigit() and len(text) < 19:
            keys.append(int(text))
    return keys


def pickers(form: forms.BaseForm) -> dict[str, PickerWidget]:
    return {
        name: field.widget
        for name, field in form.fields.items()
        if isinstance(field.widget, PickerWidget)
    }


def bind_pickers(form: forms.BaseForm, *, user, creators: dict[str, Creator] | None = None) -> None:
    """Give the form's pickers the records they offer, what was typed, and the creators
    the user may use. Call at the end of the form's ``__init__``."""
    for name, widget in pickers(form).items():
        field = form.fields[name]
        assert isinstance(field, forms.ModelChoiceField)
        widget.queryset = field.queryset
        widget.data = form.data
        creator = (creators or {}).get(name)
        if creator is not None:
            widget.creator = creator
            widget.may_create = user.has_perm(creator.permission)
            widget.new_form = new_form(creator, None, new_prefix(name))


def new_form(creator: Creator, data, prefix: str | None = None) -> forms.Form:
    """The creator's form, with the box that says to create the record anyway."""
    new = creator.form(data, prefix=prefix)
    new.fields[CONFIRM] = forms.BooleanField(
        required=False,
        label=_("None of the records above: create it anyway"),
    )
    return new


def searching(form: forms.BaseForm) -> bool:
    """Whether the form was sent to search for records rather than to be saved."""
    return form.is_bound and (
        SEARCH in form.data or any(w.query(n) for n, w in pickers(form).items())
    )


def creating(form: forms.BaseForm) -> str | None:
    """The picker asked to create its record, if any (and if the form has it)."""
    name = form.data.get(CREATE) if form.is_bound else None
    return name if name in pickers(form) and pickers(form)[name].creator else None


def held(form: forms.BaseForm) -> bool:
    """Whether the form was sent to search rather than to be saved; if so, it is shown
    again as it was sent (``quiet``)."""
    if searching(form):
        quiet(form)
        return True
    return False


def quiet(form: forms.BaseForm) -> None:
    """Show the form again as it was sent, without complaining of what is not done yet."""
    form._errors = ErrorDict()  # type: ignore[attr-defined]


@dataclass
class Creation:
    """What asking a picker to create its record came to."""

    record: Model | None = None
    values: dict | None = None


def prepare_creation(form: forms.BaseForm, name: str, user) -> Creation:
    """Check the new record's fields and look for records like it; the record to save
    when they are valid and nothing like it exists (or the person said to create it
    anyway). Otherwise the picker shows the problems or the similar records."""
    widget = pickers(form)[name]
    creator = widget.creator
    assert creator is not None
    new = new_form(creator, form.data, new_prefix(name))
    widget.new_form = new
    if not new.is_valid():
        return Creation()
    similar = list(creator.similar(new.cleaned_data, user)[: MAX_MATCHES + 1])
    if similar and not new.cleaned_data.get(CONFIRM):
        widget.similar = [(record.pk, widget.describe(record)) for record in similar]
        return Creation()
    record, values = creator.build(new.cleaned_data)
    return Creation(record=record, values=values)


def choose(form: forms.BaseForm, name: str, record: Model) -> None:
    """The form as sent, with ``record`` ticked in the picker ``name`` and its new-record
    fields emptied."""
    data: QueryDict = form.data.copy()  # type: ignore[attr-defined]
    prefix = new_prefix(name) + "-"
    for key in [key for key in data if key.startswith(prefix)]:
        del data[key]
    if pickers(form)[name].multiple:
        data.setlist(name, [*data.getlist(name), str(record.pk)])
    else:
        data[name] = str(record.pk)
    data.pop(CREATE, None)
    form.data = data
    for widget in pickers(form).values():
        widget.data = data
    creator = pickers(form)[name].creator
    assert creator is not None
    pickers(form)[name].new_form = new_form(creator, None, new_prefix(name))
