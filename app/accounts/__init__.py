"""Accounts: guests, registration, login, sessions, roles, throttling."""
