# Sanity check: every expected text line must appear, in order, in the text of the
# entry content of each dumped page (and nothing from captions). Own quick converter.
import json, re, sys, glob, html, unicodedata
from html.parser import HTMLParser
BLOCK = {'p','h1','h2','h3','h4','h5','h6','li','blockquote','cite','figcaption','hr','div','figure','ul','ol','br'}
class T(HTMLParser):
    def __init__(s): super().__init__(); s.out=[]; s.skip=0
    def handle_starttag(s,t,a):
        if t=='figcaption': s.skip+=1
        if t in BLOCK: s.out.append('\n')
    def handle_endtag(s,t):
        if t=='figcaption': s.skip-=1
        if t in BLOCK: s.out.append('\n')
    def handle_data(s,d):
        if not s.skip: s.out.append(d)
def lines(h):
    t=T(); t.feed(h); x=''.join(t.out)
    x=unicodedata.normalize('NFC',x)
    return [re.sub(r'[\s\u00a0\u202f]+',' ',l).strip() for l in x.split('\n') if l.strip()]
bad=0
for f in sorted(glob.glob('cases/*/*.expected.json')):
    e=json.load(open(f)); base=f[:-len('.expected.json')]
    page=open(base+'.html').read(); rest=json.load(open(base+'.rest.json'))
    assert e['url']==rest['link'], (f, e['url'], rest['link'])
    assert e['title'] in html.unescape(page), (f,'title not on page')
    if not e['interview']: continue
    L=lines(rest['content']['rendered']); text='\n'.join(L)
    want=[]
    if e['intro']: want+=e['intro'].split('\n')
    for q in e['qa']: want+=[q['question']]+q['answer'].split('\n')
    if e['outro']: want+=e['outro'].split('\n')
    pos=0
    for w in want:
        if not w: continue
        w2=re.sub(r'^(- |\d+\. )','',w)
        i=text.find(w2,pos)
        if i<0: print(f,'MISSING:',w2[:90]); bad+=1
        else: pos=i+len(w2)
    pl=lines(page); pt='\n'.join(pl)
    for w in want:
        w2=re.sub(r'^(- |\d+\. )','',w)
        if w2 and w2 not in pt: print(f,'NOT IN PAGE:',w2[:80]); bad+=1
    # every non-caption content line should be covered
    for l in L:
        if not any(l in w or w.endswith(l) or l.endswith(re.sub(r'^(- |\d+\. )','',w)) for w in want):
            print(f,'UNCOVERED:',l[:90])
print('problems:',bad)
