"""The vocabulary of attribution: reporting verbs and the senses in which they are not speech,
speaker nouns, titles, group heads, and the patterns built from them (``claims.attribute`` uses them).

Kept apart from the rules so that the word lists can be read and extended in one place.
"""

from __future__ import annotations

import re

from .patterns import compile_pattern, trie_regex
from .people import PERSON_NOUNS

# Reporting verbs (speech and publication, not belief): a speaker "said" something.
SPEECH_VERBS = {
    "said", "says", "say", "told", "tells", "added", "adds", "stated", "states", "announced",
    "announces", "warned", "warns", "claimed", "claims", "insisted", "insists", "noted", "notes",
    "explained", "explains", "declared", "declares", "wrote", "writes", "reported", "reports",
    "confirmed", "confirms", "estimated", "estimates", "recorded", "records", "highlighted",
    "highlights", "stressed", "stresses", "emphasised", "emphasized", "argued", "argues",
    "acknowledged", "acknowledges", "admitted", "admits", "denied", "denies", "alleged",
    "alleges", "accused", "accuses", "urged", "urges", "predicted", "predicts", "assessed",
    "assesses", "concluded", "concludes", "tweeted", "posted", "replied", "responded",
    "commented", "asserted", "asserts", "cautioned", "observed", "pointed", "disclosed",
    "revealed", "reveals", "documented", "counted", "projected", "forecast", "forecasts",
    "suggested", "indicated", "mentioned", "remarked", "repeated", "reiterated", "recalled",
    "continued", "says", "telling", "saying", "adding", "writing", "announcing", "claiming",
    "warning", "noting", "insisting", "contended", "maintained", "charged", "complained", "asked", "asks",
    # cognition: a belief or an assessment held by the speaker
    "believes", "believed", "thinks", "fears", "feared", "doubts", "doubted", "suspects", "judges", "judged",
    "expects", "hopes",
}
# Cognition verbs are cues only before a clause ("believes that", "fears the city will fall").
COGNITION_VERBS = {"believes", "believed", "thinks", "fears", "feared", "doubts", "doubted", "suspects", "judges",
                   "judged", "expects", "hopes"}
# Verbs that need a human or organisational subject to count (they are common in other senses).
WEAK_VERBS = {"continued", "pointed", "observed", "charged", "maintained", "posted", "counted",
              "projected", "forecast", "forecasts", "suggested", "indicated", "recorded", "records",
              "reports", "reported", "estimated", "estimates", "documented"}
# Verbs that are speech only before a reported clause ("maintained that", "continued: ...");
# before an object they are actions ("continued offensive operations", "maintained positions").
CLAUSE_ONLY_VERBS = {"continued", "maintained", "pointed", "observed", "charged", "posted", "counted"}
_STRICT_OPENERS = {"that", ",", ":", "“", '"', "‘", "out", ".", "!", "?", "”", "’", "", ";", "—", "–"}
# Cues that head a title-case headline ("X Says ...", "X Tells ...").
_HEADLINE_CUES = {"says", "said", "tells", "told", "warns", "warned", "insists", "admits", "denies",
                  "confirms", "announces", "urges", "accuses", "predicts", "vows", "slams", "blasts"}
_HEADLINE_RE = compile_pattern(r" (?:" + trie_regex(sorted(w.capitalize() for w in _HEADLINE_CUES)) + r") ")
_WIN_VERBS = {"claimed", "claiming", "claims", "claim"}
_POSSESSIVE_DETS = {"the", "a", "an", "his", "her", "their", "its", "our", "my", "your", "another"}
_WINNINGS = {"victory", "victories", "win", "wins", "seat", "seats", "title", "titles", "prize", "share", "majority",
             "nomination", "lead", "spot", "place", "crown", "medal", "trophy", "vote", "votes", "state", "states",
             "delegates", "mantle", "throne", "record", "life", "lives", "first", "second", "third"}
_QUANTIFIERS = {"many", "several", "some", "other", "few", "numerous", "multiple", "various", "both", "all", "most"}
_QUESTION_OPENERS = {"how", "what", "why", "when", "where", "who", "whom", "which", "did", "does", "do", "has",
                     "have", "is", "are", "was", "were", "will", "would", "can", "could", "should", "shall"}
_OBJECT_GAP = {"what", "whatever", "things", "everything", "anything", "nothing", "something", "words",
               "comments", "remarks"}
_SENTENCE_ADVERBS = {"however", "meanwhile", "still", "separately", "earlier", "later", "also", "instead", "yet",
                     "moreover", "likewise", "nevertheless", "elsewhere", "overall", "now", "then", "indeed"}
# Words of a share of people polled ("two-thirds", "4 in 10", "most").
_SHARE_WORDS = {"percent", "per", "cent", "%", "half", "third", "thirds", "quarter", "quarters", "fifth", "fifths",
                "majority", "majorities", "minority", "most", "many", "few", "none", "all", "both", "in", "of",
                "about", "around", "nearly", "almost", "than", "more", "less", "fewer", "just", "some", "only",
                "over", "under", "roughly", "plurality", "each", "every", "one", "another"}
_NUMBER_WORDS = {"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
                 "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred", "in"}
# "said to be", "said to have": the hedged passive, not a speaker's words ("said to reporters" is).
_AFTER_SAID_TO = {"be", "have", "been", "include", "contain", "number", "total", "involve", "reach", "stand",
                  "come", "belong", "originate", "date", "hold", "own", "control", "lead", "work", "live"}
# Words that begin an adjunct after an inverted speaker ("said Trump in an interview").
_ADJUNCT_STARTS = {"in", "on", "at", "during", "after", "before", "while", "when", "as", "to", "last", "this",
                   "yesterday", "today", "tonight", "earlier", "later", "from", "via", "through", "over", "outside",
                   "inside", "near", "by", "without", "with", "following", "shortly", "late", "early"}
_FUNCTION_WORDS = {"that", "this", "these", "those", "it", "is", "was", "were", "are", "be", "been", "has", "have",
                   "had", "not", "and", "or", "but", "if", "then", "than", "so", "who", "which", "what", "when",
                   "where", "why", "how", "he", "she", "they", "we", "i", "you", "there", "here", "also", "would",
                   "could", "should", "will", "can", "may", "might", "must", "do", "does", "did"}
# Heads of fighting units: with an object they act ("recorded advances"), they do not report.
COMBATANTS = {"forces", "troops", "units", "unit", "brigade", "brigades", "battalion", "battalions", "regiment",
              "division", "divisions", "soldiers", "fighters", "army", "armies", "infantry", "artillery", "drones",
              "militants", "rebels", "separatists", "marines", "paratroopers", "servicemen", "groups", "group",
              "formations", "elements", "detachments", "corps", "navy", "fleet", "aviation"}
PARTICIPLES = {"telling", "saying", "adding", "writing", "announcing", "claiming", "warning",
               "noting", "insisting"}
AUX = {"has", "have", "had", "will", "would", "also", "later", "previously", "earlier", "then",
       "further", "again", "separately", "publicly", "repeatedly", "has also", "had also",
       "was", "is", "recently", "once", "has since", "already", "just", "officially", "himself", "herself",
       "themselves", "itself", "too", "now", "still", "never", "first", "finally", "initially", "privately",
       "reportedly", "flatly", "quickly", "previously"}
DETERMINERS = {"the", "a", "an", "its", "his", "her", "their", "our", "this", "that", "these",
               "those", "one", "two", "three", "several", "some", "many", "other", "another"}
# Reporting verbs that are also plural nouns ("30 states", "insurance claims"): a cue only
# when what follows opens a reported clause.
NOUN_VERBS = {"states", "claims", "reports", "notes", "records", "estimates", "forecasts", "charges"}
_OPENS_CLAUSE = {"that", ",", ":", "“", '"', "‘", "it", "he", "she", "they", "we", "the", "a", "an", "its", "there"}
# Capitalised words that are never speakers: days, months, and sentence-initial gerunds are checked apart.
NOT_SPEAKERS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
                "february", "march", "april", "june", "july", "august", "september", "october", "november",
                "december", "today", "yesterday", "tonight"}
CONNECTORS = {"of", "for", "and", "de", "del", "al", "von", "van", "der", "la", "le", "bin", "on"}
PRONOUNS = {"he": "person", "she": "person", "it": "org", "they": "group", "we": "speaker",
            "i": "speaker"}
# Nouns that can head a speaker phrase ("the ministry said", "officials said").
SPEAKER_NOUNS = {
    "ministry", "office", "statement", "update", "report", "chancellor", "president", "minister",
    "spokesman", "spokeswoman", "spokesperson", "official", "officials", "sources", "source",
    "leaders", "leader", "police", "army", "military", "government", "agency", "analysts",
    "analyst", "experts", "expert", "residents", "resident", "witnesses", "witness",
    "prosecutor", "prosecutors", "general", "staff", "authorities", "department", "mission",
    "commission", "council", "committee", "organisation", "organization", "group", "institute",
    "secretary", "ambassador", "envoy", "governor", "mayor", "commander", "chief", "head",
    "director", "spokespeople", "representative", "diplomat", "diplomats", "investigators",
    "researchers", "campaigners", "activists", "observers", "monitors", "mp", "senator",
    "lawmaker", "lawmakers", "survey", "study", "data", "figures", "intelligence", "assessment",
    "bulletin", "alliance", "kremlin", "pentagon", "service", "services", "people", "person",
    "doctors", "medics", "officer", "officers", "troops", "company", "firm", "bank", "court",
    "judge", "union", "party", "watchdog", "regulator", "coalition", "forces", "administration",
    "press", "secretariat", "counterpart", "counterparts", "delegation", "team", "board",
    "media", "newspaper", "broadcaster", "agency's", "update's", "post", "document", "letter",
    "release", "briefing", "tweet", "message", "address", "interview", "paper", "filing",
    "official's", "chair", "chairman", "chairwoman", "adviser", "advisor", "aide", "aides",
    "economist", "economists", "scientists", "scientist", "rescuers", "workers", "survivors",
}
# Plural heads of a group that speaks ("Ukrainian officials"); a qualifier before one is kept.
GROUP_HEADS = {"officials", "forces", "troops", "soldiers", "diplomats", "sources", "authorities", "lawmakers",
               "analysts", "experts", "leaders", "residents", "prosecutors", "investigators", "milbloggers",
               "bloggers", "commanders", "officers", "ministers", "negotiators", "politicians", "activists",
               "monitors", "observers", "rescuers", "medics", "doctors", "workers", "volunteers", "police",
               "military", "media", "spokespeople", "representatives", "delegates", "envoys", "intelligence",
               "units", "fighters", "servicemen", "guards", "partisans", "separatists", "militants", "rebels",
               "insurgents", "authorities", "agencies", "ministries", "governments", "allies", "partners",
               "economists", "scientists", "researchers", "historians", "journalists", "reporters", "correspondents",
               "commentators", "voters", "supporters", "critics", "opponents", "members", "staffers", "aides",
               "advisers", "advisors", "veterans", "refugees", "villagers", "locals", "citizens", "people"}
SPEAKER_NOUNS |= GROUP_HEADS | PERSON_NOUNS
_COUNTRY_OF = {"ukrainian": "UA", "russian": "RU", "british": "GB", "american": "US", "german": "DE",
               "french": "FR", "polish": "PL", "chinese": "CN", "turkish": "TR", "israeli": "IL", "iranian": "IR",
               "belarusian": "BY", "hungarian": "HU", "italian": "IT", "spanish": "ES", "japanese": "JP"}
SPEAKER_NOUNS |= {"campaign", "camp", "spokesman's", "team", "office", "poll", "survey", "census", "audit",
                  "review", "inquiry", "probe", "investigation", "memo", "transcript", "record", "records"}
# Nouns for publications and channels that report ("the newspaper", "the Telegram channel").
MEDIA_NOUNS = {"channel", "channels", "outlet", "outlets", "newspaper", "newspapers", "agency", "broadcaster",
               "website", "site", "portal", "blogger", "bloggers", "milblogger", "milbloggers", "account",
               "magazine", "daily", "weekly", "tabloid", "station", "network", "publication", "paper"}
SPEAKER_NOUNS |= MEDIA_NOUNS
# Words that make a capitalised name an organisation rather than a person.
ORG_WORDS = {"service", "services", "ministry", "office", "force", "forces", "army", "navy", "agency", "committee",
             "council", "press", "staff", "command", "department", "administration", "government", "party",
             "union", "institute", "centre", "center", "bureau", "guard", "directorate", "brigade", "battalion",
             "regiment", "corps", "police", "group", "company", "bank", "court", "commission", "news", "times",
             "post", "pravda", "independent", "channel", "radio", "television", "tv", "network", "foundation",
             "fund", "university", "association", "federation", "front", "operator", "watch", "monitor",
             "inc", "ltd", "corp", "energy", "media", "mission", "headquarters", "district", "region", "city",
             "kremlin", "parliament", "senate", "congress", "duma", "rada", "cabinet", "embassy", "authority"}
# Modifiers allowed inside a speaker phrase before its head noun.
MODIFIERS = {"human", "rights", "defence", "defense", "foreign", "prime", "interior", "health",
             "senior", "top", "local", "regional", "military", "western", "eastern", "daily",
             "intelligence", "joint", "general's", "general", "prosecutor", "prosecutor's",
             "press", "deputy", "former", "acting", "chief", "state", "federal", "national",
             "international", "independent", "emergency", "emergencies", "refugee", "anonymous",
             "unnamed", "security", "government", "administration", "white", "house", "nightly",
             "regular", "weekly", "latest", "new", "official", "written", "emailed", "video",
             "televised", "ministry", "ministry's", "un", "u.n.", "office", "nuclear", "atomic",
             "energy", "food", "children's", "world", "european", "armed", "forces", "staff",
             "other", "ukrainian", "russian", "german", "british", "american", "us", "two", "three",
             "baltic", "allied", "kremlin", "affairs", "election", "police", "public",
             "humanitarian", "aid", "relief", "medical", "city", "county", "district", "provincial",
             "three", "both", "all", "opposition", "party", "turkish", "french", "chinese"}
# Statement-like nouns: "the statement said" refers to whoever issued the last statement.
DOCUMENT_NOUNS = {"statement", "update", "report", "assessment", "bulletin", "briefing", "release",
                  "document", "letter", "tweet", "post", "survey", "study", "data", "figures", "filing",
                  "message", "address", "paper"}
TITLE_WORDS = {
    "president", "chancellor", "minister", "prime", "foreign", "defence", "defense", "secretary",
    "general", "spokesman", "spokeswoman", "spokesperson", "prosecutor", "king", "queen", "pope",
    "governor", "senator", "sen.", "rep.", "mayor", "ambassador", "commissioner", "chief", "director",
    "head", "commander", "gen.", "lt.", "col.", "maj.", "adm.", "admiral", "colonel", "major",
    "lieutenant", "sergeant", "captain", "deputy", "interior", "finance", "economy", "health",
    "state", "vice", "leader", "premier", "secretary-general", "dr.", "mr.", "mrs.", "ms.",
    "prof.", "professor", "judge", "justice", "speaker", "chairman", "chairwoman", "chair",
    "envoy", "adviser", "advisor", "spokesperson", "press", "national", "security", "ceo",
    "emperor", "sheikh", "crown", "prince", "princess", "lord", "lady", "sir", "dame", "senior",
    "former", "acting", "top", "army", "navy", "air", "force", "forces", "chief", "of", "staff",
    "the", "affairs", "external", "home", "office", "un", "nato", "eu", "us", "uk", "counterpart",
    "counterparts", "military", "intelligence", "official", "mr", "mrs", "ms", "dr", "miss",
}
NATIONALITY = compile_pattern(
    r"^(?:[A-Z][a-z]+(?:an|ian|ish|ese|i|ch|ic|ss|ec)|U\.?S\.?|U\.?K\.?|UN|U\.N\.|EU|NATO|Nato|Greek|Thai|Czech|Dutch|Swiss)$"
)

# A dateline before the first sentence of a story: a place in capitals or with a news agency.
_DATELINE = compile_pattern(
    r"\s*(?:(?:[A-Z][A-Z.'\-]+(?: [A-Z][A-Z.'\-]+){0,3})(?:, [A-Z][a-z]+\.?)?(?:,? [A-Z][a-z]{2,8}\.? \d{1,2})?"
    r"(?: \((?:[A-Z][A-Za-z.]+(?: [A-Z][A-Za-z.]+)?)\))?"
    r"|[A-Z][a-z]+(?: [A-Z][a-z]+)?(?:, [A-Z][a-z]+\.?)?(?:,? [A-Z][a-z]{2,8}\.? \d{1,2})? "
    r"\((?:Reuters|AP|AFP|UPI|Bloomberg|dpa|DPA|TASS|Xinhua|Interfax|Ukrinform|RIA Novosti|CNN|BBC|Sputnik)\))"
    r"\s*(?:—|–|--|-)\s+")
# How a sentence of prose ends; a line ending otherwise is chrome, a menu or a headline.
_PROSE_END = frozenset(".!?…\"”’'»)")
# Unions used in the inner loops, built once.
_SPEAKER_OR_MOD = frozenset(SPEAKER_NOUNS | MODIFIERS)
_CONNECTOR_OR_DET = frozenset(CONNECTORS | DETERMINERS)
_DESCRIPTOR_NOUNS = frozenset(SPEAKER_NOUNS | ORG_WORDS | MEDIA_NOUNS)
_LABEL_TITLES = frozenset(TITLE_WORDS - {"the", "of"})
_WEAK_DOCUMENT_NOUNS = frozenset(DOCUMENT_NOUNS - {"statement", "report", "update"})

_QUOTE_OPEN = "“‘\"'«„"
_QUOTE_CLOSE = "”’\"'»“"
# A token: a word (a letter or digit, then word characters with . ' ’ & - only between them), a
# double quotation mark, a single one that is not an apostrophe, "(AP)", or punctuation. The
# pattern takes the token's first character from the set of them all (so that the search skips
# the text between tokens in C) and then goes on by the character it took (the look-behinds);
# tests/test_attribute.py checks it against the plain alternation.
_TOKEN = compile_pattern(
    r"[A-Za-z0-9“”\"«»„‘’'(,;:—–)!?.]"
    r"(?:(?<=[A-Za-z0-9])\w*+(?:[.'’&-]++\w++)*+"
    r"|(?<=[“”\"«»„,;:—–)!?.])"
    r"|(?<=\()(?:[A-Z][A-Za-z.]{1,10}\))?"
    r"|(?<=‘)(?<![A-Za-z]‘)|(?<=’)(?![A-Za-z])"
    r"|(?<=')(?:(?<![A-Za-z]')|(?![A-Za-z])))")
_LOWER_WORDS = compile_pattern(r"[a-z]+")
_CUE_WORDS = frozenset(SPEECH_VERBS)
# A reporting verb as a whole run of lower-case letters (what ``_LOWER_WORDS`` would find),
# as one prefix-factored regex: one C-level scan instead of listing every word.
_CUE_RE = compile_pattern(r"(?<![a-z])(?:" + trie_regex(sorted(_CUE_WORDS)) + r")(?![a-z])")
# The same in reversed text: its first match there is the last in the text (matches are whole
# runs of letters, so none overlaps another); and the participles alone.
_CUE_RE_REVERSED = compile_pattern(r"(?<![a-z])(?:" + trie_regex(sorted(w[::-1] for w in _CUE_WORDS)) + r")(?![a-z])")
_PARTICIPLE_RE = compile_pattern(r"(?<![a-z])(?:" + trie_regex(sorted(PARTICIPLES)) + r")(?![a-z])")
_CAP_WORDS = compile_pattern(r"[A-Z][a-z]+\.?")
_TITLE_CUES = frozenset({
    "President", "Chancellor", "Minister", "Secretary", "Secretary-General", "Spokesman", "Spokeswoman",
    "Spokesperson", "General", "Prosecutor", "King", "Queen", "Pope", "Governor", "Senator", "Mayor",
    "Ambassador", "Commissioner", "Director", "Commander", "Premier", "Leader", "Envoy", "Adviser", "Advisor",
    "Chairman", "Chairwoman", "Gen.", "Sen.", "Rep.", "Dr.", "Mr.", "Mrs.", "Ms.", "Dr", "Mr", "Mrs", "Ms",
    "Miss", "Sir", "Dame", "Lady", "Lord"})

def _title_cue_re(words) -> re.Pattern:
    """A search for a word that ``_CAP_WORDS.findall`` would return and ``words`` holds."""
    findable = {w for w in words if re.fullmatch(r"[A-Z][a-z]+\.?", w)}
    alts = []
    for w in sorted(findable):
        bare = w.removesuffix(".")
        if w.endswith("."):
            if bare not in findable:
                alts.append(re.escape(w))  # "Gen.", not "Gen"
        elif w + "." in findable:
            alts.append(w + "(?![a-z])")  # "Mr" and "Mr."
        else:
            alts.append(w + "(?![a-z.])")  # "President", not "President."
    return compile_pattern("|".join(alts))


# ``_TITLE_CUE_RE.search(text)`` is ``not _TITLE_CUES.isdisjoint(_CAP_WORDS.findall(text))``, without the list
_TITLE_CUE_RE = _title_cue_re(_TITLE_CUES)
_QUOTE_CHARS = compile_pattern(r"[“”«»„\"]")
_QUOTE_CHARS_TYPEWRITER = compile_pattern(r"[“”«»„\"]|''")  # two apostrophes: a typewriter double quotation mark
_ACCORDING = compile_pattern(r"\baccording to\b|\bas (?:first |earlier |previously |was )?reported by\b", re.I)
_WORDS_AFTER_ACCORDING = compile_pattern(
    r"\s+((?:[\w.'’&-]+(?:\s+\([A-Z][A-Za-z.]{1,10}\))?)(?:\s+[\w.'’&-]+(?:\s+\([A-Z][A-Za-z.]{1,10}\))?){0,11})"
)
_TITLE_NAME = compile_pattern(
    r"\b(?:(?P<nat>[A-Z][a-z]+(?:an|ian|ish|ese|i|ch|ss)|U\.?S\.?|UN|U\.N\.)\s+)?"
    r"(?P<title>(?:(?:Prime|Foreign|Defen[cs]e|Interior|Finance|Deputy|Vice|Acting|Former|Chief|Prosecutor|Press|State|"
    r"Secretary|Senior)\s+)*(?:President|Chancellor|Minister|Secretary(?:-General)?|Spokes(?:man|woman|person)|"
    r"General|Prosecutor|King|Queen|Pope|Governor|Senator|Mayor|Ambassador|Commissioner|Director|Commander|"
    r"Premier|Leader|Envoy|Adviser|Advisor|Chairman|Chairwoman|Gen\.|Sen\.|Rep\.|Dr\.?|Mr\.?|Mrs\.?|Ms\.?|Miss|Sir|Dame|Lady|Lord)"
    r"(?:\s+General)?)\s+"
    r"(?P<name>[A-Z][\w'’-]+(?:\s+(?:[A-Z]\.\s+)?[A-Z][\w'’-]+){0,3})"
)
# (its first character is matched on its own, so that the scan skips to the next capital or bracket;
# runs are possessive where what follows cannot start with what they take)
_CAPSEQ = compile_pattern(
    r"[A-Z(](?:(?<=[A-Z])[\w'’.-]*+|(?<=\()[A-Z]{2,}\))"
    r"(?:\s++(?:(?:of|for|the|and|de|al|von|van|der)\s++)*(?:[A-Z][\w'’.-]*+|\([A-Z]{2,}\)))*"
)
# Who speaks for a person ("Zelenskyy's spokesman", "a spokeswoman for the prime minister").
_AIDE_NOUNS = {"spokesman", "spokeswoman", "spokesperson", "aide", "aides", "adviser", "advisor", "advisers",
               "lawyer", "lawyers", "attorney", "representative", "envoy", "secretary", "deputy"}
