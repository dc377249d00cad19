#!/usr/bin/env python3
"""Public declarations without a documentation comment, per target.

  python3 scripts/doc-coverage.py [--rev REV] [--list] [--fail TARGET ...]

A declaration counts when its line starts with `public`/`open` (after attributes) and declares a type, function,
initializer, property, subscript, case or type alias; extensions do not need one. It is documented when the lines
above it (skipping attributes and blank lines inside the attribute block) end a `///` or `/** */` comment.
`--fail` exits 1 when any of the named targets has an undocumented declaration (.ci/run uses it with LeioCore and
LeioSurvival, whose DocC catalogs promise every public declaration documented).
"""
import re, subprocess, sys, os

DECL = re.compile(r'^\s*(?:@[\w().:, "]+\s+)*(?:public|open)\s+(?:(?:static|final|override|mutating|nonisolated|indirect|convenience|required|private\(set\)|internal\(set\)|fileprivate\(set\))\s+)*'
                  r'(func|init|var|let|struct|enum|class|actor|protocol|case|typealias|subscript)\b')

def files(rev):
    if rev:
        out = subprocess.check_output(['git', 'ls-tree', '-r', '--name-only', rev, 'Sources'], text=True).split()
        return [(f, subprocess.check_output(['git', 'show', f'{rev}:{f}'], text=True)) for f in out if f.endswith('.swift')]
    result = []
    for root, _, names in os.walk('Sources'):
        for name in names:
            if name.endswith('.swift'):
                path = os.path.join(root, name)
                result.append((path, open(path, encoding='utf-8').read()))
    return result

def undocumented(text):
    lines = text.split('\n')
    found = []
    for index, line in enumerate(lines):
        if not DECL.match(line):
            continue
        j = index - 1
        while j >= 0 and lines[j].strip().startswith('@'):
            j -= 1
        above = lines[j].strip() if j >= 0 else ''
        if not (above.startswith('///') or above.endswith('*/')):
            found.append((index + 1, line.strip()))
    return found

def main():
    args = sys.argv[1:]
    rev = args[args.index('--rev') + 1] if '--rev' in args else None
    fail = args[args.index('--fail') + 1:] if '--fail' in args else []
    counts, listing = {}, []
    for path, text in files(rev):
        target = path.split('/')[1]
        missing = undocumented(text)
        total = len([l for l in text.split('\n') if DECL.match(l)])
        c = counts.setdefault(target, [0, 0])
        c[0] += len(missing); c[1] += total
        listing += [f'{path}:{n}: {decl}' for n, decl in missing]
    for target in sorted(counts):
        print(f'{target:14} {counts[target][0]:4} undocumented of {counts[target][1]:4} public declarations')
    if '--list' in args:
        print('\n'.join(listing))
    bad = [t for t in fail if counts.get(t, [0])[0] > 0]
    if bad:
        print('undocumented public declarations in ' + ', '.join(bad) + ' (python3 scripts/doc-coverage.py --list)', file=sys.stderr)
        sys.exit(1)

main()
