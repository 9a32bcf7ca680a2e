// The shape of the demo organisation: which teams exist, how many reps each has, where
// they sit, and the ten documented demo log-ins (README and e2e specs rely on these e-mails).

export type TSegment = "SMB" | "MID_MARKET" | "ENTERPRISE";

export const DEMO_USERS = {
  rep: { email: "rep@arbiter.demo", name: "Riley Morgan", role: "REP", title: "Account Executive", timezone: "America/New_York" },
  rep2: { email: "rep2@arbiter.demo", name: "Sam Patel", role: "REP", title: "Account Executive", timezone: "America/Chicago" },
  manager: { email: "manager@arbiter.demo", name: "Jordan Lee", role: "SALES_MANAGER", title: "Sales Manager, NA Mid-Market", timezone: "America/New_York" },
  vp: { email: "vp@arbiter.demo", name: "Alex Rivera", role: "VP_SALES", title: "VP Sales, North America", timezone: "America/New_York" },
  dealdesk: { email: "dealdesk@arbiter.demo", name: "Casey Nguyen", role: "DEAL_DESK", title: "Deal Desk Lead", timezone: "America/Chicago" },
  finance: { email: "finance@arbiter.demo", name: "Morgan Blake", role: "FINANCE", title: "Finance Director", timezone: "America/New_York" },
  legal: { email: "legal@arbiter.demo", name: "Taylor Brooks", role: "LEGAL", title: "Commercial Counsel", timezone: "America/New_York" },
  revops: { email: "revops@arbiter.demo", name: "Dana Whitfield", role: "REVOPS", title: "RevOps Director", timezone: "America/Chicago" },
  exec: { email: "exec@arbiter.demo", name: "Chris Okafor", role: "EXEC", title: "Chief Revenue Officer", timezone: "America/New_York" },
  admin: { email: "admin@arbiter.demo", name: "Pat Kim", role: "ADMIN", title: "Systems Administrator", timezone: "UTC" },
} as const;

export type TTeamPlan = {
  key: string;
  name: string;
  region: "NA" | "EMEA" | "APAC" | "GLOBAL";
  segments: TSegment[];
  /** Generated reps (the NA Mid-Market team also has rep@ and rep2@). */
  reps: number;
  repTitle: string;
  timezones: string[];
};

const NA_ZONES = ["America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles", "America/Toronto"];

export const TEAM_PLAN: readonly TTeamPlan[] = [
  { key: "na-ent", name: "NA Enterprise", region: "NA", segments: ["ENTERPRISE"], reps: 4, repTitle: "Enterprise Account Executive", timezones: NA_ZONES },
  { key: "na-mm", name: "NA Mid-Market", region: "NA", segments: ["MID_MARKET"], reps: 3, repTitle: "Account Executive", timezones: ["America/Denver", "America/Los_Angeles", "America/Toronto"] },
  { key: "na-smb", name: "NA SMB", region: "NA", segments: ["SMB"], reps: 4, repTitle: "Account Executive, SMB", timezones: NA_ZONES },
  { key: "emea-ent", name: "EMEA Enterprise", region: "EMEA", segments: ["ENTERPRISE"], reps: 3, repTitle: "Enterprise Account Executive", timezones: ["Europe/London", "Europe/Paris", "Europe/Stockholm"] },
  { key: "emea-mm", name: "EMEA Mid-Market", region: "EMEA", segments: ["MID_MARKET"], reps: 4, repTitle: "Account Executive", timezones: ["Europe/Berlin", "Europe/London", "Europe/Berlin", "Europe/Paris"] },
  { key: "emea-smb", name: "EMEA SMB", region: "EMEA", segments: ["SMB"], reps: 3, repTitle: "Account Executive, SMB", timezones: ["Europe/Madrid", "Europe/Berlin", "Europe/Amsterdam"] },
  { key: "apac-ent", name: "APAC Enterprise", region: "APAC", segments: ["ENTERPRISE"], reps: 3, repTitle: "Enterprise Account Executive", timezones: ["Australia/Sydney", "Asia/Tokyo", "Asia/Singapore"] },
  { key: "apac-com", name: "APAC Commercial", region: "APAC", segments: ["SMB", "MID_MARKET"], reps: 4, repTitle: "Account Executive", timezones: ["Asia/Singapore", "Asia/Kolkata", "Australia/Sydney", "Asia/Tokyo"] },
  { key: "partner", name: "Partner Sales", region: "GLOBAL", segments: [], reps: 2, repTitle: "Partner Account Manager", timezones: ["America/New_York", "Europe/London"] },
  { key: "inbound", name: "Inbound Desk", region: "GLOBAL", segments: [], reps: 0, repTitle: "", timezones: ["UTC"] },
];

export const TERRITORY_PLAN = [
  { name: "US & Canada", region: "NA", countries: ["US", "CA"], team: "na-mm" },
  { name: "Latin America", region: "NA", countries: ["MX", "BR", "AR", "CL", "CO"], team: "na-smb" },
  { name: "UK & Ireland", region: "EMEA", countries: ["GB", "IE"], team: "emea-mm" },
  { name: "DACH", region: "EMEA", countries: ["DE", "AT", "CH"], team: "emea-mm" },
  { name: "France & Benelux", region: "EMEA", countries: ["FR", "BE", "NL", "LU"], team: "emea-mm" },
  { name: "Nordics", region: "EMEA", countries: ["SE", "NO", "DK", "FI"], team: "emea-smb" },
  { name: "Southern & Eastern Europe", region: "EMEA", countries: ["ES", "IT", "PT", "PL"], team: "emea-smb" },
  { name: "Middle East & Africa", region: "EMEA", countries: ["AE", "SA", "IL", "ZA"], team: "emea-ent" },
  { name: "ANZ", region: "APAC", countries: ["AU", "NZ"], team: "apac-com" },
  { name: "Japan & Korea", region: "APAC", countries: ["JP", "KR"], team: "apac-ent" },
  { name: "Southeast Asia", region: "APAC", countries: ["SG", "MY", "ID", "TH", "PH", "VN"], team: "apac-com" },
  { name: "India", region: "APAC", countries: ["IN"], team: "apac-com" },
] as const;

type THours = Record<string, [string, string][]>;
const days = (intervals: [string, string][]): THours => Object.fromEntries(["mon", "tue", "wed", "thu", "fri"].map((d) => [d, intervals]));

export const WORKING_HOURS = {
  standard: days([["09:00", "17:00"]]),
  early: days([["08:00", "16:00"]]),
  split: days([["09:00", "12:30"], ["13:30", "18:00"]]),
} as const;

/** New leads per day / week a rep can take, by the segment they sell to. */
export const SEGMENT_CAPACITY: Record<TSegment | "PARTNER", { perDay: number; perWeek: number }> = {
  ENTERPRISE: { perDay: 8, perWeek: 35 },
  MID_MARKET: { perDay: 15, perWeek: 60 },
  SMB: { perDay: 30, perWeek: 120 },
  PARTNER: { perDay: 10, perWeek: 40 },
};

/** The team (pod) that sells to a region × segment. */
export function teamKeyFor(region: string, segment: TSegment): string {
  const r = region.toLowerCase();
  if (r === "apac") return segment === "ENTERPRISE" ? "apac-ent" : "apac-com";
  return `${r}-${segment === "ENTERPRISE" ? "ent" : segment === "MID_MARKET" ? "mm" : "smb"}`;
}
