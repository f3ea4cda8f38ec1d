import { parsePhoneNumberFromString, type CountryCode } from "libphonenumber-js";

const digits = (s: string) => [...s].map(Number);

function isRealDate(year: number, month: number, day: number): boolean {
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

/**
 * Romanian personal numeric code: S YY MM DD JJ NNN C. The control digit is the weighted sum with
 * 279146358279 modulo 11 (10 becomes 1); S gives the century (1/2: 1900s, 3/4: 1800s, 5/6: 2000s,
 * 7/8/9: residents, taken as 1900s or 2000s).
 */
export function isValidCnp(cnp: string): boolean {
  if (!/^[1-9]\d{12}$/.test(cnp)) return false;
  const d = digits(cnp);
  const sum = [2, 7, 9, 1, 4, 6, 3, 5, 8, 2, 7, 9].reduce((acc, w, i) => acc + w * d[i]!, 0);
  const control = sum % 11 === 10 ? 1 : sum % 11;
  if (control !== d[12]) return false;
  const yy = Number(cnp.slice(1, 3));
  const century = ({ 1: 1900, 2: 1900, 3: 1800, 4: 1800, 5: 2000, 6: 2000 } as Record<number, number>)[d[0]!];
  const month = Number(cnp.slice(3, 5));
  const day = Number(cnp.slice(5, 7));
  // Residents (7-9) do not encode the century; any real day of the month will do.
  return century ? isRealDate(century + yy, month, day) : isRealDate(2000, month, day);
}

/**
 * Serbian (and former Yugoslav) unique master citizen number: DD MM YYY RR BBB K, with
 * m = 11 − (7(a+g) + 6(b+h) + 5(c+i) + 4(d+j) + 3(e+k) + 2(f+l)) mod 11; K = m for 1-9, else 0.
 */
export function isValidJmbg(jmbg: string): boolean {
  if (!/^\d{13}$/.test(jmbg)) return false;
  const d = digits(jmbg);
  const sum = [7, 6, 5, 4, 3, 2].reduce((acc, w, i) => acc + w * (d[i]! + d[i + 6]!), 0);
  const m = 11 - (sum % 11);
  if ((m > 9 ? 0 : m) !== d[12]) return false;
  const yyy = Number(jmbg.slice(4, 7));
  const year = yyy >= 800 ? 1000 + yyy : 2000 + yyy;
  return isRealDate(year, Number(jmbg.slice(2, 4)), Number(jmbg.slice(0, 2)));
}

/** The number in E.164, read with the organisation's country as the default; undefined when it is not a valid number. */
export function normalisePhone(phone: string, defaultCountry: string): string | undefined {
  const parsed = parsePhoneNumberFromString(phone, defaultCountry as CountryCode);
  return parsed?.isValid() ? parsed.number : undefined;
}
