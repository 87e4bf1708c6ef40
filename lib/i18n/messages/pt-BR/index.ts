// The pt-BR catalogue: core.json plus one file per feature namespace, so features can grow
// their messages without editing one shared file.
import core from "./core.json";
import secondFactor from "./secondFactor.json";
import sessions from "./sessions.json";
import patientRecord from "./patientRecord.json";
import scheduling from "./scheduling.json";
import engagement from "./engagement.json";
import ehrAttachments from "./ehr-attachments.json";
import ehrVitals from "./ehr-vitals.json";
import ehrAccess from "./ehr-access.json";
import ehrSigning from "./ehr-signing.json";
import records from "./records.json";
import ehrCid10 from "./ehr-cid10.json";
import validation from "./validation.json";
import prescriptionCatalogue from "./prescriptionCatalogue.json";
import prescriptionSafety from "./prescriptionSafety.json";
import prescriptions from "./prescriptions.json";
import documents from "./documents.json";



const messages = { ...core, secondFactor, sessions, patientRecord, scheduling, engagement, ehrAttachments, ehrVitals, ehrAccess, ehrSigning, ehrCid10, validation, records, documents, prescriptionCatalogue, prescriptionSafety, prescriptions };
export default messages;
