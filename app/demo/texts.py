"""Sentence banks for demo profiles: what a cluster is, what it is good at, what it looks for.

Every theme in app/data/themes.json has its own expertise and needs sentences, and the slots
({members}, {topic}, {product}, {buyers}, {region}) take ecosystem words from vocabulary.py, so two
profiles only read alike when they really share a theme and an ecosystem.
"""

from __future__ import annotations

ABOUT = (
    "{org} brings together {count} members in {region}: mostly {members_a} and {members_b}, "
    "with two universities and the regional development agency on the board.",
    "Founded in {year}, {org} is the meeting point for {members_a} in {region}. "
    "We have {count} members today and a team of {staff} people.",
    "We are a {adjective} cluster organisation of {count} companies and research organisations "
    "working on {topic}. Most of our members are {members_a}.",
    "{org} started in {year} as an initiative of a handful of {members_a}; today {count} members "
    "across {region} use it to find partners, projects and people.",
    "Our cluster connects {members_a}, {members_b} and their {buyers} around one question: "
    "how can {region} stay competitive in {topic}?",
)

ABOUT_CLOSERS = (
    "Our team runs matchmaking days, joint R&D projects and a training academy for member staff.",
    "We hold the {label} label of the European Cluster Excellence Initiative.",
    "We are financed by membership fees (about a third), regional funds and EU projects.",
    "Since the Cluster Booster Academy we review our strategy every year with our board.",
    "We work closely with the regional smart specialisation strategy on {topic}.",
    "Half of our members have fewer than ten employees, so our services are built for micro-companies.",
)

EXPERTISE: dict[str, tuple[str, ...]] = {
    "membership": (
        "We grew from 40 to {count} members in four years with a tiered fee and a free trial year for start-ups.",
        "Our onboarding programme pairs every new member with an experienced one from the {members_a}.",
        "We measure member engagement every quarter and call the members who have gone quiet.",
        "We turned our annual assembly into a working day where {members_a} pitch problems to each other.",
    ),
    "internationalisation": (
        "We have led six international B2B missions for {members_a}, two of them outside Europe.",
        "We coordinate a European Strategic Cluster Partnership on {topic} with partners in five countries.",
        "We know how to prepare SMEs for trade fairs abroad and follow up the contacts afterwards.",
        "We have run joint calls for {members_a} with clusters in neighbouring regions.",
    ),
    "green": (
        "We ran carbon footprint assessments with 30 {members_a} and turned them into reduction roadmaps.",
        "Our working group on {topic} produced a circularity checklist our members use in tenders.",
        "We help members apply for green transition funding and build consortia for LIFE projects.",
        "We organised an industrial symbiosis programme in which {members_a} exchange waste heat and by-products.",
    ),
    "digital": (
        "We run digital maturity assessments for {members_a} together with our European Digital Innovation Hub.",
        "We set up a shared data platform so that {members_a} can exchange production data securely.",
        "Our 'digital vouchers' scheme paid for 45 small digitalisation projects in member companies.",
        "We teach {members_a} how to use AI tools in quotation and design work.",
    ),
    "resilience": (
        "We mapped the supply chain of {product} in {region} and found the single points of failure.",
        "During the energy crisis we organised joint purchasing for our {members_a}.",
        "We keep a database of members' capacities that {buyers} use to find alternative suppliers quickly.",
        "We helped members replace suppliers from outside Europe with partners in neighbouring countries.",
    ),
    "financing": (
        "About 40% of our budget now comes from paid services, not from public grants.",
        "We have written and won Horizon Europe, Interreg and Digital Europe projects as coordinator.",
        "We introduced a service catalogue with prices, which changed how members see the cluster.",
        "We built a sponsorship package with {buyers} that pays for our innovation events.",
    ),
    "skills": (
        "We run a dual training programme with vocational schools for jobs in {topic}.",
        "Our academy trains around 200 employees of {members_a} every year.",
        "We organise an annual careers fair that brings students into {members_a}.",
        "We designed a reskilling path for workers moving into {topic}, with regional employment services.",
    ),
    "services": (
        "Our most used service is matchmaking between {members_a} and {buyers}.",
        "We offer members a one-stop desk for funding, export and IP questions.",
        "We run a technology scouting service that sends members a monthly digest on {topic}.",
        "We organise shared test facilities so that {members_a} can prototype {product} without big investments.",
    ),
    "policy": (
        "We sit on the regional smart specialisation committee for {topic}.",
        "We translate EU regulation on {topic} into practical guidance for {members_a}.",
        "We organised the consultation of our members on the regional industrial strategy.",
        "We have good contacts with the ministry and bring members' positions to national working groups.",
    ),
    "strategy": (
        "We rewrote our cluster strategy with the board using the Cluster Booster Academy canvas.",
        "We introduced KPIs for the cluster team and report them to members twice a year.",
        "We went through the ESCA benchmarking and used the results to restructure our services.",
        "We run a yearly foresight workshop on {topic} with members and researchers.",
    ),
}

NEEDS: dict[str, tuple[str, ...]] = {
    "membership": (
        "We want to attract more {members_a}: they see little value in paying a membership fee.",
        "Our members are mostly micro-companies; we need ideas to keep them engaged between events.",
        "We are looking for peers who have successfully introduced a new fee structure.",
        "Large companies left our cluster last year and we need to win them back.",
    ),
    "internationalisation": (
        "We are looking for partner clusters working on {topic} for a joint international project.",
        "We would like to bring our {members_a} to markets outside the EU but have no contacts yet.",
        "We need advice on how to prepare a first European Strategic Cluster Partnership application.",
        "We want to organise a study visit to a cluster that is further ahead in {topic}.",
    ),
    "green": (
        "We need to help {members_a} measure their carbon footprint without expensive consultants.",
        "We are looking for examples of circular business models for {product}.",
        "Our members ask how the new EU sustainability reporting rules will affect them as suppliers.",
        "We want to start a green transition programme but do not know where to begin with small members.",
    ),
    "digital": (
        "Many of our {members_a} still work with paper and spreadsheets; we need a realistic path to digitalisation.",
        "We are looking for a cybersecurity awareness programme that works for very small companies.",
        "We would like to learn how other clusters use AI in their own services.",
        "We need partners to build a shared data space for {product}.",
    ),
    "resilience": (
        "Our members depend on a few suppliers outside Europe for {product}; we need alternatives.",
        "We want to build a risk map of our regional value chain and need a method.",
        "Energy prices hit our {members_a} hard; we are looking for joint purchasing experience.",
        "We are looking for clusters that organised crisis response for their members.",
    ),
    "financing": (
        "Our regional funding ends next year and we need a business model that does not depend on it.",
        "We would like to learn how other clusters price their services.",
        "We are looking for partners for Horizon Europe and Interreg proposals on {topic}.",
        "We need to convince members that paid services are worth it.",
    ),
    "skills": (
        "Our {members_a} cannot find qualified staff for {topic}; we need a skills strategy.",
        "We want to set up training with universities but do not know how to share the costs.",
        "We are looking for examples of apprenticeship programmes run by clusters.",
        "Young people do not see {members_a} as attractive employers; we need ideas to change that.",
    ),
    "services": (
        "We want to develop new services for {members_a} and need examples that work elsewhere.",
        "We are looking for a good way to measure whether our services create value for SMEs.",
        "Our matchmaking events attract the same people every time; we need new formats.",
        "We would like to offer shared test facilities for {product} but lack the investment.",
    ),
    "policy": (
        "We need to get our region's policymakers interested in {topic}.",
        "We would like to learn how other clusters influence national industrial policy.",
        "We are looking for help to explain EU rules on {topic} to our members.",
        "Our regional government changed and we need to rebuild our relationships.",
    ),
    "strategy": (
        "We are rewriting our strategy and want to compare notes with clusters of similar size.",
        "Our board disagrees on whether to specialise in {topic} or stay broad.",
        "We need a simple KPI set that shows our impact to members and funders.",
        "We are planning the cluster's next five years and would like a peer to challenge our plan.",
    ),
}

JOB_TITLES = (
    "Cluster Manager",
    "Managing Director",
    "Head of International Affairs",
    "Innovation Manager",
    "Cluster Coordinator",
    "Project Manager",
    "Business Development Manager",
    "CEO",
    "Head of Member Services",
    "Deputy Cluster Manager",
)
