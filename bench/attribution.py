"""Score source identification on the PolNeAR dev set (news with hand-marked attributions).

    python bench/attribution.py [--limit N] [--show 20] [--patterns-only]

First the per-pattern counts on our own annotated fixtures (``tests/test_attribute_patterns.py``:
war reporting and political news written for this project, one group of cases per pattern
seen on real news: group qualifiers, action verbs, section labels, pronoun gender and role,
transcript labels, late speakers, vox pops, dash credits, "as reported by", channels and
publications, page chrome), run through the whole pipeline. Then PolNeAR:

Gold: attributions whose cue is a reporting verb or "according to" (PolNeAR also
marks beliefs and other non-speech cues; those are left out, as the corpus README
advises). Unit: a sentence. A gold sentence contains such a cue; it is found when
our attribution of that sentence has a mention overlapping the gold source span,
or, for a gold pronoun/noun source, resolves to the same entity our coreference
would give (approximated by overlap with the gold source or its head word).
Precision counts the sentences we attribute; a prediction is correct when the
sentence has a gold speech attribution and our mention overlaps its source.

PolNeAR needs ../shared/corpora (or CLAIMS_CORPORA); it is skipped with a message if missing.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPORA = Path(os.environ.get("CLAIMS_CORPORA", ROOT.parent / "shared" / "corpora"))
DATA = CORPORA / "attribution" / "polnear-train.jsonl"

SPEECH_LEMMAS = re.compile(
    r"^(?:(?:has|have|had|also|later|will|would|previously)\s+)*(said|says|say|saying|told|tells|tell|added|adds|adding|stated|states|"
    r"announced|announces|warned|warns|claimed|claims|insisted|insists|noted|notes|explained|explains|declared|"
    r"wrote|writes|reported|reports|confirmed|confirms|argued|argues|acknowledged|admitted|denied|"
    r"tweeted|asked|asks|replied|responded|stressed|according to)$",
    re.I,
)


def patterns() -> None:
    """Per-pattern counts on the project's own annotated fixtures."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("attribution_patterns", ROOT / "tests" / "test_attribute_patterns.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    print("Attribution patterns (own fixtures, whole pipeline): right / cases")
    right_all = total_all = 0
    for name, cases in module.PATTERNS.items():
        right, total, failures = module.run_pattern(cases)
        right_all += right
        total_all += total
        print(f"  {name:28} {right:3d} / {total:<3d}" + (f"   wrong: {failures}" if failures else ""))
    print(f"  {'all':28} {right_all:3d} / {total_all}\n")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--limit", type=int, default=0, help="only the first N articles")
    ap.add_argument("--show", type=int, default=0, help="print N misses and N false alarms")
    ap.add_argument("--patterns-only", action="store_true", help="only the per-pattern fixture counts")
    args = ap.parse_args()
    patterns()
    if args.patterns_only:
        return 0
    if not DATA.exists():
        print(f"attribution dev set not found at {DATA}; set CLAIMS_CORPORA. Nothing to score.")
        return 0
    from claims.attribute import Attributor, SentenceIn
    from claims.sources import build_registry
    from claims.config import Settings
    from claims.plugin_manager import make_plugin_manager
    from claims.segment import segment
    from claims.plugins import default_sources

    registry = build_registry(make_plugin_manager(load_entrypoints=False, builtins=False, extra=[("sources", default_sources)]), Settings())
    seen: set[str] = set()
    tp = fp = fn = 0
    wrong_span = 0
    misses, alarms = [], []
    cue_miss = Counter()
    chars = 0
    t_att = 0.0
    for line in DATA.open(encoding="utf-8"):
        art = json.loads(line)
        if art["article"] in seen:
            continue
        seen.add(art["article"])
        if args.limit and len(seen) > args.limit:
            break
        text = art["text"]
        chars += len(text)
        gold = []  # (cue start, cue end, [source spans], cue text)
        all_gold = []  # (cue start, cue end, [source spans]) for every cue
        for a in art.get("attributions", []):
            cues = a.get("cue") or []
            srcs = a.get("source") or []
            if not cues or not srcs:
                continue
            cue_text = " ".join(c["text"] for c in cues).strip()
            all_gold.append((min(seg[0] for c in cues for seg in c["segments"]),
                             max(seg[1] for c in cues for seg in c["segments"]),
                             [tuple(seg) for s in srcs for seg in s["segments"]]))
            if not SPEECH_LEMMAS.match(cue_text.replace("’", "'")):
                continue
            cs = min(seg[0] for c in cues for seg in c["segments"])
            ce = max(seg[1] for c in cues for seg in c["segments"])
            spans = [tuple(seg) for s in srcs for seg in s["segments"]]
            gold.append((cs, ce, spans, cue_text))
        t0 = time.perf_counter()
        att = Attributor(registry, text)  # as the default_attributor plugin makes it
        predicted = []
        for block in segment(text):
            for s, e, _line in block.sentences:
                src = att.attribute(SentenceIn(text[s:e], s, block.index))
                predicted.append((s, e, src))
        t_att += time.perf_counter() - t0
        for s, e, src in predicted:
            golds = [g for g in gold if s <= g[0] < e]
            if src is None:
                for g in golds:
                    fn += 1
                    cue_miss[g[3].lower()] += 1
                    if len(misses) < args.show:
                        misses.append((text[s:e], [text[a:b] for a, b in g[2]]))
                continue
            if src.mode.value == "continued" or src.mention_start is None:
                continue  # continued quotes are not cue-bearing sentences in the gold
            if not golds:
                # a source PolNeAR marks with another cue (observed, noted...) still counts as right
                others = [sp for a, b, sp in all_gold if s <= a < e]
                if any(src.mention_start < b2 and a2 < src.mention_end for sp in others for a2, b2 in sp):
                    tp += 1
                    continue
                fp += 1
                if len(alarms) < args.show:
                    alarms.append((text[s:e], src.mention))
                continue
            ok = any(src.mention_start < b and a < src.mention_end for g in golds for a, b in g[2])
            if ok:
                tp += 1
                fn += len(golds) - 1 if len(golds) > 1 else 0
            else:
                wrong_span += 1
                fp += 1
                fn += len(golds)
                if len(alarms) < args.show:
                    alarms.append((text[s:e], f"{src.mention} (gold: {[text[a:b] for g in golds for a, b in g[2]]})"))
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    print(f"PolNeAR dev: {len(seen)} articles, speech attributions, sentence-level source identification")
    print(f"  precision {p:.3f}  recall {r:.3f}  F1 {f1:.3f}   (tp {tp}, fp {fp} of which wrong source {wrong_span}, fn {fn})")
    print(f"  attribution speed: {chars / 1e6 / t_att:.2f} MB/s (segmented text, attribution only)")
    if args.show:
        print("\nmissed cues:", cue_miss.most_common(15))
        print("\n-- misses --")
        for sent, src in misses:
            print(f"  {src} <- {sent[:160]}")
        print("\n-- false alarms / wrong source --")
        for sent, m in alarms:
            print(f"  [{m}] {sent[:160]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
