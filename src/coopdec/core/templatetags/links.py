from django import template
from django.utils.html import format_html

from coopdec.core.links import is_web_address

register = template.Library()


@register.simple_tag
def web_link(address: str, nofollow: bool = True) -> str:
    """The address as a link if it is http(s), as plain text otherwise (data written before
    the check, or by hand in the database, never becomes a clickable script)."""
    if not address:
        return ""
    if not is_web_address(address):
        return format_html("{}", address)
    rel = "nofollow noopener" if nofollow else "noopener"
    return format_html('<a href="{}" rel="{}">{}</a>', address, rel, address)
