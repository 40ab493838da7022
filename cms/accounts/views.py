from wagtail.users.views.users import UserViewSet

from .forms import CityUserCreationForm, CityUserEditForm


class CityUserViewSet(UserViewSet):
    # The create/edit templates list 姓・名 and their readings in Japanese order (templates/accounts/users/).
    template_prefix = "accounts/users/"

    def get_form_class(self, for_update=False):
        return CityUserEditForm if for_update else CityUserCreationForm
