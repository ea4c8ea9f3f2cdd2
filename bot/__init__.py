"""Chat fronts (Telegram, console, batch) and the answer engine they share."""
