# English as the provider's users read it (mentora.core.dates decides each context; these cover what
# Django formats by itself): day before month (no 11/10 ambiguity) and a 24-hour
# clock, as in Sweden. Only display formats; input formats stay Django's (ISO first).
DATE_FORMAT = "j F Y"
SHORT_DATE_FORMAT = "j M Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j F Y, H:i"
SHORT_DATETIME_FORMAT = "j M Y, H:i"
MONTH_DAY_FORMAT = "j F"
YEAR_MONTH_FORMAT = "F Y"
FIRST_DAY_OF_WEEK = 1  # Monday
