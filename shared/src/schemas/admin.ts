import { type Static, Type } from 'typebox';
import { FIRST_CALENDAR_YEAR, LAST_CALENDAR_YEAR } from '../clocks/calendar-years';
import { CalendarDateSchema } from './calendar-date';
import { DatabaseProblemSchema } from './health';
import { OrgUnitSchema, StaffAccountSchema, UnitSummarySchema } from './identity';
import { StringEnum } from './string-enum';

/**
 * The administrators' side of the API (issue 17): the organisation as they keep it, invitations,
 * the roster's imports, the working-day calendar's years, the service's health. Their screens live
 * in the app's `admin` subpackage.
 */

/** A unit as its administrators see it: with what it holds, so that retiring it is no surprise. */
export const AdminUnitSchema = Type.Object({
  ...OrgUnitSchema.properties,
  /** Open petitions the unit holds (received there and in triage, or handled there). */
  openPetitions: Type.Integer(),
  /** Active staff accounts placed in the unit itself. */
  activeStaff: Type.Integer(),
});
export type AdminUnit = Static<typeof AdminUnitSchema>;

/**
 * Why a unit cannot be retired yet: the open petitions it holds (numbers and states only), and how
 * many active staff, open follow-ups (回访), unanswered 督办 notices and co-handling parts, and
 * re-handling decisions still sit with it.
 */
export const UnitInUseSchema = Type.Object({
  total: Type.Integer(),
  petitions: Type.Array(Type.Object({ number: Type.String(), state: Type.String() })),
  staff: Type.Integer(),
  followUps: Type.Integer(),
  supervision: Type.Integer(),
  assistParts: Type.Integer(),
  rehandling: Type.Integer(),
});
export type UnitInUse = Static<typeof UnitInUseSchema>;

/** Open petitions, counted, and the first of them by number and state (never more of them). */
export const HeldPetitionsSchema = Type.Object({
  total: Type.Integer(),
  petitions: Type.Array(Type.Object({ number: Type.String(), state: Type.String() })),
});
export type HeldPetitions = Static<typeof HeldPetitionsSchema>;

/**
 * What a member of staff holds, for the account page and for a change that would orphan it: the
 * open cases they answer for as 承办人 (Art 24) or own as 包案领导 (Art 18), and the petition
 * office whose only active reception (接待员) they are (Art 22: new cases wait on its desk).
 */
export const StaffHoldingsSchema = Type.Object({
  handling: HeldPetitionsSchema,
  leading: HeldPetitionsSchema,
  onlyReceptionOf: Type.Union([UnitSummarySchema, Type.Null()]),
});
export type StaffHoldings = Static<typeof StaffHoldingsSchema>;

/**
 * Why a change to an account is refused (IN_USE): `holds_cases` — a move or a role taken away
 * would leave its cases with a 承办人 or 包案领导 who may no longer act on them (a unit head
 * reassigns them first); `last_reception` — the change would leave a petition office's desk empty,
 * and is made only when the administrator confirms it (`leaveDeskEmpty`).
 */
export const StaffInUseSchema = Type.Object({
  reason: StringEnum(['holds_cases', 'last_reception']),
  ...StaffHoldingsSchema.properties,
});
export type StaffInUse = Static<typeof StaffInUseSchema>;

/** An invitation: a code the person uses, with their username, to choose their own password. */
export const InvitationSchema = Type.Object({
  code: Type.String(),
  expiresAt: Type.String({ format: 'date-time' }),
});
export type Invitation = Static<typeof InvitationSchema>;

/** A new account and its way in, shown once: a temporary password or an invitation. */
export const CreatedStaffSchema = Type.Object({
  account: StaffAccountSchema,
  temporaryPassword: Type.Union([Type.String(), Type.Null()]),
  invitation: Type.Union([InvitationSchema, Type.Null()]),
});
export type CreatedStaff = Static<typeof CreatedStaffSchema>;

export const InvitedStaffSchema = Type.Object({ account: StaffAccountSchema, invitation: InvitationSchema });
export type InvitedStaff = Static<typeof InvitedStaffSchema>;

export const AcceptInvitationBodySchema = Type.Object({
  username: Type.String({ minLength: 1, maxLength: 64 }),
  code: Type.String({ minLength: 1, maxLength: 32 }),
  newPassword: Type.String({ minLength: 1, maxLength: 256 }),
});

export const SessionsEndedSchema = Type.Object({
  account: StaffAccountSchema,
  sessionsEnded: Type.Integer(),
});

/** A CSV file, sent as `text/csv` or, from the app, as JSON. */
export const CsvBodySchema = Type.Union([
  Type.String({ minLength: 1, maxLength: 8 * 1024 * 1024 }),
  Type.Object({ csv: Type.String({ minLength: 1, maxLength: 8 * 1024 * 1024 }) }),
]);

/** A problem with one line of an uploaded file, in Chinese. */
export const LineIssueSchema = Type.Object({ line: Type.Integer(), message: Type.String() });
export type LineIssue = Static<typeof LineIssueSchema>;

export const ROSTER_CHANGES = ['added', 'changed', 'unchanged'] as const;
export type RosterChangeKind = (typeof ROSTER_CHANGES)[number];

/** One employee of a roster file against the roster as it is. Phones never appear, only whether they change. */
export const RosterRowSchema = Type.Object({
  line: Type.Integer(),
  employeeNumber: Type.String(),
  change: StringEnum(ROSTER_CHANGES),
  name: Type.String(),
  unitName: Type.String(),
  before: Type.Union([Type.Object({ name: Type.String(), unitName: Type.String() }), Type.Null()]),
  phoneChanged: Type.Boolean(),
});
export type RosterRow = Static<typeof RosterRowSchema>;

export const RosterCountsSchema = Type.Object({
  added: Type.Integer(),
  changed: Type.Integer(),
  unchanged: Type.Integer(),
});

/** What an import would do: counts, the rows that change (the first 500), and every bad line. */
export const RosterPreviewSchema = Type.Object({
  ...RosterCountsSchema.properties,
  rows: Type.Integer(),
  changes: Type.Array(RosterRowSchema),
  issues: Type.Array(LineIssueSchema),
});
export type RosterPreview = Static<typeof RosterPreviewSchema>;

export const RosterImportReportSchema = Type.Object({
  ...RosterCountsSchema.properties,
  /** Every line imported (added, changed or unchanged). */
  imported: Type.Integer(),
  importId: Type.String(),
});
export type RosterImportReport = Static<typeof RosterImportReportSchema>;

/** An import as the history lists it; the newest one not undone can be undone. */
export const RosterImportSchema = Type.Object({
  id: Type.String(),
  at: Type.String({ format: 'date-time' }),
  by: Type.Union([Type.String(), Type.Null()]),
  ...RosterCountsSchema.properties,
  undoneAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  undoable: Type.Boolean(),
});
export type RosterImport = Static<typeof RosterImportSchema>;

export const CategoryOrderBodySchema = Type.Object({
  codes: Type.Array(Type.String({ minLength: 1, maxLength: 32 }), {
    minItems: 1,
    maxItems: 500,
    uniqueItems: true,
  }),
});

const DateSchema = CalendarDateSchema();

export const CalendarYearSchema = Type.Object({
  year: Type.Integer(),
  holidays: Type.Array(Type.Object({ name: Type.String(), from: DateSchema, to: DateSchema })),
  makeUpWorkdays: Type.Array(DateSchema),
});

export const CALENDAR_SOURCES = ['shipped', 'file', 'uploaded'] as const;

/** The calendar as administrators keep it: each year and where it comes from, and what is missing. */
export const AdminCalendarSchema = Type.Object({
  years: Type.Array(
    Type.Object({
      year: Type.Integer(),
      source: StringEnum(CALENDAR_SOURCES),
      holidays: Type.Integer(),
      makeUpWorkdays: Type.Integer(),
      uploadedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
      uploadedBy: Type.Union([Type.String(), Type.Null()]),
    }),
  ),
  /** The year whose official schedule should be here by now and is not (see `missingCalendarYear`). */
  missingYear: Type.Union([Type.Integer(), Type.Null()]),
  /** Only an administrator at the top of the organisation may upload a year: it counts everyone's days. */
  mayUpload: Type.Boolean(),
});
export type AdminCalendar = Static<typeof AdminCalendarSchema>;

export const CalendarUploadBodySchema = Type.Object({
  year: Type.Integer({ minimum: FIRST_CALENDAR_YEAR, maximum: LAST_CALENDAR_YEAR }),
  /** The notice's text as published, or a table (`名称,开始,结束`; `上班,日期`). */
  text: Type.String({ minLength: 1, maxLength: 20_000 }),
});

export const CalendarPreviewSchema = Type.Object({
  year: CalendarYearSchema,
  /** The days whose kind changes against the calendar in use. */
  changes: Type.Array(
    Type.Object({
      date: DateSchema,
      weekday: Type.Integer({ minimum: 0, maximum: 6 }),
      working: Type.Boolean(),
      holiday: Type.Union([Type.String(), Type.Null()]),
    }),
  ),
  /** Where the year in use now comes from, when there is one. */
  replaces: Type.Union([StringEnum(CALENDAR_SOURCES), Type.Null()]),
});
export type CalendarPreview = Static<typeof CalendarPreviewSchema>;

export const JOB_OUTCOMES = ['running', 'success', 'failure'] as const;

/**
 * The service as administrators need to know it: the database (which engine, its version, since
 * when it is in trouble — details the public health does not give), the background jobs, the
 * notifications waiting or undeliverable, the providers.
 */
export const AdminHealthSchema = Type.Object({
  database: Type.Object({
    dialect: StringEnum(['sqlite', 'mysql']),
    reachable: Type.Boolean(),
    writable: Type.Boolean(),
    version: Type.Union([Type.String(), Type.Null()]),
    problem: Type.Union([DatabaseProblemSchema, Type.Null()]),
    /** While it does not take writes: what to do about it, in plain Chinese (it may name files). */
    advice: Type.Union([Type.String(), Type.Null()]),
  }),
  jobs: Type.Array(
    Type.Object({
      name: Type.String(),
      /** Whether this instance runs jobs (`RUN_JOBS`); another instance may. */
      scheduledHere: Type.Boolean(),
      lastStartedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
      lastFinishedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
      outcome: Type.Union([StringEnum(JOB_OUTCOMES), Type.Null()]),
      error: Type.Union([Type.String(), Type.Null()]),
    }),
  ),
  /** The outbox (issue 13): messages undeliverable after every try, and those waiting; null when unknown. */
  outbox: Type.Union([
    Type.Object({
      dead: Type.Integer(),
      waiting: Type.Integer(),
      oldestWaitingSince: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    }),
    Type.Null(),
  ]),
  providers: Type.Array(
    Type.Object({
      name: StringEnum(['wechat', 'sms', 'storage']),
      /** A real provider, or the development stand-in that only logs. */
      state: StringEnum(['configured', 'stand_in']),
    }),
  ),
  calendar: Type.Object({
    years: Type.Array(Type.Integer()),
    missingYear: Type.Union([Type.Integer(), Type.Null()]),
  }),
});
export type AdminHealth = Static<typeof AdminHealthSchema>;
