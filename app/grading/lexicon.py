"""Words the grader treats as correctly spelled.

A typo-tolerant matcher must not "correct" a real word into a different one: ``have`` is not a
typo of ``halve``, ``rate`` is not one of ``gate``, ``with`` is not one of ``width``. Answer words
found here (or whose stem is found here) are therefore only matched exactly or by word form,
never by edit distance. The list is everyday English (``COMMON_WORDS``), the bank's own prose
(:mod:`app.grading.vocabulary`) and a few extra domain words (``EXTRA_WORDS``).

``COMMON_WORDS`` also tells a whole English word (``critic``) from an author's truncated stem
(``saturat``): a whole word only matches longer words that add a regular suffix (``critic`` does
not match ``critical``), while a stem matches any word it begins (``saturating``).
"""

from __future__ import annotations

from functools import lru_cache

from app.grading.text import canonical, stem
from app.grading.vocabulary import VOCABULARY

COMMON_WORDS = """
a about above across act action actual add after again against age ago agree ahead aim all allow
almost alone along already also although always among amount an and another answer any anyone
anything apart appear apple approach area argue arm around arrive art article as ask at attack
attempt author avoid away back bad bag ball bank bar base basic be bear beat beautiful because
become bed before begin behind being believe below benefit best better between beyond big bill
bird bit black blood blow blue board boat body book born both bottom box boy brain branch bread
break bring broad brother brown build building burn business busy but buy by call calm came camp
can car card care career carry case cast cat catch cause cell center central certain chain chair
chance change chapter character charge cheap check chief child choice choose church circle city
claim class clean clear climb clock close cloud club coat code cold collect college color come
comment common company compare complete computer concern condition consider contain continue
control cook cool copy corner correct cost could count country couple course cover crazy create
credit crime critic critical cross crowd cry cup current cut dance danger dark data date daughter
day dead deal dear death debate decade decide deep defense degree deliver demand deny depend
describe design detail develop did die diet differ different difficult dinner direct discover
discuss disease do doctor does dog done door double doubt down draw dream dress drink drive drop
drug dry due during duty each ear early earn earth east easy eat edge effect effort eight either
election else employee end enemy energy enjoy enough enter entire environment equal escape even
evening event ever every evidence exact example exist expect experience expert explain eye face
fact factor fail fair fall false family famous far farm fast fat father fear feed feel few field
fight figure file fill film final find fine finger finish fire firm first fish five fix flat
floor fly focus follow food foot for force foreign forest forget form former forward four free
friend from front fruit full fun fund future gain game garden gas gather gave general get gift
girl give glad glass go goal god gold good got great green ground group grow growth guard guess
gun guy hair half hall hand handle hang happen happy hard hat hate have he head health hear heart
heat heavy hello help her here herself hi high hill him himself his history hit hold hole home
hope horse hospital hot hotel hour house how however huge human hundred hurt husband i idea if
image imagine impact important in include income increase indeed indicate industry inside instead
interest into invite involve iron issue it item its itself job join joke judge just keep key kid
kill kind king kitchen knee know land language large last late later laugh law lay lead leader
learn least leave left leg legal less let letter level lie life lift light like likely line link
list listen little live load loan local long look lose lot loud love low luck lunch machine made
main major make male man manage many map mark market marry mass master match matter may maybe me
meal mean measure meat media meet member memory mention message metal method middle might mile
milk mind mine minute miss mistake mix mode model modern moment money month mood moon more morning
most mother motor mountain mouse mouth move movie much music must my myself name nation nature near
nearly neck need never new news next nice night nine no none nor normal north nose not note
nothing notice now number nurse object occur odd of off offer office often oil ok old on once one
only onto open option or order other our out over own owner page paint pair paper parent park part
party pass past path pay peace people per perhaps period person phone pick picture piece place
plan plane plant plate play player please plus point police policy poor popular position possible
post pound power practice prefer prepare present press pretty price print private prize probably
problem produce product program project promise proof proper protect prove provide public pull
purpose push put quality question quick quickly quiet quite race radio rain raise range rate
rather reach read ready real reality realize really reason receive recent record red reduce region
relate relation relative rely remain remember remove repeat reply report rest result return rich
ride right ring rise risk river road rock role roll room root rose rough round row rule run safe
sale salt same sand save say scene school science score sea season seat second section see seed
seem self sell send sense series serious serve set settle seven several shake shall shape share
she sheet shift shine ship shirt shoe shoot shop short shot should shoulder show shut sick side
sign silver similar simple simply since sing single sister sit site situation six size skill skin
sleep slow small smart smell smile snow so social soft soldier solve some someone something
sometimes son song soon sort sound source south space speak special speech speed spell spend
spirit sport spot spread spring staff stage stand star start state station stay step stick
still stock stone stop store story straight strange street strong student study stuff style
subject success such suddenly suffer sugar suggest summer sun support sure surface system table
take talk tall task taste tax tea teach teacher team tell ten tend term test text than thank that
the their them then theory there these they thing think third this those though thought thousand
three through throw thus time tiny title to today together tone too top total touch tough toward
towards town track trade trail train travel treat tree trial trip trouble truck true trust truth
try turn twice two type uncle under unit until up upon us use usual usually value various very
view visit voice vote wait walk wall want war warm wash watch water wave way we weak wear weather
week weight well west what whatever wheel when where whether which while white who whole whom
whose why wide wife will win wind window wine winter wish with within without woman wonder wood
word work worker world worry would write wrong yard year yes yet you young your yourself
ability accept access account achieve actually address admit adult affect afford afraid agent
agreement allow alter amazing analyse analysis ancient anger angle angry animal annual anybody
apparent appeal application apply appoint appreciate approve argument arise arrange arrow aspect
assess assume attach attend attitude attract audience aware balance band barely battle bell belong
beside bet bind birth bite blame blind block bond bone border bother bound brand brave brief bright
broken budget burden bury button cable calculate campaign cancel cap capable capital captain carbon
cash cause chart chase chat cheat chest choose circuit citizen civil classic classical clever
client climate closely coach coast coin combat comfort command commit compete competition complex
concept conduct confirm conflict connect consist constant contact content contest context contract
convert core cope cotton council crash cream crew crop cure curious cycle damage date dealer decline
deer define delay delete delight demand depth derive desert deserve desire desk despite destroy
device devote dial differ dig dirt disc dish display distance divide document domain doubt dozen
draft drag drama drawing drift drip dual dull dump dust eager ease edit educate elect element
elite emerge emotion enable encounter engage enhance enormous ensure entry equip era error essay
estate even evil exam exceed excess exchange exclude excuse execute exercise expand expense expose
extend extra extreme fabric fade faith fake fame fancy fatal fault favor feature fee fellow female
fence fever fiber fifth final finance finding fit flag flame flash flight float flow fold folk fool
forever formal fortune forum frame fresh fuel funny gap gate gene gentle giant glance glove grade
grain grand grant grass gray grey grip gross guide guilty habit halt harm hero hide hint hire
hobby holiday honest honor hook host hunt ideal identity ignore illness impose improve inch index
infant initial injury inner input insect insist install intend invest island joint journey juice
jump junior jury label labor lack ladder lake lamp lane large laser layer lazy leaf lean leap
lend lens lesson liberty lid limb limit lip liquid literally live loop lord lover lucky mad mail
male manner margin mask meanwhile medal melt mental mercy mere mess metre mild minor mirror mobile
moral motion mud myth naked narrow native neat neither nerve net nest noble nod noise norm novel
nut oak obey obtain obvious ocean odds offend orbit organ origin outcome outer oven pace pack pain
pale pan panel panic parade partly passage patch patient pause peak peer pen penalty pepper perfect
permit phase pile pilot pin pine pipe pitch plain planet plastic plenty plot pocket poem poet pole
pool pop port pose pot pour praise pray precise predict pride prime prior probe profit prompt prone
proud pump punch pure puzzle quarter queen quote rabbit rail rank rare raw razor react rebel
recall recipe reform refuse regard relax release relief remote rent repair request rescue resist
resolve resort retain retire reveal rice rid rifle rigid riot roast robot role rope route rub rude
ruin rumor rural rush sad sail saint salary sample satisfy sauce scale scan scheme scope scream
screen script seal search secret sector secure seek seize select senior sequence session shade
shadow shallow shame sharp shed shell shelter shield shock shore shout shrug sight silent silly
sin sink slave slice slide slight slip slope smooth snap soap sock solar sole solid soul soup spare
sphere spin split spoon square stable stack stair stake stare steady steal steam steel steep steer
stem stir strain strategy straw stream stress stretch strict strike string strip stroke struggle
stuck suit sum super supply surgery surround survey suspect swear sweet swim swing symbol tail tale
tank tap tape target tear tease tend tent terror theme thick thin thread threat thumb ticket tide
tight tile tip tire tissue toe toll tool tooth topic toss tour toy trace trail trap trash tray
trend tribe trick troop tube tune twin twist unify union unique unless upper urban urge vacuum valid
van vast verse victim video vital wage wagon wake wander warn waste wealth weapon weird wet whip
whisper wild wing wire wise witness wolf wrap yell yield zone
accent ascend descend decent audit blank bath booth boot bold cage cake cave cease chip chop
collection conception convention court curb curl curse carve creature deaf dean deception deduction
defend director directory directive division decisive diverse dividend dominant dominance dose
daring etch embody encore enclose equate evade expansive excessive extensive explosive exert
express expression extinction fist fiction fraction friction faction flaw flex flux flee fled
freed fend feet feast fasten foster feather fixture fracture fiend foil foul frog grape grab grin
grind grit grim glide glow grew goat heap hell heal heard herd hoard harden heed holdout hyperbola
hyperbole incense independence induction intuitive indicative influenza ignite initiate initiative
inability integral intelligent indent invent internet interrupt intersect intermediary invasion
insert inherit infect infer imperative interactive keen lawyer lesion lessen lever livelihood loyal
login legit lung lone loner loom loot lust lint lash lest lamp lament latest lodge lounge mutual
manly marine mash mesh mist moist moat moss mulch munch mole motel modem moan mare neutral neutron
nerd nude noose nosy ounce oily oppose ordinal otter oval parable perimeter paramedic petition
portion potion punitive pinch pint polo precious preview prince predicate projection protection
productive pertain patter phrase pact pant parse pest plum pulse ransom rage rake rave rite reap
rear reel regal reaction reception recession repression reheat repeal repent residue resent respect
retract restraint robe rode rouse ruse rung sage sake sane scam scar scare scold scorn sore spore
seam sear shear shark shave shaft sift swift sigh shingle skid skim skip snip slab sled slit sofa
spade spice spasm spat spilt spit splint squad squat stab staple stalk stark starve statue stray
sway stew strife strive struck suck sunset tack tame teal tern tonic toxic tropic tenor trait
tractable transition transport typo torn turf takeoff thorough trough thaw unable usable unity
universe unfit undecided undermine uncertain unravel validity valve viable victor victory visibly
weigh weighty whale widow witch ward wore worm worn wrote
regular click addition additional convenience convenient bin necessarily presence clarification
deem shortest codec flop flops rand expressible caution const cosh recurse recursive recreate misc
colon reload reorder explore blast graph tricky distributor
"""

EXTRA_WORDS = """
adagrad adadelta nadam nesterov minibatch minibatches hessian finetune finetuned finetuning convnet
convnets unet gpus cpus tpus llms roberta tokenization huggingface fasttext overfit underfit
blas
"""


@lru_cache(maxsize=1)
def _forms() -> frozenset[str]:
    return frozenset(canonical(word) for word in (COMMON_WORDS + VOCABULARY + EXTRA_WORDS).split())


@lru_cache(maxsize=1)
def _known() -> frozenset[str]:
    forms = _forms()
    return forms | frozenset(stem(form) for form in forms)


@lru_cache(maxsize=1)
def _common() -> frozenset[str]:
    return frozenset(canonical(word) for word in COMMON_WORDS.split())


@lru_cache(maxsize=65536)
def is_known(canon: str, stemmed: str) -> bool:
    """Whether an answer word (canonical form and stem) is a correctly spelled word or form."""
    known = _known()
    return canon in known or stemmed in known


def is_word(canon: str) -> bool:
    """Whether a phrase word is listed as a word (not merely the stem of one, like ``regulariz``)."""
    return canon in _forms()


def is_common(canon: str) -> bool:
    """Whether a phrase word is a whole everyday English word rather than an author's stem."""
    return canon in _common()
