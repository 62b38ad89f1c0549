"""Walking: the walk log (:mod:`bot.core.walks.log`) and /walk and /stats
(:mod:`bot.core.walks.commands`).

A reminder's "Done" logs its walk through the commands' ``walk`` action; challenges
count the same walks from the table.
"""
