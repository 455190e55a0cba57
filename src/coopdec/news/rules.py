"""Who may do what with news.

Visitors read the public posts; members every validated post. The federation writes them;
partners propose theirs (validated by the federation as its settings say) and change their
own."""

import rules

from coopdec.accounts.rules import is_federation, is_partner

from .models import Post

WRITE_NEWS = "news.add_post"
CHANGE_NEWS = "news.change_post"


@rules.predicate
def wrote(user, post) -> bool:
    if post is None:
        return True
    return Post.objects.editable_by(user).filter(pk=post.pk).exists()


rules.add_perm(WRITE_NEWS, is_federation | is_partner)
rules.add_perm(CHANGE_NEWS, is_federation | (is_partner & wrote))
