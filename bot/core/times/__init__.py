"""Time as people live it: their zone, their calendar day, the times they type and read.

Reminders, walks and a person's settings read local time through these (challenge
posting times and exercise history still build their zones themselves). The clock
itself (what "now" is) is injected
(:mod:`bot.core.clock`); the words a time is read in (day and month names) are
content.
"""
