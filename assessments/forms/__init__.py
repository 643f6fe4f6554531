"""Questionnaires as web forms: fields per question type, form classes, submissions."""
