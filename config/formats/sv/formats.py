# Swedish as the product writes it (mentora.core.dates is the one place that decides each context;
# these only cover what Django formats by itself, such as the back office): lower-case month
# names in full rather than the ISO date. Input formats stay Django's (ISO first).
DATE_FORMAT = "j F Y"
SHORT_DATE_FORMAT = "j F Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = r"j F Y \k\l. H:i"
SHORT_DATETIME_FORMAT = r"j F Y \k\l. H:i"
MONTH_DAY_FORMAT = "j F"
YEAR_MONTH_FORMAT = "F Y"
FIRST_DAY_OF_WEEK = 1  # Monday
