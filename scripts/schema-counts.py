#!/usr/bin/env python3
"""Counts for issue 12: files over 250 lines, the longest line, and the files that name 15 or more of the 22 original
case fields (places that list the case fields). Usage: python3 scripts/schema-counts.py ROOT (a checkout)."""
import os,re,sys
root=sys.argv[1]
fields='site topography trunkLocation diagnosisYear histology primaryTumor sizeCm depth grade nodes metastasis basis extension invadedOrgans headAndNeckInvasion visceralExtent multifocalSites uterineExtent cervixInvolved peritonealCytology discontinuousTumours system'.split()
over=[];longest=(0,'');listing=[]
for d,_,fs in os.walk(os.path.join(root,'Sources')):
    for f in fs:
        p=os.path.join(d,f)
        if f.endswith('.json') and 'openapi' in f:
            t=open(p).read(); 
            if sum(1 for x in fields if '"%s"'%x in t)>=15: listing.append(os.path.relpath(p,root)+' (document)')
            continue
        if not f.endswith('.swift'): continue
        t=open(p).read(); lines=t.split('\n')
        if len(lines)>250: over.append((len(lines),os.path.relpath(p,root)))
        for l in lines:
            if len(l)>longest[0]: longest=(len(l),os.path.relpath(p,root))
        n=sum(1 for x in fields if re.search(r'[.\s(`"]%s\b'%x,t))
        if n>=15: listing.append(os.path.relpath(p,root)+' (%d names)'%n)
print('files over 250 lines:',len(over),sorted(over,reverse=True))
print('longest line:',longest)
print('files naming >=15 of the 22 original case fields:',len(listing))
for x in sorted(listing): print('  ',x)
