#!/usr/bin/env python3
"""Independent computation of Zoho sample figures for kpi's golden tests.

Written against SPEC §3 with Python's csv module only — no kpi code. Run:
    python3 test/golden/zoho_expected.py ../shared/data/zoho-crm-sample > test/golden/zoho-expected.json
"""
import csv, json, sys, collections
from datetime import datetime

d = sys.argv[1]

def rows(name):
    with open(f"{d}/{name}", newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))

def month(s):  # "15 Apr, 2021 00:03:00"
    return datetime.strptime(s.strip(), "%d %b, %Y %H:%M:%S").strftime("%Y-%m")

def money(s):  # "$21,042" -> cents
    s = s.strip().replace("$", "").replace(",", "")
    return round(float(s) * 100)

out = {}

# 1. leads by Lead Source and by Lead Owner, per created month (Leads.csv alone; ids are unique)
leads = rows("Leads.csv")
assert len({r["LEADID"] for r in leads}) == len(leads)
by_src = collections.Counter((month(r["Created Time"]), r["Lead Source"].strip() or "(none)") for r in leads)
by_owner = collections.Counter((month(r["Created Time"]), r["Lead Owner"].strip() or "(none)") for r in leads)
total = collections.Counter(month(r["Created Time"]) for r in leads)
out["leads_total"] = dict(sorted(total.items()))
out["leads_by_channel"] = {f"{m}|{g}": n for (m, g), n in sorted(by_src.items())}
out["leads_by_manager"] = {f"{m}|{g}": n for (m, g), n in sorted(by_owner.items())}

# 2. won Potentials: deals merged by LEADID (first row's created time wins), won if any row is Closed Won
pots = rows("Potentials.csv")
groups = collections.OrderedDict()
for r in pots:
    key = r["LEADID"].strip() or None
    if key is None:
        groups[object()] = [r]
    else:
        groups.setdefault(key, []).append(r)
won = collections.Counter()
tot = collections.Counter()
for key, rs in groups.items():
    m = month(rs[0]["Created Time"])
    tot[m] += 1
    if any(r["Stage"].strip().lower() == "closed won" for r in rs):
        won[m] += 1
out["potentials_total"] = dict(sorted(tot.items()))
out["potentials_won"] = dict(sorted(won.items()))

# 3. calls by owner and type per month (TASKID is the call id; legs merge: start = earliest)
calls = rows("Calls.csv")
cg = collections.OrderedDict()
for r in calls:
    cg.setdefault(r["TASKID"].strip(), []).append(r)
inbound = collections.Counter()
outbound = collections.Counter()
for tid, rs in cg.items():
    first = min(rs, key=lambda r: r["Call Start Time"])
    m = first["Call Start Time"][:7]
    owner = first["Call Owner"].strip() or "(none)"
    typ = first["Call Type"].strip().lower()
    (inbound if typ == "inbound" else outbound)[(m, owner)] += 1
out["calls_inbound_by_manager"] = {f"{m}|{g}": n for (m, g), n in sorted(inbound.items())}
out["calls_outbound_by_manager"] = {f"{m}|{g}": n for (m, g), n in sorted(outbound.items())}
out["calls_records"] = len(cg)

# 4. invoices by account: revenue and active clients per month; Cancelled is void; empty Grand Total rejected
inv = rows("Invoices.csv")
rev = collections.Counter()
active = collections.defaultdict(set)
numbers = collections.defaultdict(set)
rejected = 0
for r in inv:
    if not r["Grand Total"].strip():
        rejected += 1
        continue
    if r["Invoice Status"].strip().lower() == "cancelled":
        continue
    m = month(r["Created Time"])
    c = money(r["Grand Total"])
    rev[m] += c
    if c > 0:
        active[m].add(r["Account Id"].strip())
        numbers[m].add(r["Invoice Number"].strip())
out["invoices_rejected"] = rejected
out["revenue"] = {m: v / 100 for m, v in sorted(rev.items())}
out["clients_active"] = {m: len(s) for m, s in sorted(active.items())}
out["invoices"] = {m: len(s) for m, s in sorted(numbers.items())}
json.dump(out, sys.stdout, indent=1, ensure_ascii=False)
print()
