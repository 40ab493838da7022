import pytest
from wagtail.blocks.struct_block import StructBlockValidationError

from cms.blocks import ProcedureBlock
from home.blocks import BannerBlock


def test_procedure_needs_at_least_one_of_its_facts():
    block = ProcedureBlock()
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(block.to_python({"target": "", "requirements": [], "fee": "", "counter": ""}))
    assert "対象・必要なもの・手数料・受付窓口のいずれかを入力してください。" in str(error.value.block_errors)


def test_procedure_with_a_fee_only_is_valid():
    block = ProcedureBlock()
    assert block.clean(block.to_python({"fee": "1通300円"}))["fee"] == "1通300円"


@pytest.mark.django_db
def test_banner_needs_exactly_one_destination():
    block = BannerBlock()
    with pytest.raises(StructBlockValidationError):
        block.clean(block.to_python({"title": "水道事業", "page": None, "url": ""}))
    assert block.clean(block.to_python({"title": "水道事業", "page": None, "url": "https://example.jp/"}))
