"""The organisation profile editor: field editors, section forms, row tables and undo commands."""
