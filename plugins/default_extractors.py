"""Built-in plugin: the rule-based quantity, date and hedge extractors (``claims.extract``).

Each hook returns the function the pipeline calls once per sentence; a plugin replaces
one stage by implementing its hook (it runs before these, which are ``trylast``).
The functions are looked up when the hook is called, so a wrapped module function
(``bench/throughput.py --stages`` times them this way) is what the pipeline gets.
"""

from claims import hookimpl


@hookimpl(trylast=True)
def make_quantity_extractor():
    from claims.extract import quantities

    return quantities.extract_quantities


@hookimpl(trylast=True)
def make_date_extractor():
    from claims.extract import dates

    return dates.extract_dates


@hookimpl(trylast=True)
def make_hedge_finder():
    from claims.extract import hedges

    return hedges.find_hedges
