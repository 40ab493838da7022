"""Non-page views of the city site for the accessibility crawl (routable sub-pages, light disaster top)."""

from wagtail.models import Site


def extra_paths():
    from home.models import DepartmentIndexPage, LifeEvent, LifeEventIndexPage, NewsIndexPage

    paths = []
    for site in Site.objects.select_related("root_page"):
        root = site.root_page
        if root.specific_class.__name__ != "CityHomePage":
            continue
        paths.append((site, "/?disaster-preview=1"))
        # The foreign-language tops switch too; one of them is enough to check the lang="ja" marking.
        translation = root.get_translations().select_related("locale").first()
        if translation is not None:
            paths.append((site, f"/{translation.locale.language_code}/?disaster-preview=1"))
        life_index = LifeEventIndexPage.objects.child_of(root).live().first()
        if life_index is not None:
            paths += [
                (site, f"{life_index.url_path[len(root.url_path) - 1 :]}{event.slug}/")
                for event in LifeEvent.objects.all()
            ]
        department_index = DepartmentIndexPage.objects.child_of(root).live().first()
        if department_index is not None:
            department = department_index_department(department_index)
            if department is not None:
                paths.append((site, f"{department_index.url_path[len(root.url_path) - 1 :]}{department.pk}/"))
        news_index = NewsIndexPage.objects.child_of(root).live().first()
        if news_index is not None:
            base = news_index.url_path[len(root.url_path) - 1 :]
            paths += [(site, f"{base}?category=bousai"), (site, f"{base}?page=2")]
    return paths


def department_index_department(index):
    """One 担当課 with pages is enough: every department page uses the same template."""
    from cms.models import Department
    from home.models import ContentPage

    department_id = (
        ContentPage.objects.live()
        .descendant_of(index.get_parent())
        .exclude(department=None)
        .values_list("department", flat=True)
        .first()
    )
    return (
        Department.objects.filter(pk=department_id).first() if department_id else Department.objects.first()
    )
