// Host-relative paths: on a clinic's host the proxy maps "/patients" to its tenant route.
export const PATIENTS_PATH = "/patients";
export const patientHref = (id: string) => `${PATIENTS_PATH}/${id}`;
export const patientEditHref = (id: string) => `${PATIENTS_PATH}/${id}/edit`;
