"""The built-in plugins: sources, segmenter, checkers and output formats.

Each module here is an ordinary plugin, registered through the same call as an
installed one; ``--disable NAME`` turns any of them off.
"""
