"""Write ``toolkit/data/states.csv``: one row per UN member state (plus observers).

Country names and ISO 3166-1 alpha-3 codes come from the ``pycountry`` library
(its ``name``, ``common_name`` and ``official_name`` fields). The hand-curated
table below adds what pycountry does not have: the short English name used in
news where it differs, demonyms/adjectives, capitals that stand for the
government ("Moscow", "Kyiv"), and a few extra aliases (military bodies and
state organs that the project's conventions fold into the state).

Run from the repository root::

    python tools/build_states.py

The output is committed as package data, so pycountry is only needed to
regenerate it.
"""

from __future__ import annotations

import csv
import pathlib

import pycountry

# ISO3 ; short name (blank: pycountry common_name or name) ; demonyms/adjectives ; capitals ; extra aliases
# Fields inside a column are separated by ",".
_CURATED = """
AFG;;Afghan;Kabul;Taliban government
ALB;;Albanian;Tirana;
DZA;;Algerian;Algiers;
AND;;Andorran;;
AGO;;Angolan;Luanda;
ATG;;Antiguan;;
ARG;;Argentine,Argentinian;Buenos Aires;
ARM;;Armenian;Yerevan;
AUS;;Australian;Canberra;
AUT;;Austrian;Vienna;
AZE;;Azerbaijani,Azeri;Baku;
BHS;Bahamas;Bahamian;Nassau;The Bahamas
BHR;;Bahraini;Manama;
BGD;;Bangladeshi;Dhaka;
BRB;;Barbadian;;
BLR;;Belarusian;Minsk;
BEL;;Belgian;;
BLZ;;Belizean;;
BEN;;Beninese;;
BTN;;Bhutanese;Thimphu;
BOL;Bolivia;Bolivian;La Paz;
BIH;Bosnia and Herzegovina;Bosnian;Sarajevo;Bosnia
BWA;;Botswanan;Gaborone;
BRA;;Brazilian;Brasilia,Brasília;
BRN;Brunei;Bruneian;;Brunei Darussalam
BGR;;Bulgarian;Sofia;
BFA;;Burkinabe;Ouagadougou;
BDI;;Burundian;Bujumbura;
CPV;Cape Verde;Cape Verdean;;Cabo Verde
KHM;;Cambodian;Phnom Penh;
CMR;;Cameroonian;Yaounde,Yaoundé;
CAN;;Canadian;Ottawa;
CAF;Central African Republic;;Bangui;CAR
TCD;;Chadian;N'Djamena;
CHL;;Chilean;;
CHN;;Chinese;Beijing;People's Republic of China,PRC,mainland China
COL;;Colombian;Bogota,Bogotá;
COM;Comoros;Comoran;;
COG;Republic of the Congo;;Brazzaville;Congo-Brazzaville,Congo Republic
COD;Democratic Republic of the Congo;Congolese;Kinshasa;DR Congo,DRC,Congo,Congo-Kinshasa
CRI;;Costa Rican;;
CIV;Ivory Coast;Ivorian;Abidjan,Yamoussoukro;Côte d'Ivoire,Cote d'Ivoire,the Ivory Coast
HRV;;Croatian,Croat,Croats;Zagreb;
CUB;;Cuban;Havana;
CYP;;Cypriot;Nicosia;
CZE;Czech Republic;Czech;Prague;Czechia
DNK;;Danish,Dane,Danes;Copenhagen;
DJI;;Djiboutian;;
DMA;;;;
DOM;;Dominican;Santo Domingo;
ECU;;Ecuadorian;Quito;
EGY;;Egyptian;Cairo;
SLV;;Salvadoran;San Salvador;
GNQ;;Equatorial Guinean;Malabo;
ERI;;Eritrean;Asmara;
EST;;Estonian;Tallinn;
SWZ;;Swazi;Mbabane;Swaziland
ETH;;Ethiopian;Addis Ababa;
FJI;;Fijian;Suva;
FIN;;Finnish,Finn,Finns;Helsinki;
FRA;;French;Paris;Elysee,Élysée,Elysee Palace,Élysée Palace,Quai d'Orsay
GAB;;Gabonese;Libreville;
GMB;Gambia;Gambian;Banjul;The Gambia,the Gambia
GEO;;Georgian;Tbilisi;
DEU;;German;Berlin;
GHA;;Ghanaian;Accra;
GRC;;Greek;Athens;
GRD;;Grenadian;;
GTM;;Guatemalan;Guatemala City;
GIN;;Guinean;Conakry;
GNB;;Bissau-Guinean;Bissau;
GUY;;Guyanese;Georgetown;
HTI;;Haitian;Port-au-Prince;
HND;;Honduran;Tegucigalpa;
HUN;;Hungarian;Budapest;
ISL;;Icelandic;Reykjavik;
IND;;Indian;New Delhi;
IDN;;Indonesian;Jakarta;
IRN;;Iranian;Tehran;Islamic Republic,Revolutionary Guards,Revolutionary Guard,Islamic Revolutionary Guard Corps,IRGC
IRQ;;Iraqi;Baghdad;
IRL;;Irish;Dublin;
ISR;;Israeli;Jerusalem,Tel Aviv;Jewish state,Zionist regime,Zionist entity,Israel Defense Forces,Israel Defence Forces,IDF,Israeli Defense Forces
ITA;;Italian;Rome;
JAM;;Jamaican;;
JPN;;Japanese;Tokyo;
JOR;;Jordanian;Amman;
KAZ;;Kazakh;Astana;
KEN;;Kenyan;Nairobi;
KIR;;;;
KWT;;Kuwaiti;Kuwait City;
KGZ;;Kyrgyz;Bishkek;
LAO;;Laotian,Lao;Vientiane;
LVA;;Latvian;Riga;
LBN;;Lebanese;Beirut;
LSO;;Basotho;Maseru;
LBR;;Liberian;Monrovia;
LBY;;Libyan;Tripoli;
LIE;;;;
LTU;;Lithuanian;Vilnius;
LUX;;Luxembourgish;;
MDG;;Malagasy;Antananarivo;
MWI;;Malawian;Lilongwe;
MYS;;Malaysian;Kuala Lumpur;
MDV;;Maldivian;;
MLI;;Malian;Bamako;
MLT;;Maltese;Valletta;
MHL;;Marshallese;;
MRT;;Mauritanian;Nouakchott;
MUS;;Mauritian;;
MEX;;Mexican;Mexico City;
FSM;Micronesia;Micronesian;;
MDA;;Moldovan;Chisinau;
MCO;;Monegasque;;
MNG;;Mongolian;Ulaanbaatar;
MNE;;Montenegrin;Podgorica;
MAR;;Moroccan;Rabat;
MOZ;;Mozambican;Maputo;
MMR;;Burmese;Naypyidaw;Burma
NAM;;Namibian;Windhoek;
NRU;;Nauruan;;
NPL;;Nepali,Nepalese;Kathmandu;
NLD;;Dutch;Amsterdam;Holland
NZL;;;;
NIC;;Nicaraguan;Managua;
NER;;Nigerien;Niamey;
NGA;;Nigerian;Abuja;
PRK;;North Korean;Pyongyang;DPRK
MKD;;North Macedonian,Macedonian;Skopje;Macedonia
NOR;;Norwegian;Oslo;
OMN;;Omani;Muscat;
PAK;;Pakistani;Islamabad;
PLW;;Palauan;;
PAN;;Panamanian;Panama City;
PNG;;;Port Moresby;
PRY;;Paraguayan;Asuncion,Asunción;
PER;;Peruvian;Lima;
PHL;;Filipino,Philippine;Manila;Phillippines
POL;;Polish,Pole,Poles;Warsaw;
PRT;;Portuguese;Lisbon;
QAT;;Qatari;Doha;
ROU;;Romanian;Bucharest;
RUS;Russia;Russian;Moscow;Russian Federation
RWA;;Rwandan;Kigali;
KNA;;;;
LCA;;;;
VCT;;;;
WSM;;Samoan;Apia;
SMR;;;;
STP;Sao Tome and Principe;;;São Tomé and Príncipe
SAU;;Saudi;Riyadh;
SEN;;Senegalese;Dakar;
SRB;;Serbian,Serb,Serbs;Belgrade;
SYC;;Seychellois;;
SLE;;Sierra Leonean;Freetown;
SGP;;Singaporean;;
SVK;;Slovak,Slovakian;Bratislava;
SVN;;Slovenian,Slovene;Ljubljana;
SLB;;;;
SOM;;Somali;Mogadishu;
ZAF;;South African;Pretoria;
KOR;;South Korean;Seoul;Republic of Korea
SSD;;South Sudanese;Juba;
ESP;;Spanish;Madrid;
LKA;;Sri Lankan;Colombo;
SDN;;Sudanese;Khartoum;
SUR;;Surinamese;Paramaribo;
SWE;;Swedish,Swede,Swedes;Stockholm;
CHE;;Swiss;Bern;
SYR;;Syrian;Damascus;
TJK;;Tajik;Dushanbe;
TZA;;Tanzanian;Dodoma;
THA;;Thai;Bangkok;
TLS;East Timor;Timorese;Dili;Timor-Leste
TGO;;Togolese;Lome,Lomé;
TON;;Tongan;;
TTO;;Trinidadian;Port of Spain;
TUN;;Tunisian;Tunis;
TUR;Turkey;Turkish;Ankara;Türkiye,Turkiye
TKM;;Turkmen;Ashgabat;
TUV;;Tuvaluan;;
UGA;;Ugandan;Kampala;
UKR;;Ukrainian;Kyiv,Kiev;
ARE;;Emirati;Abu Dhabi;UAE,U.A.E.
GBR;;British,Briton,Britons;London;Britain,Great Britain,UK,U.K.
USA;;American,U.S.,US,U.S;Washington;USA,U.S.A.,America,United States of America
URY;;Uruguayan;Montevideo;
UZB;;Uzbek;Tashkent;
VUT;;;;
VEN;;Venezuelan;Caracas;
VNM;Vietnam;Vietnamese;Hanoi;Viet Nam
YEM;;Yemeni;Sanaa,Sana'a;
ZMB;;Zambian;Lusaka;
ZWE;;Zimbabwean;Harare;
PSE;Palestine;Palestinian;Ramallah;State of Palestine,Palestinian Authority,PA,Palestinian territories
VAT;Vatican;;;Holy See,Vatican City
TWN;Taiwan;Taiwanese;Taipei;Republic of China
"""

# Not in ISO 3166-1 (user-assigned code used by the EU and others); added by hand.
_EXTRA = [
    {"code": "XKX", "name": "Kosovo", "demonyms": ["Kosovar", "Kosovan"], "capitals": ["Pristina"], "aliases": []},
]

_OBSERVERS = {"PSE", "VAT", "TWN"}


def _plural(word: str) -> list[str]:
    """Plural people-nouns for demonyms that form them with -s ("Russians", "Israelis")."""
    if "." in word or not word[-1:].isalpha():
        return []
    if word.endswith(("an", "i")) and not word.endswith("ese"):
        return [word + "s"]
    return []


def build() -> list[dict[str, str]]:
    """Return the state rows: name, kind, country, role, aliases, demonyms, capitals, source."""
    rows = []
    for line in _CURATED.strip().splitlines():
        code, short, demonyms, capitals, extra = (part.strip() for part in line.split(";"))
        country = pycountry.countries.get(alpha_3=code)
        if country is None:
            raise SystemExit(f"pycountry has no alpha_3 {code!r}")
        name = short or getattr(country, "common_name", None) or country.name
        aliases = [a for a in (extra.split(",") if extra else []) if a]
        for field in ("name", "official_name", "common_name"):
            value = getattr(country, field, None)
            if value and "," not in value and "(" not in value and value != name:
                aliases.append(value)
        dem = [d for d in demonyms.split(",") if d] if demonyms else []
        dem_all = []
        for d in dem:
            dem_all += [d, *_plural(d)]
        caps = [c for c in capitals.split(",") if c] if capitals else []
        rows.append(
            {
                "name": name,
                "kind": "state",
                "country": code,
                "role": "UN observer state" if code in _OBSERVERS else "UN member state",
                "aliases": "|".join(dict.fromkeys(a for a in aliases if a != name)),
                "demonyms": "|".join(dict.fromkeys(dem_all)),
                "capitals": "|".join(caps),
                "source": "pycountry (ISO 3166-1); demonyms and capitals curated",
            }
        )
    for extra in _EXTRA:
        dem_all = []
        for d in extra["demonyms"]:
            dem_all += [d, *_plural(d)]
        rows.append(
            {
                "name": extra["name"],
                "kind": "state",
                "country": extra["code"],
                "role": "partially recognised state",
                "aliases": "|".join(extra["aliases"]),
                "demonyms": "|".join(dem_all),
                "capitals": "|".join(extra["capitals"]),
                "source": "curated (code XKX is user-assigned, not ISO 3166-1)",
            }
        )
    return rows


def main() -> None:
    """Write the CSV beside the package data."""
    out = pathlib.Path(__file__).resolve().parents[1] / "toolkit" / "data" / "states.csv"
    rows = build()
    with out.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    print(f"wrote {len(rows)} states to {out}")


if __name__ == "__main__":
    main()
