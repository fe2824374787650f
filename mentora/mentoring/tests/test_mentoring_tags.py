"""The attendance strip, the Attendees tab's cells and the report's lines, written in Python, are
what their templates wrote (but for the whitespace around tags): texts escaped, the strip's
numbers as integers in Swedish too, the customer column only when there are several, and "No
sessions yet" where nothing counts."""

import datetime
import re

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from mentora.attendance.arithmetic import AttendanceCounts
from mentora.attendance.models import AttendanceStatus as A
from mentora.core.dates import format_date
from mentora.mentoring.selectors.attendance import ReportLine, StripItem
from mentora.mentoring.templatetags.mentoring_tags import (
    CELL,
    FILLS,
    GAP,
    attendance_report_lines,
    attendance_strip,
    status_letter,
)
from mentora.testing.factories_schedule import AttendanceRecordFactory, EventFactory, SessionFactory
from mentora.testing.world import at

# The strip's template, kept here as the reference: cells of x, text_x, fill, letter, title.
STRIP_TEMPLATE = """{% load i18n %}{% if cells %}<svg class="attendance-strip" role="img" aria-labelledby="strip-{{ id }}" width="{{ width }}" height="{{ height }}" viewBox="0 0 {{ width }} {{ height }}" xmlns="http://www.w3.org/2000/svg"><title id="strip-{{ id }}">{% translate "Last sessions, oldest first:" %} {{ sessions }}</title>{% for cell in cells %}<g><title>{{ cell.title }}</title><rect x="{{ cell.x }}" y="0" width="{{ height }}" height="{{ height }}" rx="3" fill="{{ cell.fill }}"/><text x="{{ cell.text_x }}" y="14.5" text-anchor="middle" font-size="12" font-weight="700" fill="#ffffff">{{ cell.letter }}</text></g>{% endfor %}</svg>{% else %}<span class="muted">{% translate "No sessions yet" %}</span>{% endif %}"""

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


@pytest.mark.parametrize("language", ["en", "sv"])
def test_the_strip_is_its_template(language):
    start = datetime.datetime(2026, 3, 1, 9, tzinfo=datetime.UTC)
    strip = [
        StripItem(
            starts_at=start + datetime.timedelta(days=7 * index),
            status=status,
            label=str(A(status).label),
            activity='A-2026-000001 Smith & <Sons> "Ö"',
        )
        for index, status in enumerate([*FILLS, A.PRESENT, A.ABSENT])
    ]
    with translation.override(language):
        cells = [
            {
                "x": index * (CELL + GAP),
                "text_x": index * (CELL + GAP) + CELL // 2,
                "fill": FILLS[item.status],
                "letter": status_letter(item.status),
                "title": f"{format_date(item.starts_at, 'list_date')}: {item.label} ({item.activity})",
            }
            for index, item in enumerate(strip)
        ]
        sessions = "; ".join(f"{format_date(item.starts_at, 'list_date')} {item.label}" for item in strip)
        context = {"width": len(strip) * (CELL + GAP) - GAP, "height": CELL, "id": 1234, "sessions": sessions}
        expected = Template(STRIP_TEMPLATE).render(Context({**context, "cells": cells}))
        written = attendance_strip(Context(), strip, 1234)
        page = Context()  # a page's strips share what they have written: the same drawings
        assert [attendance_strip(page, strip[:3], 1), attendance_strip(page, strip, 1234)][1] == written
        assert attendance_strip(Context(), [], 1234) == Template(STRIP_TEMPLATE).render(
            Context({"cells": []})
        )
    assert without_space_around_tags(written) == without_space_around_tags(expected)
    assert written.count("<g>") == len(strip)
    assert "Smith &amp; &lt;Sons&gt; &quot;Ö&quot;" in written


# A mentee's cells of the Attendees tab as its template wrote them (but the completion).
ATTENDEE_CELLS = """{% load i18n mentoring_tags dates %}
<th scope="row"><a href="{{ line.url }}">{{ row.attendee.full_name }}</a></th>
{% if several_customers %}<td data-label="{% translate 'Customer' %}">{{ row.attendee.customer.name }}</td>{% endif %}
<td data-label="{% translate 'Attendance rate, all sessions' %}">{% include "mentoring/attendance/_rate.html" with counts=row.counts %}</td>
<td data-label="{% translate 'Needs attention' %}">{% for item in row.attention %}<div><span class="badge badge--warn">{{ item.activity }}</span> {% include "attendance/_attention.html" with attention=item.attention %}</div>{% empty %}—{% endfor %}</td>
<td data-label="{% translate 'Last ten sessions' %}">{% attendance_strip row.strip row.attendee.pk %}</td>
<td class="attendees-table__counts">{% blocktranslate trimmed count recorded=row.counts.recorded with present=row.counts.present late=row.counts.late excused=row.counts.excused absent=row.counts.absent %}
  {{ recorded }} session: {{ present }} present, {{ late }} late, {{ excused }} excused, {{ absent }} absent
{% plural %}
  {{ recorded }} sessions: {{ present }} present, {{ late }} late, {{ excused }} excused, {{ absent }} absent
{% endblocktranslate %}</td>
<td data-label="{% translate 'Last absence' %}">{{ row.counts.last_absence|list_date|default:"—" }}</td>"""


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "sv"])
@pytest.mark.parametrize("who", ["north_mentor", "both_mentor"])
def test_the_attendees_cells_are_their_template(client, scene, who, language):
    # Cleo: absent from her two lessons, the latest ones: she needs attention.
    lesson = EventFactory(course_instance=scene.instance, starts_at=at(-5), ends_at=at(-5, 12))
    AttendanceRecordFactory(
        session=SessionFactory(event=lesson), attendee=scene.course_mentee, status="ABSENT"
    )
    mentor = getattr(scene.cast, who)
    mentor.language = language
    mentor.save(update_fields=["language"])
    client.force_login(mentor)
    response = client.get(reverse("mentor_attendance_attendees"))
    body = without_space_around_tags(response.content.decode())
    several = response.context["several_customers"]
    with translation.override(language):
        for line in response.context["rows"]:
            context = {"line": line, "row": line.mentee, "several_customers": several}
            cells = Template(ATTENDEE_CELLS).render(Context(context))
            assert f"<tr>{without_space_around_tags(cells)}<td" in body
    assert several is (who == "both_mentor")
    assert response.context["rows"]
    assert ("badge--warn" in body) is (who == "north_mentor")  # Cleo, who needs attention, is hers
