// Termo de Consentimento Livre e Esclarecido for teleconsultation (Res. CFM 2.314/2022, art. 15:
// the patient's consent, free and informed, recorded). The version is stored with every
// acceptance; a new text must get a new version so the record shows which one was accepted.

export const TCLE_VERSION = "tcle-telemedicina-2026-11";

export const TCLE_PARAGRAPHS = [
  "Declaro que fui informado(a) de que a teleconsulta é um atendimento médico realizado a distância, por vídeo, conforme a Resolução CFM nº 2.314/2022, e que concordo em ser atendido(a) dessa forma.",
  "Entendo que a teleconsulta tem limitações: o médico não pode me examinar fisicamente e pode, a seu critério, indicar uma consulta presencial a qualquer momento.",
  "Sei que a consulta não será gravada sem o meu consentimento expresso, que os dados do atendimento serão registrados no meu prontuário e protegidos conforme a Lei Geral de Proteção de Dados (Lei nº 13.709/2018) e o sigilo médico.",
  "Comprometo-me a estar em local reservado, com conexão adequada, e a informar dados verdadeiros. Posso retirar este consentimento a qualquer momento, sem prejuízo do meu atendimento presencial.",
] as const;
