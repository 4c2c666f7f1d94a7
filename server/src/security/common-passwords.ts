import { dictionary } from '@zxcvbn-ts/language-common';

/** Passwords common among Chinese users that the English-centric list lacks. */
const CHINESE_COMMON = [
  '5201314',
  '1314520',
  'woaini',
  'woaini1314',
  'woaini520',
  'a123456',
  'aa123456',
  'a123456789',
  'abc123456',
  'qq123456',
  '123456a',
  '123456abc',
  '1qaz2wsx',
  'zxc123456',
  'aini1314',
  'iloveyou1314',
  '88888888',
  '66666666',
  '147258369',
  '123123123',
  'xiaoming',
  'zhang123',
  'wang123456',
  'admin123',
  'admin888',
  'password1',
  'xinfang',
  'xinfang123',
];

const blocklist = new Set([...dictionary['passwords-common'], ...CHINESE_COMMON].map((p) => p.toLowerCase()));

/** Whether a password, in lower case, is on zxcvbn's list of common ones or ours. */
export function isCommonPassword(lower: string): boolean {
  return blocklist.has(lower);
}
