"""Importing survey responses (Google Forms and similar) into the workbook."""
