/** Letters to subjects and controllers, in ro, sr, sr-Cyrl and en, as text and as PDF. */
export { codeMessage, controllerForwardLetter, decisionLetter, extensionLetter, formatDate, forwardedLetter, responseLetter, textsFor } from "./compose.ts";
export type { AuthorityContact, LetterContext } from "./compose.ts";
export { articlesFor } from "./articles.ts";
export { LETTER_KINDS, letterSchema, renderLetterPdf, renderLetterText } from "./letter.ts";
export type { Letter, LetterBlock, LetterKind } from "./letter.ts";
export { claimLetter, letterMessageId, markLetterSent, outboxRegister, type OutboxLetter } from "./outbox.ts";
