#!/usr/bin/env python3
# Differential fuzzing against apparmor_parser 3.0.8: random small profiles
# of file rules, compiled by the oracle and checked for equivalence by
# tests/unit/test_compile_oracle (built by "make check"). Profiles the
# oracle rejects for conflicting exec modes must be rejected by us too.
# Not run by "make check" (it needs the oracle); run by hand:
#   TEST_COMPILE_ORACLE=path/to/test_compile_oracle fuzz-oracle.py SEED COUNT [WORKDIR]
# FUZZ_KEEP=1 keeps the passing cases (how the fuzz_*.prof cases were made).
import random, subprocess, sys, os
HERE=os.path.dirname(os.path.abspath(__file__))
FEAT=os.path.join(HERE,'..','features-6.12')
TOOL=os.environ.get('TEST_COMPILE_ORACLE','tests/unit/test_compile_oracle')
WORK=sys.argv[3] if len(sys.argv)>3 else '/tmp'
EMPTY=os.path.join(HERE,'literal.bin')
seed=int(sys.argv[1]); n=int(sys.argv[2])
random.seed(seed)
pieces=['a','b','ab','*','**','?','a*','*b','{a,b}','{a,b/c}','[ab]','[^a]','[a-c]','{,b*}','{a,{b,c}}','\\*','x.y','{*,a/**}','**/a','+','(a)','a|b','$']
modes=['r','w','a','k','m','rw','rk','mr','l','rl','ix','px','Px','ux','Ux','cx','Cx','pix','Pix','cux','mrix','rwk','x']
def glob():
    g=''
    for i in range(random.randint(1,4)):
        g+=random.choice(['/','/','//'])+random.choice(pieces)
    if random.random()<0.25: g+='/'
    return g
def rule():
    q=[]
    if random.random()<0.15: q.append('audit')
    deny = random.random()<0.2
    if deny: q.append('deny')
    if random.random()<0.25: q.append('owner')
    if random.random()<0.07 and not deny:
        return ' '.join(q+['link']+(['subset'] if random.random()<0.5 else [])+[glob(),'->',glob()])+','
    m=random.choice(modes)
    if deny: m=m.replace('ix','x').replace('px','x').replace('Px','x').replace('ux','x').replace('Ux','x').replace('cx','x').replace('Cx','x').replace('pi','').replace('Pi','').replace('cu','').replace('mrx','mrx')
    m=''.join(ch for ch in m if ch in 'rwakmlx') if deny else m
    if not m: m='r'
    if not deny and m[-2:] in ('px','Px','cx','Cx') or m in ('pix','Pix','cux'):
        if random.random()<0.4: m+=' -> '+random.choice(['t1','t2','t3',':ns:t4'])
    return ' '.join(q+[glob(),m])+','
ok=skip=bad=0
conflict_ok=conflict_bad=0
errs={}
for i in range(n):
    rules=[rule() for _ in range(random.randint(1,int(os.environ.get('FUZZ_MAX_RULES','8'))))]
    base=os.path.join(WORK,'c%d_%d'%(seed,i))
    open(base+'.prof','w').write('profile f {\n'+''.join('  '+r+'\n' for r in rules)+'}\n')
    p=subprocess.run(['apparmor_parser','-Q','-K','-S','-M',FEAT,base+'.prof'],capture_output=True)
    if p.returncode!=0:
        err=p.stderr.decode()
        if 'conflicting x' in err:
            open(base+'.bin','wb').write(open(EMPTY,'rb').read())
            t=subprocess.run([TOOL,base],capture_output=True,text=True)
            if 'Name not unique' in t.stdout+t.stderr: conflict_ok+=1
            else:
                conflict_bad+=1; print('CONFLICT MISSED', base, open(base+'.prof').read())
                continue
        else:
            errs[err.strip().splitlines()[0][:60]] = errs.get(err.strip().splitlines()[0][:60],0)+1
        skip+=1; os.unlink(base+'.prof'); continue
    open(base+'.bin','wb').write(p.stdout)
    try:
        t=subprocess.run([TOOL,base],capture_output=True,text=True,timeout=120)
    except subprocess.TimeoutExpired:
        bad+=1; print('TIMEOUT',base); continue
    if t.returncode==0:
        ok+=1
        if not os.environ.get('FUZZ_KEEP'):
            os.unlink(base+'.prof'); os.unlink(base+'.bin')
    else:
        bad+=1
        print('FAIL',base); print(open(base+'.prof').read()); print('\n'.join(l for l in (t.stdout+t.stderr).splitlines() if 'allow' in l or 'differs' in l or 'ERROR' in l or 'error' in l)[:1500])
print('ok',ok,'skip',skip,'bad',bad,'conflict agreed',conflict_ok,'conflict missed',conflict_bad)
print(errs)
