"""What a name or a title says about a person: gender (for he/she) and role.

Gender comes, in order, from an honorific or gendered title ("Ms", "spokeswoman",
"Queen"), from a gendered person noun ("one woman", "a father of three"), and from the
first name, looked up in the first-name lexicon of ``gender-guesser`` (about 40,000
names from many countries, Ukrainian and Russian included). Only names the lexicon calls
``male`` or ``female`` count; ``mostly_*`` and ``andy`` leave the gender unknown, and an
unknown gender never rules a person out. The lexicon loads on first use (about 0.2 s),
after that from the cache folder (``claims.cache``).
"""

from __future__ import annotations

from functools import lru_cache

FEMALE_WORDS = frozenset({
    "ms", "ms.", "mrs", "mrs.", "miss", "madam", "madame", "dame", "lady", "queen", "princess", "duchess",
    "spokeswoman", "chairwoman", "congresswoman", "businesswoman", "councilwoman", "sister", "mother", "woman",
    "girl", "grandmother", "wife", "daughter", "widow", "mum", "mom", "actress", "baroness", "countess",
    "empress", "she", "her", "policewoman", "servicewoman", "sportswoman", "aunt", "niece", "granddaughter",
})
MALE_WORDS = frozenset({
    "mr", "mr.", "sir", "lord", "king", "prince", "duke", "spokesman", "chairman", "congressman", "businessman",
    "councilman", "brother", "father", "man", "boy", "grandfather", "husband", "son", "widower", "dad", "baron",
    "count", "emperor", "he", "him", "his", "policeman", "serviceman", "sportsman", "uncle", "nephew",
    "grandson", "sheikh", "pope", "monk", "patriarch",
})
# Singular nouns for a person speaking who is not named (vox pops, unnamed officials).
PERSON_NOUNS = frozenset({
    "woman", "man", "girl", "boy", "mother", "father", "grandmother", "grandfather", "wife", "husband",
    "son", "daughter", "widow", "pensioner", "resident", "villager", "local", "neighbour", "neighbor",
    "volunteer", "soldier", "serviceman", "servicewoman", "nurse", "doctor", "medic", "paramedic", "teacher",
    "student", "farmer", "driver", "shopkeeper", "worker", "voter", "refugee", "survivor", "priest",
    "engineer", "miner", "commuter", "veteran", "fighter", "lawyer", "retiree", "mechanic", "teenager",
    "evacuee", "trader", "vendor", "businessman", "businesswoman", "owner", "manager", "employee",
    "policeman", "policewoman", "firefighter", "rescuer", "surgeon", "passenger", "supporter", "protester",
    "demonstrator", "witness", "eyewitness", "person", "man's", "woman's", "official", "officer",
    "commander", "diplomat", "source", "aide", "adviser", "advisor", "spokesman", "spokeswoman",
    "spokesperson", "analyst", "expert", "economist", "researcher", "scientist", "activist", "journalist",
    "reporter", "blogger", "milblogger", "mp", "lawmaker", "senator", "deputy", "member", "correspondent",
    "editor", "columnist", "anchor", "host", "presenter", "commentator", "pollster", "strategist", "consultant",
})

# Private people quoted in vox pops: an unnamed one is a person (for "she added"), not a group.
VOX_NOUNS = frozenset({
    "woman", "man", "girl", "boy", "mother", "father", "grandmother", "grandfather", "wife", "husband", "son",
    "daughter", "widow", "pensioner", "resident", "villager", "local", "neighbour", "neighbor", "volunteer",
    "nurse", "teacher", "student", "farmer", "driver", "shopkeeper", "worker", "voter", "refugee", "survivor",
    "priest", "engineer", "miner", "commuter", "veteran", "retiree", "mechanic", "teenager", "evacuee", "trader",
    "vendor", "passenger", "supporter", "protester", "eyewitness", "witness", "person", "soldier", "doctor",
})


def gender_of_words(words) -> str | None:
    """'f' or 'm' from honorifics, gendered titles and person nouns among ``words``, else None."""
    for w in words:
        lw = w.lower()
        if lw in FEMALE_WORDS:
            return "f"
        if lw in MALE_WORDS:
            return "m"
    return None


_SEXES = {"M": "male", "1M": "mostly_male", "?M": "mostly_male", "F": "female", "1F": "mostly_female",
          "?F": "mostly_female", "?": "andy"}


def _read_names(filename: str) -> dict[str, dict[str, str]]:
    """The lexicon as ``gender_guesser``'s case-insensitive ``Detector`` parses it ({name: {gender:
    countries}}, the same keys in the same order), in one read instead of a codecs readline per line
    (0.1 s instead of 0.3-0.4 s, paid by the first document that names someone)."""
    names: dict[str, dict[str, str]] = {}
    with open(filename, encoding="utf-8", newline="") as f:
        lines = f.read().splitlines()  # the line breaks codecs' readline splits at
    sexes = _SEXES
    for line in lines:
        line = line.strip()
        if line[0] in "#=":
            continue
        sex, name = line.split(None, 2)[:2]
        gender, countries, name = sexes[sex], line[30:-1], name.lower()
        if "+" in name:  # "Abd+al": written together, apart and hyphenated
            for joint in ("", " ", "-"):
                names.setdefault(name.replace("+", joint), {})[gender] = countries
        else:
            known = names.get(name)
            if known is None:
                names[name] = {gender: countries}
            else:
                known[gender] = countries
    return names


@lru_cache(maxsize=1)
def _detector():
    try:
        import gender_guesser.detector as detector
    except ImportError:  # pragma: no cover - a declared dependency; without it names give no gender
        return None

    class Detector(detector.Detector):
        def _parse(self, filename):
            self.names = _read_names(filename)

    return Detector(case_sensitive=False)


@lru_cache(maxsize=1)
def _genders() -> dict[str, str] | None:
    """Every name of the lexicon (lower case) with the gender ``Detector.get_gender`` gives it.

    Parsing the lexicon costs 0.1-0.3 s, more than the rest of a one-sentence check, so the table
    is kept in the cache folder (``claims.cache``) for the lexicon file it was made from (its
    size and time in the name) and read back in a few milliseconds.
    """
    try:
        import gender_guesser.detector as detector
    except ImportError:  # pragma: no cover - a declared dependency; without it names give no gender
        return None
    import os

    from . import cache
    data_file = os.path.join(os.path.dirname(detector.__file__), "data", "nam_dict.txt")
    try:
        st = os.stat(data_file)
        path = cache.cache_file(f"first-names-{st.st_size}-{st.st_mtime_ns}")
    except OSError:
        path = None
    table = cache.read(path)
    if isinstance(table, dict) and table:
        return table
    det = _detector()
    table = {name: det.get_gender(name) for name in det.names}
    cache.write(path, table)
    return table


@lru_cache(maxsize=32768)
def gender_of_first_name(name: str) -> str | None:
    """'f' or 'm' for a first name the lexicon is sure of ('Iryna' -> 'f'), else None."""
    if len(name) < 2 or not name[0].isupper():
        return None
    genders = _genders()
    if genders is None:
        return None
    g = genders.get(name.split("-")[0].lower(), "unknown")   # as Detector(case_sensitive=False).get_gender
    return "f" if g == "female" else "m" if g == "male" else None


@lru_cache(maxsize=32768)
def is_first_name(name: str) -> bool:
    """Whether the lexicon knows ``name`` as a first name of either gender."""
    if len(name) < 2 or not name[0].isupper() or name.isupper():
        return False
    genders = _genders()
    return genders is not None and name.split("-")[0].lower() in genders


@lru_cache(maxsize=32768)
def gender_of_name(name: str, title: str | None = None) -> str | None:
    """A person's gender from their title, then from their first name."""
    if title:
        g = gender_of_words(title.split())
        if g:
            return g
    first = name.split()[0] if name else ""
    return gender_of_first_name(first) if len(name.split()) > 1 else None
