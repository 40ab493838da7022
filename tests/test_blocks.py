from cms.blocks import HeadingBlock


def test_heading_search_text_is_the_heading_only():
    block = HeadingBlock()
    value = block.to_python({"text": "粗大ごみの出し方", "level": "h2"})
    assert block.get_searchable_content(value) == ["粗大ごみの出し方"]
