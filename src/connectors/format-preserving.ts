import { createHmac } from "node:crypto";
import { getCountries, getCountryCallingCode } from "libphonenumber-js";

/** Deterministic bytes from a keyed HMAC-SHA256 stream over one scope. */
export function keyedBytes(secret: string | Buffer, scope: string): () => number {
  let block = Buffer.alloc(0);
  let counter = 0;
  let at = 0;
  return () => {
    if (at >= block.length) {
      block = createHmac("sha256", secret).update(`${scope}\0${counter++}`).digest();
      at = 0;
    }
    return block[at++]!;
  };
}

const DIGITS = "0123456789";
const LOWER = "abcdefghijklmnopqrstuvwxyz";
const UPPER = LOWER.toUpperCase();
const pick = (alphabet: string, next: () => number) => alphabet[next() % alphabet.length]!;

/** Digits stay digits, upper-case letters upper-case, other letters lower-case ASCII; everything else stays. */
const replaceChar = (c: string, next: () => number) =>
  /\p{Nd}/u.test(c) ? pick(DIGITS, next) : /\p{Lu}/u.test(c) ? pick(UPPER, next) : /\p{L}/u.test(c) ? pick(LOWER, next) : c;

const replaceAll = (text: string, next: () => number) => Array.from(text, (c) => replaceChar(c, next)).join("");

const CALLING_CODES = new Set(getCountries().map((c) => getCountryCallingCode(c)));

/**
 * A value of the same length and the same character classes: an e-mail keeps its `@`, dots and
 * top-level domain; a phone number keeps its country prefix (or, written nationally, its first
 * two digits) and separators. Since the output has the input's shape and the stream depends
 * only on the key and the row, applying it again gives the same value (idempotent).
 */
export function formatPreserving(value: string, next: () => number): string {
  const email = /^([^@\s]+)@([^@\s]+)\.([^@\s.]+)$/.exec(value);
  if (email) return `${replaceAll(email[1]!, next)}@${email[2]!.split(".").map((l) => replaceAll(l, next)).join(".")}.${email[3]}`;
  if (/^\+?[\d\s()./-]+$/.test(value) && value.replace(/\D/g, "").length >= 6) return phone(value, next);
  return replaceAll(value, next);
}

function phone(value: string, next: () => number): string {
  const digits = value.replace(/\D/g, "");
  const international = value.startsWith("+") ? 0 : digits.startsWith("00") ? 2 : -1;
  const code = international >= 0 ? [1, 2, 3].map((n) => digits.slice(international, international + n)).find((c) => CALLING_CODES.has(c)) : undefined;
  const keep = international >= 0 ? international + (code?.length ?? 0) : 2;
  let seen = 0;
  return Array.from(value, (c) => (/\d/.test(c) ? (seen++ < keep ? c : pick(DIGITS, next)) : c)).join("");
}

export const NUMERIC_TEXT = /^-?\d+(\.\d+)?$/;

/**
 * A number written with the same count of digits and the same sign: no leading zero in a
 * multi-digit integer part and no trailing zero after the point, so the database prints it back
 * in the same shape (and a re-run gives the same number).
 */
export function formatPreservingNumeric(text: string, next: () => number): string {
  const [whole, fraction] = text.replace("-", "").split(".") as [string, string | undefined];
  const nonZero = () => pick("123456789", next);
  const newWhole = Array.from(whole, (_, i) => (i === 0 && whole.length > 1 ? nonZero() : pick(DIGITS, next))).join("");
  const newFraction = fraction === undefined ? "" : `.${Array.from(fraction, (_, i) => (i === fraction.length - 1 ? nonZero() : pick(DIGITS, next))).join("")}`;
  return `${text.startsWith("-") ? "-" : ""}${newWhole}${newFraction}`;
}
