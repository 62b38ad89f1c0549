"""Walking reminders: subscribing, the reminder card, and the schedule rules.

/remind and the card's buttons are :mod:`~bot.core.reminders.commands`; when a slot
falls due and what becomes of it, :mod:`~bot.core.reminders.schedule` and
:mod:`~bot.core.reminders.slots`; the core's side of the sweep that sends them,
:mod:`~bot.core.reminders.sending` (the sweep itself is ``scheduler.reminders``).
Logged walks are :mod:`bot.core.walks`; quiet hours, :mod:`bot.core.person_settings`.
"""
