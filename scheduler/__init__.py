"""Timing: one APScheduler loop that sweeps due rows from the database.

There is never one APScheduler job per user or per timer (see docs/platform-facts.md:
that design misses whole slots and does not survive several processes). Due
work lives in tables; a periodic sweep claims it with a lease and hands it to
the core (``bot.core.due``). The sweeps: ``timers``, ``reminders``, ``challenges``
and ``housekeeping``, run by ``sweeper.Sweeper``.
"""
