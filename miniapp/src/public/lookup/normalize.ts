/**
 * The petition number and query code as a phone's Chinese keyboard may type them: full-width
 * letters, digits and dash (ＸＦ２０２６－０００１２３), lower case, spaces before, after or between
 * (a code copied in groups). NFKC folds the full-width forms into the ASCII ones; the number's dash
 * may also come as one of the other dashes a Chinese keyboard offers (— – −). Neither a number nor
 * a query code (letters and digits only) holds a space or any other dash.
 */
function canonical(typed: string): string {
  return typed.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
}

export function lookupNumber(typed: string): string {
  return canonical(typed).replace(/[\u2010-\u2015\u2212\u30fc]/g, '-');
}

export function lookupCode(typed: string): string {
  return canonical(typed);
}
