"""Built-in plugin: the paragraph and sentence segmenter (``claims.segment``).

A plugin can replace it by implementing ``segment_text`` and returning blocks;
this one runs last and always answers.
"""

from claims import hookimpl
from claims.segment import segment


@hookimpl(trylast=True)
def segment_text(text, chrome_removed=False):
    return segment(text, page_rules=not chrome_removed)
