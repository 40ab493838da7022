"""Security II, finding 6: GET /pv/99999999999999999999.gif was a 500 (the id overflowed the
database integer): the three 500s of the fuzz. An id no page can have is answered like any unknown id."""

import pytest

from indicators.models import PageViewDaily
from tests.indicators.conftest import city_home, city_page, visitor  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("page_id", ["99999999999999999999", "2147483648", "9223372036854775808", "0"])
def test_an_id_beyond_the_database_integer_is_a_pixel_not_a_500(visitor, city_page, page_id):  # noqa: F811
    response = visitor.get(f"/pv/{page_id}.gif")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/gif"
    assert not PageViewDaily.objects.exists()
