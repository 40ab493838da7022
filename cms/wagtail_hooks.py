from wagtail import hooks

from cms.admin_chooser import restrict_to_own_sites


@hooks.register("construct_page_chooser_queryset")
def page_chooser_shows_own_sites(pages, request):
    return restrict_to_own_sites(pages, request)
