#!/usr/bin/env python3
# Differential fuzzing of mount, remount, umount and pivot_root rules (with
# exec rules naming the same targets) against apparmor_parser 3.0.8: random small profiles compiled by both
# (-S, 6.12 features) must be equivalent under vigil-policy-diff, and a
# profile the oracle fails on must fail here with the same message.
# Not run by "make check" (it needs the oracle); run by hand from a built
# tree:  tests/data/emit/fuzz-mount.py SEED COUNT [WORKDIR]
import os, random, subprocess, sys

HERE = os.path.dirname(os.path.abspath(__file__))
FEAT = os.path.join(HERE, '..', 'features-6.12')
TOP = os.path.join(HERE, '..', '..', '..')
OURS = os.environ.get('OURS', os.path.join(TOP, 'parser', 'apparmor_parser'))
DIFF = os.environ.get('DIFF', os.path.join(TOP, 'tools', 'policy-diff', 'vigil-policy-diff'))
ORACLE = os.environ.get('ORACLE', '/sbin/apparmor_parser')
seed, count = int(sys.argv[1]), int(sys.argv[2])
work = sys.argv[3] if len(sys.argv) > 3 else '/tmp'
random.seed(seed)

OPTIONS = ('ro r read-only rw w suid nosuid dev nodev exec noexec sync async remount mand '
           'nomand dirsync atime noatime diratime nodiratime bind B rbind R move M verbose '
           'silent loud acl noacl unbindable make-unbindable runbindable make-runbindable '
           'private make-private rprivate make-rprivate slave make-slave rslave make-rslave '
           'shared make-shared rshared make-rshared relatime norelatime iversion noiversion '
           'strictatime user nouser').split()
PATHS = ['/a', '/b/', '/m/**', '/dev/sd*', '/x/{y,z}', '']
FSTYPES = ['ext4', 'xfs', 'ext*', 'tmpfs']


def options_cond():
    words = random.sample(OPTIONS, random.randint(1, 4))
    if random.random() < 0.5:
        return 'options in (%s)' % ','.join(words)
    if len(words) == 1 and random.random() < 0.5:
        return 'options=%s' % words[0]
    return 'options=(%s)' % ','.join(words)


def fstype_cond():
    names = random.sample(FSTYPES, random.randint(1, 2))
    word = random.choice(['fstype', 'vfstype'])
    if len(names) == 1 and random.random() < 0.5:
        return '%s=%s' % (word, names[0])
    return '%s %s (%s)' % (word, random.choice(['=', 'in']), ','.join(names))


def mount_rule():
    q = []
    if random.random() < 0.15:
        q.append('audit')
    if random.random() < 0.15:
        q.append('deny')
    kind = random.choice(['mount', 'mount', 'mount', 'remount'])
    conds = [options_cond() for _ in range(random.choice([0, 1, 1, 1, 2]))]
    conds += [fstype_cond() for _ in range(random.choice([0, 0, 1, 2]))]
    random.shuffle(conds)
    words = q + [kind] + conds
    if kind == 'mount':
        src, dst = random.choice(PATHS), random.choice(PATHS)
        if src:
            words.append(src)
        if dst:
            words += ['->', dst]
    else:
        mp = random.choice(PATHS)
        if mp:
            words.append(mp)
    return ' '.join(words) + ','


TARGETS = ['tx', 'ty', 'tz', 'kid']


def pivot_root_rule():
    words = []
    if random.random() < 0.15:
        words.append('audit')
    if random.random() < 0.2:
        words.append('deny')
    words.append('pivot_root')
    if random.random() < 0.3:
        words.append('oldroot=' + random.choice(['/o/', '/old/**']))
    new_root = random.choice(PATHS)
    if new_root:
        words.append(new_root)
    if random.random() < 0.6:
        words += ['->', random.choice(TARGETS)]
    return ' '.join(words) + ','


def exec_rule():
    path = random.choice(['/bin/a', '/bin/b', '/usr/bin/c', '/bin/d*'])
    if random.random() < 0.2:
        return '%s cx -> kid,' % path
    return '%s %s -> %s,' % (path, random.choice(['px', 'Px', 'pix']), random.choice(TARGETS))


def umount_rule():
    return random.choice(['umount', 'deny umount', 'audit umount']) + ' ' + random.choice(PATHS) + ','


def any_rule():
    return random.choice([mount_rule, mount_rule, pivot_root_rule, pivot_root_rule, exec_rule,
                          umount_rule])()


def run(cmd, path):
    return subprocess.run(cmd + ['-Q', '-K', '-S', '-M', FEAT, '--config-file=/dev/null', path],
                          capture_output=True)


same = failed_alike = bad = 0
for i in range(count):
    rules = [any_rule() for _ in range(random.randint(1, 5))]
    prof = os.path.join(work, 'm%d_%d.prof' % (seed, i))
    with open(prof, 'w') as f:
        f.write('profile t {\n' + ''.join('  %s\n' % r for r in rules) +
                '  profile kid { }\n}\n')
    o, v = run([ORACLE], prof), run([OURS], prof)
    if o.returncode:
        # front-end diagnostics are worded differently; encoding failures not
        alike = v.stderr == o.stderr or b'Encoding of' not in o.stderr
        if v.returncode == o.returncode and alike and not v.stdout:
            failed_alike += 1
            os.unlink(prof)
            continue
        print('FAIL %s: oracle fails (%s), ours: exit %d %s' %
              (prof, o.stderr.decode().strip(), v.returncode, v.stderr.decode().strip()))
        bad += 1
        continue
    if v.returncode:
        print('FAIL %s: ours fails: %s' % (prof, v.stderr.decode().strip()))
        bad += 1
        continue
    with open(prof + '.o', 'wb') as f:
        f.write(o.stdout)
    with open(prof + '.v', 'wb') as f:
        f.write(v.stdout)
    d = subprocess.run([DIFF, '-b', prof + '.v', prof + '.o'], capture_output=True, text=True)
    if d.returncode:
        print('FAIL %s:\n%s' % (prof, d.stdout))
        bad += 1
        continue
    same += 1
    for p in (prof, prof + '.o', prof + '.v'):
        os.unlink(p)
print('%d passed, %d failed (%d equivalent, %d failing alike)' %
      (same + failed_alike, bad, same, failed_alike))
sys.exit(1 if bad else 0)
