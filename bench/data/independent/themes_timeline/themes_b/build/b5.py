from common import *
B="b5"; r=[]
r.append(R(B,1,"Porvoo","T","n","Vuxensocialarbete, Borgå","sv","terse","inc sa",
 "Utkomststöd från FPA dröjer 3-4 veckor. Klienter saknar pengar till mat och mediciner. Hänvisar till matbanken.",
 "", "Snabbare handläggning av brådskande ärenden, kontaktperson på FPA."))
r.append(R(B,1,"Vaasa","L","n","Barnskyddet, öppenvård","sv","narrative","cf lang sa",
 """Svenskspråkiga familjer i barnskyddet får ofta vänta längre på familjerehabilitering eftersom det finns få platser där arbetet sker på svenska. Föräldrarna erbjuds finskspråkig service, men i känsliga samtal om föräldraskap är det svårt att uttrycka sig på ett annat språk. Några familjer har tackat nej till hjälpen på grund av språket.""",
 '"Jag förstår finska, men jag kan inte gråta på finska."',
 "Köpa tjänster på svenska tillsammans med grannvälfärdsområden."))
r.append(R(B,2,"Raasepori","I","n","Hemvården, Raseborg","sv","colloquial","age wf",
 "Vi är för få i hemvården, speciellt på kvällarna. Besöken blir korta och vi hinner int prata med kunderna. Vikarier som inte kan svenska är ett problem för de äldre.",
 '"Hon förstod inte vad jag sa, så jag tog mina mediciner själv."',
 "Språkkrav och svenskkurs för vikarier i hemvården."))
r[-1]["themes"]="ageing;workforce;language_inclusion"
r.append(R(B,2,"Loviisa","O","n","Närståendevård","sv","formal","car sa",
 "Närståendevårdarna i Lovisa har svårt att få sina lagstadgade lediga dagar. Korttidsvården är ofta fullbokad och avlösning i hemmet kan inte ordnas på svenska.",
 "", "Utöka avlösarservicen i hemmet och samarbeta med tredje sektorn."))
r.append(R(B,3,"Pietarsaari","T","n","Missbrukarvård, Jakobstad","sv","terse","su mh",
 "Fler unga vuxna med blandmissbruk, benzo och cannabis. Avgiftning bara i Karleby, långa resor.",
 "", ""))
r.append(R(B,3,"Vaasa","V","p","Handikappservice","sv","narrative","dis gp",
 """Vi har börjat med personlig budget för några klienter inom funktionshinderservicen. Klienten planerar själv tillsammans med socialhandledaren hur stödet används, till exempel för fritidsaktiviteter eller assistans vid vissa tider. De första erfarenheterna är goda: klienterna upplever att de har mer kontroll över sin vardag.""",
 '"Nu bestämmer jag när jag vill gå och simma."',
 "Utvärdera försöket och utvidga det till fler klienter."))
r.append(R(B,4,"Kristiinankaupunki","I","n","Socialhandledning för äldre","sv","quote","age sa",
 "Äldre på landsbygden har långt till hälsostationen och bussen går två gånger i veckan. Många avstår från att söka hjälp.",
 '"Det är ingen idé att ringa, de har ändå ingen tid för oss här ute."',
 "Mobil servicebuss med socialhandledare och sjukskötare."))
r.append(R(B,4,"Porvoo","L","n","Elevvård, skolkurator","sv","colloquial","cf mh",
 "Det är jättemånga elever som mår dåligt och vill prata med kuratorn, men jag hinner bara träffa var och en en gång i månaden. Väntetiden till ungdomspsykiatrin är lång.",
 "", "Fler kuratorer och en samtalsgrupp för unga med ångest."))
r.append(R(B,5,"Jakobstad","T","n","Integrationstjänster","sv","list","lang inc",
 """Observationer om inflyttade klienter:
- svenska eller finska? familjerna vet inte vilket språk de ska lära sig
- kurser i svenska finns, men arbetsgivarna kräver ofta finska
- tolk behövs vid varje besök hos FPA""",
 "", "Tydlig information om språkval och kombinerade språkkurser."))
r.append(R(B,5,"Raseborg","A","n","Boenderådgivning","sv","formal","hou inc",
 "Antalet hyresskulder har ökat bland ensamboende i Raseborg. Flera klienter hotas av vräkning, och kontakt med boenderådgivningen tas ofta för sent.",
 "", "Hyresvärdarna uppmanas meddela boenderådgivningen redan efter första obetalda hyran."))
r.append(R(B,6,"Vaasa","M","n","Socialarbete, vuxna","sv","terse","wf",
 "Tre socialarbetare slutat i vår. Vikarier utan behörighet. Kunderna byter kontaktperson hela tiden.",
 "", "Handledning och mentorskap för nya socialarbetare."))
r.append(R(B,6,"Loviisa","L","p","Familjecentret, Lovisa","sv","narrative","cf gp int",
 """Familjecentret har inlett ett samarbete med småbarnspedagogiken där familjearbetaren är på plats i daghemmet en förmiddag i veckan. Föräldrarna kan prata med familjearbetaren när de hämtar barnen, utan tidsbokning. Flera familjer har fått stöd tidigt i stället för att problemen växer.""",
 '"Det var lätt att fråga när hon redan var där."',
 "Modellen kan spridas till andra daghem i regionen."))
r.append(R(B,7,"Porvoo","T","n","Sysselsättningstjänster","sv","formal","inc int",
 "Efter överföringen av arbets- och näringstjänsterna till kommunerna är ansvarsfördelningen mellan kommunens sysselsättningstjänster och välfärdsområdets socialarbete oklar. Klienter i arbetsverksamhet i rehabiliteringssyfte har fått motstridiga besked.",
 "", "Gemensam processbeskrivning och gemensamma klientmöten."))
r.append(R(B,8,"Kristinestad","O","n","Närståendevård","sv","colloquial","car age",
 "Närståendevårdaren är själv 85 år och har dålig hälsa. Hon orkar int längre men vill inte att mannen flyttar. Ingen har frågat hur hon själv mår.",
 '"Vem tar hand om mig då?"',
 "Hälsokontroll för närståendevårdare."))
r.append(R(B,9,"Vaasa","V","n","Funktionshinderservice","sv","formal","dis sa",
 "Efter att den nya lagen om funktionshinderservice trätt i kraft har handläggningen av ansökningar om färdtjänst fördröjts. Klienterna har inte fått beslut inom lagstadgad tid.",
 "", "Tillfällig extra personal för handläggning."))
r.append(R(B,10,"Pietarsaari","L","n","Barnskyddet","sv","terse","cf hou",
 "Unga i eftervård saknar bostäder, hyresvärdar kräver borgen. 3 unga bor hos kompisar.",
 "", "Stödbostäder för unga i eftervården."))
r.append(R(B,10,"Raseborg","T","n","Mentalvårdstjänster","sv","narrative","mh sa",
 """Klienter med psykisk ohälsa som behöver samtalsstöd på svenska får vänta flera månader. Terapeuterna inom välfärdsområdet är få, och de privata terapeuterna kostar för mycket för låginkomsttagare även med FPA:s ersättning. Några klienter har blivit sämre under väntetiden och har sökt sig till jouren.""",
 "", "Gruppbaserade stödformer på svenska och digital terapi."))
r.append(R(B,11,"Lovisa","I","p","Äldreservice, dagverksamhet","sv","quote","age gp",
 "Dagverksamheten har börjat med sång och musikstunder tillsammans med skolans elever. Både de äldre och eleverna har uppskattat träffarna.",
 '"De unga sjöng våra gamla sånger, jag blev alldeles rörd."',
 "Fortsatt samarbete mellan skola och dagverksamhet."))
r.append(R(B,11,"Jakobstad","M","n","Socialjouren","sv","list","wf int",
 """Socialjouren i november:
- ökat antal polisärenden nattetid
- endast en jourhavande för hela området
- information från polisen kommer sent
- svårt att ordna brådskande placeringar""",
 "", "Fler jourhavande på helger och gemensamma rutiner med polisen."))
r.append(R(B,12,"Porvoo","T","n","Vuxensocialarbete","sv","colloquial","inc hou",
 "Elräkningarna i vinter är ett stort problem för klienterna som bor i egnahemshus. De skäms att söka utkomststöd och kommer först när elen ska stängas av.",
 "", "Samarbete med energibolagen om betalningsplaner."))
save(B, r)
