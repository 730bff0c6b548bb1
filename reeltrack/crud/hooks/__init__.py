"""Hooks for the models whose generic CRUD needs extra rules."""
