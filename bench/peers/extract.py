# Extract labelled lines from peers' repos (git objects) into JSONL. Not committed as code of theirs;
# only our own script and the labelled lines.
import json, re, subprocess, sys
def files(repo, pat):
    out = subprocess.run(['git','-C',repo,'ls-tree','-r','--name-only','HEAD'],capture_output=True,text=True).stdout.split()
    return [f for f in out if re.search(pat,f)]
def show(repo,f):
    r = subprocess.run(['git','-C',repo,'show','HEAD:'+f],capture_output=True)
    return r.stdout.decode('utf8','replace')
ESC={'n':'\n','t':'\t','\\':'\\','"':'"',"'":"'",'0':'\0','r':'\r'}
def rust_string(s,i):
    # returns (value,end) for string literal starting at s[i], else None
    m=re.match(r'r(#*)"',s[i:])
    if m:
        hashes=m.group(1); start=i+len(m.group(0)); end=s.find('"'+hashes,start)
        return s[start:end], end+1+len(hashes)
    if s[i]!='"': return None
    j=i+1; out=[]
    while j<len(s) and s[j]!='"':
        if s[j]=='\\':
            c=s[j+1]
            if c=='\n':
                j+=2
                while s[j] in ' \t\n': j+=1
                continue
            if c=='u':
                m=re.match(r'\\u\{([0-9a-fA-F]+)\}',s[j:]); out.append(chr(int(m.group(1),16))); j+=len(m.group(0)); continue
            if c=='x':
                out.append(chr(int(s[j+2:j+4],16))); j+=4; continue
            out.append(ESC.get(c,c)); j+=2; continue
        out.append(s[j]); j+=1
    return ''.join(out), j+1
def js_string(s,i):
    q=s[i]
    if q not in '"\'`': return None
    j=i+1; out=[]
    while j<len(s) and s[j]!=q:
        if s[j]=='\\':
            c=s[j+1]
            if c=='u':
                m=re.match(r'\\u([0-9a-fA-F]{4})',s[j:]); out.append(chr(int(m.group(1),16))); j+=6; continue
            if c=='x': out.append(chr(int(s[j+2:j+4],16))); j+=4; continue
            out.append(ESC.get(c,c)); j+=2; continue
        if q=='`' and s[j]=='$' and s[j+1]=='{': return None
        out.append(s[j]); j+=1
    return ''.join(out), j+1
rows=[]
def add(src,pack,label,line,kind):
    if line is None or not line.strip(): return
    rows.append(dict(peer=src,pack=pack,label=label,kind=kind,line=line))
dcg='/tmp/peer-dcg'
CALLS={'assert_blocks_with_pattern':'dangerous','assert_blocks':'dangerous','assert_blocks_with_severity':'dangerous','assert_denies_with_rule':'dangerous','assert_rm_parser_denies':'dangerous','assert_hook_denies':'dangerous',
       'assert_allows':'harmless','assert_safe_pattern_matches':'harmless','assert_allows_command':'harmless','assert_no_match':'harmless'}
for f in files(dcg,r'\.rs$'):
    s=show(dcg,f)
    pack=f.replace('src/packs/','').replace('.rs','').replace('/','.') if f.startswith('src/packs/') else f
    for m in re.finditer(r'\b('+'|'.join(CALLS)+r')\(\s*(?:&?[a-z_]+\s*,\s*)?',s):
        i=m.end()
        r=rust_string(s,i) if i<len(s) and (s[i]=='"' or s[i]=='r') else None
        if r: add('dcg',pack,CALLS[m.group(1)],r[0],'pack-test')
import tomllib
for f in files(dcg,r'^tests/corpus/.*\.toml$'):
    d=tomllib.loads(show(dcg,f))
    cat=f.split('/')[2] if f.count('/')>2 else 'canonical'
    for c in d.get('case',[]):
        exp=c.get('expected')
        label={'deny':'dangerous','allow':'harmless'}.get(exp)
        if label is None: continue
        add('dcg',(c.get('rule_id') or cat),label,c['command'],'corpus/'+cat)
for name,label in [('dangerous','dangerous'),('safe','harmless')]:
    for l in show(dcg,f'tests/e2e/fixtures/commands/{name}.txt').splitlines():
        if l.strip() and not l.startswith('#'): add('dcg','e2e',label,l,'e2e')
csn='/tmp/peer-csn'
for f in files(csn,r'^tests/.*\.test\.ts$'):
    s=show(csn,f)
    for m in re.finditer(r'\b(assertBlocked|assertAllowed)\(\s*',s):
        i=m.end()
        r=js_string(s,i) if i<len(s) else None
        if r: add('csn',f.replace('tests/',''),'dangerous' if m.group(1)=='assertBlocked' else 'harmless',r[0],'test')
# dedupe
seen=set(); out=[]
for r in rows:
    k=(r['label'],r['line'])
    if k in seen: continue
    seen.add(k); out.append(r)
with open(sys.argv[1],'w') as fh:
    for r in out: fh.write(json.dumps(r,ensure_ascii=False)+'\n')
from collections import Counter
print(len(out),Counter((r['peer'],r['label']) for r in out))
