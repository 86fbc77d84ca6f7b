#!/usr/bin/env python3
"""Writes check_floor.sh's section of docs/PERFORMANCE.md (issue 17): check against the plain scan."""
import statistics
import sys
from collections import defaultdict

BEGIN, END = "<!-- check-floor:begin -->", "<!-- check-floor:end -->"
# The 10M rows, within the section: a run without --ten keeps the last run's.
TEN_BEGIN, TEN_END = "<!-- check-floor-ten:begin -->", "<!-- check-floor-ten:end -->"
meta = dict(line.rstrip("\n").split("=", 1) for line in open(sys.argv[1]) if "=" in line)
rows = defaultdict(dict)  # (what, label, metric) -> {round: value}
for line in open(sys.argv[2]):
    what, label, rnd, metric, value = line.rstrip("\n").split("\t")
    rows[(what, label, metric)][int(rnd)] = float(value)


def vals(what, label, metric="wall_s"):
    return list(rows.get((what, label, metric), {}).values())


def fmt(values, unit=" s", digits=2):
    if not values:
        return "not run"
    med = statistics.median(values)
    if len(values) == 1:
        return f"{med:.{digits}f}{unit} (1 run)"
    return f"{med:.{digits}f}{unit} [{min(values):.{digits}f}–{max(values):.{digits}f}, n={len(values)}]"


def ratios(a, b, label):
    """Per-round ratio a/b of runs taken in the same round, for rounds where both ran."""
    x, y = rows.get((a, label, "wall_s"), {}), rows.get((b, label, "wall_s"), {})
    return [x[r] / y[r] for r in sorted(x) if r in y and y[r] > 0]


# The bench's own check keeps every core busy (the server's COPY, the reader and the merge; --parallel
# more), so the load at the end says nothing of other work. The load when the bench started does: over
# half a core per core means other work ran until then (its 1-minute average takes minutes to settle).
shared = float(meta.get("load_start", meta["load"]).split()[0]) > 0.5 * float(meta["nproc"])
LOAD_NOTE = ("**The machine's cores were shared with other work during this run**: absolute figures are "
             "inflated and noisy; " if shared else "The machine was quiet when the bench started; ") + (
    "the ratios are taken per round between runs that alternate (their order rotates each round), so both "
    "sides saw the same conditions.")
TEN = "10000000"


def size_tables(sizes):
    """The check, the check without the cc_ indexes and --parallel 2, each beside the floor, at `sizes`."""
    lines = ["| users | engine | floor | check | check / floor | goal ≤ 4× at 1M | old statement in client | "
             "check peak RSS |", "|---|---|---|---|---|---|---|---|"]
    for n in sizes:
        for e in ("sqlite", "postgresql"):
            label = f"{e} {n}"
            r = ratios("check", "plain", label)
            verdict = "—" if not r or n != "1000000" else ("**met**" if statistics.median(r) <= 4 else "**missed**")
            rss = vals("check", label, "rss_kb")
            lines.append(f"| {int(n):,} | {e} | {fmt(vals('plain', label))} | {fmt(vals('check', label))} | "
                         f"{fmt(r, '×')} | {verdict} | {fmt(vals('old', label))} | "
                         f"{fmt([v / 1024 for v in rss], ' MB', 0)} |")
    lines += ["", "Without the `cc_` indexes (the platform's own schema; the check then runs the former grouped "
              "statement, `GroupedKeyScan`), check beside the plain scan:", "",
              "| users | engine | floor | check, no cc_ indexes | ratio | peak RSS |", "|---|---|---|---|---|---|"]
    for n in sizes:
        for e in ("sqlite", "postgresql"):
            label = f"{e} {n}"
            rss = vals("noindex", label, "rss_kb")
            lines.append(f"| {int(n):,} | {e} | {fmt(vals('noindexplain', label))} | {fmt(vals('noindex', label))} | "
                         f"{fmt(ratios('noindex', 'noindexplain', label), '×')} | "
                         f"{fmt([v / 1024 for v in rss], ' MB', 0)} |")
    lines += ["", "`check --parallel 2` on PostgreSQL beside the serial check (same rounds):", "",
              "| users | serial | --parallel 2 |", "|---|---|---|"]
    for n in sizes:
        label = f"postgresql {n}"
        lines.append(f"| {int(n):,} | {fmt(vals('serial', label))} | {fmt(vals('parallel', label))} |")
    return lines


def ten_block():
    """The 10M rows of this run (--ten): the tables at 10M, and the goal at 10M, the check's time per user
    within 1.5× of its time per user at 1M (the demo holds the same pairs per user at both sizes)."""
    lines = [TEN_BEGIN, f"10,000,000 users: one round, in the run of {meta['date']} (commit {meta['commit']}).",
             ""] + size_tables([TEN])
    lines += ["", "Scaling to 10,000,000 users: the check's time per user at 10M over its time per user at 1M "
              "in the same run, the floor's beside it:", "",
              "| engine | check at 1M | check at 10M | check per user, 10M / 1M | goal ≤ 1.5× | "
              "floor per user, 10M / 1M |", "|---|---|---|---|---|---|"]
    for e in ("sqlite", "postgresql"):
        one, ten = vals("check", f"{e} 1000000"), vals("check", f"{e} {TEN}")
        p1, p10 = vals("plain", f"{e} 1000000"), vals("plain", f"{e} {TEN}")
        if not one or not ten:
            lines.append(f"| {e} | {fmt(one)} | {fmt(ten)} | not run | — | — |")
            continue
        scale = statistics.median(ten) / (10 * statistics.median(one))
        floor = statistics.median(p10) / (10 * statistics.median(p1)) if p1 and p10 else float("nan")
        lines.append(f"| {e} | {fmt(one)} | {fmt(ten)} | {scale:.2f}× | "
                     f"{'**met**' if scale <= 1.5 else '**missed**'} | {floor:.2f}× |")
    return lines + [TEN_END]


path = sys.argv[3]
text = open(path).read()
out = [BEGIN, "## Issue 17: check against the floor (a plain scan of both tables)", "",
       f"Written by `bench/check_floor.sh` ({meta['date']}, commit {meta['commit']}, `{meta['binary']}`, "
       f"SQLite {meta['sqlite']}, PostgreSQL {meta['postgresql']}, {meta['nproc']} cores, load average at the start "
       f"{meta.get('load_start', '?')} and at the end {meta['load']}). " + LOAD_NOTE, "",
       "Datasets: `demo --users N --seed 11 --desync-rate 0.02`, with the `cc_` indexes, PostgreSQL "
       "`VACUUM ANALYZE`d. Floor: `" + "SELECT count(*), sum(current_level), sum(total_xp), sum(completed_sessions) "
       "FROM specialization_progress` and `SELECT count(*), sum(current_level), sum(max_achieved_level) FROM "
       "user_licenses` in `sqlite3` / `psql`. Check: `coupling-console check --json --limit 0` (stores the run, as "
       "a user's check does). Old row: the statement of `check --print-sql` (the former plan) in the same client.", ""]
out += size_tables(meta["sizes"].split())
for key, values in rows.items():
    if key[0] == "repair" and key[2] == "keys":
        label = key[1]
        keys = list(values.values())[0]
        wall = vals("repair", label)[0]
        out += ["", f"`repair-all --apply --create-licenses` on SQLite ({label} users, measured only, one run): "
                f"{int(keys):,} keys in {wall:.2f} s = **{keys / wall:,.0f} keys/s** (whole process)."]
if not any(k[0] == "repair" for k in rows):
    out += ["", "`repair-all` keys/s on SQLite: **not measured** in this run."]
out.append("")
if meta.get("ten") == "1":
    out += ten_block()
elif TEN_BEGIN in text and TEN_END in text:  # 10M takes about 35 minutes more: the last run's rows stay
    kept = text[text.index(TEN_BEGIN):text.index(TEN_END) + len(TEN_END)]
    out += ["10,000,000 users: not run in this run (`--ten`); the rows of the last run that had them, kept:", "",
            kept]
else:
    out.append("10,000,000 users: **not run** in this run (`--ten`).")
out.append(END)

section = "\n".join(out) + "\n"
if BEGIN in text and END in text:
    text = text[:text.index(BEGIN)] + section + text[text.index(END) + len(END) + 1:]
else:
    head, _, rest = text.partition("\n\n")
    text = head + "\n\n" + section + "\n" + rest
open(path, "w").write(text)
