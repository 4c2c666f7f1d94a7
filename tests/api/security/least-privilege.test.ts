import type { StaffCapability } from '@xinfang/shared/schemas/identity';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addStaff,
  call,
  expectError,
  type IdentityApp,
  petitionerSignIn,
  staffSignIn,
  startIdentityApp,
  unitIds,
} from '../identity/support';

/**
 * Least privilege (issue 10): an administrator administers the organisation, the accounts and the
 * settings and reads no petition or attachment unless also given a role that works cases; a liaison
 * officer reads no cases. "Who am I" says what each person may use, decided by the API from the
 * same table as its routes, so the app needs no copy of the rule. Expectations written by hand.
 */
describe('each role reads only what it is for', () => {
  let identity: IdentityApp;
  let petitionId = '';

  beforeAll(async () => {
    identity = await startIdentityApp();
    const worker = (await petitionerSignIn(identity, '13800000001')).tokens.accessToken;
    const units = await unitIds(identity.app);
    const submitted = await call(identity.app, 'POST', '/api/petitions', {
      token: worker,
      headers: { 'idempotency-key': 'least-privilege-1' },
      body: {
        kind: 'request',
        concernedUnitId: units.get('JA-DS-ZC-1'),
        categoryCode: 'safety',
        title: '综采一队支架漏液',
        content: '综采一队液压支架漏液严重，请求检修。',
      },
    });
    expect(submitted.statusCode, submitted.body).toBe(201);
    petitionId = submitted.json().petition.id;
  });
  afterAll(() => identity?.close());

  it('"who am I" lists what each demo role may use', async () => {
    const expected: Record<string, StaffCapability[]> = {
      admin: [
        'read_templates',
        'keep_templates',
        'list_staff',
        'read_audit',
        'administer',
        'upload_files',
        'keep_document_settings',
      ],
      'ds.liaison': ['screen'],
      reception: [
        'read_cases',
        'register_cases',
        'overview',
        'read_templates',
        'list_staff',
        'upload_files',
        'deliver',
        'watch_deliveries',
        'read_registers',
        'watch_screening',
        'keep_reception_days',
        'answer_suggestions',
        'keep_visits',
      ],
      supervisor: [
        'read_cases',
        'overview',
        'list_staff',
        'read_audit',
        'watch_deliveries',
        'read_figures',
        'supervise',
        'review_supervision',
        'read_registers',
        'watch_screening',
        'follow_up',
        'suggest',
        'keep_visits',
        'declare_sensitive_periods',
      ],
      leader: [
        'read_cases',
        'approve',
        'overview',
        'read_templates',
        'read_figures',
        'supervise',
        'read_registers',
        'follow_up',
        'suggest',
        'keep_visits',
      ],
      'ds.head': [
        'read_cases',
        'approve',
        'overview',
        'read_templates',
        'keep_templates',
        'list_staff',
        'upload_files',
        'deliver',
        'watch_deliveries',
        'read_figures',
        'keep_document_settings',
        'supervise',
        'read_registers',
        'screen',
        'watch_screening',
        'follow_up',
        'suggest',
        'answer_suggestions',
        'keep_visits',
        'co_handle',
      ],
      'ds.handler': [
        'read_cases',
        'read_templates',
        'upload_files',
        'deliver',
        'watch_deliveries',
        'read_figures',
        'follow_up',
        'answer_suggestions',
        'co_handle',
      ],
    };
    for (const [username, capabilities] of Object.entries(expected)) {
      const { me } = await staffSignIn(identity.app, username);
      expect(me.kind === 'staff' && me.capabilities, username).toEqual(capabilities);
    }
  });

  it('the administrator and the liaison officer read no cases, by any route', async () => {
    for (const username of ['admin', 'ds.liaison']) {
      const token = (await staffSignIn(identity.app, username)).tokens.accessToken;
      for (const [method, url, body] of [
        ['GET', '/api/petitions', undefined],
        ['POST', '/api/petitions/search', { search: '13800000001' }],
        ['GET', '/api/petitions/counts', undefined],
        ['GET', `/api/petitions/${petitionId}`, undefined],
        ['POST', `/api/petitions/${petitionId}/petitioner/reveal`, { reason: '管理需要' }],
        ['GET', '/api/attachments/01ANYATTACHMENT00000000000', undefined],
        ['POST', '/api/petitioners/search', { phone: '13800000001' }],
        ['GET', '/api/supervision', undefined],
        ['GET', '/api/registers/backlog', undefined],
        ['GET', '/api/registers/repeat-petitioners', undefined],
      ] as const) {
        expectError(await call(identity.app, method, url, { token, body }), 403, 'FORBIDDEN');
      }
    }
  });

  it('an administrator also given a role that works cases reads them, within their subtree', async () => {
    await addStaff(identity.app, {
      username: 'admin.supervisor',
      unitCode: 'JA',
      roles: ['admin', 'supervisor'],
    });
    const { me, tokens } = await staffSignIn(identity.app, 'admin.supervisor');
    expect(me.kind === 'staff' && me.capabilities).toContain('read_cases');
    const detail = await call(identity.app, 'GET', `/api/petitions/${petitionId}`, {
      token: tokens.accessToken,
    });
    expect(detail.statusCode, detail.body).toBe(200);
  });
});
