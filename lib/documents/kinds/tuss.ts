// A curated list of the exams most often requested in a clinic, with their codes in TUSS table 22
// (Terminologia Unificada da Saúde Suplementar, "Procedimentos e eventos em saúde", ANS, Padrão
// TISS). Names follow the official terms as ANS publishes them (the TUSS × SIGTAP mapping,
// competência 2017-04, lists each with its TUSS name), shortened where the official term is a
// sentence. Only codes whose official name was checked are here; any other exam is requested as
// free text, without a code (docs/documents.md, "Sources"). Client-safe data.

export const TUSS_SOURCE = "ANS — TUSS, tabela 22 (Procedimentos e eventos em saúde), Padrão TISS";

export type TussExam = { code: string; name: string };

export const TUSS_EXAMS: readonly TussExam[] = [
  { code: "40304361", name: "Hemograma com contagem de plaquetas ou frações (eritrograma, leucograma, plaquetas)" },
  { code: "40304370", name: "Hemossedimentação (VHS)" },
  { code: "40302040", name: "Glicose" },
  { code: "40302733", name: "Hemoglobina glicada (fração A1c)" },
  { code: "40301605", name: "Colesterol total" },
  { code: "40301583", name: "Colesterol (HDL)" },
  { code: "40301591", name: "Colesterol (LDL)" },
  { code: "40302547", name: "Triglicerídeos" },
  { code: "40301630", name: "Creatinina" },
  { code: "40302580", name: "Uréia" },
  { code: "40301150", name: "Ácido úrico" },
  { code: "40302318", name: "Potássio" },
  { code: "40302423", name: "Sódio" },
  { code: "40302504", name: "Transaminase oxalacética (TGO / AST)" },
  { code: "40302512", name: "Transaminase pirúvica (TGP / ALT)" },
  { code: "40301990", name: "Gama-glutamil transferase (GGT)" },
  { code: "40301885", name: "Fosfatase alcalina" },
  { code: "40301842", name: "Ferro sérico" },
  { code: "40316270", name: "Ferritina" },
  { code: "40316521", name: "Tireoestimulante, hormônio (TSH)" },
  { code: "40316491", name: "T4 livre" },
  { code: "40316572", name: "Vitamina B12" },
  { code: "40302830", name: "Vitamina D 25-hidroxi (vitamina D3)" },
  { code: "40308391", name: "Proteína C reativa, quantitativa" },
  { code: "40316149", name: "Antígeno prostático específico total (PSA)" },
  { code: "40311171", name: "Microalbuminúria" },
  { code: "40311210", name: "Rotina de urina (caracteres físicos, elementos anormais e sedimentoscopia)" },
  { code: "40316190", name: "Cortisol" },
  { code: "40101010", name: "ECG convencional de até 12 derivações" },
];

const BY_CODE = new Map(TUSS_EXAMS.map((e) => [e.code, e]));

export const tussExam = (code: string): TussExam | undefined => BY_CODE.get(code);
