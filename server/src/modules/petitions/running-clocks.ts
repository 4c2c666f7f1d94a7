import {
  type Calendar,
  type Clock,
  countRunning,
  countsOnNow,
  type Instant,
  type OpenClock,
} from '@xinfang/shared/clocks';

/** How many petitions' counted clocks are kept: a few pages of every inbox in use, ~1 KB each. */
const KEPT = 2000;

/** Counted clocks by the JSON they were counted from, for the calendar in use; the oldest go first. */
let kept: { years: Calendar['years'] | null; byJson: Map<string, readonly Clock[]> } = {
  years: null,
  byJson: new Map(),
};

/**
 * A listed petition's running clocks with their due dates counted, from the JSON kept in its row
 * (`petition.running_clocks`). The count depends only on that JSON and the calendar — never on the
 * day, unless a hearing's pause is still running (Art 36), and those are counted afresh — so a list
 * read again (the same inbox, the next refresh) neither parses nor counts them again.
 */
export function countedRunningClocks(json: string, calendar: Calendar, now: Instant): readonly Clock[] {
  // The app's calendar is one object over the one in use (plugins/calendar.ts); its years are a new
  // array whenever the calendar in use is new, as after an upload.
  if (kept.years !== calendar.years) kept = { years: calendar.years, byJson: new Map() };
  const known = kept.byJson.get(json);
  if (known) return known;
  const open = JSON.parse(json) as OpenClock[];
  const clocks = Object.freeze(countRunning(open, calendar, now));
  if (!countsOnNow(open)) {
    if (kept.byJson.size >= KEPT) kept.byJson.delete(kept.byJson.keys().next().value as string);
    kept.byJson.set(json, clocks);
  }
  return clocks;
}
