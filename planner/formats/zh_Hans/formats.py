# Django's own zh_Hans MONTH_DAY_FORMAT pads the month ("05月3日"); Chinese writes 5月3日.
MONTH_DAY_FORMAT = "n月j日"
