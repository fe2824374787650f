"""What a mentor can see (DESIGN.md §3), and where each rule lives. This module holds no rule of
its own: every read, page or API, calls the domain's ``access`` module directly.

- applications: those with an assignment to one of the user's ACTIVE mentor memberships of an
  ACTIVE customer; for course applications, the schedule and attendance become visible once
  APPROVED — `mentora.applications.access` (`application_list_for_mentor`,
  `application_list_with_schedule_for_mentor`, `access_application_for_mentor`; the mentees:
  `mentee_list_for_mentor`);
- events: events of those on-request applications, and events of course instances for which the
  user mentors an APPROVED course application (canceled events shown as canceled) —
  `mentora.schedule.access` (`event_list_for_mentor`, and for the calendar `calendar_event_list`);
- attendance: records of the user's mentees on those events only, never other learners of the
  same session — `mentora.attendance.access` (`attendance_record_list_for_mentor`,
  `session_list_for_mentor`, `access_session_for_mentor`);
- follow-ups: threads on those applications where the user was selected —
  `mentora.followups.access` (`followup_list_for_mentor`);
- observations: those on the applications they see — `mentora.observations.access`;
- the catalog: what they may choose when they submit applications — `mentora.catalog.access`.

Anything not visible answers 404 (NotFound), exactly like something that does not exist.
Something visible but not allowed (a mentor trying to change a schedule) answers 403, before any
form validation: who may *do* what is each domain's ``permissions`` module.
"""
