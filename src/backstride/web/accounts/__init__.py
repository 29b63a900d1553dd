"""Accounts: email login, API tokens, and the runner's right to leave with their data."""
