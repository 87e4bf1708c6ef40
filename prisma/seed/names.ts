// Fictional-but-realistic Brazilian data for the demo patients. Names are common Brazilian
// names; addresses are real São Paulo streets with their CEP, numbers are made up.

export const FEMALE_NAMES = [
  "Ana", "Maria", "Juliana", "Fernanda", "Camila", "Beatriz", "Larissa", "Patrícia", "Aline", "Letícia",
  "Gabriela", "Mariana", "Luíza", "Isabela", "Júlia", "Vitória", "Heloísa", "Lívia", "Cecília", "Raquel",
  "Sônia", "Márcia", "Cláudia", "Vânia", "Rosângela", "Tânia", "Conceição", "Lúcia", "Débora", "Natália",
  "Bianca", "Priscila", "Simone", "Renata", "Tatiane", "Valéria", "Helena", "Alícia", "Manuela", "Lara",
] as const;

export const MALE_NAMES = [
  "João", "José", "Antônio", "Francisco", "Carlos", "Paulo", "Pedro", "Lucas", "Luiz", "Marcos",
  "Gabriel", "Rafael", "Daniel", "Marcelo", "Bruno", "Eduardo", "Felipe", "Rodrigo", "Gustavo", "Thiago",
  "Sérgio", "Fábio", "Márcio", "Vinícius", "André", "Otávio", "Caio", "Matheus", "Henrique", "Leonardo",
  "Raimundo", "Sebastião", "Benedito", "Joaquim", "Davi", "Heitor", "Arthur", "Bernardo", "Enzo", "Nicolas",
] as const;

export const MIDDLE_NAMES = {
  FEMALE: ["Aparecida", "Cristina", "Helena", "Beatriz", "Eduarda", "Luiza", "Vitória", "Carolina"],
  MALE: ["Augusto", "Henrique", "Eduardo", "Gabriel", "Vinícius", "Otávio", "Miguel", "Antônio"],
} as const;

export const SURNAMES = [
  "Silva", "Santos", "Oliveira", "Souza", "Rodrigues", "Ferreira", "Alves", "Pereira", "Lima", "Gomes",
  "Costa", "Ribeiro", "Martins", "Carvalho", "Almeida", "Lopes", "Soares", "Fernandes", "Vieira", "Barbosa",
  "Rocha", "Dias", "Nascimento", "Andrade", "Moreira", "Nunes", "Marques", "Machado", "Mendes", "Freitas",
  "Cardoso", "Ramos", "Gonçalves", "Santana", "Teixeira", "Araújo", "Conceição", "Guimarães", "Magalhães", "Brandão",
  "Assunção", "Falcão", "Simões", "Camargo", "Prado", "Queiroz", "Sampaio", "Bezerra", "Cavalcanti", "Monteiro",
] as const;

/** Social names (nome social, Decreto 8.727/2016) for a few patients, by registered sex. */
export const SOCIAL_NAMES = { FEMALE: ["Rafael", "Theo", "Lucas"], MALE: ["Bianca", "Luna", "Valentina"] } as const;

export const EMAIL_DOMAINS = ["example.com", "example.net", "example.org"] as const;

/** [CEP, street, district]; São Paulo city (IBGE 3550308). */
export const SP_STREETS = [
  ["01310100", "Avenida Paulista", "Bela Vista"],
  ["01305000", "Rua Augusta", "Consolação"],
  ["01426001", "Rua Oscar Freire", "Jardim Paulista"],
  ["04101000", "Rua Vergueiro", "Vila Mariana"],
  ["05405000", "Rua Teodoro Sampaio", "Pinheiros"],
  ["05402000", "Avenida Rebouças", "Pinheiros"],
  ["01414001", "Rua Haddock Lobo", "Cerqueira César"],
  ["04010100", "Rua Domingos de Morais", "Vila Mariana"],
  ["04506000", "Avenida Santo Amaro", "Vila Nova Conceição"],
  ["03081000", "Rua Tuiuti", "Tatuapé"],
  ["02010000", "Rua Voluntários da Pátria", "Santana"],
  ["04029000", "Avenida Ibirapuera", "Moema"],
  ["05020000", "Rua Clélia", "Água Branca"],
  ["03102002", "Rua da Mooca", "Mooca"],
  ["04571010", "Rua Funchal", "Vila Olímpia"],
  ["02460000", "Avenida Engenheiro Caetano Álvares", "Casa Verde"],
] as const;

export const SP_IBGE = "3550308";

export const COMPLEMENTS = ["Apto 12", "Apto 34", "Apto 101", "Casa 2", "Bloco B, apto 57", "Fundos", "Sala 3"] as const;

/** Plans offered by each demo insurer (names as sold, not real contract data). */
export const INSURER_PLANS: Record<string, readonly string[]> = {
  "Unimed": ["Unimed Nacional", "Unimed Estilo", "Unimed Pleno"],
  "Bradesco Saúde": ["Saúde Top Nacional", "Efetivo III", "Nacional Flex"],
  "SulAmérica Saúde": ["Especial 100", "Clássico", "Executivo"],
  "Amil": ["Amil 400", "Amil S750", "Amil One S1500"],
};

export const ALLERGIES = [
  { substance: "Dipirona", reaction: "Urticária generalizada", severity: "MODERATE" },
  { substance: "Penicilina", reaction: "Edema de glote", severity: "LIFE_THREATENING" },
  { substance: "Ácido acetilsalicílico", reaction: "Broncoespasmo", severity: "SEVERE" },
  { substance: "Sulfametoxazol + trimetoprima", reaction: "Erupção cutânea", severity: "MODERATE" },
  { substance: "Látex", reaction: "Prurido e eritema local", severity: "MILD" },
  { substance: "Iodo (contraste)", reaction: "Náuseas e urticária", severity: "MODERATE" },
  { substance: "Amendoim", reaction: "Anafilaxia", severity: "LIFE_THREATENING" },
  { substance: "Ibuprofeno", reaction: "Angioedema", severity: "SEVERE" },
] as const;

export const RELATIONSHIPS = ["Mãe", "Pai", "Cônjuge", "Filho(a)", "Irmão(ã)", "Amigo(a)"] as const;

export const VISIT_REASONS = [
  "Consulta de rotina", "Retorno", "Check-up anual", "Dor de cabeça recorrente", "Controle de pressão arterial",
  "Resultado de exames", "Dor lombar", "Acompanhamento de diabetes", "Renovação de receita", "Tosse persistente",
] as const;
