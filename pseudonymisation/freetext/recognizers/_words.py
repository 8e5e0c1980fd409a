"""Common non-name words of incident narratives.

Context recognizers use this list to decide where a name that follows a trigger ("victim", "Mr",
"known as") ends, including names written in lower case. It holds function words, frequent verbs,
and the nouns that follow role words in police, council and ED notes ("suspect vehicle", "victim
states"). It is deliberately not a list of names.
"""

from __future__ import annotations

_FUNCTION_WORDS = """
    a about above across after again against ago all almost along also although always am among an and
    another any anyone anything approx approximately are area around as asked at away back be became
    because been before behind being believed below beside between both but by came can cannot could
    did didnt do does doesnt doing done dont down during each either else even ever every few for from
    further had has have having he her here hers herself him himself his how however i if in inside
    into is isnt it its itself just last later least left less like may me might more most much must
    my myself near neither never next no nor not now of off often on once one only onto or other our
    out outside over own per perhaps rather really right round same say says she should since so some
    someone something still such than that the their them themselves then there these they this those
    though through throughout thru to today together told too towards under until up upon us very via
    was wasnt we were werent what when where whether which while who whom whose why will with within
    without would yesterday yet you your
"""
_WORDS = (
    _FUNCTION_WORDS
    + """
    accused admitted advised aged alleged allegedly angry arrested arrived assault assaulted attacked
    attempted attended became believes bitten called came caused challenged claimed claims come comes
    complained confirmed contacted continued cried damaged declined demanded denied described
    disclosed drove drunk entered escaped explained fell fled followed found gave gets given goes
    going gone got grabbed had handed heard held hit injured intoxicated kicked kept knew known left
    lives living located looked made makes managed met moved needs noted observed obtained offered
    phoned picked presented pulled punched pushed ran reached received refused remained remains
    reported reports requested resides returned said saw says seen sent shouted slapped spoke stabbed
    started stated states stole stopped struck suffered taken talking taken tells threatened thrown
    told took treated tried turned understood unknown unwilling uninjured visited wanted was walked
    went were wished wishes works

    address ambulance arrest bail bike bus car cars child children community concern concerns
    conviction council court crime custody damage description details door drugs evening family
    female females flat friend friends group hospital house incident injuries injury items keys knife
    life location male males man men money morning mother night number occasion occasions officer
    officers parents party people person persons phone police premises property report residence
    road room school shop statement street team time times vehicle vehicles weapon woman women youth
    youths

    approx cro dob email hrs mob mobile nhs nino nok pnc ref tel telephone
"""
)
STOP_WORDS: frozenset[str] = frozenset(_WORDS.split())
# Function words only (pronouns, articles, prepositions, auxiliaries): never part of a name, even
# capitalised, unlike narrative verbs and nouns that are also names ("Said", "Will", "Mark").
FUNCTION_WORDS: frozenset[str] = frozenset(_FUNCTION_WORDS.split())
