"""Sentence embeddings: what a message means, beyond the words it shares with the FAQ.

A small sentence-embedding model (all-MiniLM-L6-v2, int8, run by onnxruntime) turns
text into unit vectors whose dot product says how alike two texts are in meaning.
The FAQ matcher fuses it with its lexical score and the red-flag check uses it to
recognise warning signs in words no pattern names. Nothing is ever downloaded: the
model ships inside the package (``model/``) with its checksum and licence.
"""
