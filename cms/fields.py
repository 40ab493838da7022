"""Model fields the apps declare the same way."""

from django.db import models


def optional_link(to, verbose_name, related_name="+", **options):
    """A link to another row (an image, a page, a 担当課) that an editor may leave empty.

    Deleting the row it points to empties the link instead of deleting this one. `related_name="+"`:
    the target does not list what links to it, unless the caller names the reverse relation.
    """
    return models.ForeignKey(
        to,
        verbose_name=verbose_name,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name=related_name,
        **options,
    )
