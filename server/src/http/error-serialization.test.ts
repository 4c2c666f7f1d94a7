import { describe, expect, it } from 'vitest';
import { errorSerializer } from './error-serialization';

/** What a mysql2 error looks like: the statement with its values inlined, and MySQL's message. */
function mysqlError(message: string) {
  const error = new Error(message);
  return Object.assign(error, {
    code: 'ER_X',
    errno: 1062,
    sqlState: '23000',
    sqlMessage: message,
    sql: "insert into t values ('张三丰')",
  });
}

describe('the logged form of an error', () => {
  it("keeps MySQL's names and drops its values, even values holding quotes", () => {
    for (const [message, logged] of [
      [
        "Duplicate entry 'O'Brien-张三丰' for key 'PRIMARY'",
        "Duplicate entry '[redacted]' for key 'PRIMARY'",
      ],
      [
        "You have an error in your SQL syntax; check the manual near 'from t where a = '张三丰'' at line 1",
        "You have an error in your SQL syntax; check the manual near '[redacted]' at line 1",
      ],
      ["Data too long for column 'title' at row 1", "Data too long for column 'title' at row 1"],
      [
        "Incorrect integer value: '张三丰 key 'x'' for column `db`.`t`.`n`",
        "Incorrect integer value: '[redacted]' for column `db`.`t`.`n`",
      ],
    ]) {
      const out = errorSerializer(mysqlError(message as string));
      expect(out.message).toBe(logged);
      expect(out.stack.split('\n')[0]).toBe(`Error: ${logged}`);
      expect(Object.keys(out).sort()).toEqual(['code', 'errno', 'message', 'sqlState', 'stack', 'type']);
    }
  });

  it('follows the cause, and takes phone and ID numbers out of any message', () => {
    const out = errorSerializer(
      new Error('sending to 13912345678 failed', { cause: mysqlError("near '1'") }),
    );
    expect(out.message).toBe('sending to [redacted] failed');
    expect(out.cause).toMatchObject({ message: "near '[redacted]'", sqlState: '23000' });
    expect(JSON.stringify(out)).not.toMatch(/张三丰|13912345678/);
  });
});
