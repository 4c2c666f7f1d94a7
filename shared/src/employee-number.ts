/**
 * An employee number (工号) as the roster keeps it and a worker's binding looks it up. An HR
 * department's export may write `ds1001` and a phone's keyboard `ＤＳ１００１` (full width) for the
 * one employee `DS1001`. Kept and compared in this one form, the number means the same on both
 * databases: MySQL's collation ignores case, SQLite's does not.
 */
export function canonicalEmployeeNumber(written: string): string {
  // Normalised again after upper-casing: a few letters (ΐ) upper-case into two code points.
  return written.normalize('NFKC').toUpperCase().normalize('NFKC').trim();
}

/** What an employee number may hold once canonical: 1–32 letters, digits, `-` or `_`. */
export const EMPLOYEE_NUMBER_PATTERN = /^[\w-]{1,32}$/;
