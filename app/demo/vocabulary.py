"""What each industrial ecosystem's clusters are made of, in words a cluster manager would use.

The sentence banks in texts.py and challenge_texts.py fill their {members}, {topic}, {product}
and {buyers} slots from here, so a wood cluster talks about sawmills and a health cluster about
medtech start-ups — which is what lets the matcher tell them apart.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Sector:
    """One ecosystem's vocabulary: organisation-name words and the nouns its texts use."""

    names: tuple[str, ...]
    members: tuple[str, ...]
    topics: tuple[str, ...]
    products: tuple[str, ...]
    buyers: tuple[str, ...]


def _sector(names: str, members: str, topics: str, products: str, buyers: str) -> Sector:
    return Sector(*(tuple(part.split("; ")) for part in (names, members, topics, products, buyers)))


SECTORS: dict[str, Sector] = {
    "aerospace-defence": _sector(
        "Aerospace; Aeronautics; Space & Defence; Drone",
        "tier-2 aerostructure suppliers; precision machining SMEs; avionics start-ups; MRO companies",
        "qualification for aerospace primes; dual-use technologies; small satellite payloads; UAV testing corridors",
        "composite aerostructures; flight-control electronics; satellite components; drone inspection services",
        "aircraft OEMs; defence procurement agencies; space agencies",
    ),
    "agri-food": _sector(
        "Agri-Food; Food; Wine; Dairy; AgriTech",
        "family-run food processors; winemakers; dairy cooperatives; agritech start-ups",
        "precision farming; short food supply chains; food waste reduction; protected designations of origin",
        "organic dairy products; craft beverages; plant-based proteins; farm sensors",
        "retail chains; export distributors; hotels and restaurants",
    ),
    "construction": _sector(
        "Wood; Construction; Building; Smart Building; Timber",
        "sawmills; joinery workshops; timber-frame builders; building-services installers",
        "circular timber construction; energy renovation of buildings; BIM adoption; modular housing",
        "cross-laminated timber; prefabricated wall elements; insulation systems; heat pumps",
        "municipal housing companies; architects; general contractors",
    ),
    "cultural-creative": _sector(
        "Creative Industries; Design; Games; Film & Media",
        "design studios; game developers; independent publishers; audiovisual producers",
        "co-productions across borders; design-driven innovation for industry; immersive media; IP licensing",
        "mobile games; animation series; product design services; museum installations",
        "broadcasters; manufacturers looking for designers; cultural institutions",
    ),
    "digital": _sector(
        "Digital; ICT; Software; AI; Cybersecurity",
        "software houses; cybersecurity SMEs; IT service providers; AI start-ups",
        "AI adoption by traditional industries; cybersecurity for SMEs; data spaces; cloud migration",
        "industrial software; managed security services; data platforms; custom AI solutions",
        "manufacturing SMEs; public administrations; banks and insurers",
    ),
    "electronics": _sector(
        "Electronics; Microelectronics; Photonics; Embedded Systems",
        "PCB assemblers; sensor manufacturers; photonics start-ups; embedded-systems designers",
        "chip supply security; printed electronics; photonics for industry; electronics recycling",
        "sensor modules; laser systems; power electronics; IoT devices",
        "automotive suppliers; medical device makers; industrial automation firms",
    ),
    "energy-intensive": _sector(
        "Metal; Steel; Chemicals; Plastics; Ceramics",
        "foundries; plastics processors; chemical SMEs; ceramics manufacturers",
        "decarbonising industrial heat; hydrogen for process industries; recycled plastics; industrial symbiosis",
        "castings; recycled polymers; specialty chemicals; technical ceramics",
        "automotive and machinery OEMs; packaging buyers; construction material distributors",
    ),
    "energy-renewables": _sector(
        "Energy; Renewable Energy; Hydrogen; Solar; Offshore Wind",
        "solar installers; energy consultancies; hydrogen start-ups; grid technology SMEs",
        "energy communities; green hydrogen valleys; offshore wind supply chains; smart grids",
        "PV systems; electrolysers; energy management software; battery storage",
        "utilities; municipalities; energy-intensive manufacturers",
    ),
    "health": _sector(
        "Health; MedTech; Life Sciences; Biotech",
        "medtech start-ups; diagnostics companies; contract research organisations; hospitals' innovation units",
        "medical device regulation (MDR) compliance; digital health; clinical validation; active ageing",
        "diagnostic kits; rehabilitation devices; telemedicine platforms; biomaterials",
        "hospitals; health insurers; pharmaceutical companies",
    ),
    "mobility-transport-automotive": _sector(
        "Automotive; Mobility; Logistics; Rail",
        "automotive tier-2 and tier-3 suppliers; logistics operators; e-mobility start-ups; rail suppliers",
        "the shift to electric vehicles; zero-emission logistics; battery value chains; connected mobility",
        "EV components; charging infrastructure; fleet software; rail interiors",
        "car makers; public transport operators; logistics hubs",
    ),
    "proximity-social-economy": _sector(
        "Social Economy; Social Innovation; Civil Security; Local Economy",
        "social enterprises; cooperatives; local craft businesses; civil protection suppliers",
        "social procurement; local economic development; inclusion of vulnerable groups; crisis preparedness",
        "care services; repair and reuse services; community energy projects; emergency equipment",
        "municipalities; public procurers; foundations",
    ),
    "retail": _sector(
        "Retail; Commerce; E-commerce",
        "independent retailers; e-commerce SMEs; shopping-centre operators; retail technology firms",
        "omnichannel retail; revitalising town centres; sustainable packaging; retail data analytics",
        "online shops; click-and-collect services; point-of-sale systems; loyalty programmes",
        "consumers; marketplaces; brand manufacturers",
    ),
    "textile": _sector(
        "Textile; Fashion; Technical Textiles; Leather",
        "spinning and weaving mills; fashion brands; technical textile producers; leather workshops",
        "textile recycling; traceability and digital product passports; technical textiles for health; nearshoring of apparel",
        "functional fabrics; recycled yarns; workwear; footwear",
        "fashion retailers; hospitals; automotive interior suppliers",
    ),
    "tourism": _sector(
        "Tourism; Outdoor Tourism; Hospitality; Wellness",
        "small hotels; tour operators; outdoor activity providers; spa and wellness resorts",
        "off-season tourism; sustainable destinations; digital booking for small providers; cycling tourism",
        "guided experiences; eco-certified accommodation; travel packages; wellness programmes",
        "international tour operators; domestic visitors; event organisers",
    ),
}
