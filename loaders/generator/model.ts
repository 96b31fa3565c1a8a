/**
 * The business the sample imitates: a Swedish textile and garment wholesaler, ~100 MSEK a year, ~500 articles
 * from basic to fashion, two catalogue seasons, catalogue and private-label customers. Every figure the sample
 * shows comes out of the simulation in ./index.ts driven by these parameters.
 */

export const FIRST_YEAR = 2019;
export const LAST_YEAR = 2025;
/** The shock year (a pandemic-like collapse of events, hospitality and promotion). */
export const SHOCK_YEAR = 2020;

/** Revenue targets per year at scale 1, SEK, before shock and trends. */
export const CATALOGUE_REVENUE = 62_000_000;
export const PRIVATE_LABEL_REVENUE = 39_500_000;

/** Share of each month in a year's orders: peaks before the spring and autumn catalogues take effect. */
export const MONTH_WEIGHTS = [0.07, 0.1, 0.11, 0.1, 0.08, 0.06, 0.05, 0.1, 0.11, 0.1, 0.07, 0.05];

export interface OrgType {
  id: string;
  weight: number;
  /** Median employees/members. */
  employees: number;
  /** Orders a year for a median customer. */
  orders: number;
  /** Relative annual spend. */
  spend: number;
  /** Share of fashion in what they buy. */
  fashion: number;
  /** Revenue multiplier in the shock year and the two years after. */
  shock: [number, number, number];
  names: {prefixes: string[]; suffixes: string[]};
}

export const ORG_TYPES: OrgType[] = [
  {
    id: "profile_promo",
    weight: 0.22,
    employees: 8,
    orders: 9,
    spend: 1.4,
    fashion: 0.3,
    shock: [0.5, 0.75, 0.92],
    names: {
      prefixes: ["Profil", "Reklam", "Logo", "Brand", "Tryck"],
      suffixes: ["AB", "Profil AB", "& Co AB", "Reklam AB"]
    }
  },
  {
    id: "workwear_dealer",
    weight: 0.16,
    employees: 15,
    orders: 12,
    spend: 1.8,
    fashion: 0.05,
    shock: [0.97, 1.02, 1.03],
    names: {prefixes: ["Arbetskläder", "Yrkes", "Skydd", "Verkstad"], suffixes: ["AB", "Handel AB", "Center AB"]}
  },
  {
    id: "sports_club",
    weight: 0.24,
    employees: 120,
    orders: 3,
    spend: 0.35,
    fashion: 0.15,
    shock: [0.42, 0.7, 0.9],
    names: {prefixes: ["IFK", "IK", "BK", "FF", "IF", "GIF"], suffixes: [""]}
  },
  {
    id: "retailer",
    weight: 0.18,
    employees: 6,
    orders: 7,
    spend: 1.0,
    fashion: 0.55,
    shock: [0.8, 0.95, 1.0],
    names: {prefixes: ["Butik", "Mode", "Kläd", "Stil"], suffixes: ["AB", "Handelsbolag", "i Centrum AB"]}
  },
  {
    id: "hospitality",
    weight: 0.12,
    employees: 35,
    orders: 5,
    spend: 0.9,
    fashion: 0.2,
    shock: [0.45, 0.7, 0.95],
    names: {prefixes: ["Hotell", "Restaurang", "Konferens", "Värdshus"], suffixes: ["AB", "& Spa AB", ""]}
  },
  {
    id: "public_sector",
    weight: 0.08,
    employees: 400,
    orders: 4,
    spend: 1.6,
    fashion: 0.02,
    shock: [1.0, 1.0, 1.02],
    names: {prefixes: ["Region", "Kommun", "Förvaltning"], suffixes: [""]}
  }
];

export const REGIONS: [string, number, string][] = [
  // region, weight, responsible sales rep
  ["Stockholm", 0.24, "Anna Lindqvist"],
  ["Västra Götaland", 0.18, "Erik Johansson"],
  ["Skåne", 0.14, "Maria Persson"],
  ["Östra Mellansverige", 0.16, "Johan Nilsson"],
  ["Norra Mellansverige", 0.09, "Karin Berg"],
  ["Småland med öarna", 0.09, "Maria Persson"],
  ["Norrland", 0.1, "Lars Holm"]
];

export const PLACES = [
  "Vallentuna",
  "Borås",
  "Lund",
  "Västerås",
  "Gävle",
  "Växjö",
  "Umeå",
  "Täby",
  "Mölndal",
  "Kalmar",
  "Falun",
  "Luleå",
  "Norrtälje",
  "Alingsås",
  "Ystad",
  "Örebro",
  "Sundsvall",
  "Visby",
  "Sollentuna",
  "Kungälv",
  "Trelleborg",
  "Uppsala",
  "Östersund",
  "Jönköping",
  "Nacka",
  "Halmstad",
  "Eslöv",
  "Nyköping",
  "Skellefteå",
  "Karlskrona"
];

export const SURNAMES = [
  "Bergström",
  "Lindgren",
  "Åkesson",
  "Öberg",
  "Sandberg",
  "Ekström",
  "Wallin",
  "Forsberg",
  "Holmqvist",
  "Sjöberg",
  "Lundin",
  "Dahl",
  "Hedlund",
  "Nyström",
  "Björk",
  "Engström",
  "Mattsson",
  "Söderberg",
  "Håkansson",
  "Strand"
];

export const FIRST_NAMES = [
  "Anna",
  "Erik",
  "Sara",
  "Johan",
  "Emma",
  "Lars",
  "Karin",
  "Oskar",
  "Elin",
  "Mikael",
  "Sofia",
  "Nils"
];

export interface Category {
  id: string;
  assortment: "basic" | "fashion";
  count: number;
  /** List price range, SEK. */
  price: [number, number];
  /** Gross margin range at list price. */
  margin: [number, number];
  names: string[];
}

export const CATEGORIES: Category[] = [
  {
    id: "t-shirts",
    assortment: "basic",
    count: 70,
    price: [39, 129],
    margin: [0.3, 0.38],
    names: ["Basic T-shirt", "T-shirt Heavy", "T-shirt Slim", "T-shirt Ekologisk"]
  },
  {
    id: "polo shirts",
    assortment: "basic",
    count: 45,
    price: [99, 249],
    margin: [0.32, 0.4],
    names: ["Piké Classic", "Piké Stretch", "Piké Funktion"]
  },
  {
    id: "sweatshirts",
    assortment: "basic",
    count: 55,
    price: [149, 399],
    margin: [0.33, 0.41],
    names: ["Sweatshirt", "Hoodie", "Collegetröja", "Zip-hood"]
  },
  {
    id: "workwear",
    assortment: "basic",
    count: 80,
    price: [199, 899],
    margin: [0.28, 0.36],
    names: ["Arbetsbyxa", "Hantverksjacka", "Varselväst", "Snickarbyxa", "Arbetsskjorta"]
  },
  {
    id: "outerwear",
    assortment: "basic",
    count: 45,
    price: [399, 1499],
    margin: [0.34, 0.42],
    names: ["Softshelljacka", "Vinterjacka", "Fleecejacka", "Regnjacka"]
  },
  {
    id: "caps & accessories",
    assortment: "basic",
    count: 50,
    price: [29, 199],
    margin: [0.38, 0.46],
    names: ["Keps", "Mössa", "Halsduk", "Handskar", "Förkläde"]
  },
  {
    id: "bags",
    assortment: "basic",
    count: 30,
    price: [49, 599],
    margin: [0.36, 0.44],
    names: ["Tygkasse", "Ryggsäck", "Sportbag", "Datorväska"]
  },
  {
    id: "sportswear",
    assortment: "fashion",
    count: 45,
    price: [129, 599],
    margin: [0.4, 0.48],
    names: ["Matchtröja", "Träningsjacka", "Funktions-T", "Shorts"]
  },
  {
    id: "fashion knitwear",
    assortment: "fashion",
    count: 35,
    price: [299, 999],
    margin: [0.42, 0.5],
    names: ["Stickad tröja", "Cardigan", "Merinotröja"]
  },
  {
    id: "fashion tops",
    assortment: "fashion",
    count: 45,
    price: [149, 699],
    margin: [0.42, 0.52],
    names: ["Blus", "Oversize T-shirt", "Linneskjorta", "Tunika"]
  }
];

export const COLOURS = ["svart", "vit", "marin", "grå", "röd", "grön", "beige", "ljusblå", "bordeaux", "sand"];

/** Private-label customers: big retail chains, hotel groups, workwear brands. */
export const PRIVATE_LABEL_NAMES = [
  "Nordkedjan Mode AB",
  "Hotellgruppen Norrsken AB",
  "Byggkläder i Sverige AB",
  "Sport & Fritid Norden AB",
  "Kustlinjen Hotell & Spa AB",
  "Vård & Omsorg Textil AB",
  "Åhlstrands Varuhus AB",
  "Lagerhuset Ö&Ä AB",
  "Fjällrävens Vänner AB",
  "Stadsbud Logistik AB",
  "Café Kronan Kedjan AB",
  "Skärgårdshotellen AB",
  "Flygbolaget Nordvind AB",
  "Tågoperatören Räls AB",
  "Matkedjan Stjärnan AB",
  "Bilverkstäderna Samverkan AB",
  "Golfklubbarnas Inköp AB",
  "Mäklarhuset Ädel AB",
  "Säkerhetsbolaget Vakt AB",
  "Städ & Service Norden AB",
  "Teaterhusen Scen AB",
  "Festivalbolaget Sommar AB",
  "Apoteksgruppen Hälsa AB",
  "Gymkedjan Puls AB"
];

export const RELATIONSHIP_STAGES = ["prospect", "developing", "established", "partner", "at_risk"] as const;
export const CRITERIA = ["price", "quality", "design", "sustainability", "delivery", "service"] as const;
export const DECISION_ROLES = [
  "Inköpschef (pris)",
  "Varumärkeschef (design)",
  "Hållbarhetsansvarig",
  "Logistikchef (leverans)",
  "VD",
  "Marknadschef",
  "Kategoriansvarig",
  "Ekonomichef"
];
export const NOTES = [
  "Vill se fler hållbara material till nästa säsong; efterfrågar certifierad bomull.",
  "Pressar priset hårt i årets förhandling, jämför med leverantörer i Asien.",
  "Nöjda med leveranssäkerheten, vill utöka sortimentet med ytterplagg.",
  "Ny inköpschef sedan i våras; relationen behöver byggas upp igen.",
  "Gemensamt designprojekt för ny kollektion pågår, prototyper i produktion.",
  "Reklamation på färgäkthet förra säsongen, åtgärdat men följs upp.",
  "Intresserade av lagerhållning hos oss och avrop via EDI.",
  "Budgeten minskar nästa år, fokus på basplagg."
];
