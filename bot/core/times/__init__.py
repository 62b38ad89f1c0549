"""Time as people live it: their zone, their calendar day, the times they type and read.

Every feature that speaks of local time uses these: reminders, walks, challenges
and a person's settings. The clock itself (what "now" is) is injected
(:mod:`bot.core.clock`); the words a time is read in (day and month names) are
content.
"""
