from common import *
B="b6"; r=[]
r.append(R(B,1,"Lahti","T","n","Immigrant services, adult social work","en","narrative","lang sa",
 """Several English-speaking clients from outside the EU have told me that they cannot understand the decisions they receive from Kela and the wellbeing services county. The letters are only in Finnish or Swedish, and the online translation tools give confusing results for legal terms. One client missed the deadline for appealing a decision because she thought the letter was only information. Interpreters are booked for meetings, but written decisions are not covered.""",
 '"I did everything they asked, but I never understood what the letter said."',
 "A short summary in plain English attached to decisions for clients who have requested English communication."))
r.append(R(B,2,"Espoo","L","n","Family services, international families","en","terse","cf lang",
 "Expat parents unaware of child health clinic (neuvola) schedule, vaccinations missed. No info in English at maternity stage.",
 "", "English info package at first neuvola visit."))
r.append(R(B,3,"Lahti","M","n","Social work, international worker","en","formal","wf lang",
 "As a social worker with limited Finnish, I find that internal guidance and training materials are available in Finnish only. This slows induction of new international staff and increases the workload of colleagues who must translate.",
 "", "Key guidelines and the induction package to be provided also in English."))
r.append(R(B,4,"Helsinki","A","n","Homeless services","en","quote","hou lang sa",
 "EU citizens without a registered address are not entitled to most services and end up sleeping in the shelter for months. We can offer only emergency help.",
 '"I came for a job, the job ended, now I am nobody here."',
 ""))
r.append(R(B,6,"Hollola","I","p","Home care","en","narrative","age gp lang",
 """Our home care team now includes three nurses from the Philippines and India. At first some elderly clients were hesitant, but after the team introduced a simple picture-and-word card for daily tasks and the nurses learned key phrases in Finnish, communication has improved. Clients now ask for specific nurses by name. The cards are also useful with clients who have memory disorders.""",
 "", "Share the picture card and the language buddy model with other home care teams."))
r.append(R(B,7,"Tampere","T","n","Employment services","en","colloquial","inc lang",
 "Lots of international students finishing their degree here and they just can't find work without Finnish. They end up on basic unemployment support or leave. Honestly it's a waste.",
 '"Every interview ends when they hear I don\'t speak Finnish."',
 "Finnish language courses tied to work placements."))
r.append(R(B,9,"Orimattila","L","n","Child welfare","en","formal","cf int lang",
 "In child welfare cases involving families who have recently moved from abroad, information from the reception centre and the previous municipality does not reach the child welfare team in time. Assessments start without background information.",
 "", "A standard information transfer form between reception services and child welfare."))
r.append(R(B,10,"Lahti","V","n","Disability services","en","terse","dis lang sa",
 "Deaf immigrant client: no interpreter for their own sign language, Finnish sign language not understood. Service plan meeting postponed twice.",
 "", ""))
r.append(R(B,11,"Vantaa","T","n","Substance abuse services","en","narrative","su lang",
 """English-speaking clients in substance abuse treatment find it hard to join peer support groups because all groups are held in Finnish. Many of them are isolated and have no family in Finland. Without a group, relapses after detox have been frequent.""",
 '"In the group I just sit and nod. I don\'t know what anyone is saying."',
 "An English-language peer support group, possibly online for the whole region."))
r.append(R(B,12,"Koko Päijät-Häme","M","e","Social work, development team","en","list","wf int",
 """Notes from the year-end review:
- staff turnover still high in child welfare
- new client record system slowly improving
- cooperation with municipal employment services unclear
- need to evaluate whether the new weekend duty model works""",
 "", ""))
save(B, r)
