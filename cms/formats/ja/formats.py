# Japanese as a city office writes it: 2026年11月24日, 8時30分 (no leading zero).
DATE_FORMAT = "Y年n月j日"
TIME_FORMAT = "G時i分"
DATETIME_FORMAT = "Y年n月j日 G時i分"
MONTH_DAY_FORMAT = "n月j日"
YEAR_MONTH_FORMAT = "Y年n月"
