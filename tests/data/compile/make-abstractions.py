#!/usr/bin/env python3
# Build abstractions.prof: every simple file rule of every abstraction in
# /etc/apparmor.d/abstractions, variables expanded (each value of a
# multi-valued variable becomes its own rule, as apparmor_parser does),
# exec modes normalised to ix so the rules do not conflict. Then run
# regen.sh to produce abstractions.bin with the oracle.
#
# usage: make-abstractions.py > abstractions.prof
import os, re, subprocess, sys, tempfile

here = os.path.dirname(os.path.abspath(__file__))
features = os.path.join(here, '..', 'features-6.12')
src = tempfile.NamedTemporaryFile('w', suffix='.prof', delete=False)
src.write('include <tunables/global>\nprofile big {\n')
for name in sorted(os.listdir('/etc/apparmor.d/abstractions')):
    if os.path.isfile(os.path.join('/etc/apparmor.d/abstractions', name)):
        src.write('  include <abstractions/%s>\n' % name)
src.write('}\n')
src.close()
flat = subprocess.run(['apparmor_parser', '-p', '-I', '/etc/apparmor.d', src.name],
                      capture_output=True, text=True).stdout
dump = subprocess.run(['apparmor_parser', '-Q', '-K', '-D', 'expanded-variables', '-M', features,
                       '-I', '/etc/apparmor.d', src.name], capture_output=True, text=True).stdout
os.unlink(src.name)
var = {}
for line in dump.splitlines():
    m = re.match(r'@(\w+) = (.*)', line)
    if m:
        vals = re.findall(r'"([^"]*)"', m.group(2))
        var[m.group(1)] = vals
def expand(s):
    m = re.search(r'@\{(\w+)\}', s)
    if not m: return [s]
    if m.group(1) not in var: return [s]
    res=[]
    for v in var[m.group(1)]:
        res += expand(s[:m.start()] + v + s[m.end():])
    return res
modes = re.compile(r'^(?:[rwalkm]|[pcPC]?ix|[pPcC]x|[uU]x|p?ux|PUx|[cC]ux|CUx|[pPcC]ix)+$')
out = []
seen=set()
for line in flat.splitlines():
    line = line.split('#')[0].strip()
    if not line.endswith(','): continue
    body = line[:-1].strip()
    toks = body.split()
    quals=[]
    while toks and toks[0] in ('audit','deny','owner'):
        quals.append(toks.pop(0))
    if toks and toks[0]=='file': continue
    if len(toks)!=2: continue
    glob, mode = toks
    if not (glob.startswith('/') or glob.startswith('@')): continue
    if '"' in glob or not modes.match(mode): continue
    for g in expand(glob):
        if '@{' in g: continue
        mode = re.sub(r'(?:[pPcC]ix|PUx|[pPcCuU]x|pux|[cC]ux|CUx)', 'ix', mode)
        mode = mode.replace('ixix', 'ix')
        r = ' '.join(quals + [g, mode]) + ','
        if r in seen: continue
        seen.add(r); out.append(r)
print("profile abstractions {")
for r in out: print('  ' + r)
print('}')
