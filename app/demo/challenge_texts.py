"""Sentence banks for demo challenges and replies, one set per theme.

Titles, the situation, what was tried, the question, and replies that draw on the replying peer's
own cluster ({my_region}, {my_members}). Slots are filled from vocabulary.py.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ThemeBank:
    """Everything needed to write a challenge about one theme, and replies to it."""

    titles: tuple[str, ...]
    situations: tuple[str, ...]
    tried: tuple[str, ...]
    questions: tuple[str, ...]
    replies: tuple[str, ...]


BANKS: dict[str, ThemeBank] = {
    "membership": ThemeBank(
        titles=(
            "How do we convince micro-companies that membership is worth the fee?",
            "Member engagement drops after the first year",
            "Winning back large companies that left the cluster",
            "Which fee model works for a cluster of {members_a}?",
        ),
        situations=(
            "Our members are mostly micro-companies that see no value in paying a fee; they come to the free events and disappear.",
            "We have {count} members but only about fifteen of them take part in anything during the year.",
            "Two of our biggest members, both {buyers}, left last year saying the cluster is 'for the small ones'.",
            "Membership among {members_a} has been flat for three years although the sector is growing.",
        ),
        tried=(
            "a free trial year for start-ups",
            "a members-only newsletter",
            "personal visits by the cluster manager",
            "discounts on event fees",
            "a member satisfaction survey (12% answered)",
        ),
        questions=(
            "What made the difference for you when members started to see value?",
            "Has anyone moved from a flat fee to tiered membership, and how did members react?",
            "How do you keep micro-companies engaged between events?",
        ),
        replies=(
            "We had exactly this with our {my_members} in {my_region}. What worked was a 'first 100 days' plan for each new member: one introduction to a buyer, one project idea, one visit. After that they renew.",
            "We introduced three tiers (micro, SME, large) and made the large tier include a seat in the strategy group. The large companies came back because of the seat, not the services.",
            "Stop measuring attendance and start counting collaborations. We publish a yearly list of projects members started together — it became our best recruitment tool.",
            "Call the quiet members. Our team phones every member once a year with three questions; it takes a week and halved our churn.",
        ),
    ),
    "internationalisation": ThemeBank(
        titles=(
            "Looking for partner clusters on {topic}",
            "First steps towards a European Strategic Cluster Partnership",
            "How to take {members_a} to markets outside the EU?",
            "Trade fair abroad: how to get real business out of it",
        ),
        situations=(
            "Our {members_a} are strong locally, but very few export, and those who do go alone.",
            "We want to apply for a European Strategic Cluster Partnership on {topic} but have never led an international consortium.",
            "We took twelve members to a trade fair last year; it cost a lot and produced two follow-up meetings.",
            "Our region asked us to 'internationalise' the cluster but gave us no budget for it.",
        ),
        tried=(
            "joining the ECCP partner search",
            "a joint stand at a fair",
            "webinars with the trade promotion agency",
            "a study visit to a neighbouring cluster",
            "an internationalisation strategy drafted by an intern",
        ),
        questions=(
            "Which clusters would be interested in {topic}?",
            "How did you find your first international partners?",
            "What would you do differently on your first international mission?",
        ),
        replies=(
            "In {my_region} we started with one partner cluster, not five. Two years of small exchanges with them made our first ESCP application credible.",
            "Prepare the B2B meetings before the fair, not at it. We now book meetings for our {my_members} six weeks in advance and the follow-up rate went from 10% to 60%.",
            "Our cluster would be interested — we work with {my_members} and are looking for exactly this kind of partner. Send me a message.",
            "Use the ECCP matchmaking events: that is where we met two of our current partners, at almost no cost.",
        ),
    ),
    "green": ThemeBank(
        titles=(
            "Carbon footprint for {members_a} without expensive consultants",
            "Starting a green transition programme with very small members",
            "Circular business models for {product}",
            "What do the new sustainability reporting rules mean for our suppliers?",
        ),
        situations=(
            "Our {buyers} now ask suppliers for carbon data, and our {members_a} have no idea how to produce it.",
            "We want a green transition programme, but our members say they have no time and no budget.",
            "A lot of {product} ends up as waste, and our members see circularity as a cost, not a market.",
            "Members keep asking how the new EU sustainability reporting rules affect them as suppliers of large companies.",
        ),
        tried=(
            "a webinar on the Green Deal",
            "a free carbon calculator",
            "a working group (three meetings, then it stopped)",
            "a regional call for green vouchers",
            "a sustainability award at our annual event",
        ),
        questions=(
            "Which tools did your members actually use?",
            "How did you make the business case for circularity?",
            "Did anyone run a group programme rather than one-to-one support?",
        ),
        replies=(
            "We ran a group programme for 15 {my_members} in {my_region}: four workshops, one shared consultant, and each company left with a reduction plan. Group format cut the cost by two thirds.",
            "Start with the buyers' questionnaires: we collected the ones our members receive and built the training around answering them. Suddenly it was about keeping customers, not about the planet.",
            "We partnered with a university whose students did the footprint calculations as thesis work. Cheap, and three students were hired afterwards.",
            "Look at the LIFE programme and Interreg calls — our circularity pilot was funded that way.",
        ),
    ),
    "digital": ThemeBank(
        titles=(
            "A realistic digitalisation path for {members_a}",
            "Cybersecurity awareness for very small companies",
            "How do clusters use AI in their own services?",
            "Building a shared data space for {product}",
        ),
        situations=(
            "Many of our {members_a} still run on paper and spreadsheets; 'Industry 4.0' events scare them away.",
            "Two members were hit by ransomware this year and now everyone asks us what to do.",
            "We would like to use AI in our own work (matchmaking, newsletters, funding searches) but do not know where to start.",
            "Our members would gain from sharing data on {product}, but nobody wants to be the first to share.",
        ),
        tried=(
            "a digital maturity self-assessment",
            "a joint event with the European Digital Innovation Hub",
            "digital vouchers from the region",
            "a cybersecurity webinar",
            "a pilot with one software vendor",
        ),
        questions=(
            "What was the first digital step that actually stuck with small members?",
            "Has anyone run a cybersecurity programme that micro-companies completed?",
            "Which AI uses in your cluster office saved real time?",
        ),
        replies=(
            "With our {my_members} in {my_region} we stopped talking about Industry 4.0 and started with one question: which task do you do twice? Small automations first, then the bigger projects came.",
            "We partnered with our EDIH: they do the test-before-invest part, we bring the companies. Members trust us, the EDIH has the engineers.",
            "For cybersecurity, a phishing simulation for staff of member companies worked better than any webinar. People remember being caught.",
            "We use AI to draft the first version of our funding digest and to suggest matchmaking pairs; a person always checks. It saves us about a day a week.",
        ),
    ),
    "resilience": ThemeBank(
        titles=(
            "Finding alternative suppliers for {product}",
            "How to map the risks in our regional value chain",
            "Joint energy purchasing for {members_a}",
            "What did your cluster do for members during the last crisis?",
        ),
        situations=(
            "Our {members_a} depend on a few suppliers outside Europe for key inputs to {product}.",
            "When a supplier failed last year, our members found out about it from their customers.",
            "Energy prices hit our {members_a} hard and several reduced production.",
            "Our {buyers} want proof that our members can deliver even when supply chains break.",
        ),
        tried=(
            "a supplier database",
            "a survey on critical inputs",
            "contacts with the chamber of commerce",
            "a joint letter to the ministry",
            "a crisis hotline for members",
        ),
        questions=(
            "How did you map your value chain without months of work?",
            "Has anyone organised joint purchasing, and what were the legal pitfalls?",
            "Which services did members value most in the crisis?",
        ),
        replies=(
            "We mapped our value chain in {my_region} with three workshops and one sticky-note wall per product. Not scientific, but we found the two inputs everyone depended on.",
            "Our joint energy purchase for {my_members} saved members around 15%. Get a lawyer early: the contract between the cluster and the members matters more than the one with the supplier.",
            "We built a capacity database (machines, certifications, free capacity) and shared it with buyers. It became our most visited page.",
            "Through the ECCP we found suppliers in two neighbouring countries; nearshoring was easier than members expected.",
        ),
    ),
    "financing": ThemeBank(
        titles=(
            "Our regional funding ends next year — what now?",
            "How do you price cluster services?",
            "Partners for a Horizon Europe proposal on {topic}",
            "Convincing members to pay for services",
        ),
        situations=(
            "Two thirds of our budget comes from a regional programme that ends next year.",
            "We offer many services for free and members are used to it; charging now feels impossible.",
            "We have an idea for a Horizon Europe proposal on {topic} and need partners who have been there before.",
            "Our board wants the cluster to be self-financing in five years.",
        ),
        tried=(
            "a service catalogue without prices",
            "sponsorship from a bank",
            "a fee increase (members complained)",
            "EU project applications (one won, three lost)",
            "a consultancy arm",
        ),
        questions=(
            "How did you move from grants to paid services?",
            "What share of your budget comes from services today?",
            "Who would like to join a consortium on {topic}?",
        ),
        replies=(
            "We went from 80% public funding to 45% in six years in {my_region}. The turning point was pricing services even when members get them free: once they see the value, paying is easier.",
            "We charge members half price and non-members full price. It turned the fee into a discount, which sells much better.",
            "Our cluster would like to join — we coordinated projects with {my_members} before and have a research partner ready.",
            "Do not put everything on EU projects: they pay the work, not the organisation. We use them for new services and finance the core from fees.",
        ),
    ),
    "skills": ThemeBank(
        titles=(
            "Our members cannot find staff for {topic}",
            "Setting up training with universities: who pays?",
            "Apprenticeships run by a cluster — examples?",
            "Making {members_a} attractive employers for young people",
        ),
        situations=(
            "Every member visit ends with the same sentence: 'we cannot find people'.",
            "Our {members_a} need people trained in {topic}, and the schools teach what was needed ten years ago.",
            "A university offered to build a course with us, but nobody agrees on who pays for it.",
            "Young people do not even know our {members_a} exist.",
        ),
        tried=(
            "a job board on our website",
            "a careers fair",
            "company visits for schools",
            "a skills survey among members",
            "a proposal to the regional employment agency",
        ),
        questions=(
            "What worked to bring young people into your sector?",
            "How did you share training costs between members?",
            "Has anyone used the Pact for Skills?",
        ),
        replies=(
            "We run a dual programme in {my_region} with two vocational schools: the {my_members} host apprentices, the cluster coordinates. The coordination is what small firms cannot do alone.",
            "Our members pay per trained employee, the region pays the curriculum development. That split made the university course possible.",
            "Take the students to the companies, not the companies to the fair. Our 'open factory day' had a waiting list.",
            "We joined the Pact for Skills partnership of our ecosystem; it gave us material and contacts for free.",
        ),
    ),
    "services": ThemeBank(
        titles=(
            "New services for {members_a}: what works elsewhere?",
            "Measuring whether our services create value",
            "Matchmaking events attract the same people every time",
            "Shared test facilities for {product}",
        ),
        situations=(
            "Our service portfolio has not changed in eight years: events, a newsletter, some projects.",
            "The board asks what value our services create, and we only have attendance figures.",
            "Our matchmaking events are full, but it is always the same thirty people.",
            "Our {members_a} need to test {product}, and no single member can afford the equipment.",
        ),
        tried=(
            "a member survey",
            "a new event format",
            "a service catalogue",
            "a voucher scheme",
            "a partnership with a research centre",
        ),
        questions=(
            "Which new service did your members take up fastest?",
            "How do you measure the value of your services?",
            "How did you finance shared equipment?",
        ),
        replies=(
            "Our best new service in years was a 'problem clinic': a member brings a problem, three other members and one researcher spend two hours on it. Cheap and loved by our {my_members}.",
            "We ask members after each service: 'did this lead to a contract, a project or a hire?' Simple, and it gives the board numbers.",
            "For matchmaking, we now invite buyers first and let them choose whom they want to meet. New members come because the buyers are there.",
            "Our shared test lab in {my_region} was co-financed by regional ERDF funds; members pay per use. After three years it covers its running costs.",
        ),
    ),
    "policy": ThemeBank(
        titles=(
            "Getting policymakers interested in {topic}",
            "How do clusters influence national industrial policy?",
            "Explaining new EU rules to our members",
            "New regional government — rebuilding relationships",
        ),
        situations=(
            "Our region's smart specialisation strategy does not mention {topic} at all.",
            "The ministry consults the big industry associations, never the clusters.",
            "Members are confused about what new EU rules on {topic} mean for them.",
            "After the elections, all our contacts in the regional government changed.",
        ),
        tried=(
            "a position paper",
            "a conference with a minister",
            "a meeting with MEPs",
            "a joint letter with other clusters",
            "an information webinar",
        ),
        questions=(
            "How did you get a seat at the table?",
            "What evidence convinced your policymakers?",
            "Who can help translate the new EU rules into plain language?",
        ),
        replies=(
            "Numbers convinced our region: we showed that our {my_members} employ more people than the sector they were funding. After that we were invited to the S3 committee.",
            "We joined forces with three other clusters in {my_region} and speak with one voice; the ministry now consults us together.",
            "Invite the new people to visit members' companies in their first 100 days. They remember who showed them the region first.",
            "We wrote a two-page plain-language guide with a lawyer for our {my_members}; happy to share the structure.",
        ),
    ),
    "strategy": ThemeBank(
        titles=(
            "Specialise in {topic} or stay broad?",
            "A simple KPI set for a cluster",
            "Peer review of our five-year strategy",
            "Our board and team disagree on priorities",
        ),
        situations=(
            "Our board is split: half want to specialise in {topic}, half fear losing members who do other things.",
            "We report dozens of activity numbers and none of them show impact.",
            "We are writing our strategy for the next five years and would like someone outside to challenge it.",
            "The team does what the board asked three years ago; the members want something else now.",
        ),
        tried=(
            "a SWOT with the board",
            "a member survey",
            "the ESCA benchmarking",
            "a strategy consultant",
            "the Cluster Booster Academy canvas",
        ),
        questions=(
            "How did you decide what to stop doing?",
            "Which KPIs do you report to members and funders?",
            "Would anyone be willing to review our draft strategy?",
        ),
        replies=(
            "We specialised in two topics and kept a 'general' membership tier for the rest. Our {my_members} in {my_region} accepted it because the tier was cheaper.",
            "We report five KPIs: members, active members, projects started between members, euros raised for members, and satisfaction. Everything else goes into an annex.",
            "Happy to review your draft — we went through the same exercise last year after the Academy.",
            "Make the board write down what the cluster will stop doing. That single page was the most useful part of our strategy.",
        ),
    ),
}

TRIED_INTRO = ("What we tried so far:", "What we have done:", "So far we tried:")
CLOSING = (
    "Any experience is welcome — thanks!",
    "Thank you for any advice.",
    "Happy to share what we learn in return.",
    "",
)
