"""Which lines of a text are not claims: page chrome and other boilerplate.

Two levels (see ``docs/segmentation.md``):

* :func:`boilerplate_reason` looks at one line alone: navigation and calls to action,
  hashtags, bylines, bare URLs, other languages, and the fixed phrases of page chrome
  (cookie and copyright lines, sign-up and log-in forms, share buttons, tag lists,
  "Most read" headers, bare timestamps, "Scraped at" lines).
* :func:`classify_page` looks at all lines of a document together, in the spirit of
  jusText (Pomikálek 2011): when the text looks like a copied or scraped web page (many
  short lines without final punctuation, or several chrome lines), each line is
  classed by length, stopword density (jusText's English stoplist) and its neighbours;
  runs of menu words, lists of other stories' headlines with their times or ranks, and
  short lines repeated in the document are set aside, while short sentences and subheads
  inside the article body are kept.

Every skipped line keeps a reason slug from :data:`REASONS`.
"""

from __future__ import annotations

import importlib.util
import os
import re
from collections import Counter
from dataclasses import dataclass, field

__all__ = ["REASONS", "boilerplate_reason", "classify_page", "PageLines", "ends_sentence", "runs_on"]

#: Every reason slug that :func:`claims.segment.segment` may report for a skipped line.
REASONS = (
    "navigation",  # menus, calls to action ("Read more:", "Click here"), pagination, bare list numbers
    "hashtags",
    "foreign-language",
    "byline",
    "url",
    "front-matter",
    "empty-punctuation",
    "legal",  # cookie banners, copyright, "All rights reserved", privacy and terms links
    "form",  # sign-up, log-in, subscribe, newsletter, e-mail and password fields
    "share",  # share buttons: "Share", "Facebook", "Copy link", "Print"
    "tags",  # "Tags: Ukraine, Odesa", "Topics:"
    "related",  # "Most read"/"Related stories" headers and the other stories' headlines listed with them
    "timestamp",  # a line that is only a time or date ("2 hours ago", "10:42", "2 March 2026")
    "pubdate",  # a "Published 2 March 2026, 09:15 · Updated ..." line (read as the date, not a claim)
    "scrape-stamp",  # "Scraped at 2026-03-04 10:12", "Accessed on", "Retrieved from"
    "repeated",  # a short line that is not a sentence and occurs more than once in the document
    "low-content",  # page text that jusText-style classification finds is not article text
    "credit",  # a photo credit: "Photo: Agency/Name", alone or after a caption on a page
)

_HAS_ALNUM = re.compile(r"[^\W_]")
_URL_LINE = re.compile(
    r"[<(\[]?(?:(?:https?|ftp)://\S+|www\.\S+|(?:[\w-]+\.)+[a-z]{2,}(?:/\S*)?)[>)\].,;]*\Z",
    re.I,
)
_HASHTAGS = re.compile(r"(?:[#@]\w[\w.'’-]*[\s,;|·/]*)+\Z")
_NAME = r"(?:[A-Z][\w'’.-]*|van|von|de|der|den|del|della|da|di|du|dos|la|le|bin|ibn|al|el)"
_NAMES = _NAME + r"(?:\s+" + _NAME + r")*"
_NAME_LIST = _NAMES + r"(?:\s*(?:,|and|&|AND)\s*" + _NAMES + r")*"
_CREDIT = (
    r"(?i:(?:additional\s+|further\s+)?(?:reporting|writing|editing|edited|written|compiled|"
    r"produced|reported|research|graphics|photos?|video|translation|translated)"
    r"(?:\s+and\s+\w+)?\s+by)\s+" + _NAME_LIST + r"(?:\s+in\s+" + _NAMES + r")?"
)
_BYLINE = re.compile(
    # "By Jane Smith and John Doe, Reuters", "By Jane Smith in Kyiv", "By AFP staff"
    r"(?:By|BY)\s+" + _NAME_LIST
    + r"(?:\s*(?:,|\||-|–|—|/|\bin\b|\bfor\b)\s*(?:" + _NAME + r"|staff|news|agencies|"
    r"correspondents?|reporters?|bureau)(?:\s+(?:" + _NAME + r"|staff|news|agencies|"
    r"correspondents?|reporters?|bureau))*)*\.?\Z"
    # "Reporting by Jane Smith; Editing by John Doe", "(Writing by Jane Smith in Kyiv)"
    r"|\(?" + _CREDIT + r"(?:\s*[;,]?\s*(?:and\s+)?" + _CREDIT + r")*\s*\)?\.?\Z"
)

_NAV = re.compile(
    r"""(?:
      read\s+(?:more|also|the\s+full)\b | also\s+read\b
    | more\s+(?:on|from|about)\b.{0,60}:\s*\Z | also\s+on\b.{0,40}:\s*\Z | more\s*:\s*\Z
    | click\s+here | tap\s+here
    | follow\s+(?:us|@|\w+\s+on\b|\w+\s+\w+\s+on\b)
    | advertisement\s*\Z | sponsored\s*(?:content)?\s*:?\s*\Z | (?:watch|listen)\s*:
    | watch\s+(?:more|the\s+video|video|now|live)\b | listen\s+(?:to\s+the|now)\b
    | for\s+more\s+(?:news|information|on|stories|coverage|updates|videos?)\b
    | download\s+(?:the|our)\b
    | join\s+(?:us|our)\b | get\s+(?:the\s+latest|our)\b
    | (?:skip|jump)\s+to\s+(?:content|main|navigation) | back\s+to\s+top | menu\s*\Z | search\s*\Z
    | (?:previous|next)\s+(?:article|story|page)\b | load\s+more\b | show\s+more\s*\Z
    )""",
    re.I | re.X,
)
# Fixed phrases of page chrome, one named group per reason (a line is matched from its start).
_CHROME = re.compile(
    r"""(?:
      (?P<scrape>(?:scraped|accessed|retrieved|fetched|downloaded|archived|captured|crawled|clipped|printed|saved)
          (?:\s+(?:at|on|from|via|in)\b|\s*:|\s+\d)
        | (?:date|time|last|page|url)\s+(?:accessed|retrieved|scraped|fetched|visited)\b)
    | (?P<legal>©|copyright\b|\(c\)\s*\d{4}|all\s+rights\s+reserved
        | (?:privacy|cookies?)\s+(?:policy|notice|settings|preferences|statement|choices)
        | terms\s+(?:of\s+(?:use|service)|and\s+conditions|&\s+conditions)
        | (?:accept|reject|allow|decline|refuse)\s+(?:all|cookies|all\s+cookies|and\s+continue)\b
        | manage\s+(?:cookies|preferences|consent|settings|my\s+choices)
        | do\s+not\s+sell\b | cookies?\s*\Z | legal\s*\Z | imprint\s*\Z | accessibility\s*\Z)
    | (?P<form>(?:sign|log)[\s-]*(?:in|up|out|on)\b | register\s*\Z | create\s+(?:an\s+|your\s+)?account
        | (?:your\s+)?e-?mail(?:\s+address)?\s*[:*]?\s*\Z | enter\s+your\s+(?:e-?mail|name|password|details)
        | password\s*[:*]?\s*\Z | forgot\s+(?:your\s+)?password | subscribe\b | unsubscribe\b | newsletters?\s*\Z
        | get\s+(?:our|the)\s+(?:\w+\s+){0,2}(?:newsletter|briefing|digest)\b | submit\s*\Z
        | (?:first|last|full)\s+name\s*[:*]?\s*\Z | by\s+(?:signing\s+up|subscribing|clicking|registering)\b
        | thank\s+you\s+for\s+(?:subscribing|signing\s+up|registering) | no\s+spam\b | my\s+account\s*\Z)
    | (?P<share>(?:share(?:\s+(?:this|the)\s+(?:article|story|page|post))?|share\s+(?:on|via|to)\b[^\n]{0,40}
        | tweet|e-?mail|print|copy(?:\s+the)?\s+link|link\s+copied|facebook|twitter|x|whatsapp|telegram
        | linkedin|reddit|pinterest|messenger|flipboard|bluesky|threads|viber|mastodon|save|bookmark
        | gift\s+(?:this\s+)?article|comments?(?:\s*\(\d+\))?|\d+\s+comments?)\s*:?\s*\Z)
    | (?P<credit>(?:photo(?:graph)?s?|pictures?|images?|credits?|illustrations?)\s*(?::|by\b)[^.!?\n]{1,80}\Z)
    | (?P<tags>(?:tags?|topics?|filed\s+under|categories|keywords|related\s+topics)\s*[:|])
    | (?P<related>(?:most\s+(?:read|popular|viewed|shared|commented|watched|recent)|related(?:\s+(?:stories|articles|content
        |coverage|news|reading|links|posts))?|more\s+(?:stories|news|headlines|on\s+this\s+(?:story|topic)|like\s+this)
        |top\s+(?:stories|news|headlines)|latest(?:\s+(?:news|stories|headlines|updates|videos))?|trending(?:\s+now)?
        |editor['’]?s['’]?\s+picks?|recommended(?:\s+(?:for\s+you|stories|articles|reading|videos?))?
        |you\s+(?:may|might)\s+(?:also\s+)?like|what\s+to\s+read\s+next|popular(?:\s+now)?|in\s+other\s+news
        |read\s+next|up\s+next|don['’]t\s+miss|see\s+also|further\s+reading|also\s+in\s+the\s+news|more\s+in\s+\w+
        |more\s+from\s+[^\n]{1,40}?)\s*:?\s*\Z)
    )""",
    re.I | re.X,
)
# A line of share buttons side by side ("Share Facebook X WhatsApp Copy link").
_SHARE_WORDS = frozenset(
    "share tweet email e-mail print copy link facebook twitter x whatsapp telegram linkedin reddit pinterest "
    "messenger flipboard bluesky threads viber mastodon save bookmark this article story on via".split())
# Menu items side by side: "Home | World | Ukraine | Video", "News · Sport · Weather".
_MENU_ROW = re.compile(r"[^\W\d_][^|·•\n.!?:]{0,30}(?:\s+[|·•/]\s+[^\W\d_][^|·•\n.!?:]{0,30}){2,}\Z")
# A cookie banner's sentence (tried only on lines that say "cookie").
_COOKIE = re.compile(r"(?=[^\n]{0,300}\bcookies?\b)(?=[^\n]{0,300}\b(?:we\s+use|this\s+(?:web)?site\s+uses"
                     r"|you\s+(?:agree|consent|accept)|consent|browsing|your\s+experience|personali[sz]e|partners"
                     r"|to\s+improve)\b)", re.I)
_TIME_GATE = re.compile(r"\d|ago\b|now\b|today|yesterday", re.I)
_CHROME_REASON = {"scrape": "scrape-stamp", "legal": "legal", "form": "form", "share": "share", "tags": "tags", "credit": "credit",
                  "related": "related"}

# A line that is only a time or a date: every word is one of these, with a digit or a relative word.
_TIME_WORDS = frozenset(
    """
    january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec
    monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun
    am pm a m p gmt utc bst cet cest eet eest msk est edt pst pdt et pt ct cdt ist kyiv local time
    ago just now yesterday today hour hours hr hrs h min mins minute minutes s sec secs second seconds
    day days d week weeks w wk wks month months mo year years y yr yrs an a on at of the st nd rd th
    """.split()
)
_RELATIVE = frozenset("ago now yesterday today".split())
_PUB_WORDS = frozenset("published updated posted last first modified edited originally".split())
_TIME_TOKENS = re.compile(r"[A-Za-z]+|\d+")
_CLOCK_OR_DATE = re.compile(r"\d{1,2}[:.]\d{2}\b|\d{4}-\d{1,2}-\d{1,2}|\d{1,2}/\d{1,2}/\d{2,4}")


def _time_reason(s: str) -> str | None:
    """``"timestamp"`` or ``"pubdate"`` when the line is only a time/date (with a publication label)."""
    if len(s) > 120:
        return None
    tokens = _TIME_TOKENS.findall(s)
    if not tokens:
        return None
    digit = relative = label = False
    for t in tokens:
        if t.isdigit():
            if len(t) > 2 and not (len(t) == 4 and t[:2] in ("19", "20")):
                return None  # a figure, not a day, hour or year
            digit = True
            continue
        w = t.lower()
        if w in _PUB_WORDS:
            label = True
        elif w in _RELATIVE:
            relative = True
        elif w not in _TIME_WORDS:
            return None
    if not (digit or relative):
        return None
    if digit and not relative and all(t.isdigit() for t in tokens) and _CLOCK_OR_DATE.search(s) is None:
        return None  # bare figures ("4,889") are not times
    return "pubdate" if label else "timestamp"


_WORD_RE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
# A short line ending with ":" is a call to action when it starts with one of these verbs
# ("Follow DW on social media:", "Watch the full interview below:") or contains _CTA_ANY.
_CTA_FIRST = frozenset(
    "go visit follow watch listen read see find click tap subscribe download sign join share get "
    "check more".split()
)
_CTA_ANY = re.compile(r"\b(?:go\s+to|visit|click|tap|subscribe|download|sign\s+up|for\s+more)\b", re.I)
_REPORTING = frozenset(
    "said says told tells added adds wrote writes stated declared announced according reads read asked".split()
)

# English-only function words: one of them near the start of an ASCII line settles it.
_EN_QUICK = frozenset(
    "the and of to that with from said is are were have had its she they this been would "
    "which their you we our says told".split()
)
_EN_WORDS = frozenset(
    """
    the and of to that with for from said is are were have had it its she they this by be been
    would not who which their his you we our after over into than says told has was will
    """.split()
)
_FOREIGN_WORDS = frozenset(
    """
    der die das und ist nicht mit sie ein eine einen einem einer dem den des zu von für auf im
    sind wird werden auch sich bei nach über aus wie oder aber wir ich hat haben noch nur vom
    zum zur dass uns unsere ihre hier mehr diese dieser können kann wurde wurden sowie gegen
    seit unter zwischen durch ohne beim wir ihr sein seine
    le la les et est une du dans pour pas que qui sur avec au aux ce cette sont ont été il elle
    nous vous ils plus mais ou sa ses leur où très contre selon après avant aussi lors avait
    el los las y es una del con para por se su sus lo como más pero fue han está están este
    esta muy también sobre entre contra desde hasta sin ya hay cuando donde
    il di che della delle degli non sono gli nel nella è
    não uma em os das dos com pelo pela são
    """.split()
)
# Letters outside the Latin script (Cyrillic, Greek, Arabic, Hebrew, CJK, ...).
_NON_LATIN = re.compile(r"[^\W\d_A-Za-z\u00C0-\u024F\u1E00-\u1EFF]")
_LETTERS = re.compile(r"[^\W\d_]")


def _is_foreign(s: str) -> bool:
    head = s[:300]
    if not _EN_QUICK.isdisjoint(head[:160].lower().split()):
        return False
    ascii_only = head.isascii()
    if not ascii_only:
        nl = len(_NON_LATIN.findall(head))
        if nl:
            letters = len(_LETTERS.findall(head))
            if nl * 2 > letters:
                return True
    words = _WORD_RE.findall(head.lower())
    if not words:
        return False
    en = fo = 0
    for w in words:
        if w in _EN_WORDS:
            en += 1
        elif w in _FOREIGN_WORDS:
            fo += 1
    return fo >= 2 and fo > 2 * en


def _is_navigation(s: str) -> bool:
    if len(s) < 250 and _NAV.match(s):
        return True
    if s[-1] == ":":
        words = _WORD_RE.findall(s.lower())
        if len(words) > 12 or any(w in _REPORTING for w in words):
            return False
        return bool(words) and (words[0] in _CTA_FIRST or _CTA_ANY.search(s) is not None)
    return False




def boilerplate_reason(line: str) -> str | None:
    """Why ``line`` is not a claim (a reason slug from :data:`REASONS`), or ``None``.

    Only what one line shows by itself; :func:`classify_page` adds what the lines of a
    page show together. ``"front-matter"`` depends on the line's position in the
    document and is only reported by :func:`claims.segment.segment`.
    """
    s = line.strip()
    if not s:
        return None
    if _HAS_ALNUM.search(s) is None:
        return "empty-punctuation"
    c0 = s[0]
    if c0 in "#@" and _HASHTAGS.match(s):
        return "hashtags"
    if " " not in s and _URL_LINE.match(s):
        return "url"
    if c0.islower():
        # navigation and bylines start with a capital; only other languages remain
        return "foreign-language" if _is_foreign(s) else None
    if len(s) < 300 and _BYLINE.match(s):
        return "byline"
    if c0.isdigit() or c0 in "©(":
        t = _time_reason(s)
        if t is not None:
            return t
        if len(s) <= 3 and s.rstrip(".").isdigit():
            return "navigation"  # a list or page number standing alone
    if len(s) < 400:
        m = _CHROME.match(s)
        if m is not None:
            return _CHROME_REASON[m.lastgroup]
        low = s.lower()
        if "©" in s or (len(s) < 200 and "all rights reserved" in low) or ("ookie" in low and _COOKIE.match(s)):
            return "legal"
        if len(s) < 200 and _MENU_ROW.match(s):
            return "navigation"
        if len(s) < 120:
            ws = low.replace("|", " ").replace("·", " ").split()
            if len(ws) >= 2 and all(w.strip(":,") in _SHARE_WORDS for w in ws) and any(
                    w in ("share", "facebook", "whatsapp", "telegram", "twitter", "linkedin", "email") for w in ws):
                return "share"
        if not c0.isdigit() and len(s) <= 120 and _TIME_GATE.search(s) is not None:
            t = _time_reason(s)
            if t is not None:
                return t
    if _is_foreign(s):
        return "foreign-language"
    if _is_navigation(s):
        return "navigation"
    return None


# ---------------------------------------------------------------------------
# Line ends
# ---------------------------------------------------------------------------

_CLOSERS = "\"'”’»›)]}*_"
_FOOTNOTE_TAIL = re.compile(r"(?:\[\d{1,3}\]|\[[a-z]\]|[¹²³⁰⁴-⁹]+)+\Z")
# Words after which a line break cannot end a sentence: the text runs on.
_RUN_ON_WORDS = frozenset(
    """
    a an the and or but nor of to in on at by for from with into onto over under about after before
    than that which who whom whose as if while when where because since although though whether
    between among against during without within through per via including such his her its their our
    my your this these those is are was were be been has have had will would can could may might
    must shall should not no said says told according amid despite near toward towards across
    """.split()
)


def _last_char(s: str) -> str:
    """The line's last character that is not a closing quote, bracket or footnote marker."""
    if s[-1:] == "]" or "⁰" <= s[-1:] <= "⁹" or s[-1:] in ("¹", "²", "³"):
        m = _FOOTNOTE_TAIL.search(s)
        if m is not None and m.start() > 0:
            s = s[: m.start()]
    s = s.rstrip(_CLOSERS + " \t")
    return s[-1:] if s else ""


def ends_sentence(line: str) -> bool:
    """Does the (stripped) line end with final punctuation (``. ! ? …``), closers aside?"""
    return _last_char(line) in (".", "!", "?", "…", "‽")


def runs_on(line: str, next_line: str) -> bool:
    """Does the sentence of ``line`` (which has no final punctuation) go on in ``next_line``?

    Yes when the next line starts in lower case, or this one ends with a comma, colon,
    semicolon, dash, opening bracket, ``&`` or ``/``, or with a conjunction, preposition,
    article or other word a sentence cannot end with.
    """
    c = next_line[:1]
    if c.islower():
        return True
    last = line[-1:]
    if last in ",;:-–—(/&+":
        return True
    i = len(line) - 1
    while i >= 0 and (line[i].isalpha() or line[i] in "'’"):
        i -= 1
    return line[i + 1 :].lower() in _RUN_ON_WORDS


# ---------------------------------------------------------------------------
# Whole pages (jusText-style)
# ---------------------------------------------------------------------------


def _load_stoplist() -> frozenset[str]:
    """jusText's English stoplist, read from the installed package's data file.

    The file is read without importing ``justext`` (its import pulls in lxml's HTML
    cleaner, which the segmenter does not need)."""
    spec = importlib.util.find_spec("justext")
    if spec is None or spec.origin is None:
        raise ImportError("the justext package (a dependency of claims) is not installed")
    path = os.path.join(os.path.dirname(spec.origin), "stoplists", "English.txt")
    with open(path, encoding="utf-8") as fh:
        return frozenset(w.lower() for w in fh.read().split())


_STOPLIST: frozenset[str] | None = None

# jusText's defaults (characters and stopword densities)
LENGTH_LOW = 70
LENGTH_HIGH = 200
STOPWORDS_LOW = 0.30
STOPWORDS_HIGH = 0.32
MAX_HEADING_DISTANCE = 200

_TOKENS = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
# A page is classified when it has at least this many lines and a share of them are
# short lines without final punctuation (menus, headline lists) or chrome.
_PAGE_MIN_LINES = 8

_LIST_PARTS = frozenset(("related", "timestamp", "navigation", "repeated"))
# A caption's credit ("... on Monday. Photo: Agency/Name") is left out when a line is classed.
_CREDIT_TAIL = re.compile(r"(?:\s*[;,|–—-]\s*|\s+)\b(?:photo(?:graph)?s?|picture|image|video|credit|illustration)"
                          r"\s*(?::|by\b)[^.!?]{1,80}\Z", re.I)
_META = frozenset(("byline", "pubdate", "timestamp", "share", "empty-punctuation", "url", "hashtags", "tags"))


@dataclass(slots=True)
class PageLines:
    """What :func:`classify_page` found: reasons for the lines it sets aside and the headings it keeps.

    Keys are line start offsets into the text."""

    reasons: dict[int, str] = field(default_factory=dict)
    headings: set[int] = field(default_factory=set)
    #: line start -> start of the photo credit that ends the caption on that line
    credits: dict[int, int] = field(default_factory=dict)
    #: False when the text did not look like a page: ``reasons`` then hold each line's own
    #: :func:`boilerplate_reason` only
    page: bool = True


def classify_page(text: str, lines: list[tuple[int, int]]) -> PageLines | None:
    """Class every line of a copied or scraped web page as content or boilerplate.

    ``lines`` are the ``(start, end)`` offsets of the text's non-empty lines, stripped, in
    order. Returns ``None`` for fewer than 8 lines; when the text does not look like a
    page, the result has ``page=False`` and each line's own :func:`boilerplate_reason`.
    The rules, in order:

    1. each line's own chrome reason (:func:`boilerplate_reason`);
    2. a short line that is not a sentence and occurs more than once: ``repeated``;
    3. other stories' headlines: a headline-like line (no final punctuation, at most 20
       words) next to a bare time, date or list number, or after a "Most read"/"Related"
       header until the next sentence: ``related``;
    4. runs of three or more short lines of at most four words without final
       punctuation (menus): ``navigation``; runs of three or more headline-like lines:
       ``related``;
    5. the rest as jusText does: lines under 70 characters are *short*, longer ones are
       *good* with a stopword density of at least 0.30 and final punctuation, *near-good*
       from 0.30 or with final punctuation, else *bad*; a short headline-like line
       followed by a good line within 200 characters is a heading; short and near-good
       lines take their class from their neighbours (good-good: content, bad-bad:
       boilerplate). Tab-separated lines (table rows) are near-good.
    """
    global _STOPLIST
    n = len(lines)
    if n < _PAGE_MIN_LINES:
        return None
    raw = [text[a:b] for a, b in lines]
    hard: list[str | None] = [boilerplate_reason(s) for s in raw]
    short_np = sum(1 for s, h in zip(raw, hard) if h is None and len(s) < 60 and not ends_sentence(s))
    chrome = sum(1 for h in hard if h is not None and h not in ("byline", "foreign-language"))
    if not (short_np >= 4 and short_np * 4 >= n) and chrome < 3:
        return PageLines(reasons={a: h for (a, _), h in zip(lines, hard) if h is not None}, page=False)
    strs = [(_CREDIT_TAIL.sub("", s) or s) if (":" in s or " by " in s) and "\t" not in s else s for s in raw]
    ends = [ends_sentence(s) for s in strs]
    if _STOPLIST is None:
        _STOPLIST = _load_stoplist()
    stop = _STOPLIST
    words = [_TOKENS.findall(s) for s in strs]
    tab = ["\t" in s.strip() and len(s.split("\t")) >= 2 for s in strs]
    reason: list[str | None] = list(hard)

    shape = [not ends[i] and not tab[i] and 1 <= len(words[i]) <= 20 and len(s) <= 160 and s[-1] not in ",;:"
             and (s[0].isupper() or s[0].isdigit() or s[0] in "\"'“‘") for i, s in enumerate(strs)]

    def headline_like(i: int) -> bool:
        return shape[i] and reason[i] is None

    def list_mark(i: int) -> bool:
        return 0 <= i < n and (hard[i] == "timestamp" or (hard[i] == "navigation" and len(strs[i]) <= 3))

    # 2. repetition
    counts = Counter(s.lower() for s in strs)
    for i, s in enumerate(strs):
        if reason[i] is None and counts[s.lower()] > 1 and len(s) < 100 and (not ends[i] or len(words[i]) <= 3):
            reason[i] = "repeated"

    # 3. headlines listed with times or ranks; the list after a related header
    for i in range(n):
        if headline_like(i) and (list_mark(i + 1) or (list_mark(i - 1) and (i + 1 >= n or list_mark(i + 1)
                                                                            or headline_like(i + 1) or hard[i + 1]))):
            reason[i] = "related"
    i = 0
    while i < n:
        if hard[i] == "related":
            j = i + 1
            while j < n and j - i <= 40:
                if reason[j] is None and headline_like(j) and not _is_title(j, n, hard):
                    reason[j] = "related"
                elif reason[j] is None or reason[j] not in _LIST_PARTS:
                    break
                j += 1
            i = j
        else:
            i += 1

    # 4. runs of menu words and of headlines
    i = 0
    while i < n:
        if headline_like(i):
            j = i
            while j < n and (headline_like(j) or reason[j] in ("navigation", "repeated", "related")):
                j += 1
            run = [k for k in range(i, j) if reason[k] is None]
            if len(run) >= 3:
                menu = all(len(words[k]) <= 4 for k in run)
                for k in run:
                    if len(words[k]) <= 4 and any(c.isdigit() for c in strs[k]):
                        continue  # "4,889 killed": a figure in a list, not a menu word
                    if not _is_title(k, n, hard):
                        reason[k] = "navigation" if menu or len(words[k]) <= 2 else "related"
            i = max(j, i + 1)
        else:
            i += 1

    # 5. jusText: context-free classes, then context
    cls: list[str] = []
    heading: list[bool] = []
    for i, s in enumerate(strs):
        heading.append(False)
        if reason[i] is not None:
            cls.append("bad")
            continue
        if tab[i]:
            cls.append("neargood")
            continue
        ws = words[i]
        density = sum(1 for w in ws if w.lower() in stop) / len(ws) if ws else 0.0
        if len(s) < LENGTH_LOW:
            cls.append("short")
            heading[i] = headline_like(i)
        elif density >= STOPWORDS_LOW and ends[i]:
            cls.append("good")
        elif density >= STOPWORDS_LOW or ends[i]:
            cls.append("neargood")
            heading[i] = headline_like(i)
        else:
            cls.append("bad")
    cf = list(cls)
    for i in range(n):  # headings: a good line follows within 200 characters
        if heading[i] and cls[i] == "short":
            dist = 0
            for j in range(i + 1, n):
                if cls[j] == "good":
                    cls[i] = "neargood"
                    break
                dist += len(strs[j])
                if dist > MAX_HEADING_DISTANCE:
                    break

    def neighbour(i: int, step: int, ignore_near: bool) -> str:
        i += step
        while 0 <= i < n:
            c = cls[i]
            if c == "good" or c == "bad":
                return c
            if c == "neargood" and not ignore_near:
                return c
            i += step
        return "bad"

    new = {}
    for i in range(n):
        if cls[i] != "short":
            continue
        p, q = neighbour(i, -1, True), neighbour(i, 1, True)
        if p == "good" and q == "good":
            new[i] = "good"
        elif p == "bad" and q == "bad":
            new[i] = "bad"
        elif (p == "bad" and neighbour(i, -1, False) == "neargood") or (q == "bad" and neighbour(i, 1, False) == "neargood"):
            new[i] = "good"
        elif ends[i] and len(words[i]) >= 2:
            new[i] = "good"  # a short sentence at the edge of the article ("Kyiv denied it.")
        else:
            new[i] = "bad"
    for i, c in new.items():
        cls[i] = c
    for i in range(n):
        if cls[i] == "neargood":
            cls[i] = "bad" if (neighbour(i, -1, True), neighbour(i, 1, True)) == ("bad", "bad") else "good"
    for i in range(n):  # more headings: a heading-like line a good line follows within 200 characters
        if heading[i] and cls[i] == "bad" and cf[i] != "bad":
            dist = 0
            for j in range(i + 1, n):
                if cls[j] == "good":
                    cls[i] = "good"
                    break
                dist += len(strs[j])
                if dist > MAX_HEADING_DISTANCE:
                    break

    out = PageLines()
    for i, (a, _b) in enumerate(lines):
        if reason[i] is not None:
            out.reasons[a] = reason[i]
        elif cls[i] == "bad":
            out.reasons[a] = "navigation" if len(words[i]) <= 4 and not ends[i] else "low-content"
        else:
            if heading[i] or (not ends[i] and not tab[i] and headline_like(i)):
                out.headings.add(a)
            if len(strs[i]) < len(raw[i]) and ends[i]:  # "... on Monday. Photo: Agency/Name"
                m = _CREDIT_TAIL.search(raw[i])
                if m is not None:
                    out.credits[a] = a + m.start() + len(m.group()) - len(m.group().lstrip(" \t;,|–—-"))
    return out


def _is_title(i: int, n: int, hard: list[str | None]) -> bool:
    """A headline-like line followed by a byline or a publication-date line is the article's title."""
    for j in range(i + 1, min(i + 3, n)):
        if hard[j] in ("byline", "pubdate"):
            return True
        if hard[j] is None:
            return False
    return False
