"""Birmingham and West Midlands place names that spaCy's small model tends to tag as people.

Birmingham's 69 electoral wards (2018 boundaries) split into their place names, plus common
localities, stations, hospitals and venues that appear in partner narratives. A person span whose
whole text is one of these, or which ends in a street-type word ("Holly Grove"), is not a person.
"""

from __future__ import annotations

import regex

from pseudonymisation.freetext.streets import SUFFIXES

_WARDS = """
Acocks Green; Allens Cross; Alum Rock; Aston; Balsall Heath West; Bartley Green; Billesley; Birchfield;
Bordesley; Highgate; Bordesley Green; Bournbrook; Selly Park; Bournville; Cotteridge; Brandwood;
King's Heath; Kings Heath; Bromford; Hodge Hill; Castle Vale; Edgbaston; Erdington; Frankley Great Park;
Frankley; Garretts Green; Glebe Farm; Tile Cross; Gravelly Hill; Hall Green; Hall Green North;
Hall Green South; Handsworth; Handsworth Wood; Harborne; Heartlands; Highter's Heath; Holyhead;
King's Norton; Kings Norton; Kingstanding; Ladywood; Longbridge; West Heath; Lozells; Moseley;
Nechells; Newtown; North Edgbaston; Northfield; Oscott; Perry Barr; Perry Common; Pype Hayes; Quinton;
Rubery; Rednal; Shard End; Sheldon; Small Heath; Soho; Jewellery Quarter; South Yardley; Sparkbrook;
Balsall Heath; Balsall Heath East; Sparkhill; Stirchley; Stockland Green; Sutton Four Oaks; Four Oaks;
Mere Green; Reddicap; Roughley; Sutton Trinity; Sutton Vesey; Walmley; Minworth; Wylde Green; Tyseley;
Hay Mills; Ward End; Weoley; Selly Oak; Yardley; Yardley East; Yardley West; Stechford
"""
_LOCALITIES = """
Birmingham; West Midlands; Digbeth; Hockley; Winson Green; Saltley; Washwood Heath; Druids Heath;
Great Barr; Chelmsley Wood; Sutton Coldfield; Solihull; Smethwick; West Bromwich; Wolverhampton;
Dudley; Walsall; Sandwell; Coventry; Bullring; Bull Ring; Brindleyplace; Arcadian; New Street;
Moor Street; Snow Hill; Digbeth Coach Station; Queen Elizabeth; QE; City Hospital; Heartlands Hospital;
Lloyd House; Steelhouse Lane; Perry Barr custody; Bournville Lane; Aston Villa; Villa Park; Lee Bank
"""

PLACES: frozenset[str] = frozenset(
    p.strip().casefold() for p in (_WARDS + ";" + _LOCALITIES).replace("\n", " ").split(";") if p.strip()
)
_STREET_END = regex.compile(rf"\b(?:{'|'.join(SUFFIXES)})\.?$", regex.IGNORECASE)


def is_place(text: str) -> bool:
    """True when ``text`` is a known place name or ends with a street-type word."""
    folded = " ".join(text.casefold().split())
    return folded in PLACES or bool(_STREET_END.search(folded))
