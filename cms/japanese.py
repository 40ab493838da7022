"""The one Japanese morphological analyser of the project: MeCab through fugashi, with unidic-lite.

The site search (search.analysis) and the visitors' ふりがな tool (cms.a11y.furigana) both split text
with it, so a word is cut the same way in the index and in the reading aid, and the dictionary is
loaded once per process.
"""

from functools import lru_cache


@lru_cache(maxsize=1)
def tagger():
    """The shared fugashi.Tagger (loading UniDic takes a moment: first use, not import time)."""
    import fugashi

    return fugashi.Tagger()
