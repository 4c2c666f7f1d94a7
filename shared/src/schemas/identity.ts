import { type Static, Type } from 'typebox';
import { ROLES } from '../lifecycle/vocabulary';
import { NotBlank } from './not-blank';
import { StringEnum } from './string-enum';

/** Roles a staff account can hold (every role but the petitioner's). */
export const STAFF_ROLES = ROLES.filter((r) => r !== 'petitioner') as Exclude<
  (typeof ROLES)[number],
  'petitioner'
>[];
export type StaffRole = (typeof STAFF_ROLES)[number];

export const StaffRoleSchema = StringEnum(STAFF_ROLES);

/**
 * What a staff member may do, as the API decides it from their roles (server/src/access/capabilities.ts).
 * The app asks for these in "who am I" and offers exactly what they open, never its own copy of the rule.
 */
export const STAFF_CAPABILITIES = [
  /** The inbox and the cases of their subtree: read, act, link, reveal a petitioner's numbers (audited). */
  'read_cases',
  /** Register letters, visits, calls, faxes and e-mails; upload for them; find a petitioner by phone. */
  'register_cases',
  /** The approvals queue: extensions and decision letters (Art 32, 34). */
  'approve',
  /** The open cases of their subtree at a glance, unit by unit. */
  'overview',
  /** Use decision-letter templates. */
  'read_templates',
  /** Keep decision-letter templates for their unit. */
  'keep_templates',
  /** List staff accounts (to assign or recuse). */
  'list_staff',
  /** Read the audit log of their subtree. */
  'read_audit',
  /** Administer the organisation: units, accounts, the roster, categories. */
  'administer',
  /** Upload scans and images: letters at the desk, signed proofs of delivery (送达回证), a unit's seal. */
  'upload_files',
  /** Record how a written answer reached the petitioner (送达, Art 35–36 clocks start there). */
  'deliver',
  /** The list of written answers still waiting to reach their petitioners. */
  'watch_deliveries',
  /** The figures, the ledger (台账) behind them and its export: the subtree's; a handler's own unit's. */
  'read_figures',
  /** A unit's document settings: the prefix of its numbers, its signatory and its seal. */
  'keep_document_settings',
  /** The supervisor's list: supervision notices and escalated cases of their subtree (Art 38–40). */
  'supervise',
  /** Approve or return a unit's written answer to a supervision notice. */
  'review_supervision',
  /** The registers of backlog cases (积案) and repeat petitions (重信重访) of their subtree. */
  'read_registers',
  /** Register disputes found in screening and send the unit's weekly report, nil or not (零报告). */
  'screen',
  /** The screening items of their subtree and who has not reported. */
  'watch_screening',
  /** Publish leaders' reception days and record who came to a booked slot. */
  'keep_reception_days',
  /** The follow-ups (回访) of their subtree's concluded cases, and their outcomes recorded. */
  'follow_up',
  /** Issue suggestions to improve work (改进建议, Art 40) and record whether they were adopted. */
  'suggest',
  /** Answer the suggestions to improve work addressed to a unit of their subtree. */
  'answer_suggestions',
  /** Plan and record leaders' visits to the grassroots (下访). */
  'keep_visits',
  /** Declare sensitive periods, during which every unit reports daily (零报告). */
  'declare_sensitive_periods',
  /** Answer the parts of cases other units ask of their unit (协办, Art 24). */
  'co_handle',
] as const;
export type StaffCapability = (typeof STAFF_CAPABILITIES)[number];
export const StaffCapabilitySchema = StringEnum(STAFF_CAPABILITIES);

/** A mainland mobile number, optionally with +86. */
export const PhoneSchema = Type.String({ pattern: '^(\\+?86)?1[3-9]\\d{9}$', description: '中国大陆手机号' });
/** A resident ID number (18 characters, the last may be X). */
export const IdNumberSchema = Type.String({ pattern: '^\\d{17}[\\dXx]$' });
export const UsernameSchema = Type.String({ minLength: 3, maxLength: 64, pattern: '^[A-Za-z0-9._-]+$' });

export const StaffLoginBodySchema = Type.Object({
  username: Type.String({ minLength: 1, maxLength: 64 }),
  password: Type.String({ minLength: 1, maxLength: 256 }),
});

export const WechatLoginBodySchema = Type.Object({
  /** The code from `wx.login`, valid for one exchange within 5 minutes. */
  code: Type.String({ minLength: 1, maxLength: 128 }),
});

export const OtpRequestBodySchema = Type.Object({ phone: PhoneSchema });
export const OtpRequestAnswerSchema = Type.Object({
  /** When the code stops working. */
  expiresAt: Type.String({ format: 'date-time' }),
  /** When the next code may be requested for this phone. */
  resendAfter: Type.String({ format: 'date-time' }),
});

export const OtpLoginBodySchema = Type.Object({
  phone: PhoneSchema,
  code: Type.String({ pattern: '^\\d{6}$' }),
});

export const RefreshBodySchema = Type.Object({
  refreshToken: Type.String({ minLength: 16, maxLength: 256 }),
});

export const TokenPairSchema = Type.Object({
  accessToken: Type.String(),
  accessTokenExpiresAt: Type.String({ format: 'date-time' }),
  refreshToken: Type.String(),
  refreshTokenExpiresAt: Type.String({ format: 'date-time' }),
});
export type TokenPair = Static<typeof TokenPairSchema>;

export const UnitSummarySchema = Type.Object({ id: Type.String(), code: Type.String(), name: Type.String() });

export const StaffMeSchema = Type.Object({
  kind: Type.Literal('staff'),
  id: Type.String(),
  username: Type.String(),
  displayName: Type.String(),
  roles: Type.Array(StaffRoleSchema),
  /** What those roles open, decided by the API: the app offers exactly these. */
  capabilities: Type.Array(StaffCapabilitySchema),
  unit: UnitSummarySchema,
  mustChangePassword: Type.Boolean(),
  /**
   * Wrong passwords tried on this account between its previous sign-in and this one, and whether
   * they locked it for a while: told to the holder, who may not have been the one trying.
   */
  signInAlert: Type.Union([
    Type.Object({
      failedAttempts: Type.Integer(),
      locked: Type.Boolean(),
      since: Type.Union([Type.String(), Type.Null()]),
    }),
    Type.Null(),
  ]),
});

export const PetitionerMeSchema = Type.Object({
  kind: Type.Literal('petitioner'),
  id: Type.String(),
  realName: Type.Union([Type.String(), Type.Null()]),
  /** masked */
  phone: Type.Union([Type.String(), Type.Null()]),
  /** masked */
  idNumber: Type.Union([Type.String(), Type.Null()]),
  address: Type.Union([Type.String(), Type.Null()]),
  wechatLinked: Type.Boolean(),
  /** Set when the employee number was verified against the roster. */
  worker: Type.Union([Type.Object({ employeeNumber: Type.String(), unit: UnitSummarySchema }), Type.Null()]),
});

export const MeSchema = Type.Union([StaffMeSchema, PetitionerMeSchema]);
export type Me = Static<typeof MeSchema>;
export type StaffMe = Static<typeof StaffMeSchema>;
export type PetitionerMe = Static<typeof PetitionerMeSchema>;

export const PetitionerProfileBodySchema = Type.Object({
  realName: Type.Optional(Type.String({ minLength: 1, maxLength: 32 })),
  idNumber: Type.Optional(IdNumberSchema),
  address: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
});

export const EmployeeBindingBodySchema = Type.Object({
  employeeNumber: Type.String({ minLength: 1, maxLength: 32 }),
  realName: Type.String({ minLength: 1, maxLength: 32 }),
});

export const ChangePasswordBodySchema = Type.Object({
  currentPassword: Type.String({ minLength: 1, maxLength: 256 }),
  newPassword: Type.String({ minLength: 1, maxLength: 256 }),
});

export const SignInAnswerSchema = Type.Object({ tokens: TokenPairSchema, me: MeSchema });
export type SignInAnswer = Static<typeof SignInAnswerSchema>;

export const BindPhoneBodySchema = Type.Object({
  phone: PhoneSchema,
  code: Type.String({ pattern: '^\\d{6}$' }),
});

export const AccountStatusSchema = StringEnum(['active', 'disabled']);

export const StaffAccountSchema = Type.Object({
  id: Type.String(),
  username: Type.String(),
  displayName: Type.String(),
  roles: Type.Array(StaffRoleSchema),
  unit: UnitSummarySchema,
  status: AccountStatusSchema,
  /** masked */
  phone: Type.Union([Type.String(), Type.Null()]),
  mustChangePassword: Type.Boolean(),
  createdAt: Type.String({ format: 'date-time' }),
  /** The last successful sign-in (by password or by accepting an invitation). */
  lastSignInAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  /** Set while an invitation waits to be accepted: until when it can be. */
  invitationExpiresAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  /** Set while a temporary password waits to be replaced: until when it opens the account. */
  temporaryPasswordExpiresAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});
export type StaffAccount = Static<typeof StaffAccountSchema>;

export const CreateStaffBodySchema = Type.Object({
  username: UsernameSchema,
  displayName: NotBlank(64, '姓名'),
  unitId: Type.String({ minLength: 1, maxLength: 26 }),
  roles: Type.Array(StaffRoleSchema, { minItems: 1, maxItems: 7, uniqueItems: true }),
  phone: Type.Optional(PhoneSchema),
  /**
   * How the person gets in: a temporary password shown once to the admin (the default), or an
   * invitation code with which they choose their own password (schemas/admin.ts).
   */
  credential: Type.Optional(StringEnum(['temporary_password', 'invitation'])),
});

export const UpdateStaffBodySchema = Type.Object(
  {
    displayName: Type.Optional(NotBlank(64, '姓名')),
    unitId: Type.Optional(Type.String({ minLength: 1, maxLength: 26 })),
    roles: Type.Optional(Type.Array(StaffRoleSchema, { minItems: 1, maxItems: 7, uniqueItems: true })),
    status: Type.Optional(AccountStatusSchema),
    phone: Type.Optional(Type.Union([PhoneSchema, Type.Null()])),
    /**
     * The administrator knows the change leaves a unit that receives petitions without an active
     * reception (接待员), and makes it anyway: without this such a change is refused (IN_USE), so
     * nobody empties a petition office's desk unawares (Art 22: its 15 days run regardless).
     */
    leaveDeskEmpty: Type.Optional(Type.Boolean()),
  },
  { minProperties: 1 },
);

/** Shown once, to the admin who created the account or reset the password, to hand over in person. */
export const TemporaryPasswordSchema = Type.Object({
  account: StaffAccountSchema,
  temporaryPassword: Type.String(),
});

export const StaffListQuerySchema = Type.Object({
  /** Part of a username or a name. */
  q: Type.Optional(Type.String({ maxLength: 64 })),
  role: Type.Optional(StaffRoleSchema),
  unitId: Type.Optional(Type.String({ maxLength: 26 })),
  status: Type.Optional(AccountStatusSchema),
});

/** Organisation unit kinds, from the group down to the team. */
export const UNIT_KINDS = ['group', 'company', 'mine', 'department', 'section', 'team'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];
export const UnitKindSchema = StringEnum(UNIT_KINDS);

/** A unit with the contact details Art 18 requires to be published (address, reception hours, phone). */
export const OrgUnitSchema = Type.Object({
  id: Type.String(),
  parentId: Type.Union([Type.String(), Type.Null()]),
  code: Type.String(),
  name: Type.String(),
  kind: UnitKindSchema,
  depth: Type.Integer(),
  address: Type.Union([Type.String(), Type.Null()]),
  receptionHours: Type.Union([Type.String(), Type.Null()]),
  phone: Type.Union([Type.String(), Type.Null()]),
  sortOrder: Type.Integer(),
  retired: Type.Boolean(),
  /** Runs a petition office: receives petitions, and its channels are published (Art 17–18). */
  receivesPetitions: Type.Boolean(),
  /** Where letters go (来信). */
  letterAddress: Type.Union([Type.String(), Type.Null()]),
  email: Type.Union([Type.String(), Type.Null()]),
  fax: Type.Union([Type.String(), Type.Null()]),
  /** How to petition online (网上信访): the mini-program, a web address. */
  onlineAddress: Type.Union([Type.String(), Type.Null()]),
  /** Everyday words that should find the unit when people search (「运输」 for 运输队). */
  aliases: Type.Array(Type.String()),
});
export type OrgUnit = Static<typeof OrgUnitSchema>;

const UnitCodeSchema = Type.String({ minLength: 1, maxLength: 32, pattern: '^[A-Za-z0-9_-]+$' });
const UnitContact = {
  address: Type.Optional(Type.Union([Type.String({ maxLength: 200 }), Type.Null()])),
  receptionHours: Type.Optional(Type.Union([Type.String({ maxLength: 200 }), Type.Null()])),
  phone: Type.Optional(Type.Union([Type.String({ maxLength: 40 }), Type.Null()])),
  receivesPetitions: Type.Optional(Type.Boolean()),
  letterAddress: Type.Optional(Type.Union([Type.String({ maxLength: 200 }), Type.Null()])),
  email: Type.Optional(Type.Union([Type.String({ maxLength: 100, format: 'email' }), Type.Null()])),
  fax: Type.Optional(Type.Union([Type.String({ maxLength: 40 }), Type.Null()])),
  onlineAddress: Type.Optional(Type.Union([Type.String({ maxLength: 200 }), Type.Null()])),
  /** Replaces the unit's aliases: words without spaces, at most 10. */
  aliases: Type.Optional(
    Type.Array(
      Type.String({ minLength: 1, maxLength: 20, pattern: '^\\S+$', description: '别称或常用说法' }),
      {
        maxItems: 10,
        uniqueItems: true,
      },
    ),
  ),
};

export const CreateUnitBodySchema = Type.Object({
  parentId: Type.String({ minLength: 1, maxLength: 26 }),
  code: UnitCodeSchema,
  name: NotBlank(100, '单位名称'),
  kind: UnitKindSchema,
  sortOrder: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000 })),
  ...UnitContact,
});

export const UpdateUnitBodySchema = Type.Object(
  {
    code: Type.Optional(UnitCodeSchema),
    name: Type.Optional(NotBlank(100, '单位名称')),
    kind: Type.Optional(UnitKindSchema),
    /** Moves the unit (with everything below it) under another parent. */
    parentId: Type.Optional(Type.String({ minLength: 1, maxLength: 26 })),
    sortOrder: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000 })),
    ...UnitContact,
  },
  { minProperties: 1 },
);

export const ImportReportSchema = Type.Object({
  created: Type.Integer(),
  updated: Type.Integer(),
});
