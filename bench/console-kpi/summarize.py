"""Reads psql output of kpi-bench.sh measure: '@ name' lines, 'Time: x ms' lines, '@plan name' + plans."""
import math
import re
import sys

times, plans, current, plan = {}, {}, None, None
for line in sys.stdin:
    line = line.rstrip("\n")
    if line.startswith("@plan "):
        plan = line[6:]
        plans[plan] = []
    elif line.startswith("@ "):
        current, plan = line[2:], None
    elif plan is not None:
        plans[plan].append(line)
    else:
        m = re.match(r"Time: ([\d.]+) ms", line)
        if m and current:
            times.setdefault(current, []).append(float(m.group(1)))

def pct(values, p):
    s = sorted(values)
    return s[max(0, math.ceil(p * len(s)) - 1)]  # nearest rank

print("| query | runs | p50 | p95 | max |")
print("|---|---|---|---|---|")
for name, v in times.items():
    print(f"| {name} | {len(v)} | {pct(v, 0.5):.0f} ms | {pct(v, 0.95):.0f} ms | {max(v):.0f} ms |")
for name, lines in plans.items():
    print(f"\nplan {name}:\n```")
    print("\n".join(lines))
    print("```")
