"""The demo's pictures: illustrations drawn by cms.illustrations, stored once as Wagtail images.

Idempotent: an image is looked up by its title and drawn only when missing, so a second
`seed_demo` makes no new files.
"""

from django.core.files.images import ImageFile

from cms import illustrations

# key: (image title, drawing function, keyword arguments)
ILLUSTRATIONS = {
    "city-visual": ("イラスト：須賀川の風景（牡丹と阿武隈川と山並み）", illustrations.landscape, {}),
    "water-visual": ("概略図：水道のしくみ（川から浄水場、配水池、家庭まで）", illustrations.water_system, {}),
    "kanko-visual": ("イラスト：牡丹園", illustrations.peony_garden, {"width": 1600, "height": 600}),
    "peony-garden": ("イラスト：須賀川牡丹園", illustrations.peony_garden, {}),
    "torch-festival": ("イラスト：松明あかし", illustrations.torch_festival, {}),
    "lake": ("イラスト：湖と山", illustrations.lake, {}),
    "park": ("イラスト：公園の池と森", illustrations.park, {}),
    "waterfall": ("イラスト：滝", illustrations.waterfall, {}),
    "building": ("イラスト：建物", illustrations.building, {}),
    "sorting": ("概略図：ごみの分け方", illustrations.sorting_diagram, {}),
}


def ensure_illustration(key):
    from io import BytesIO

    from wagtail.images import get_image_model

    Image = get_image_model()
    title, draw, kwargs = ILLUSTRATIONS[key]
    image = Image.objects.filter(title=title).first()
    if image is not None:
        return image
    picture = draw(**kwargs)
    data = BytesIO(illustrations.to_bytes(picture))
    image = Image(title=title)
    image.file.save(f"demo-{key}.png", ImageFile(data, name=f"demo-{key}.png"), save=False)
    image.save()
    return image


def ensure_spot_map(title, points):
    """概略図 of the spots: numbered markers at their coordinates (redrawn only when missing)."""
    from io import BytesIO

    from wagtail.images import get_image_model

    Image = get_image_model()
    image = Image.objects.filter(title=title).first()
    if image is not None:
        return image
    data = BytesIO(illustrations.to_bytes(illustrations.spot_map(points)))
    image = Image(title=title)
    image.file.save("demo-spot-map.png", ImageFile(data, name="demo-spot-map.png"), save=False)
    image.save()
    return image
