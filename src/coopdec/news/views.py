"""News pages: the list, a post, its image, and the forms to write one.

Reading: visitors the public posts, members every validated one
(``Post.objects.visible_to``); the image as its post. Writing: see ``rules``."""

from __future__ import annotations

from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _

from coopdec.accounts.http import SignedInRequest
from coopdec.core import access, exports
from coopdec.core.addresses import canonical
from coopdec.core.lists import list_page
from coopdec.review.editing import form_page

from .forms import PostFilterForm, PostForm
from .models import Post
from .rules import CHANGE_NEWS, WRITE_NEWS


@access.public
def post_list(request: HttpRequest) -> HttpResponse:
    form = PostFilterForm(request.GET)
    listed = form.apply(Post.objects.visible_to(request.user)).order_by("-created_at", "-pk")
    return list_page(
        request,
        "news/post_list.html",
        listed,
        form=form,
        rows=Post.objects.prefetch_related("themes"),
        export=post_rows,
        context={"may_write": request.user.has_perm(WRITE_NEWS)},
    )


def post_rows(listed) -> exports.Export:
    """The listed posts as the reader sees them (no author: a person)."""
    return exports.Export(
        "actualites",
        [_("Title"), _("Date"), _("In short"), _("Themes"), _("For everyone"), _("Page")],
        (
            [
                post.title,
                timezone.localdate(post.created_at),
                post.summary,
                "; ".join(theme.code for theme in post.themes.all()),
                post.is_public,
                post.get_absolute_url(),
            ]
            for post in listed
        ),
    )


@access.public
def post_detail(request: HttpRequest, pk: int, slug: str | None = None) -> HttpResponse:
    user = request.user
    post = get_object_or_404(
        Post.objects.visible_to(user).prefetch_related("themes", "communes"), pk=pk
    )
    moved = canonical(post, slug, post.title)
    if moved:
        return moved
    context = {"post": post, "may_edit": user.has_perm(CHANGE_NEWS, post)}
    return render(request, "news/post_detail.html", context)


@access.public
def post_image(request: HttpRequest, pk: int) -> FileResponse:
    """A post's image, for whoever may read the post (404 otherwise); kept by the
    reader's browser only (a post for members must not sit in a shared cache)."""
    post = get_object_or_404(Post.objects.visible_to(request.user).exclude(image=""), pk=pk)
    response = FileResponse(post.image.open("rb"))
    response["Cache-Control"] = "private, max-age=86400"
    return response


def _form(request: SignedInRequest, post: Post) -> HttpResponse:
    form = PostForm(request.POST or None, request.FILES or None, instance=post, user=request.user)
    title = _("Edit %(name)s") % {"name": post} if post.pk else _("Write a news item")
    return form_page(request, form, title=title, back=post if post.pk else None)


@access.permission(WRITE_NEWS)
def post_create(request: SignedInRequest) -> HttpResponse:
    return _form(request, Post(author=request.user))


@access.permission(CHANGE_NEWS)
def post_edit(request: SignedInRequest, pk: int) -> HttpResponse:
    post = get_object_or_404(Post.objects.editable_by(request.user), pk=pk)
    access.check(request, CHANGE_NEWS, post)
    return _form(request, post)
