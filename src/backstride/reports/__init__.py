"""What a runner takes away from their data: charts, a calendar, CSV and a printable plan.

Pure functions over the profile, the history and today's date; no web framework, no database.
"""
