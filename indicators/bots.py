"""Known robots, by user agent: crawlerdetect (a maintained port of the CrawlerDetect list).

The user agent is only looked at, never stored. A request without any user agent is not a browser.
"""

from crawlerdetect import CrawlerDetect

# One detector for the process: it compiles its patterns once and caches recent answers.
_detector = CrawlerDetect()


def is_bot(user_agent):
    user_agent = (user_agent or "").strip()
    if not user_agent:
        return True
    return _detector.is_crawler(user_agent)
