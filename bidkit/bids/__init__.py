"""Bids: deadlines in UK time, and (as they land) tasks, reminders, calendar and notices."""
