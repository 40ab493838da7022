"""Validation of page forms: the editor checks run when a page is saved.

Errors block publishing (and submitting for approval) for 各課編集者; 秘書広報課 may publish anyway
(the problems are shown to them as warnings). Saving a draft never blocks: the problems are listed
as warnings so that work is never lost. Applied to every page type by `A11yConfig.ready`.
"""

from django.core.exceptions import ValidationError
from wagtail.admin.forms.pages import WagtailAdminPageForm
from wagtail.blocks import StreamBlockValidationError
from wagtail.fields import StreamField

from cms.a11y.content import form_problems
from cms.a11y.permissions import can_override

# Buttons of the page editor that publish or send a page on its way to publication.
PUBLISHING_ACTIONS = ("action-publish", "action-submit", "action-restart-workflow", "action-workflow-action")


class AccessibilityCheckedFormMixin:
    a11y_problems = ()
    a11y_overridden = False

    def clean(self):
        cleaned_data = super().clean()
        by_field = form_problems(self._meta.model, cleaned_data)
        self.a11y_problems = [problem for problems in by_field.values() for problem in problems]
        errors = {name: [p for p in problems if p.is_error] for name, problems in by_field.items()}
        errors = {name: problems for name, problems in errors.items() if problems}
        if errors and self.is_publishing():
            if can_override(getattr(self, "for_user", None)):
                self.a11y_overridden = True
            else:
                for name, problems in errors.items():
                    self.add_a11y_errors(name, problems)
        return cleaned_data

    def is_publishing(self):
        return self.is_bound and any(action in self.data for action in PUBLISHING_ACTIONS)

    def add_a11y_errors(self, name, problems):
        model_field = self._meta.model._meta.get_field(name)
        if isinstance(model_field, StreamField):
            block_errors = {}
            for problem in problems:
                block_errors.setdefault(problem.block_index, []).append(problem.message())
            # Shown on the offending block; problems across blocks (heading order) above the field.
            non_block = block_errors.pop(None, [])
            error = StreamBlockValidationError(
                block_errors={index: ValidationError(messages) for index, messages in block_errors.items()},
                non_block_errors=[
                    "アクセシビリティのエラーがあるため公開できません。各ブロックの説明に沿って直してください。",
                    *non_block,
                ],
            )
            self.add_error(name, error)
        else:
            self.add_error(name, [problem.message() for problem in problems])


def checked_form_class(base):
    if issubclass(base, AccessibilityCheckedFormMixin):
        return base
    return type(f"AccessibilityChecked{base.__name__}", (AccessibilityCheckedFormMixin, base), {})


def apply_to_page_models():
    """Give every page type's edit form the checks (keeping a base_form_class an app set itself)."""
    from wagtail.models import get_page_models

    for model in get_page_models():
        base = model.base_form_class or WagtailAdminPageForm
        model.base_form_class = checked_form_class(base)
        edit_handler = model.__dict__.get("edit_handler")
        if edit_handler is not None and edit_handler.base_form_class:
            edit_handler.base_form_class = checked_form_class(edit_handler.base_form_class)
