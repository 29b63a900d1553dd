"""The runner's coach: profile, check-ins, sessions and runs, and the pages that show the plan."""
