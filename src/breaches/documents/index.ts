/** Breach documents: the authority's form, the letters to subjects, the register export. pdfkit/exceljs load on demand. */
export { authorityForm, authorityFormPdf, nextPhase } from "./authority-form.ts";
export type { AuthorityForm, FormFieldValue } from "./authority-form.ts";
export { adviceFor, subjectLetter, subjectLetterPdf, subjectLetterText } from "./letter.ts";
export type { LetterBlock, SubjectLetter } from "./letter.ts";
export { breachRegisterTable } from "./register.ts";
export { Words, utcOffset } from "./words.ts";
