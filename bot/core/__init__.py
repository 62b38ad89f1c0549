"""The platform-neutral core: conversation, answers, and the port to the platforms.

Nothing here imports an adapter (``tests/test_architecture.py`` enforces it). This
file stays empty of imports so that any module of the core, or of storage below
it, can be imported on its own without pulling in the whole conversation.
"""
