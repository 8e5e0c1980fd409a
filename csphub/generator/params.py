"""Every proportion, peak and age profile the synthetic extracts are drawn from, with its source.

Seed references: "SNA §2.x" is section 2 (Strategic Needs Assessment Summary) of the Birmingham Community
Safety Strategy 2025-2028 (seeds/000), subsections 1 Violence Reduction, 2 VAWG, 3 ASB, 4 Adult
Exploitation, 5 Domestic Abuse. "DA local" is the local-picture section of the Birmingham Domestic Abuse
Prevention Strategy (seeds/004). Figures with no seed behind them are marked "assumed" and chosen to be
plausible for a large English city.
"""

from __future__ import annotations

# -- volumes ---------------------------------------------------------------------------------------
#: Monthly rows per feed at scale 1.0.
DEFAULT_ROWS: dict[str, int] = {
    "police.crime_records": 11_000,  # SNA §2.1: VAP 51,567 = 39% of TRC -> ~132k crimes/yr
    "police.asb_calls": 3_500,  # assumed; SNA §2.3 "large volume of ASB calls", 90% of ASB via calls
    "council.asb_cases": 300,  # assumed
    "council.homelessness_presentations": 900,  # DA local: 992 DA presentations/yr, "third highest reason"
    "probation.case_assessments": 1_200,  # assumed
    "health.ed_assault_attendances": 450,  # assumed (ISTV, Birmingham type 1 EDs)
    "fire.incidents": 900,  # assumed
}

# -- police recorded crime -------------------------------------------------------------------------
#: Share of total recorded crime by offence class. VAP (homicide + with/without injury + stalking and
#: harassment) = 39% (SNA §2.1); sexual offences 3,997 of ~132k = 3.0% (SNA §2.2); modern slavery
#: 186/yr = 0.14% (SNA §2.4); shoplifting up 34% to ~9% (SNA summary); the rest assumed.
OFFENCE_CLASS_SHARE: dict[str, float] = {
    "HOMICIDE": 0.0005,
    "VIOLENCE_WITH_INJURY": 0.1100,
    "VIOLENCE_WITHOUT_INJURY": 0.1445,
    "STALKING_HARASSMENT": 0.1350,
    "RAPE": 0.0110,
    "OTHER_SEXUAL": 0.0190,
    "ROBBERY": 0.0350,
    "POSSESSION_OF_WEAPONS": 0.0130,
    "BURGLARY": 0.0550,
    "VEHICLE_CRIME": 0.0900,
    "SHOPLIFTING": 0.0900,
    "THEFT_OTHER": 0.0950,
    "CRIMINAL_DAMAGE_ARSON": 0.0750,
    "DRUGS_POSSESSION": 0.0150,
    "DRUGS_TRAFFICKING": 0.0080,
    "PUBLIC_ORDER": 0.0800,
    "MODERN_SLAVERY": 0.0014,
    "OTHER": 0.0216,
}
VAP_CLASSES = ("HOMICIDE", "VIOLENCE_WITH_INJURY", "VIOLENCE_WITHOUT_INJURY", "STALKING_HARASSMENT")
SEXUAL_CLASSES = ("RAPE", "OTHER_SEXUAL")
VAP_SHARE = 0.39  # SNA §2.1

#: Offence codes within a class (relative weights; codes from contracts/reference/ho_offence_codes.csv).
OFFENCE_CODES: dict[str, dict[str, float]] = {
    "HOMICIDE": {"1": 0.7, "4.1": 0.3},
    "VIOLENCE_WITH_INJURY": {"8N": 0.86, "5D": 0.06, "5E": 0.02, "8P": 0.03, "2": 0.01, "37.1": 0.02},
    "VIOLENCE_WITHOUT_INJURY": {"105A": 0.82, "105B": 0.05, "104": 0.06, "3A": 0.04, "11A": 0.03},
    "STALKING_HARASSMENT": {"8R": 0.38, "8L": 0.22, "8M": 0.05, "8Q": 0.17, "8U": 0.18},
    "RAPE": {"19C": 0.72, "19D": 0.12, "19E": 0.06, "19F": 0.07, "19G": 0.03},
    "OTHER_SEXUAL": {"20A": 0.42, "17A": 0.06, "20B": 0.08, "22B": 0.12, "88A": 0.05, "71": 0.07, "24": 0.20},
    "ROBBERY": {"34B": 0.86, "34A": 0.14},
    "POSSESSION_OF_WEAPONS": {"10D": 0.72, "10C": 0.18, "10B": 0.07, "10A": 0.03},
    "BURGLARY": {"28E": 0.55, "28F": 0.12, "28G": 0.13, "30C": 0.16, "30D": 0.04},
    "VEHICLE_CRIME": {"45": 0.46, "48": 0.33, "126": 0.19, "37.2": 0.02},
    "SHOPLIFTING": {"46": 1.0},
    "THEFT_OTHER": {"49": 0.62, "39": 0.18, "44": 0.12, "40": 0.08},
    "CRIMINAL_DAMAGE_ARSON": {"58A": 0.30, "58B": 0.10, "58C": 0.38, "58D": 0.16, "56A": 0.02, "56B": 0.04},
    "DRUGS_POSSESSION": {"92E": 0.72, "92D": 0.28},
    "DRUGS_TRAFFICKING": {"92A": 0.9, "92C": 0.1},
    "PUBLIC_ORDER": {"9A": 0.78, "9B": 0.12, "62A": 0.04, "66": 0.06},
    "MODERN_SLAVERY": {"106": 1.0},
    "OTHER": {"99": 0.55, "802": 0.30, "53H": 0.15},
}

#: P(domestic-abuse flag | class). Overall ~21%: 27,770 DA crimes in 2022/23 (DA local) against ~132k TRC.
DA_RATE: dict[str, float] = {
    "HOMICIDE": 0.30,
    "VIOLENCE_WITH_INJURY": 0.42,
    "VIOLENCE_WITHOUT_INJURY": 0.40,
    "STALKING_HARASSMENT": 0.55,
    "RAPE": 0.40,
    "OTHER_SEXUAL": 0.15,
    "CRIMINAL_DAMAGE_ARSON": 0.18,
    "PUBLIC_ORDER": 0.06,
    "THEFT_OTHER": 0.05,
    "BURGLARY": 0.03,
}
DA_SHARE = 0.21  # DA local (27,770 / ~132k)
DA_REPEAT_RATE = 1.35  # crimes per DA victim in a month; SNA §2.5 "often with repeat victimisation"

#: Weapon use: 9.4% of TRC, of which bladed 43.9% and firearms 4.6% (SNA §2.1 "Weapon Use");
#: VWI the most common class with weapons, robbery the class where knives/firearms are most used.
WEAPON_SHARE = 0.094
WEAPON_RATE: dict[str, float] = {
    "HOMICIDE": 0.60,
    "VIOLENCE_WITH_INJURY": 0.41,
    "VIOLENCE_WITHOUT_INJURY": 0.10,
    "STALKING_HARASSMENT": 0.005,
    "RAPE": 0.03,
    "ROBBERY": 0.45,
    "POSSESSION_OF_WEAPONS": 1.0,
    "PUBLIC_ORDER": 0.04,
    "CRIMINAL_DAMAGE_ARSON": 0.03,
}
#: (bladed, firearm, other) split of weapon-enabled crime per class, tuned to 43.9% / 4.6% overall.
WEAPON_MIX: dict[str, tuple[float, float, float]] = {
    "HOMICIDE": (0.60, 0.15, 0.25),
    "VIOLENCE_WITH_INJURY": (0.35, 0.04, 0.61),
    "VIOLENCE_WITHOUT_INJURY": (0.40, 0.03, 0.57),
    "ROBBERY": (0.55, 0.09, 0.36),
    "POSSESSION_OF_WEAPONS": (0.70, 0.10, 0.20),
}
DEFAULT_WEAPON_MIX = (0.30, 0.0, 0.70)

#: P(victim is female). DA 73%, sexual 85%, robbery 19% (81% male), overall 47% (SNA §2.1 Victims/Gender).
VICTIM_FEMALE_DA = 0.73
VICTIM_FEMALE: dict[str, float] = {"RAPE": 0.85, "OTHER_SEXUAL": 0.85, "ROBBERY": 0.19}
VICTIM_FEMALE_DEFAULT = 0.42  # non-DA remainder so that the overall split lands near 47%
#: Classes with no personal victim recorded (business or the state is the victim).
NO_PERSON_VICTIM = ("SHOPLIFTING", "POSSESSION_OF_WEAPONS", "DRUGS_POSSESSION", "DRUGS_TRAFFICKING", "OTHER")

#: P(accused is male): 80% overall; sexual >93%, robbery ~88%, weapons ~85% (SNA §2.2 Offenders).
ACCUSED_MALE: dict[str, float] = {"RAPE": 0.98, "OTHER_SEXUAL": 0.94, "ROBBERY": 0.88, "POSSESSION_OF_WEAPONS": 0.85}
ACCUSED_MALE_DEFAULT = 0.80
ACCUSED_MALE_DA = 0.86  # SNA §2.2 "majority of domestic abuse ... male offender and female victim"
#: P(an accused person is identified) by class; assumed (solved/with-suspect rates).
ACCUSED_IDENTIFIED: dict[str, float] = {
    "SHOPLIFTING": 0.45, "POSSESSION_OF_WEAPONS": 0.97, "DRUGS_POSSESSION": 0.99, "DRUGS_TRAFFICKING": 0.97,
    "VEHICLE_CRIME": 0.08, "BURGLARY": 0.12, "THEFT_OTHER": 0.12, "ROBBERY": 0.35, "MODERN_SLAVERY": 0.80,
}  # fmt: skip
ACCUSED_IDENTIFIED_DEFAULT = 0.62
ACCUSED_WITH_PNC = 0.6  # assumed: share of identified accused already on the PNC

#: Victim age (mean, sd, min) by class (SNA §2.1 Victims/Age; §2.2 for VAWG ages; §2.5 DA late 20s-mid 30s).
VICTIM_AGE: dict[str, tuple[float, float, int]] = {
    "VIOLENCE_WITHOUT_INJURY": (31, 11, 4),  # peak 22-40
    "VIOLENCE_WITH_INJURY": (30, 10, 4),  # peak 21-39
    "ROBBERY": (21, 6, 12),  # 13-28, 14-18 over-represented
    "RAPE": (23, 7, 10),  # 15-33, most frequent 18, 23-27 over-represented
    "OTHER_SEXUAL": (20, 9, 6),  # most frequent 15
    "STALKING_HARASSMENT": (35, 11, 12),  # women aged 34 most often
}
VICTIM_AGE_DA: tuple[float, float, int] = (32, 9, 16)
VICTIM_AGE_DEFAULT: tuple[float, float, int] = (40, 16, 16)
#: Accused age (mean, sd, min) by class (SNA §2.1 Offenders/Age; §2.2).
ACCUSED_AGE: dict[str, tuple[float, float, int]] = {
    "VIOLENCE_WITH_INJURY": (32, 10, 12),  # 21-40, 35-39 over-represented
    "VIOLENCE_WITHOUT_INJURY": (32, 10, 12),
    "ROBBERY": (18, 3.5, 12),  # 12-19, 14-19 over-represented
    "RAPE": (28, 7, 14),  # 19-34, 26-30 over-represented
    "OTHER_SEXUAL": (24, 10, 12),  # 13-31, 13-17 over-represented
    "POSSESSION_OF_WEAPONS": (21, 7, 12),  # knives 10-19 (34%), firearms 20-29 (45%)
}
ACCUSED_AGE_DA: tuple[float, float, int] = (34, 9, 17)
ACCUSED_AGE_DEFAULT: tuple[float, float, int] = (30, 10, 12)  # peaks 27 and 36-37

#: Accused ethnicity over-representation (SNA §2.1 Offenders/Ethnicity): W1 38%, B1 8%, M1 4%, M2 4%;
#: the remaining 46% follows the population mix of the other codes.
ACCUSED_ETHNICITY_FIXED: dict[str, float] = {"W1": 0.38, "B1": 0.08, "M1": 0.04, "M2": 0.04}
VICTIM_ETHNICITY_RECORDED = 0.314  # SNA §2.1: SDE recorded for 31.4% of victims
ACCUSED_ETHNICITY_RECORDED = 0.78  # assumed

#: Hour-of-day weights (0..23). VAP peaks 12:00-15:59; VWI stays high into NTE hours; VAWG 15-17 weekdays
#: and late weekend nights; DA reported around midday, steady to evening (SNA §2.1 Times, §2.2, §2.5).
HOURS_VAP = (2, 1.5, 1.2, 1, 0.7, 0.5, 0.6, 1, 2, 3, 3.5, 4, 5.5, 5.8, 5.8, 5.8, 5, 4.5, 4.2, 4, 3.8, 3.5, 3, 2.5)
HOURS_VWI = (3.5, 3, 2.2, 1.5, 0.8, 0.5, 0.5, 0.8, 1.5, 2.2, 3, 3.6, 4.4, 4.7, 5, 5.4, 5, 4.8, 4.8, 4.9, 5, 5, 4.8, 4.2)
HOURS_VAWG_WEEKDAY = (
    1.5,
    1,
    0.8,
    0.6,
    0.4,
    0.3,
    0.5,
    1,
    2,
    2.5,
    3,
    3.5,
    4,
    4.2,
    4.5,
    6.2,
    6.5,
    6,
    4.2,
    3.8,
    3.4,
    3,
    2.5,
    2,
)
HOURS_VAWG_WEEKEND = (
    6,
    5.5,
    4.5,
    3,
    1.5,
    0.6,
    0.5,
    0.6,
    1,
    1.5,
    2.2,
    2.8,
    3.2,
    3.5,
    3.7,
    4,
    4.2,
    4.2,
    4,
    4.2,
    4.6,
    5.2,
    5.8,
    6.2,
)
HOURS_DA = (
    2,
    1.5,
    1,
    0.8,
    0.5,
    0.4,
    0.6,
    1.5,
    3,
    4,
    4.8,
    5.5,
    6.2,
    6,
    5.8,
    5.6,
    5.5,
    5.4,
    5.3,
    5.1,
    4.8,
    4.2,
    3.5,
    2.5,
)
HOURS_ACQUISITIVE = (
    1.5,
    1.2,
    1,
    0.9,
    0.8,
    0.7,
    0.9,
    1.8,
    3,
    4.2,
    5,
    5.5,
    5.8,
    5.8,
    5.8,
    5.9,
    6,
    5.8,
    5,
    4.2,
    3.2,
    2.5,
    2.1,
    1.8,
)
#: Day-of-week weights Monday..Sunday: violence up Friday-Sunday (SNA §2.1 Peak Days); DA reported most on
#: Mondays with a slight Sunday rise (SNA §2.5).
DAYS_VIOLENCE = (0.95, 0.9, 0.9, 0.95, 1.12, 1.2, 1.12)
DAYS_DA = (1.2, 0.97, 0.95, 0.95, 0.97, 0.98, 1.05)
DAYS_FLAT = (1.0, 1.0, 1.0, 1.0, 1.02, 1.04, 0.98)
NTE_HOURS = (18, 19, 20, 21, 22, 23, 0, 1, 2, 3, 4, 5)  # SNA §2.1: alcohol-linked offences 18:00-06:00
ALCOHOL_RATE_NTE = 0.35  # assumed P(alcohol flag) for violence in NTE hours
ALCOHOL_RATE_DAY = 0.06
HATE_RATE: dict[str, float] = {"PUBLIC_ORDER": 0.16, "VIOLENCE_WITHOUT_INJURY": 0.05, "STALKING_HARASSMENT": 0.05}
HATE_RATE_DEFAULT = 0.01

#: Ward weights for violence and personal crime: City Centre (Ladywood ward: Bullring, Broad Street, New
#: Street), Lozells and East Handsworth, Aston, Stockland Green, Sparkbrook (SNA §2.1 Locations); DA highest
#: in Lozells, Washwood Heath (Alum Rock / Ward End), Acocks Green (SNA §2.5); Selly Oak NTE for 18-24s.
#: Multipliers on population share.
CRIME_HOTSPOTS: dict[str, float] = {
    "Ladywood": 6.0, "Lozells": 2.6, "Aston": 2.2, "Stockland Green": 1.8, "Sparkbrook & Balsall Heath East": 1.8,
    "Nechells": 1.9, "Bordesley & Highgate": 2.0, "Soho & Jewellery Quarter": 1.6, "Newtown": 1.6,
    "Handsworth": 1.5, "Bournbrook & Selly Park": 1.4, "Erdington": 1.5, "Alum Rock": 1.3,
    "Sutton Four Oaks": 0.5, "Sutton Roughley": 0.45, "Sutton Mere Green": 0.5, "Sutton Vesey": 0.55,
}  # fmt: skip
DA_HOTSPOTS: dict[str, float] = {
    "Lozells": 3.0, "Alum Rock": 1.8, "Ward End": 1.8, "Acocks Green": 1.7, "Handsworth": 1.4, "Aston": 1.4,
    "Kingstanding": 1.4, "Shard End": 1.4, "Sutton Four Oaks": 0.4, "Sutton Roughley": 0.4,
}  # fmt: skip
NTE_WARDS = ("Ladywood", "Bournbrook & Selly Park", "Soho & Jewellery Quarter", "Bordesley & Highgate")

# -- police ASB calls ------------------------------------------------------------------------------
#: Themes from WMP call-log keyword analysis (SNA §2.3): neighbour 20%, vehicle 15%, aggressive 15%, youth
#: 10%, homeless-related 8%; the rest assumed.
ASB_THEME_SHARE: dict[str, float] = {
    "NEIGHBOUR": 0.20, "VEHICLE": 0.15, "AGGRESSIVE_THREATENING": 0.15, "YOUTH": 0.10, "HOMELESS_BEGGING": 0.08,
    "NOISE": 0.09, "DRUGS": 0.08, "LITTER_DUMPING": 0.05, "OTHER": 0.08, "UNKNOWN": 0.02,
}  # fmt: skip
#: Category per theme (nuisance is the most common category, SNA §2.3).
ASB_THEME_CATEGORY: dict[str, tuple[float, float, float]] = {  # (PERSONAL, NUISANCE, ENVIRONMENTAL)
    "NEIGHBOUR": (0.45, 0.50, 0.05), "VEHICLE": (0.05, 0.85, 0.10), "AGGRESSIVE_THREATENING": (0.70, 0.30, 0.0),
    "YOUTH": (0.15, 0.80, 0.05), "HOMELESS_BEGGING": (0.05, 0.80, 0.15), "NOISE": (0.20, 0.75, 0.05),
    "DRUGS": (0.05, 0.90, 0.05), "LITTER_DUMPING": (0.0, 0.15, 0.85), "OTHER": (0.15, 0.70, 0.15),
    "UNKNOWN": (0.2, 0.6, 0.2),
}  # fmt: skip
#: ASB calls peak 17:00-19:00, lowest early morning (SNA §2.3 Times).
HOURS_ASB = (
    2.2,
    1.6,
    1.1,
    0.8,
    0.5,
    0.4,
    0.5,
    0.9,
    1.8,
    2.6,
    3.2,
    3.6,
    4,
    4.2,
    4.4,
    4.8,
    5.6,
    7,
    7.2,
    6.6,
    5.6,
    4.6,
    3.6,
    2.8,
)
DAYS_ASB = (0.98, 0.97, 0.97, 0.98, 1.02, 1.08, 1.0)  # nuisance steady, slight Saturday rise (SNA §2.3)
#: Sector weights: Erdington, Yardley and Ladywood East together ~30% of calls; Sutton lowest (SNA §2.3).
ASB_SECTOR_WEIGHT: dict[str, float] = {
    "Erdington": 1.45,
    "Yardley": 1.35,
    "Ladywood East": 1.6,
    "City Centre": 1.6,
    "Sutton Coldfield": 0.3,
}

# -- council ASB cases -----------------------------------------------------------------------------
#: BCC housing categories (SNA §2.3: increases for aggressive begging, hate, neighbour nuisance,
#: prostitution; decreases for criminal damage, domestic noise, drug use, vehicle nuisance, youth).
COUNCIL_ASB_CATEGORY_SHARE: dict[str, float] = {
    "NEIGHBOUR_NUISANCE": 0.22, "DOMESTIC_NOISE": 0.12, "HARASSMENT_INTIMIDATION": 0.12, "VERBAL_ABUSE": 0.07,
    "PHYSICAL_VIOLENCE": 0.04, "CRIMINAL_DAMAGE": 0.06, "DRUG_USE_DEALING": 0.09, "HATE": 0.04,
    "VEHICLE_NUISANCE": 0.05, "YOUTH_NUISANCE": 0.05, "AGGRESSIVE_BEGGING": 0.04, "PROSTITUTION": 0.02,
    "ILLEGAL_USE_OF_PROPERTY": 0.03, "LITTER_RUBBISH": 0.03, "OTHER": 0.02,
}  # fmt: skip
#: Operation Guardian most frequent in City Centre, Lozells, Acocks Green, Northfield (SNA §2.3).
OPERATION_GUARDIAN_WARDS = ("Ladywood", "Lozells", "Acocks Green", "Northfield")
COUNCIL_ASB_DA_COMPLAINANTS = 0.06  # assumed: cases whose complainant is a known DA victim this month

# -- council homelessness presentations ------------------------------------------------------------
#: Main reason for loss of last settled home. DA 992 of ~10.8k presentations/yr = ~9%, third highest
#: reason (DA local); the rest follows the England H-CLIC pattern (assumed).
HOMELESSNESS_REASON_SHARE: dict[str, float] = {
    "FAMILY_FRIENDS_NO_LONGER_ACCOMMODATE": 0.26, "END_OF_PRIVATE_TENANCY": 0.19, "DOMESTIC_ABUSE": 0.092,
    "NON_VIOLENT_RELATIONSHIP_BREAKDOWN": 0.08, "REQUIRED_TO_LEAVE_HOME_OFFICE_ACCOMMODATION": 0.09,
    "END_OF_SOCIAL_TENANCY": 0.05, "OTHER_VIOLENCE_HARASSMENT": 0.04, "EVICTION_FROM_SUPPORTED_HOUSING": 0.04,
    "LEFT_INSTITUTION": 0.045, "MORTGAGE_REPOSSESSION": 0.008, "PROPERTY_DISREPAIR": 0.015, "OTHER": 0.07,
}  # fmt: skip
HOMELESS_DA_FEMALE = 943 / 992  # DA local: 943 of 992 DA presentations were women
HOMELESS_DA_FROM_POLICE = 0.7  # assumed: DA presentations whose applicant is a police-recorded DA victim
HOMELESS_NEED_RATE: dict[str, float] = {  # assumed H-CLIC support-need prevalence
    "need_mental_health": 0.28, "need_physical_ill_health": 0.15, "need_drug_dependency": 0.07,
    "need_alcohol_dependency": 0.05, "need_offending_history": 0.09, "need_rough_sleeping_history": 0.08,
    "need_care_leaver": 0.03,
}  # fmt: skip
HOMELESS_DA_NEED_OTHER_REASON = 0.08  # DA support need where DA is not the main reason ("40% of homeless women")

# -- probation assessments -------------------------------------------------------------------------
#: Index offence category. Drug trafficking 6.7% of assessments (SNA §2.4); the rest assumed.
PROBATION_OFFENCE_SHARE: dict[str, float] = {
    "VIOLENCE_AGAINST_THE_PERSON": 0.31, "SEXUAL": 0.06, "ROBBERY": 0.05, "BURGLARY": 0.06,
    "THEFT_AND_HANDLING": 0.12, "FRAUD_AND_FORGERY": 0.03, "CRIMINAL_DAMAGE_ARSON": 0.03,
    "DRUGS_TRAFFICKING": 0.067, "DRUGS_POSSESSION": 0.03, "POSSESSION_OF_WEAPONS": 0.06,
    "PUBLIC_ORDER": 0.04, "MOTORING": 0.08, "MODERN_SLAVERY_EXPLOITATION": 0.005, "OTHER": 0.068,
}  # fmt: skip
#: P(need present) per criminogenic need: finance particularly prevalent (SNA summary, Wider
#: Socio-Economic Factors); drug misuse key (SNA §2.4); VAP offenders mostly thinking & behaviour,
#: attitudes, lifestyle, emotional wellbeing, alcohol (SNA §2.1 Criminogenic Needs). Base rates assumed.
NEED_BASE: dict[str, float] = {
    "need_accommodation": 0.32, "need_ete": 0.45, "need_finance": 0.58, "need_relationships": 0.40,
    "need_lifestyle_associates": 0.48, "need_drug_misuse": 0.42, "need_alcohol_misuse": 0.30,
    "need_thinking_behaviour": 0.70, "need_attitudes": 0.45, "need_emotional_wellbeing": 0.44,
}  # fmt: skip
#: Multipliers on NEED_BASE by offence category.
NEED_BY_OFFENCE: dict[str, dict[str, float]] = {
    "VIOLENCE_AGAINST_THE_PERSON": {
        "need_thinking_behaviour": 1.25, "need_attitudes": 1.3, "need_lifestyle_associates": 1.15,
        "need_emotional_wellbeing": 1.2, "need_alcohol_misuse": 1.5, "need_finance": 0.75,
    },
    "ROBBERY": {"need_finance": 1.4, "need_drug_misuse": 1.3, "need_lifestyle_associates": 1.4},
    "THEFT_AND_HANDLING": {"need_finance": 1.35, "need_drug_misuse": 1.6, "need_accommodation": 1.4},
    "BURGLARY": {"need_finance": 1.3, "need_drug_misuse": 1.5},
    "DRUGS_TRAFFICKING": {"need_finance": 1.45, "need_lifestyle_associates": 1.6, "need_drug_misuse": 1.1},
    "DRUGS_POSSESSION": {"need_drug_misuse": 1.8},
    "MODERN_SLAVERY_EXPLOITATION": {"need_finance": 1.5, "need_lifestyle_associates": 1.5},
}  # fmt: skip
SIGNIFICANT_SHARE = 0.45  # assumed: of present needs, share scored "significant"
PROBATION_FROM_POLICE = 0.35  # assumed: assessments of people accused in this month's police extract
PROBATION_FEMALE = 0.11  # assumed (women ~11% of the probation caseload)
ROSH_SHARE = {"LOW": 0.27, "MEDIUM": 0.53, "HIGH": 0.18, "VERY_HIGH": 0.02}  # assumed
MAPPA_CATEGORY_SHARE = {"NONE": 0.90, "CATEGORY_1": 0.06, "CATEGORY_2": 0.035, "CATEGORY_3": 0.005}
PDUS = ("Birmingham North", "Birmingham East", "Birmingham South", "Birmingham Central", "Birmingham West")

# -- ED assaults (ISTV) ----------------------------------------------------------------------------
ISTV_METHOD_SHARE: dict[str, float] = {  # assumed; body part dominant in ED assault data
    "BODY_PART": 0.62, "BLUNT_OBJECT": 0.09, "KNIFE_BLADE": 0.07, "OTHER_SHARP_OBJECT": 0.02,
    "GLASS_BOTTLE": 0.05, "FIREARM": 0.004, "OTHER": 0.046, "NOT_KNOWN": 0.10,
}  # fmt: skip
ISTV_LOCATION_SHARE: dict[str, float] = {
    "HOME": 0.28, "STREET_PUBLIC_PLACE": 0.33, "PUB_BAR_CLUB": 0.14, "WORKPLACE": 0.05, "SCHOOL_COLLEGE": 0.03,
    "PUBLIC_TRANSPORT": 0.03, "SHOP_RETAIL": 0.04, "OTHER": 0.04, "NOT_KNOWN": 0.06,
}  # fmt: skip
ISTV_SITE_WEIGHT = {"RRK15": 0.30, "RRK97": 0.27, "RRK98": 0.15, "RXK10": 0.18, "RQ301": 0.10}

# -- fire incidents --------------------------------------------------------------------------------
FIRE_TYPE_SHARE = {"PRIMARY_FIRE": 0.15, "SECONDARY_FIRE": 0.27, "FALSE_ALARM": 0.38, "SPECIAL_SERVICE": 0.20}
FIRE_DELIBERATE = {"PRIMARY_FIRE": 0.38, "SECONDARY_FIRE": 0.72}  # assumed; deliberate fires as ASB indicator
FALSE_ALARM_REASON_SHARE = {"DUE_TO_APPARATUS": 0.62, "GOOD_INTENT": 0.30, "MALICIOUS": 0.08}
HOURS_FIRE = (
    2.4,
    2,
    1.6,
    1.2,
    1,
    0.8,
    0.9,
    1.4,
    2.2,
    2.8,
    3.2,
    3.6,
    4,
    4.2,
    4.4,
    4.8,
    5.4,
    5.8,
    6,
    6,
    5.6,
    4.8,
    3.8,
    3,
)
