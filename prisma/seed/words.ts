// Word lists for the synthetic organisation. Every company, person and domain is made up;
// names are combined from these lists, never taken from a real customer list.

export type TRegion = "NA" | "EMEA" | "APAC";
export const REGIONS: readonly TRegion[] = ["NA", "EMEA", "APAC"];

export const FIRST_NAMES: Record<TRegion, readonly string[]> = {
  NA: ["James", "Mary", "Robert", "Patricia", "Michael", "Jennifer", "David", "Linda", "William", "Elizabeth", "Daniel", "Susan", "Matthew", "Jessica", "Anthony", "Sarah", "Mark", "Karen", "Steven", "Nancy", "Andrew", "Emily", "Joshua", "Megan", "Kevin", "Rachel", "Brian", "Laura", "Jason", "Olivia", "Ethan", "Sophia", "Tyler", "Hannah", "Marcus", "Jasmine", "Diego", "Camila", "Noah", "Grace"],
  EMEA: ["Lukas", "Anna", "Jonas", "Lea", "Felix", "Sophie", "Maximilian", "Clara", "Julien", "Camille", "Antoine", "Manon", "Hugo", "Chloe", "Javier", "Lucia", "Pablo", "Elena", "Marco", "Giulia", "Luca", "Francesca", "Lars", "Ingrid", "Erik", "Astrid", "Daan", "Sanne", "Oliver", "Amelia", "Harry", "Isla", "George", "Freya", "Piotr", "Zofia", "Omar", "Layla", "Thabo", "Noa"],
  APAC: ["Haruto", "Yui", "Sota", "Aoi", "Ren", "Hina", "Arjun", "Priya", "Rahul", "Ananya", "Vikram", "Kavya", "Wei", "Mei", "Jun", "Xin", "Min-jun", "Seo-yeon", "Jack", "Charlotte", "Liam", "Ruby", "Cooper", "Matilda", "Ethan", "Zara", "Aiden", "Chloe", "Darius", "Siti", "Budi", "Putri", "Minh", "Linh", "Marcus", "Isabel", "Ravi", "Deepa", "Kenji", "Sakura"],
};

export const LAST_NAMES: Record<TRegion, readonly string[]> = {
  NA: ["Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez", "Hernandez", "Lopez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Martin", "Lee", "Thompson", "White", "Harris", "Clark", "Lewis", "Robinson", "Walker", "Young", "Allen", "King", "Wright", "Scott", "Nguyen", "Hill", "Flores", "Green", "Adams", "Baker", "Campbell", "Carter"],
  EMEA: ["Muller", "Schmidt", "Schneider", "Fischer", "Weber", "Wagner", "Becker", "Hoffmann", "Martin", "Bernard", "Dubois", "Laurent", "Lefebvre", "Moreau", "Garcia", "Fernandez", "Gonzalez", "Rossi", "Russo", "Ferrari", "Bianchi", "Johansson", "Andersson", "Nilsson", "Hansen", "Jensen", "DeVries", "Jansen", "Bakker", "Murphy", "Kelly", "Evans", "Hughes", "Novak", "Kowalski", "Haddad", "Cohen", "Dlamini", "Okafor", "Silva"],
  APAC: ["Sato", "Suzuki", "Takahashi", "Tanaka", "Watanabe", "Ito", "Yamamoto", "Nakamura", "Sharma", "Patel", "Iyer", "Reddy", "Gupta", "Nair", "Wang", "Li", "Zhang", "Chen", "Liu", "Kim", "Park", "Choi", "Wilson", "Thompson", "Walker", "Brown", "Harris", "Tan", "Lim", "Ong", "Wong", "Santoso", "Pratama", "Tran", "Pham", "Cruz", "Reyes", "Mehta", "Kapoor", "Fujita"],
};

/** ISO country → region, weight within the region, language, display name. */
export const COUNTRIES: readonly { code: string; region: TRegion; weight: number; language: string; name: string; tld: string }[] = [
  { code: "US", region: "NA", weight: 70, language: "en", name: "United States", tld: "com" },
  { code: "CA", region: "NA", weight: 14, language: "en", name: "Canada", tld: "ca" },
  { code: "MX", region: "NA", weight: 6, language: "es", name: "Mexico", tld: "com.mx" },
  { code: "BR", region: "NA", weight: 6, language: "pt", name: "Brazil", tld: "com.br" },
  { code: "AR", region: "NA", weight: 2, language: "es", name: "Argentina", tld: "com.ar" },
  { code: "CL", region: "NA", weight: 2, language: "es", name: "Chile", tld: "cl" },
  { code: "GB", region: "EMEA", weight: 22, language: "en", name: "United Kingdom", tld: "co.uk" },
  { code: "DE", region: "EMEA", weight: 20, language: "de", name: "Germany", tld: "de" },
  { code: "FR", region: "EMEA", weight: 13, language: "fr", name: "France", tld: "fr" },
  { code: "NL", region: "EMEA", weight: 8, language: "nl", name: "Netherlands", tld: "nl" },
  { code: "ES", region: "EMEA", weight: 7, language: "es", name: "Spain", tld: "es" },
  { code: "IT", region: "EMEA", weight: 6, language: "it", name: "Italy", tld: "it" },
  { code: "SE", region: "EMEA", weight: 5, language: "sv", name: "Sweden", tld: "se" },
  { code: "CH", region: "EMEA", weight: 4, language: "de", name: "Switzerland", tld: "ch" },
  { code: "AT", region: "EMEA", weight: 3, language: "de", name: "Austria", tld: "at" },
  { code: "IE", region: "EMEA", weight: 3, language: "en", name: "Ireland", tld: "ie" },
  { code: "PL", region: "EMEA", weight: 3, language: "pl", name: "Poland", tld: "pl" },
  { code: "DK", region: "EMEA", weight: 2, language: "da", name: "Denmark", tld: "dk" },
  { code: "AE", region: "EMEA", weight: 2, language: "en", name: "United Arab Emirates", tld: "ae" },
  { code: "ZA", region: "EMEA", weight: 2, language: "en", name: "South Africa", tld: "co.za" },
  { code: "AU", region: "APAC", weight: 30, language: "en", name: "Australia", tld: "com.au" },
  { code: "JP", region: "APAC", weight: 20, language: "ja", name: "Japan", tld: "jp" },
  { code: "IN", region: "APAC", weight: 20, language: "en", name: "India", tld: "in" },
  { code: "SG", region: "APAC", weight: 15, language: "en", name: "Singapore", tld: "sg" },
  { code: "NZ", region: "APAC", weight: 5, language: "en", name: "New Zealand", tld: "nz" },
  { code: "KR", region: "APAC", weight: 5, language: "ko", name: "South Korea", tld: "kr" },
  { code: "ID", region: "APAC", weight: 5, language: "id", name: "Indonesia", tld: "id" },
];

export const LEGAL_SUFFIX: Record<string, readonly string[]> = {
  US: ["Inc.", "LLC", "Corp."],
  CA: ["Inc.", "Ltd."],
  GB: ["Ltd", "plc"],
  IE: ["Ltd"],
  DE: ["GmbH", "AG"],
  AT: ["GmbH"],
  CH: ["AG", "GmbH"],
  FR: ["SAS", "SA"],
  NL: ["B.V."],
  ES: ["S.L.", "S.A."],
  IT: ["S.p.A.", "S.r.l."],
  SE: ["AB"],
  DK: ["A/S"],
  PL: ["Sp. z o.o."],
  AU: ["Pty Ltd"],
  NZ: ["Ltd"],
  JP: ["K.K."],
  IN: ["Pvt Ltd"],
  SG: ["Pte Ltd"],
  BR: ["Ltda."],
  MX: ["S.A. de C.V."],
};

/** First half of a company name. Two of them combine when the single ones run out. */
export const NAME_STEMS = [
  "Northwind", "Bluepeak", "Silverline", "Ironbridge", "Brightwater", "Crescent", "Evergreen", "Granite", "Harborview", "Keystone",
  "Lumen", "Meridian", "Nimbus", "Oakridge", "Pinnacle", "Quartz", "Redwood", "Summit", "Tidal", "Vertex",
  "Willow", "Zenith", "Atlas", "Beacon", "Cobalt", "Ember", "Falcon", "Horizon", "Juniper", "Kestrel",
  "Lighthouse", "Maple", "Nova", "Orion", "Polaris", "Radiant", "Sable", "Tandem", "Vanguard", "Wavecrest",
  "Alder", "Birchwood", "Cedar", "Driftwood", "Fjord", "Glacier", "Helix", "Indigo", "Jadestone", "Lattice",
  "Mosaic", "Nexus", "Onyx", "Prism", "Quill", "Ridgeline", "Sparrow", "Terra", "Unity", "Zephyr",
  "Aurora", "Bastion", "Clearwater", "Dunmore", "Everett", "Foxglove", "Goldcrest", "Highmark", "Ivory", "Larkspur",
] as const;

/** Second half of a company name, per industry (the word hints at the business). */
export const INDUSTRY_WORDS: Record<string, readonly string[]> = {
  Software: ["Labs", "Systems", "Software", "Cloud", "Data", "AI", "Analytics", "Digital"],
  Fintech: ["Pay", "Capital", "Ledger", "Finance", "Payments"],
  Healthcare: ["Health", "Care", "Medical", "Bio", "Clinics"],
  Manufacturing: ["Industries", "Manufacturing", "Works", "Robotics", "Materials"],
  Retail: ["Retail", "Goods", "Market", "Outfitters", "Stores"],
  Media: ["Media", "Studios", "Publishing", "Broadcasting"],
  Education: ["Learning", "Academy", "Education", "Schools"],
  Logistics: ["Logistics", "Freight", "Shipping", "Transport", "Fleet"],
  "Professional Services": ["Partners", "Consulting", "Advisory", "Group"],
  Energy: ["Energy", "Power", "Renewables", "Solar"],
  Telecommunications: ["Telecom", "Networks", "Connect", "Wireless"],
};

export const BASE_TLDS = [["com", 70], ["io", 12], ["co", 8], ["ai", 5], ["net", 5]] as const;

export const TITLES: readonly (readonly [string, number])[] = [
  ["Chief Revenue Officer", 2], ["Chief Executive Officer", 2], ["Founder & CEO", 2], ["Chief Financial Officer", 1], ["Chief Technology Officer", 2],
  ["VP of Sales", 4], ["VP of Marketing", 3], ["VP Revenue Operations", 2], ["Head of Sales Operations", 3], ["Head of Growth", 2],
  ["Director of Sales", 4], ["Director of Marketing", 4], ["IT Director", 3], ["Director of Finance", 2], ["Procurement Director", 1],
  ["Sales Operations Manager", 5], ["Revenue Operations Manager", 4], ["Marketing Manager", 6], ["Product Manager", 4], ["Account Manager", 4],
  ["Sales Manager", 4], ["Business Analyst", 4], ["Software Engineer", 5], ["Data Analyst", 3], ["Marketing Coordinator", 3],
  ["Consultant", 3], ["Office Manager", 2], ["Customer Success Manager", 3], ["Operations Associate", 2], ["Marketing Intern", 1],
];

export const STUDENT_TITLES = ["Student", "Marketing Intern", "Sales Intern", "MBA Student"] as const;

export const UNIVERSITY_DOMAINS = ["northfield.edu", "lakemont.edu", "kingsbridge.ac.uk", "harbourview.edu.au", "eastgate.ac.jp"] as const;

export const LEAD_SOURCES = [
  ["web_form", 30], ["paid_search", 18], ["content", 15], ["webinar", 12], ["event", 10], ["partner", 8], ["referral", 4], ["outbound", 3],
] as const;

export const PRODUCT_LINES = ["platform", "analytics", "automation"] as const;

/** The demo company's price list: annual list price per unit of segment size. */
export const PRODUCT_CATALOGUE = [
  { name: "Core Platform", line: "platform", annualList: 12_000 },
  { name: "Analytics Suite", line: "analytics", annualList: 8_000 },
  { name: "Workflow Automation", line: "automation", annualList: 6_000 },
  { name: "Premium Support", line: "platform", annualList: 3_000 },
  { name: "Data Residency Add-on", line: "platform", annualList: 4_000 },
] as const;

export const COMPETITORS = ["Closepath", "Quotient", "Pactly", "DealForge"] as const;

/** Lower-case ASCII for e-mail local parts and domains. */
export function slug(text: string, sep = ""): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/&/g, "and")
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
    .join(sep);
}

/** Account matching key; the intake uses the same function (lib/engine/intake/company-name.ts). */
export { normaliseCompanyName as normalizeCompanyName } from "@/lib/engine/intake/company-name";

/** "Northwind Logistics GmbH" → "Northwind Logistics" (display base for subsidiaries and deal names). */
export function stripLegalSuffix(name: string): string {
  const suffix = ALL_SUFFIXES.find((x) => name.endsWith(` ${x}`));
  return suffix ? name.slice(0, -suffix.length - 1) : name;
}
// Longest first, so "Pty Ltd" is stripped whole rather than leaving "Pty".
const ALL_SUFFIXES = [...new Set(Object.values(LEGAL_SUFFIX).flat())].sort((a, b) => b.length - a.length);
