from decimal import ROUND_DOWN, Decimal

from django import template
from django.contrib.humanize.templatetags.humanize import intcomma

register = template.Library()


@register.filter
def yen_number(value):
    """1650 → 「1,650」, 187.50 → 「187.5」: amounts as a city's rate table prints them."""
    if value is None or value == "":
        return ""
    number = Decimal(value).quantize(Decimal("0.01"), rounding=ROUND_DOWN)
    whole = int(number)
    fraction = str(number).split(".")[1].rstrip("0") if "." in str(number) else ""
    return f"{intcomma(whole)}.{fraction}" if fraction else intcomma(whole)


@register.filter
def add_bill(first, second):
    return [bill for bill in (first, second) if bill]


def describedby(field):
    ids = []
    if field.help_text:
        ids.append(f"{field.auto_id}_help")
    if field.errors:
        ids.append(f"{field.auto_id}_error")
    return " ".join(ids)


@register.simple_tag
def field_with_aria(field):
    """The widget with aria-describedby (help and error) and aria-invalid when it has an error."""
    attrs = {}
    ids = describedby(field)
    if ids:
        attrs["aria-describedby"] = ids
    if field.errors:
        attrs["aria-invalid"] = "true"
    if field.field.required:
        attrs["aria-required"] = "true"
    return field.as_widget(attrs=attrs)


@register.filter
def field_describedby(field):
    return describedby(field)


@register.filter
def error_anchor(field):
    """Where an error-summary link points: the first radio button of a group, else the input."""
    if getattr(field.field.widget, "input_type", "") == "radio":
        return f"{field.auto_id}_0"
    return field.id_for_label or field.auto_id


@register.simple_tag
def advance_notice():
    """「3開庁日前まで（…は数えません）」 from the application form's own rule."""
    from water.business_days import advance_notice_text

    return advance_notice_text()
