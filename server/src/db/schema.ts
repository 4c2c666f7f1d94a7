import type { Generated } from 'kysely';
import type { Instant } from './instant';

/**
 * The tables as Kysely sees them. These describe columns, not results: read rows through
 * `Selectable<T>`, write through `Insertable<T>` / `Updateable<T>`.
 */
export interface DB {
  org_unit: OrgUnitTable;
  staff_account: StaffAccountTable;
  staff_role: StaffRoleTable;
  petitioner_account: PetitionerAccountTable;
  employee_roster: EmployeeRosterTable;
  otp_challenge: OtpChallengeTable;
  refresh_token: RefreshTokenTable;
  pii_key_check: PiiKeyCheckTable;
  throttle: ThrottleTable;
  audit_log: AuditLogTable;
  category: CategoryTable;
  petition_counter: PetitionCounterTable;
  petition: PetitionTable;
  petition_event: PetitionEventTable;
  petition_unit: PetitionUnitTable;
  petition_recusal: PetitionRecusalTable;
  petition_link: PetitionLinkTable;
  attachment: AttachmentTable;
  idempotency_record: IdempotencyRecordTable;
  reply_template: ReplyTemplateTable;
  inbox_tally: InboxTallyTable;
  petition_signature: PetitionSignatureTable;
  registration_claim: RegistrationClaimTable;
  document: DocumentTable;
  document_prefix_counter: DocumentPrefixCounterTable;
  delivery: DeliveryTable;
  delivery_reminder: DeliveryReminderTable;
  unit_document_settings: UnitDocumentSettingsTable;
  staff_invitation: StaffInvitationTable;
  roster_import: RosterImportTable;
  roster_import_row: RosterImportRowTable;
  calendar_year: CalendarYearTable;
  counted_calendar_year: CountedCalendarYearTable;
  job_last_run: JobLastRunTable;
  job_run: JobRunTable;
  notification: NotificationTable;
  outbox: OutboxTable;
  notification_setting: NotificationSettingTable;
  wechat_subscription: WechatSubscriptionTable;
  content_check: ContentCheckTable;
  figure_fact: FigureFactTable;
  figure_rollup: FigureRollupTable;
  figure_rollup_month: FigureRollupMonthTable;
  petition_term: PetitionTermTable;
  petition_search: PetitionSearchTable;
  petition_search_doc: PetitionSearchDocTable;
  migration_lease: MigrationLeaseTable;
  escalation: EscalationTable;
  supervision_notice: SupervisionNoticeTable;
  resolution_plan: ResolutionPlanTable;
  screening_item: ScreeningItemTable;
  screening_report: ScreeningReportTable;
  reception_day: ReceptionDayTable;
  reception_booking: ReceptionBookingTable;
  follow_up: FollowUpTable;
  rehandling_decision: RehandlingDecisionTable;
  office_setting: OfficeSettingTable;
  sensitive_period: SensitivePeriodTable;
  improvement_suggestion: ImprovementSuggestionTable;
  owned_case: OwnedCaseTable;
  grassroots_visit: GrassrootsVisitTable;
  grassroots_visit_case: GrassrootsVisitCaseTable;
  assist_part: AssistPartTable;
  notice_reach: NoticeReachTable;
}

export interface OrgUnitTable {
  id: string;
  parent_id: string | null;
  /** `/rootId/…/id/`: every ancestor's id, so a subtree is one indexed prefix range. */
  path: string;
  depth: number;
  code: string;
  name: string;
  kind: string;
  address: string | null;
  reception_hours: string | null;
  phone: string | null;
  retired_at: Instant | null;
  created_at: Instant;
  updated_at: Instant;
  sort_order: Generated<number>;
  /** 1: runs a petition office, receives petitions and publishes its channels (Art 17–18). */
  receives_petitions: Generated<number>;
  letter_address: string | null;
  email: string | null;
  fax: string | null;
  online_address: string | null;
  /** Everyday words people use for the unit, space-separated (「运输 车队」). */
  aliases: Generated<string>;
}

export interface StaffAccountTable {
  id: string;
  unit_id: string;
  /** lower-case */
  username: string;
  display_name: string;
  /** argon2id PHC string; never selected unless a password is being checked */
  password_hash: string;
  phone_cipher: string | null;
  phone_hash: string | null;
  status: AccountStatus;
  must_change_password: number;
  created_at: Instant;
  updated_at: Instant;
  last_sign_in_at: Instant | null;
  /** Until when the temporary password opens the account; null when it has none. */
  temporary_password_expires_at: Instant | null;
}

export type AccountStatus = 'active' | 'disabled';

export interface StaffRoleTable {
  staff_id: string;
  role: string;
}

export interface PetitionerAccountTable {
  id: string;
  wechat_openid: string | null;
  wechat_unionid: string | null;
  phone_cipher: string | null;
  phone_hash: string | null;
  real_name: string | null;
  id_number_cipher: string | null;
  id_number_hash: string | null;
  address: string | null;
  employee_number: string | null;
  /** Set when the employee number was verified against the roster: a worker (职工) of that unit. */
  worker_unit_id: string | null;
  /**
   * The lookup hash of a phone given on this person's behalf at the desk, not proven by signing in
   * (a registered person: no `phone_hash`, no WeChat); reception finds them by it, nobody signs in with it.
   */
  contact_phone_hash: string | null;
  status: AccountStatus;
  created_at: Instant;
  updated_at: Instant;
}

export interface EmployeeRosterTable {
  employee_number: string;
  name: string;
  phone_hash: string;
  unit_id: string;
  imported_at: Instant;
}

export interface OtpChallengeTable {
  id: string;
  phone_hash: string;
  code_hash: string;
  attempts: Generated<number>;
  expires_at: Instant;
  consumed_at: Instant | null;
  created_at: Instant;
}

export interface RefreshTokenTable {
  id: string;
  family_id: string;
  subject_type: 'staff' | 'petitioner';
  subject_id: string;
  token_hash: string;
  created_at: Instant;
  expires_at: Instant;
  family_expires_at: Instant;
  used_at: Instant | null;
  revoked_at: Instant | null;
  /** The token whose rotation issued this one (null: the first of its family). */
  parent_id: string | null;
}

/** Check values of the PII keys the stored data was written under (security/pii-check.ts). */
export interface PiiKeyCheckTable {
  name: string;
  check_value: string;
  created_at: Instant;
}

export interface ThrottleTable {
  bucket: string;
  hits: number;
  window_started_at: Instant;
  blocked_until: Instant | null;
}

export interface AuditLogTable {
  id: string;
  at: Instant;
  actor_type: 'staff' | 'petitioner' | 'system' | 'anonymous';
  actor_id: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  outcome: 'success' | 'denied' | 'failure';
  /** The org path of the unit the entry concerns, e.g. the acting staff's unit; null for petitioners. */
  unit_path: string | null;
  ip: string | null;
  request_id: string | null;
  /** JSON; never personal data */
  details: string | null;
  /** The petition the entry concerns, if any: the accuser firewall reads it (Art 30). */
  petition_id: string | null;
}

export interface CategoryTable {
  code: string;
  name: string;
  /** A statutory hint shown when the category is chosen, e.g. where the lawful path is arbitration. */
  hint: string | null;
  sort_order: Generated<number>;
  active: Generated<number>;
  created_at: Instant;
  updated_at: Instant;
}

export interface PetitionCounterTable {
  year: number;
  last_number: number;
}

export interface PetitionTable {
  id: string;
  /** Public, readable: `XF2026-000123`. */
  number: string;
  /** HMAC of the query code the petitioner was shown once. */
  query_code_hash: string;
  petitioner_id: string;
  /** The reception staff who registered an offline petition. */
  registered_by: string | null;
  kind: string;
  channel: string;
  category_code: string;
  title: string;
  content: string;
  location: string | null;
  state: string;
  stage: string;
  version: number;
  receiving_unit_id: string;
  /** Null until the petition office names the unit (the petitioner did not know it). */
  concerned_unit_id: string | null;
  handling_unit_id: string | null;
  /** The 承办人 (Art 24) inside the handling unit; null until named, and after the case moves. */
  handler_id: Generated<string | null>;
  headcount: number | null;
  awaiting_approval: Generated<number>;
  received_at: Instant;
  next_due_at: Instant;
  /** JSON of the lifecycle's Petition, without events. */
  lifecycle: string;
  /** JSON of its clocks still running (shared/clocks `runningClocksOf`), kept by the write path for lists. */
  running_clocks: Generated<string>;
  created_at: Instant;
  updated_at: Instant;
  /**
   * The Idempotency-Key an online submission came with, and its request's fingerprint: a retry
   * after the key's kept answer is gone finds the petition it made (unique with the petitioner).
   */
  submission_key: string | null;
  submission_hash: string | null;
}

export interface PetitionEventTable {
  id: string;
  petition_id: string;
  seq: number;
  type: string;
  at: Instant;
  actor_id: string;
  actor_role: string;
  visibility: string;
  stage: string;
  /** JSON */
  data: string;
}

export interface PetitionUnitTable {
  unit_id: string;
  petition_id: string;
}

export interface PetitionRecusalTable {
  petition_id: string;
  staff_id: string;
}

export interface PetitionLinkTable {
  petition_id: string;
  linked_id: string;
  /** thousandths */
  similarity: number;
  source: 'detected' | 'staff';
  created_by: string;
  created_at: Instant;
  /** Why staff linked two people registered at a desk as one person; null otherwise. */
  reason: string | null;
}

export interface AttachmentTable {
  id: string;
  owner_type: 'petitioner' | 'staff';
  owner_id: string;
  petition_id: string | null;
  kind: 'image' | 'pdf';
  mime: string;
  byte_size: number;
  sha256: string;
  storage_key: string;
  thumbnail_key: string | null;
  width: number | null;
  height: number | null;
  created_at: Instant;
  /**
   * Who may see it once in a petition: as the event that brought it (an assisting unit's files go
   * with its internal answer, Art 24). Set when a petition takes it.
   */
  visibility: Generated<'petitioner' | 'internal'>;
}

export interface IdempotencyRecordTable {
  /** Whose key: `petitioner:<id>` or `staff:<id>`. */
  scope: string;
  idem_key: string;
  request_hash: string;
  response_status: number;
  response_cipher: string;
  created_at: Instant;
  expires_at: Instant;
}

export interface ReplyTemplateTable {
  id: string;
  /** The unit that keeps it; staff of that unit and below use it. */
  unit_id: string;
  /** Null: for every category. */
  category_code: string | null;
  /** Null: for every kind. */
  kind: string | null;
  title: string;
  facts_and_reasons: string;
  decision: string;
  legal_basis: string | null;
  active: Generated<number>;
  created_by: string;
  created_at: Instant;
  updated_at: Instant;
}

/** How many petitions a unit's subtree sees, per inbox queue (see modules/petitions/inbox-tally.ts). */
export interface InboxTallyTable {
  unit_id: string;
  /** `all`, `triage`, `handling`, `approval`, or `due` (counted per due instant). */
  queue: string;
  /** The due instant for `due`; '' otherwise. */
  due_at: string;
  n: number;
}

/** Bands of a petition's text signature, to find a person's similar petitions by index (repeats). */
export interface PetitionSignatureTable {
  petitioner_id: string;
  /** A 31-bit hash of the concerned unit, the band's number and its min-hashes. */
  band: number;
  petition_id: string;
}

/**
 * A petition registered at the desk for a phone, waiting for that phone's holder to say whether it
 * is theirs (it joins their account only then). One per petition.
 */
export interface RegistrationClaimTable {
  petition_id: string;
  /** The lookup hash of the phone the clerk typed. */
  phone_hash: string;
  /** `undone`: the desk found the confirmation wrong and gave the petition back to its record. */
  status: 'pending' | 'confirmed' | 'declined' | 'undone';
  created_at: Instant;
  resolved_at: Instant | null;
  /** The petitioner account that confirmed or declined it. */
  resolved_by: string | null;
  /** The desk's record that held the petition before it was confirmed; null before then. */
  registered_petitioner_id: string | null;
  /** The profile fields the confirmation filled from that record (`real_name,address`). */
  copied_fields: string | null;
  /** When, by which staff member and why a wrong confirmation was undone. */
  undone_at: Instant | null;
  undone_by: string | null;
  undo_reason: string | null;
}

/** A written notice, fixed at issue: rendered to PDF from `facts`, never changed afterwards. */
export interface DocumentTable {
  id: string;
  petition_id: string;
  type: string;
  stage: string;
  visibility: 'petitioner' | 'internal';
  issuing_unit_id: string;
  series: string | null;
  year: number | null;
  seq: number | null;
  number: string | null;
  answer_id: string | null;
  event_seq: number;
  /** JSON (modules/documents/notice-facts.ts) */
  facts: string;
  issued_at: Instant;
}

/** The last document number printed under a prefix (机关代字) in a series and year. */
export interface DocumentPrefixCounterTable {
  prefix: string;
  series: string;
  year: number;
  last_number: number;
}

/** How a written answer reached the petitioner; a correction is a new row (`corrects_id`, `reason`). */
export interface DeliveryTable {
  id: string;
  document_id: string;
  petition_id: string;
  method: string;
  delivered_on: string;
  posted_on: string | null;
  receipt_attachment_id: string | null;
  note: string | null;
  corrects_id: string | null;
  reason: string | null;
  recorded_by: string;
  recorded_role: string;
  recorded_at: Instant;
}

export interface DeliveryReminderTable {
  document_id: string;
  sent_on: string;
}

export interface UnitDocumentSettingsTable {
  unit_id: string;
  prefix: string | null;
  signatory_name: string | null;
  signatory_title: string | null;
  seal_key: string | null;
  updated_by: string;
  updated_at: Instant;
}

/** An account's pending invitation: a code its holder uses, once, to choose a password. */
export interface StaffInvitationTable {
  staff_id: string;
  /** HMAC of the code. */
  code_hash: string;
  expires_at: Instant;
  created_by: string;
  created_at: Instant;
  /** When it was accepted: kept so a second use is told so. */
  used_at: Instant | null;
}

/** One import of the employee roster, undoable while it is the newest. */
export interface RosterImportTable {
  id: string;
  /** The importer's subtree. */
  unit_path: string;
  imported_by: string;
  imported_at: Instant;
  added: number;
  changed: number;
  unchanged: number;
  undone_at: Instant | null;
  undone_by: string | null;
}

/** A roster entry as it was before an import replaced it; all null when the import added it. */
export interface RosterImportRowTable {
  import_id: string;
  employee_number: string;
  before_name: string | null;
  before_phone_hash: string | null;
  before_unit_id: string | null;
  before_imported_at: Instant | null;
}

/** A working-day calendar year uploaded by an administrator (the State Council's notice, as data). */
export interface CalendarYearTable {
  year: number;
  /** JSON: `{ holidays, makeUpWorkdays }`. */
  data: string;
  uploaded_by: string;
  uploaded_at: Instant;
}

/**
 * The calendar a year's stored due dates and figures were counted with: its weekdays off and
 * weekends worked (modules/calendar/calendar-recount.ts).
 */
export interface CountedCalendarYearTable {
  year: number;
  /** `MMDD` for a weekday off, `+MMDD` for a weekend worked, in order, space-separated. */
  days: string;
  counted_at: Instant;
}

/** A background job's last run, whichever instance ran it (for the administrators' health page). */
export interface JobLastRunTable {
  name: string;
  started_at: Instant;
  finished_at: Instant | null;
  outcome: 'running' | 'success' | 'failure';
  error: string | null;
}

export interface NotificationTable {
  id: string;
  recipient_type: 'petitioner' | 'staff';
  recipient_id: string;
  event: string;
  petition_id: string | null;
  petition_number: string | null;
  title: string;
  body: string;
  statutory: number;
  /** Set on time-driven messages so that a job run twice tells nobody twice. */
  dedupe_key: string | null;
  created_at: Instant;
  read_at: Instant | null;
}

export interface OutboxTable {
  /** Also the message's key at the provider. */
  id: string;
  notification_id: string | null;
  /** `wechat`, `sms`, or a content check (`wechat_text_check`, `wechat_media_check`). */
  channel: string;
  recipient_type: 'petitioner' | 'staff';
  recipient_id: string;
  event: string;
  /** JSON template values: never an address or a name. */
  payload: string;
  statutory: number;
  /** `fallback`: another channel carries it; `cancelled`: it must not go (a phone disowned). */
  status: 'pending' | 'sending' | 'sent' | 'dead' | 'fallback' | 'cancelled';
  attempts: number;
  /** pending: when it may be tried next; sending: when the claim's lease runs out. */
  due_at: Instant;
  /** Which claim holds it; a late answer from an expired claim changes nothing. */
  lease_token: string | null;
  last_error: string | null;
  created_at: Instant;
  updated_at: Instant;
  sent_at: Instant | null;
}

/** A statutory notice no channel carried, delivered another way by the desk owing it (one per notice). */
export interface NoticeReachTable {
  notification_id: string;
  petition_id: string;
  /** `post` (registered, with `tracking_no`), `in_person`, `phone` (with `reached_whom`). */
  method: string;
  reached_on: string;
  tracking_no: string | null;
  reached_whom: string | null;
  note: string | null;
  recorded_by: string;
  recorded_at: Instant;
}

export interface NotificationSettingTable {
  recipient_id: string;
  recipient_type: 'petitioner' | 'staff';
  non_statutory: number;
  channel: 'wechat' | 'sms';
  updated_at: Instant;
}

export interface WechatSubscriptionTable {
  petitioner_id: string;
  template_id: string;
  remaining: number;
  updated_at: Instant;
}

export interface ContentCheckTable {
  id: string;
  petition_id: string;
  petitioner_id: string;
  subject: 'petition' | 'message' | 'photo';
  /** The event's sequence number for a message, the attachment's id for a photo. */
  subject_ref: string | null;
  status: 'pending' | 'passed' | 'held' | 'released' | 'unchecked';
  suggest: string | null;
  label: number | null;
  trace_id: string | null;
  created_at: Instant;
  checked_at: Instant | null;
  reviewed_by: string | null;
  reviewed_at: Instant | null;
}

/** One count of one petition (shared/figures `FigureFact`); kept by the figures effect. */
export interface FigureFactTable {
  petition_id: string;
  metric: string;
  /** Beijing date */
  day: string;
  unit_id: string;
  value: number;
}

/** The sum of the facts with the same key: what the figures read. */
export interface FigureRollupTable {
  metric: string;
  day: string;
  unit_id: string;
  channel: string;
  kind: string;
  category_code: string;
  value: number;
}

/** The daily rollups summed per month (YYYY-MM): what a period of whole months reads. */
export interface FigureRollupMonthTable {
  metric: string;
  month: string;
  unit_id: string;
  channel: string;
  kind: string;
  category_code: string;
  value: number;
}

/**
 * The ledger's search index on SQLite (a contentless FTS5 table that keeps which petitions hold a
 * term, not where): a petition's two-character terms, separated by spaces, as one document, its
 * rowid the petition's `petition_search_doc.doc`. MySQL keeps `petition_term` instead.
 */
export interface PetitionSearchTable {
  rowid: number;
  terms: string;
}

export interface PetitionSearchDocTable {
  doc: Generated<number>;
  petition_id: string;
}

/** A two-character run of a petition's number, title or content: the ledger's search index (MySQL). */
export interface PetitionTermTable {
  term: string;
  petition_id: string;
}

/** One background job's run in one period, claimed by one instance (jobs/job-runs.ts). */
export interface JobRunTable {
  job: string;
  period: Instant;
  /** The instance running it, or that ran it. */
  holder: string;
  /** Until when the holder's claim stands; a run unfinished past it is taken over. */
  expires_at: Instant;
  attempts: number;
  started_at: Instant;
  finished_at: Instant | null;
}

/**
 * Who is migrating the schema now (db/migration-lease.ts). Created by `migrateToLatest` itself,
 * before any migration, since a migration cannot create the lock that guards migrations.
 */
export interface MigrationLeaseTable {
  name: string;
  holder: string;
  expires_at: Instant;
}

/** One step of a deadline's automatic escalation (Art 38–40), recorded once for each due date. */
export interface EscalationTable {
  id: string;
  petition_id: string;
  /** One run of a clock: `name:ref:start`. */
  clock_key: string;
  clock_name: string;
  /** 0 yellow (holder), 1 red (holder's head), n ≥ 2 red (n − 1 levels up). */
  level: number;
  flag: 'yellow' | 'red';
  /** The unit it is raised to. */
  unit_id: string;
  due_date: string;
  reached_at: Instant;
  /** A red whose provisional due date the year's holiday notice moved later (kept, not deleted). */
  withdrawn_at: Instant | null /** 签收: when the first of the people a red step was meant for acknowledged it, and who. */;
  acknowledged_at?: Instant | null;
  acknowledged_by?: string | null;
}

/** A supervision notice (督办单, Art 40): kept from its events, plus the supervisor's review of the answer. */
export interface SupervisionNoticeTable {
  petition_id: string;
  no: number;
  /** The unit supervised, which answers in writing. */
  unit_id: string;
  issued_by: string;
  issued_at: Instant;
  concern: string;
  due_date: string;
  answered_at: Instant | null;
  answered_by: string | null;
  review: 'approved' | 'returned' | null;
  reviewed_by: string | null;
  reviewed_at: Instant | null;
  review_note: string | null;
  /** When the case ended while the notice still waited for its answer or review; null otherwise. */
  ended_at?: Instant | null;
  /** 签收: when the supervised unit acknowledged the notice (before it answers), and who. */
  acknowledged_at?: Instant | null;
  acknowledged_by?: string | null;
}

/** The resolution plan (化解方案) of a case in a register; revisions are in the audit log. */
export interface ResolutionPlanTable {
  petition_id: string;
  plan: string;
  updated_by: string;
  updated_at: Instant;
}

/** A dispute a unit found in risk screening (矛盾纠纷排查), graded and tracked to closure. */
export interface ScreeningItemTable {
  id: string;
  unit_id: string;
  /** The period it was registered in: an ISO week `2026-W49`, or a sensitive day `2027-03-05`. */
  period: string;
  subject: string;
  /** Who is involved, described; never a list of names. */
  involved: string;
  headcount: number;
  grade: 'A' | 'B' | 'C';
  responsible: string;
  measures: string;
  deadline: string;
  status: 'open' | 'closed';
  closing_note: string | null;
  closed_at: Instant | null;
  reported_by: string;
  created_at: Instant;
}

/** A unit's report for a week: its items, or nothing to report (零报告). */
export interface ScreeningReportTable {
  unit_id: string;
  period: string;
  nil: number;
  item_count: number;
  late: number;
  reported_by: string;
  reported_at: Instant;
}

/** A leader's published reception day (接访日, Art 18). */
export interface ReceptionDayTable {
  id: string;
  leader_id: string;
  unit_id: string;
  date: string;
  place: string;
  topics: string;
  /** JSON: `[{ from: '09:00', to: '09:30', capacity: 2 }]` */
  slots: string;
  created_by: string;
  created_at: Instant;
  /** Set when the desk cancelled the day: when, by whom, and the reason its petitioners are told. */
  cancelled_at: Instant | null;
  cancelled_by: string | null;
  cancel_reason: string | null;
  /** Sent back with a change: a change made meanwhile refuses the stale one. */
  version: Generated<number>;
  /** Set when the desk last changed the day (date, times, place or leader), and the reason. */
  changed_at: Instant | null;
  changed_by: string | null;
  change_reason: string | null;
}

/** A petitioner's booking of a reception slot. */
export interface ReceptionBookingTable {
  id: string;
  reception_day_id: string;
  slot: number;
  petitioner_id: string;
  topic: string;
  /** `received`: the leader received the person and the visit was registered as a case. */
  status: 'active' | 'cancelled' | 'attended' | 'no_show' | 'received';
  /** The petitioner's id while active, else null: one active booking per person (unique). */
  active_key: string | null;
  /** The visit registered from the booking, once received. */
  petition_id: string | null;
  /** The times it had, kept when a change of its day ended it or took its slot away. */
  slot_from?: string | null;
  slot_to?: string | null;
  /** When a change of its day ended it: the new slot had no room left for it. */
  dropped_at?: Instant | null;
  /**
   * When a change of its day moved it (another date, time, place or leader) and the person has
   * not yet said whether they come; null otherwise. An unanswered booking still holds its place.
   */
  moved_at?: Instant | null;
  /** When the person last said they come at the time a change moved them to. */
  confirmed_at?: Instant | null;
  created_at: Instant;
  updated_at: Instant;
}

/** 回访: the follow-up a handling unit owes a concluded case, and its outcome once recorded. */
export interface FollowUpTable {
  id: string;
  petition_id: string;
  /** The sequence number of the event that concluded the case. */
  concluded_seq: number;
  /** The handling unit, which follows up; its lists go by the unit's place in the tree now. */
  unit_id: string;
  due_date: string;
  created_at: Instant;
  method: 'phone' | 'visit' | 'message' | null;
  followed_on: string | null;
  petitioner_said: string | null;
  satisfied: number | null;
  recorded_by: string | null;
  recorded_at: Instant | null;
}

/** An unsatisfied rating that cannot be appealed, and the unit head's decision on it. */
export interface RehandlingDecisionTable {
  petition_id: string;
  rated_seq: number;
  unit_id: string;
  rated_at: Instant;
  rehandle: number | null;
  decided_by: string | null;
  decided_at: Instant | null;
}

/** A sensitive period the office declared (敏感时期): units report daily through it. */
export interface SensitivePeriodTable {
  id: string;
  name: string;
  from_date: string;
  to_date: string;
  declared_by: string;
  declared_at: Instant;
  /** Withdrawn by the group's office (null: it stands): not begun, it never was; else it ends that day. */
  withdrawn_at: Instant | null;
  withdrawn_by: string | null;
  withdrawal_reason: string | null;
}

/** A suggestion to improve work (改进建议, Art 40), its answer and whether it was adopted. */
export interface ImprovementSuggestionTable {
  id: string;
  petition_id: string;
  supervision_no: number | null;
  unit_id: string;
  issued_by: string;
  issued_at: Instant;
  suggestion: string;
  due_date: string;
  answer: string | null;
  answered_by: string | null;
  answered_at: Instant | null;
  adoption: 'adopted' | 'partly_adopted' | 'not_adopted' | null;
  adoption_note: string | null;
  decided_by: string | null;
  decided_at: Instant | null;
}

/** A number the office's administrator sets; a missing row means the default in code. */
export interface OfficeSettingTable {
  name: string;
  value: number;
  updated_by: string;
  updated_at: Instant;
}

/**
 * One leader's stint owning a case (包案领导, Art 18), kept from the petition by the write path:
 * open (`released_at` null) while he owns it, closed when he hands it back or another takes it over.
 */
export interface OwnedCaseTable {
  id: string;
  petition_id: string;
  leader_id: string;
  taken_at: Instant;
  released_at: Instant | null;
}

/** A leader's visit to the grassroots (下访). */
export interface GrassrootsVisitTable {
  id: string;
  leader_id: string;
  unit_id: string;
  place: string;
  date: string;
  topic: string;
  status: 'planned' | 'held' | 'cancelled';
  summary: string | null;
  people: number | null;
  held_at: Instant | null;
  created_by: string;
  created_at: Instant;
  /** Why, when and by whom a visit that did not happen was cancelled. */
  cancel_reason: string | null;
  cancelled_at: Instant | null;
  cancelled_by: string | null;
}

/** A petition registered from a visit to the grassroots. */
export interface GrassrootsVisitCaseTable {
  petition_id: string;
  visit_id: string;
}

/** A part of a case an assisting unit (协办) answers for the lead unit (主办), Art 24. */
export interface AssistPartTable {
  petition_id: string;
  no: number;
  unit_id: string;
  lead_unit_id: string;
  part: string;
  due_date: string;
  status: 'open' | 'answered' | 'lapsed' | 'withdrawn';
  requested_by: string;
  requested_at: Instant;
  answered_by: string | null;
  answered_at: Instant | null;
  /** When the units were told the part is past its date. */
  overdue_told_at: Generated<Instant | null>;
}
