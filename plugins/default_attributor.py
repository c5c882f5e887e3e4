"""Built-in plugin: the rule-based attributor (``claims.attribute.Attributor``).

A plugin replaces it by implementing ``make_attributor`` and returning its own object
with an ``attribute(sentence)`` method; this one runs last and always answers.
"""

from claims import hookimpl


@hookimpl(trylast=True)
def make_attributor(registry, text):
    from claims.attribute import Attributor

    return Attributor(registry, text)
