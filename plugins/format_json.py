"""Built-in output format ``json``: the versioned JSON contract (``claims schema`` describes it)."""

from claims import hookimpl


def render_json(report, options):
    return report.model_dump_json(indent=2, exclude={"documents": {"__all__": {"text"}}})


@hookimpl
def register_formats(register):
    register("json", render_json)
