"""The report's lines, written in Python, are what the template's loop wrote (but for the
whitespace around tags): escaped, with the customer column only when there are several, and
"No sessions yet" where nothing counts."""

import re

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from mentora.attendance.arithmetic import AttendanceCounts
from mentora.mentoring.selectors.attendance import ReportLine
from mentora.mentoring.templatetags.mentoring_tags import attendance_report_lines

# The loop as the report's template wrote it, kept here as the reference.
TEMPLATE_LOOP = """{% load i18n %}{% for line in lines %}
          <tr>
            <td><a href="{{ line.url }}">{{ line.name }}</a></td>
            {% if several_customers %}<td>{{ line.customer }}</td>{% endif %}
            <td>{{ line.counts.recorded }}</td>
            <td>{{ line.counts.present }}</td>
            <td>{{ line.counts.late }}</td>
            <td>{{ line.counts.excused }}</td>
            <td>{{ line.counts.absent }}</td>
            <td>{{ line.counts.not_enrolled }}</td>
            <td>{% if line.counts.rate_percent is None %}<span class="muted">{% translate "No sessions yet" %}</span>{% else %}{{ line.counts.rate_percent }} %{% endif %}
</td>
          </tr>
        {% endfor %}"""

LINES = [
    ReportLine(
        attendee_id=7,
        name='Åsa <b>O\'Brien</b> & "Co"',
        customer="Smith & <Sons>",
        counts=AttendanceCounts(recorded=4, present=2, late=1, absent=1),
    ),
    ReportLine(
        attendee_id=12345, name="Bo", customer="North", counts=AttendanceCounts(recorded=2, excused=2)
    ),
    ReportLine(attendee_id=8, name="Cleo", customer="North", counts=AttendanceCounts()),
]


def without_space_around_tags(markup: str) -> str:
    return re.sub(r"\s*(<[^>]*>)\s*", r"\1", markup)


@pytest.mark.parametrize("language", ["en", "sv"])
@pytest.mark.parametrize("several_customers", [True, False])
def test_report_lines_are_the_template_loop(several_customers, language):
    with translation.override(language):
        lines = [
            {
                "url": reverse("learner_detail", args=[line.attendee_id]),
                "name": line.name,
                "customer": line.customer,
                "counts": line.counts,
            }
            for line in LINES
        ]
        expected = Template(TEMPLATE_LOOP).render(
            Context({"lines": lines, "several_customers": several_customers})
        )
        written = attendance_report_lines(LINES, several_customers)
    assert without_space_around_tags(written) == without_space_around_tags(expected)
    assert written.count("<tr>") == len(LINES)
    assert ("Smith &amp; &lt;Sons&gt;" in written) is several_customers
    assert "&lt;b&gt;O&#x27;Brien&lt;/b&gt; &amp; &quot;Co&quot;" in written
