"""Which lines of a text are not claims: page chrome and other boilerplate.

Two levels (see ``docs/segmentation.md``):

* :func:`boilerplate_reason` looks at one line alone: navigation and calls to action,
  hashtags, bylines, bare URLs, other languages, and the fixed phrases of page chrome
  (cookie and copyright lines, sign-up and log-in forms, share buttons, tag lists,
  "Most read" headers, bare timestamps, "Scraped at" lines).
* :func:`claims.pages.classify_page` looks at all lines of a document together, in the
  spirit of jusText, when the text looks like a copied or scraped web page.
* :func:`ends_sentence` and :func:`runs_on` tell whether a line ends its sentence.

Every skipped line keeps a reason slug from :data:`REASONS`.
"""

from __future__ import annotations

import re

from .patterns import compile_pattern

__all__ = ["REASONS", "boilerplate_reason", "ends_sentence", "runs_on"]

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

_HAS_ALNUM = compile_pattern(r"[^\W_]")
_URL_LINE = compile_pattern(
    r"[<(\[]?(?:(?:https?|ftp)://\S+|www\.\S+|(?:[\w-]+\.)+[a-z]{2,}(?:/\S*)?)[>)\].,;]*\Z",
    re.I,
)
_HASHTAGS = compile_pattern(r"(?:[#@]\w[\w.'’-]*[\s,;|·/]*)+\Z")
_NAME = r"(?:[A-Z][\w'’.-]*|van|von|de|der|den|del|della|da|di|du|dos|la|le|bin|ibn|al|el)"
_NAMES = _NAME + r"(?:\s+" + _NAME + r")*"
_NAME_LIST = _NAMES + r"(?:\s*(?:,|and|&|AND)\s*" + _NAMES + r")*"
_CREDIT = (
    r"(?i:(?:additional\s+|further\s+)?(?:reporting|writing|editing|edited|written|compiled|"
    r"produced|reported|research|graphics|photos?|video|translation|translated)"
    r"(?:\s+and\s+\w+)?\s+by)\s+" + _NAME_LIST + r"(?:\s+in\s+" + _NAMES + r")?"
)
_BYLINE = compile_pattern(
    # "By Jane Smith and John Doe, Reuters", "By Jane Smith in Kyiv", "By AFP staff"
    r"(?:By|BY)\s+" + _NAME_LIST
    + r"(?:\s*(?:,|\||-|–|—|/|\bin\b|\bfor\b)\s*(?:" + _NAME + r"|staff|news|agencies|"
    r"correspondents?|reporters?|bureau)(?:\s+(?:" + _NAME + r"|staff|news|agencies|"
    r"correspondents?|reporters?|bureau))*)*\.?\Z"
    # "Reporting by Jane Smith; Editing by John Doe", "(Writing by Jane Smith in Kyiv)"
    r"|\(?" + _CREDIT + r"(?:\s*[;,]?\s*(?:and\s+)?" + _CREDIT + r")*\s*\)?\.?\Z"
)

_NAV = compile_pattern(
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
    | (?:the\s+)?story\s+continues\s+(?:below|after) | continue\s+reading\b | loading\W*\Z
    | listen\s+to\s+this\s+(?:article|story)\b | \d+\s*min(?:ute)?s?\s+read\s*\Z | close\s*\Z
    )""",
    re.I | re.X,
)
# Fixed phrases of page chrome, one named group per reason (a line is matched from its start).
_CHROME = compile_pattern(
    r"""(?:
      (?P<scrape>(?:scraped|accessed|retrieved|fetched|downloaded|archived|captured|crawled|clipped|printed|saved)
          (?:\s+(?:at|on|from|via|in)\b|\s*:|\s+\d)
        | (?:date|time|last|page|url)\s+(?:accessed|retrieved|scraped|fetched|visited)\b)
    | (?P<legal>©|copyright\b|\(c\)\s*\d{4}|all\s+rights\s+reserved
        | (?:privacy|cookies?)\s+(?:policy|notice|settings|preferences|statement|choices)
        | terms\s+(?:of\s+(?:use|service)|and\s+conditions|&\s+conditions)
        | (?:accept|reject|allow|decline|refuse)\s+(?:all|cookies|all\s+cookies|and\s+continue)\b
        | manage\s+(?:cookies|preferences|consent|settings|my\s+choices)
        | (?:this|the)\s+material\s+may\s+not\s+be\s+(?:published|reproduced|broadcast|redistributed)
        | our\s+standards\s*: | do\s+not\s+sell\b | cookies?\s*\Z | legal\s*\Z | imprint\s*\Z | accessibility\s*\Z)
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
_MENU_ROW = compile_pattern(r"[^\W\d_][^|·•\n.!?:]{0,30}(?:\s+[|·•/]\s+[^\W\d_][^|·•\n.!?:]{0,30}){2,}\Z")
# A cookie banner's sentence (tried only on lines that say "cookie").
_COOKIE = compile_pattern(r"(?=[^\n]{0,300}\bcookies?\b)(?=[^\n]{0,300}\b(?:we\s+use|this\s+(?:web)?site\s+uses"
                          r"|you\s+(?:agree|consent|accept)|consent|browsing|your\s+experience|personali[sz]e|partners"
                          r"|to\s+improve)\b)", re.I)
_TIME_GATE = compile_pattern(r"\d|ago\b|now\b|today|yesterday", re.I)
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
_TIME_TOKENS = compile_pattern(r"[A-Za-z]+|\d+")
_CLOCK_OR_DATE = compile_pattern(r"\d{1,2}[:.]\d{2}\b|\d{4}-\d{1,2}-\d{1,2}|\d{1,2}/\d{1,2}/\d{2,4}")


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


_WORD_RE = compile_pattern(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
# A short line ending with ":" is a call to action when it starts with one of these verbs
# ("Follow DW on social media:", "Watch the full interview below:") or contains _CTA_ANY.
_CTA_FIRST = frozenset(
    "go visit follow watch listen read see find click tap subscribe download sign join share get "
    "check more".split()
)
_CTA_ANY = compile_pattern(r"\b(?:go\s+to|visit|click|tap|subscribe|download|sign\s+up|for\s+more)\b", re.I)
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
_NON_LATIN = compile_pattern(r"[^\W\d_A-Za-z\u00C0-\u024F\u1E00-\u1EFF]")
_LETTERS = compile_pattern(r"[^\W\d_]")


def _is_foreign(s: str) -> bool:
    head = s[:300]
    start = head[:160].lower()
    if " the " in start or not _EN_QUICK.isdisjoint(start.split()):  # " the ": the word, without the split
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

    Only what one line shows by itself; :func:`claims.pages.classify_page` adds what the
    lines of a page show together. ``"front-matter"`` depends on the line's position in the
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
        if len(s) < 120 and low[: low.find(" ")].strip(":,|·") in _SHARE_WORDS:
            ws = low.replace("|", " ").replace("·", " ").split()
            if len(ws) >= 2 and all(w.strip(":,") in _SHARE_WORDS for w in ws) and any(
                    w in ("share", "facebook", "whatsapp", "telegram", "twitter", "linkedin", "email") for w in ws):
                return "share"
        if len(s) < 200 and _MENU_ROW.match(s):
            return "navigation"
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
_FOOTNOTE_TAIL = compile_pattern(r"(?:\[\d{1,3}\]|\[[a-z]\]|[¹²³⁰⁴-⁹]+)+\Z")
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
