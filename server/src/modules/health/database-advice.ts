import type { DialectName } from '../../db/database';
import type { DatabaseProblem } from '../../db/failures';

/**
 * What an administrator can do about a database that does not take writes, in plain Chinese: the
 * health page shows it under what is wrong. `files` are the SQLite files the server may not write.
 */
export function databaseAdvice(kind: DatabaseProblem | null, dialect: DialectName, files: string[]): string {
  switch (kind) {
    case 'read_only':
      return files.length > 0
        ? `这些文件不能写入：${files.join('、')}。请让运行本服务的用户能写入它们（查看文件权限、只读挂载或不可改属性），再刷新本页。`
        : dialect === 'mysql'
          ? '数据库设成了只读。请数据库管理员取消只读，或让本服务连接可以写入的数据库。'
          : '数据库文件只读。请让运行本服务的用户能写入数据库文件和所在文件夹，再刷新本页。';
    case 'full':
      return '磁盘满了。请清理或扩大数据库所在的磁盘，再刷新本页。';
    case 'io_error':
      return '读写数据库出错，磁盘可能有故障。请检查磁盘和系统日志。';
    case 'unreachable':
      return '连不上数据库。请检查数据库服务是否在运行、网络是否通畅。';
    default:
      return '数据库暂时不能写入。请查看服务日志里的 “health: the database refuses writes”。';
  }
}
