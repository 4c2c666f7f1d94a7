// @vitest-environment jsdom
import type { DocumentSummary } from '@xinfang/shared/schemas/documents';
import { createElement } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { copy } from '@/copy/zh-CN';
import { mount, unmount } from '@/testing/page-test';

// Taro's components as plain elements; the services stubbed: the list the server answers.
const served = vi.hoisted(() => ({ items: [] as unknown[] }));
vi.mock('@tarojs/components', async () => (await import('@/testing/page-test')).taroComponents);
vi.mock('@tarojs/taro', async () => (await import('@/testing/page-test')).taroApi());
vi.mock('@/services/documents', () => ({ listDocuments: async () => ({ items: served.items }) }));
vi.mock('@/services/document-file', () => ({ openDocument: async () => {} }));

import { DocumentList } from './DocumentList';

const BIANG = '𰻞'; // U+30EDE, Extension G: in no font the server has
const notice: DocumentSummary = {
  id: 'd1',
  type: 'general_notice',
  title: '信访事项告知书',
  number: '东山信告〔2026〕1号',
  stage: 'first',
  issuingUnit: { id: 'ds', code: 'JA-DS', name: '东山煤矿' },
  issuedAt: '2026-03-03T02:00:00.000Z',
  sealed: true,
  delivery: null,
  awaitingDelivery: false,
};

let container: HTMLElement;
afterEach(unmount);

async function shown(items: DocumentSummary[], staff: boolean): Promise<string | null> {
  served.items = items;
  container = await mount(createElement(DocumentList, { petitionId: 'p1', version: 1, staff }));
  return container.querySelector('[data-testid="document-unprintable"]')?.textContent ?? null;
}

describe('a notice with characters no font has (生僻字)', () => {
  it('tells the staff, in plain words, which to write in by hand on the paper', async () => {
    expect(await shown([{ ...notice, unprintable: [BIANG] }], true)).toBe(
      `有1个字无法打印，纸上印作“□”：${BIANG}。请在打印件上手写补上。`,
    );
    expect(copy.documents.unprintableStaff(['𰻞', '𱁬'])).toBe(
      '有2个字无法打印，纸上印作“□”：𰻞、𱁬。请在打印件上手写补上。',
    );
  });

  it('says nothing when every character prints, nor to the petitioner', async () => {
    expect(await shown([{ ...notice, unprintable: [] }], true)).toBeNull();
    expect(container.textContent).toContain('东山信告〔2026〕1号');
    expect(await shown([{ ...notice, unprintable: [BIANG] }], false)).toBeNull();
  });
});
