import { Text, View } from '@tarojs/components';
import type { PetitionDetail } from '@xinfang/shared/schemas/petitions';
import { useRef, useState } from 'react';
import { staffCopy } from '@/copy/staff';
import { go } from '@/platform/go';
import { ApiError } from '@/services/api';
import { api } from '@/services/instance';
import { pressable } from '@/ui/a11y';
import { Button } from '@/ui/Button';
import { Card } from '@/ui/Card';
import { StatusLine } from '@/ui/Feedback';
import { TextField } from '@/ui/TextField';
import { parseSearch } from '../inbox/query';
import { staffRoutes } from '../routes';
import { inbox, unlinkPetition } from '../services/staff-api';
import { StaffError } from '../ui/StaffPage';
import { StaffStateChip } from '../ui/StaffStateChip';

const text = staffCopy.detail;

/**
 * Links another petition as the same person's, with the reason when both are people registered
 * at a desk. A desk's registration and someone's account are not linked: the account's holder is
 * asked (the answer is the petition without the link).
 */
function linkPetition(petitionId: string, otherId: string, reason: string): Promise<PetitionDetail> {
  const body = { petitionId: otherId, ...(reason.trim() ? { reason: reason.trim() } : {}) };
  return api.post<PetitionDetail>(`/api/petitions/${encodeURIComponent(petitionId)}/links`, body, {
    retry: false,
  });
}

/**
 * Repeat petitions (重复信访): the same person's other petitions on the same matter, found by the
 * server (with the texts' similarity) or linked by staff. Staff link another one by its number
 * (with why, for two people registered at a desk), or undo a link that is wrong.
 */
export function LinksCard({
  detail,
  onChange,
}: {
  detail: PetitionDetail;
  onChange: (next: PetitionDetail) => void;
}) {
  const [number, setNumber] = useState('');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const inFlight = useRef(false);

  const guard = async (task: () => Promise<void>) => {
    if (inFlight.current) return;
    inFlight.current = true;
    setBusy(true);
    setError(null);
    setProblem(null);
    setStatus(null);
    try {
      await task();
    } catch (failure) {
      if (failure instanceof ApiError && failure.code === 'NOT_FOUND') setProblem(text.linkNotFound);
      else setError(failure);
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
  };

  const link = () =>
    guard(async () => {
      const parsed = parseSearch(number);
      if (!parsed || 'error' in parsed || !parsed.search.startsWith('XF')) {
        setProblem(text.linkNotFound);
        return;
      }
      if (parsed.search === detail.number) {
        setProblem(text.linkSelf);
        return;
      }
      const found = (await inbox({ queue: 'all', search: parsed.search, limit: 5 })).items.find(
        (item) => item.number === parsed.search,
      );
      if (!found) {
        setProblem(text.linkNotFound);
        return;
      }
      const next = await linkPetition(detail.id, found.id, reason);
      onChange(next);
      setNumber('');
      setReason('');
      setStatus(next.links.some((l) => l.petitionId === found.id) ? text.linked : text.linkAsked);
    });

  const unlink = (otherId: string) =>
    guard(async () => {
      onChange(await unlinkPetition(detail.id, otherId));
      setStatus(text.unlinked);
    });

  return (
    <Card title={text.links} testId="staff-links" label={text.links}>
      <Text className="xf-text xf-text--small xf-text--muted">{text.linksIntro}</Text>
      {detail.links.length === 0 ? (
        <Text className="xf-text xf-text--muted">{text.linksEmpty}</Text>
      ) : (
        <View role="list">
          {detail.links.map((link) => (
            <View key={link.petitionId} role="listitem" className="staff-link" data-testid="staff-link">
              <View
                className="staff-link__open"
                {...pressable(
                  text.linkOpen(link.number),
                  () => {
                    void go(staffRoutes.petition(link.petitionId));
                  },
                  { role: 'link' },
                )}
              >
                <View className="xf-row">
                  <Text className="xf-text xf-text--strong">{link.number}</Text>
                  <StaffStateChip state={link.state} testId="staff-link-state" />
                </View>
                <Text className="xf-text">{link.title}</Text>
                <Text className="xf-text xf-text--small xf-text--muted" data-testid="staff-link-similarity">
                  {`${text.linkSimilarity(staffCopy.common.percent(link.similarity))} · ${
                    link.source === 'detected' ? text.linkDetected : text.linkStaff
                  }`}
                </Text>
                {link.reason ? (
                  <Text className="xf-text xf-text--small" data-testid="staff-link-reason">
                    {text.linkReasonShown(link.reason)}
                  </Text>
                ) : null}
              </View>
              <Button
                inline
                variant="danger"
                onPress={() => void unlink(link.petitionId)}
                testId="staff-unlink"
              >
                {text.unlink(link.number)}
              </Button>
            </View>
          ))}
        </View>
      )}
      <TextField
        label={text.linkAdd}
        value={number}
        onChange={setNumber}
        maxLength={20}
        placeholder={text.linkNumberPlaceholder}
        error={problem}
        testId="staff-link-number"
      />
      <TextField
        label={text.linkReason}
        value={reason}
        onChange={setReason}
        maxLength={200}
        hint={text.linkReasonHint}
        testId="staff-link-reason-field"
      />
      {error ? <StaffError error={error} testId="staff-link-error" /> : null}
      <Button busy={busy} onPress={() => void link()} disabled={!number.trim()} testId="staff-link-submit">
        {text.linkSubmit}
      </Button>
      <StatusLine text={status} testId="staff-link-status" />
    </Card>
  );
}
