from django.urls import path

from backstride.web.coach.views import (
    calibrate,
    help,
    intake,
    log,
    pages,
    progress,
    runs,
    session,
)

app_name = "coach"
urlpatterns = [
    path("", pages.home, name="home"),
    path("check-in/", intake.start, name="intake"),
    path("check-in/<int:step>/", intake.step, name="intake_step"),
    path("check-in/emergency/", help.emergency, name="emergency"),
    path("check-in/see-a-doctor/", help.see_doctor, name="see_doctor"),
    path("calibrate/", calibrate.calibrate, name="calibrate"),
    path("plan/", pages.plan, name="plan"),
    path("exercises/", pages.exercise_list, name="exercises"),
    path("exercises/<slug:exercise_id>/", pages.exercise_detail, name="exercise"),
    path("session/", session.guided, name="session"),
    path("session/set/", session.log_set, name="session_set"),
    path("today/", log.today, name="today"),
    path("today/check-in/", log.morning_checkin, name="morning_checkin"),
    path("today/run/", log.add_run, name="add_run"),
    path("history/", log.history, name="history"),
    path("history/check-in/<int:item_id>/", log.edit_checkin, name="edit_checkin"),
    path("history/run/<int:item_id>/", log.edit_run, name="edit_run"),
    path("history/session/<int:item_id>/", log.edit_session, name="edit_session"),
    path("history/<str:kind>/<int:item_id>/delete/", log.delete_entry, name="delete_entry"),
    path("runs/import/", runs.upload, name="runs_import"),
    path("runs/<int:item_id>/rate/", runs.rate_run, name="rate_run"),
    path("runs/skip-all/", runs.skip_all_runs, name="skip_all_runs"),
    path("progress/", progress.progress, name="progress"),
    path("progress/chart/<slug:name>.svg", progress.chart, name="chart"),
    path("plan/print/", progress.printable, name="printable"),
    path("plan/calendar.ics", progress.calendar_ics, name="calendar"),
    path("export/<slug:kind>.csv", progress.csv_download, name="csv"),
]
