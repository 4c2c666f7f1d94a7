import type { Health } from '@xinfang/shared/schemas/health';
import type { ApiErrorCode } from '@/services/api';

/** Every string the person reads, in one place (简体中文). */
export const copy = {
  appName: '信访通',
  home: {
    heading: '信访通',
    tagline: '依法、便捷、可追踪的信访服务',
    healthTitle: '服务状态',
    checking: '正在检查服务状态…',
    unknown: '状态未知',
    status: {
      ok: '运行正常',
      degraded: '部分服务异常',
    } satisfies Record<Health['status'], string>,
    dbLabel: '数据库',
    dialect: {
      sqlite: 'SQLite（内置）',
      mysql: 'MySQL',
    } satisfies Record<Health['db']['dialect'], string>,
    dbReachable: '连接正常',
    dbUnreachable: '无法连接',
    versionLabel: '版本',
    versionUnknown: '未知',
    refresh: '刷新',
    refreshLabel: '重新检查服务状态',
    retry: '重试',
    retryLabel: '重新连接服务器',
    failed: '无法获取服务状态',
  },
  errors: {
    NETWORK_ERROR: '网络连接失败，请检查网络后重试',
    TIMEOUT: '服务器响应超时，请稍后重试',
    BAD_RESPONSE: '服务器返回了无法识别的内容',
    SERVICE_UNAVAILABLE: '服务暂时不可用，请稍后重试',
    INTERNAL_ERROR: '服务器内部错误，请稍后重试',
    RATE_LIMITED: '操作过于频繁，请稍后再试',
    UNAUTHENTICATED: '请先登录',
    FORBIDDEN: '没有权限执行此操作',
    NOT_FOUND: '请求的内容不存在',
    fallback: '请求失败，请稍后重试',
  } satisfies Partial<Record<ApiErrorCode, string>> & { fallback: string },
} as const;

/** The message to show for a failed request: by code, never by the server's English message. */
export function errorMessage(code: ApiErrorCode): string {
  const messages: Partial<Record<ApiErrorCode, string>> = copy.errors;
  return messages[code] ?? copy.errors.fallback;
}
