"""The bids page's parts: the bids table, a bid's own page, dialogs and reminders."""
