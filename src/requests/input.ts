import { z } from "zod";
import { isValidCnp, isValidJmbg } from "./identity.ts";
import { LETTER_LANGUAGES, REFUSAL_GROUNDS, REQUEST_CHANNELS, REQUEST_RIGHTS, outcome, requestDetails } from "./model.ts";

const shortText = z.string().trim().min(1).max(200);
const reason = z.string().trim().min(3).max(2000);
const id = z.string().regex(/^[a-z][a-z0-9_]*$/);

/** What a subject (or staff for them) sends. The phone is normalised to E.164 with the organisation's country. */
export const requestInput = z.strictObject({
  right: z.enum(REQUEST_RIGHTS),
  language: z.enum(LETTER_LANGUAGES).optional(),
  channel: z.enum(REQUEST_CHANNELS).optional(),
  /** The staff member who typed in a request that came by post, phone, e-mail or in person (S0-17). */
  enteredBy: shortText.optional(),
  /** When a letter or call arrived, if it is entered later; the deadline runs from it. */
  receivedAt: z.iso.datetime({ offset: true }).optional(),
  subject: z.strictObject({
    email: z.email().max(254),
    name: shortText.optional(),
    phone: z.string().trim().min(3).max(40).optional(),
    customerId: shortText.optional(),
    cnp: z.string().trim().refine(isValidCnp, "not a valid CNP (13 digits, a real birth date and the right control digit)").optional(),
    jmbg: z.string().trim().refine(isValidJmbg, "not a valid JMBG (13 digits, a real birth date and the right control digit)").optional(),
  }),
  details: requestDetails.optional(),
  representative: z
    .strictObject({
      name: shortText,
      relationship: shortText,
      proof: z.strictObject({ reference: shortText, sha256: z.string().regex(/^[0-9a-f]{64}$/, "sha256 of the proof document, in hex") }),
    })
    .optional(),
  /** The processing the request is about, when the subject knows it (a processor activity is forwarded, S0-01). */
  concerns: z.strictObject({ activity: id.optional(), client: id.optional() }).optional(),
});
export type RequestInput = z.input<typeof requestInput>;

/** The privacy-centre form: the channel is the web form, the time is the server's. */
export const publicRequestInput = requestInput.omit({ channel: true, enteredBy: true, receivedAt: true });

export const reasonInput = z.strictObject({ reason });

export const refusalInput = z.strictObject({
  decision: z.enum(["refuse", "fee"]),
  ground: z.enum(REFUSAL_GROUNDS),
  reasons: reason,
  fee: z.strictObject({ amount: z.number().positive().max(1_000_000), currency: z.string().regex(/^[A-Z]{3}$/) }).optional(),
});
export type RefusalInput = z.infer<typeof refusalInput>;

export const forwardInput = z.strictObject({ activity: id, client: id.optional() });
export const representativeDecisionInput = z.strictObject({ note: z.string().trim().min(1).max(2000).optional() });
export const outcomeInput = outcome;
export const completionInput = outcome.partial();
export const codeInput = z.strictObject({ code: z.string().regex(/^\d{6}$/, "the 6-digit code from the e-mail") });
