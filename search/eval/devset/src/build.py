"""Build faqs.csv from src/batch*.txt.
Record format:
==T001##category(empty=topic category)##kw1|kw2|kw3##department
question line
answer lines (until next ==)
"""
import csv, glob, hashlib, io, os, re, datetime, shutil, sys
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, '..', 'faqs.csv')
topics = {}
with open('/work/coord/devset/topics.tsv', encoding='utf-8') as f:
    next(f)
    for line in f:
        tid, cat, topic = line.rstrip('\n').split('\t')
        topics[tid] = (cat, topic)
BAD = re.compile('[\u2460-\u24ff\u2160-\u217f\u3220-\u325f\u3280-\u33ff\uff61-\uff9f\U0001F000-\U0001FFFF\u2600-\u27bf]')
rows, errs = [], []
for fn in sorted(glob.glob(os.path.join(HERE, 'batch*.txt'))):
    text = open(fn, encoding='utf-8').read()
    for rec in text.split('\n==')[0:]:
        rec = rec.lstrip('=').strip('\n')
        if not rec.strip():
            continue
        lines = rec.split('\n')
        head = lines[0].split('##')
        if len(head) != 4:
            errs.append(f'{fn}: bad head {lines[0]!r}'); continue
        tid, cat, kw, dept = [h.strip() for h in head]
        q = lines[1].strip()
        a = '\n'.join(l.rstrip() for l in lines[2:]).strip()
        a = re.sub(r'\n{3,}', '\n\n', a)
        if tid not in topics:
            errs.append(f'unknown {tid}')
        cat = cat or topics.get(tid, ('',))[0]
        h = int(hashlib.md5(tid.encode()).hexdigest(), 16)
        d = datetime.date(2025, 4, 1) + datetime.timedelta(days=h % 560)
        rows.append(['dev-' + tid, q, a, cat, kw, dept, d.isoformat()])
# extras.txt: ==T001 + paragraph(s) inserted before the closing 「詳しくは」 line
# shorts.txt: ==T001 + full replacement answer (short version)
def load_simple(fn):
    out = {}
    path = os.path.join(HERE, fn)
    if not os.path.exists(path):
        return out
    for rec in open(path, encoding='utf-8').read().split('\n=='):
        rec = rec.lstrip('=').strip('\n')
        if not rec.strip():
            continue
        lines = rec.split('\n')
        out[lines[0].strip()] = '\n'.join(l.rstrip() for l in lines[1:]).strip()
    return out
extras, shorts = load_simple('extras.txt'), load_simple('shorts.txt')
for r in rows:
    tid = r[0][4:]
    if tid in shorts:
        r[2] = shorts[tid]
    if tid in extras:
        ls = r[2].split('\n')
        if ls[-1].startswith('詳しくは'):
            r[2] = '\n'.join(ls[:-1]).rstrip() + '\n\n' + extras[tid] + '\n' + ls[-1]
        else:
            r[2] = r[2] + '\n\n' + extras[tid]
for k in list(extras) + list(shorts):
    if k not in topics: errs.append(f'extras/shorts unknown {k}')
ids = [r[0] for r in rows]
dups = {i for i in ids if ids.count(i) > 1}
if dups: errs.append(f'dup ids {sorted(dups)}')
for r in rows:
    for i, v in enumerate(r):
        if i != 4 and not v: errs.append(f'{r[0]} empty col {i}')
        m = BAD.search(v)
        if m: errs.append(f'{r[0]} bad char {m.group()!r} col {i}')
    n = len(r[2])
    if not (150 <= n <= 700): errs.append(f'{r[0]} answer len {n}')
    kws = [k for k in r[4].split('|') if k]
    if not (2 <= len(kws) <= 5): errs.append(f'{r[0]} kw count {len(kws)}')
    if '<' in r[2] or '>' in r[2]: errs.append(f'{r[0]} html?')
rows.sort(key=lambda r: r[0])
buf = io.StringIO()
w = csv.writer(buf, lineterminator='\r\n')
w.writerow(['id', 'question', 'answer', 'category', 'keywords', 'department', 'last_reviewed'])
w.writerows(rows)
with open(OUT, 'w', encoding='utf-8', newline='') as f:
    f.write(buf.getvalue())
# re-read check
with open(OUT, encoding='utf-8', newline='') as f:
    back = list(csv.reader(f))
assert len(back) == len(rows) + 1 and all(len(x) == 7 for x in back)
lens = [len(r[2]) for r in rows]
print(f'rows={len(rows)} avg_len={sum(lens)/max(1,len(lens)):.0f} min={min(lens) if lens else 0} max={max(lens) if lens else 0}')
missing = [t for t in topics if 'dev-' + t not in set(ids)]
print(f'missing={len(missing)} first={missing[:3]}')
for e in errs: print('ERR', e)
if errs: sys.exit(1)
shutil.copy(OUT, '/work/coord/devset/faqs.csv')
print('copied')
