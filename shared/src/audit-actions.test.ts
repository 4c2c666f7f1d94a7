import { describe, expect, it } from 'vitest';
import { auditActionLabel } from './audit-actions';

describe('audit actions in plain Chinese', () => {
  it('names the actions, a petition step by the lifecycle, and an unnamed one by its area', () => {
    expect(auditActionLabel('auth.staff_login')).toBe('工作人员登录');
    expect(auditActionLabel('petition.assign')).toBe('交办');
    expect(auditActionLabel('org.something_new')).toBe('组织机构：org.something_new');
    expect(auditActionLabel('test.page')).toBe('test.page');
  });
});
