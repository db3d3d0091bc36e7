#!/usr/bin/env python3
"""Writes paper-notes/vtc-trace.jsonl: two clients (groups) of one-call requests, as in the
synthetic overload experiments of Sheng et al. (OSDI 2024): 'heavy' sends 4x the rate of 'light'.
Deterministic (seed 7). Usage: python3 paper-notes/vtc-trace.py > paper-notes/vtc-trace.jsonl"""
import json, random, sys

rnd = random.Random(7)
DURATION_NS = 60 * 10**9
clients = [("heavy", 16.0), ("light", 4.0)]  # requests per second, Poisson
rows = []
for group, rate in clients:
    t = 0.0
    while True:
        t += rnd.expovariate(rate)
        if t * 1e9 >= DURATION_NS:
            break
        rows.append((int(t * 1e9), group))
rows.sort()
print(json.dumps({"aiosim_trace": 1, "source": "vtc-trace.py: heavy 16/s, light 4/s, 256 in / 256 out, 60 s"}))
for pid, (at, group) in enumerate(rows):
    print(json.dumps({"pid": pid, "name": f"{group}-{pid}", "arrival_ns": at, "group": group,
                      "syscalls": [{"llm": {"prompt": 256, "output": 256}}]}, separators=(",", ":")))
