import type { Migration } from 'kysely';
import * as createOrgUnit from './20261123120000_create_org_unit';
import * as createIdentity from './20261123130000_create_identity';
import * as createPetitions from './20261123140000_create_petitions';
import * as addDefaultCategories from './20261123140100_add_default_categories';
import * as createReplyTemplate from './20261123150000_create_reply_template';
import * as createInboxTally from './20261203100000_create_inbox_tally';
import * as createPetitionSignature from './20261203100100_create_petition_signature';
import * as dropPetitionConcernedIndex from './20261203100200_drop_petition_concerned_index';
import * as addPetitionerHashIndexes from './20261203100300_add_petitioner_hash_indexes';
import * as addAuditPetition from './20261203110000_add_audit_petition';
import * as createRegistrationClaim from './20261203110100_create_registration_claim';
import * as addOrgUnitAliases from './20261203130000_add_org_unit_aliases';
import * as allowUnknownConcernedUnit from './20261203130100_allow_unknown_concerned_unit';
import * as createNotifications from './20261203140000_create_notifications';
import * as createFigures from './20261203150000_create_figures';
import * as createPetitionTerm from './20261203150100_create_petition_term';
import * as createDocuments from './20261203160000_create_documents';
import * as addAdministration from './20261203170000_add_administration';
import * as createOversight from './20261203180000_create_oversight';
import * as createResolutionPlan from './20261203180100_create_resolution_plan';
import * as createScreening from './20261203180200_create_screening';
import * as createReceptionDays from './20261203180300_create_reception_days';
import * as createJobRun from './20261203190000_create_job_run';
import * as addCoHandling from './20261204100000_add_co_handling';
import * as createFollowUps from './20261204110000_create_follow_ups';
import * as createPreventionWork from './20261204120000_create_prevention_work';
import * as addFigureRollupMonth from './20261204140000_add_figure_rollup_month';
import * as createPetitionSearch from './20261204140100_create_petition_search';
import * as binCollatePetitionTerm from './20261205140000_bin_collate_petition_term';
import * as addRunningClocks from './20261206100000_add_running_clocks';
import * as compactPetitionSearch from './20261206110000_compact_petition_search';
import * as widenLetterColumns from './20261206120000_widen_letter_columns';
import * as canonicalEmployeeNumbers from './20261206130000_canonical_employee_numbers';
import * as recountFigureFacts from './20261207100000_recount_figure_facts';
import * as createCountedCalendarYear from './20261207110000_create_counted_calendar_year';
import * as scopeAftercareByCurrentUnit from './20261207130000_scope_aftercare_by_current_unit';
import * as numberDocumentsByPrefix from './20261207140000_number_documents_by_prefix';
import * as addAttachmentVisibility from './20261207150000_add_attachment_visibility';
import * as addPiiKeyCheckAndTokenParent from './20261207160000_add_pii_key_check_and_token_parent';
import * as countCollectiveFromFive from './20261207180000_count_collective_from_five';
import * as addReceptionDayCancellation from './20261207200000_add_reception_day_cancellation';
import * as expireTemporaryPasswords from './20261207210000_expire_temporary_passwords';
import * as countVisitsAsTheFieldDoes from './20261207220000_count_visits_as_the_field_does';
import * as countRewardedSuggestions from './20261207230000_count_rewarded_suggestions';
import * as addSensitivePeriodWithdrawal from './20261207240000_add_sensitive_period_withdrawal';
import * as recordClaimUndo from './20261207250000_record_claim_undo';
import * as dropWechatSession from './20261207260000_drop_wechat_session';
import * as createNoticeReach from './20261207270000_create_notice_reach';
import * as addReceptionDayChange from './20261207280000_add_reception_day_change';
import * as keepOwnedCaseStints from './20261207330000_keep_owned_case_stints';
import * as keepUsedInvitations from './20261207340000_keep_used_invitations';
import * as markMovedBookings from './20261207350000_mark_moved_bookings';
import * as keepEveryEscalation from './20261207380000_keep_every_escalation';
import * as endSupervisionOfEndedCases from './20261207390000_end_supervision_of_ended_cases';
import * as acknowledgeEscalationsAndNotices from './20261207400000_acknowledge_escalations_and_notices';
import * as indexSupervisionNoticesByIssue from './20261208110000_index_supervision_notices_by_issue';
import * as keepLinkReasonsAndCancelVisits from './20261208150000_keep_link_reasons_and_cancel_visits';
import * as rememberSubmissionKeys from './20261208160000_remember_submission_keys';

/**
 * Every migration, by name, in the order they run. Listed statically (not read from the folder)
 * so the same list works under tsx, vitest and a bundler.
 */
export const migrations: Record<string, Migration> = {
  '20261123120000_create_org_unit': createOrgUnit,
  '20261123130000_create_identity': createIdentity,
  '20261123140000_create_petitions': createPetitions,
  '20261123140100_add_default_categories': addDefaultCategories,
  '20261123150000_create_reply_template': createReplyTemplate,
  '20261203100000_create_inbox_tally': createInboxTally,
  '20261203100100_create_petition_signature': createPetitionSignature,
  '20261203100200_drop_petition_concerned_index': dropPetitionConcernedIndex,
  '20261203100300_add_petitioner_hash_indexes': addPetitionerHashIndexes,
  '20261203110000_add_audit_petition': addAuditPetition,
  '20261203110100_create_registration_claim': createRegistrationClaim,
  '20261203130000_add_org_unit_aliases': addOrgUnitAliases,
  '20261203130100_allow_unknown_concerned_unit': allowUnknownConcernedUnit,
  '20261203140000_create_notifications': createNotifications,
  '20261203150000_create_figures': createFigures,
  '20261203150100_create_petition_term': createPetitionTerm,
  '20261203160000_create_documents': createDocuments,
  '20261203170000_add_administration': addAdministration,
  '20261203190000_create_job_run': createJobRun,
  '20261203180000_create_oversight': createOversight,
  '20261203180100_create_resolution_plan': createResolutionPlan,
  '20261203180200_create_screening': createScreening,
  '20261203180300_create_reception_days': createReceptionDays,
  '20261204110000_create_follow_ups': createFollowUps,
  '20261204120000_create_prevention_work': createPreventionWork,
  '20261204100000_add_co_handling': addCoHandling,
  '20261204140000_add_figure_rollup_month': addFigureRollupMonth,
  '20261204140100_create_petition_search': createPetitionSearch,
  '20261205140000_bin_collate_petition_term': binCollatePetitionTerm,
  '20261206100000_add_running_clocks': addRunningClocks,
  '20261206110000_compact_petition_search': compactPetitionSearch,
  '20261206120000_widen_letter_columns': widenLetterColumns,
  '20261206130000_canonical_employee_numbers': canonicalEmployeeNumbers,
  '20261207100000_recount_figure_facts': recountFigureFacts,
  '20261207110000_create_counted_calendar_year': createCountedCalendarYear,
  '20261207130000_scope_aftercare_by_current_unit': scopeAftercareByCurrentUnit,
  '20261207140000_number_documents_by_prefix': numberDocumentsByPrefix,
  '20261207150000_add_attachment_visibility': addAttachmentVisibility,
  '20261207160000_add_pii_key_check_and_token_parent': addPiiKeyCheckAndTokenParent,
  '20261207180000_count_collective_from_five': countCollectiveFromFive,
  '20261207200000_add_reception_day_cancellation': addReceptionDayCancellation,
  '20261207210000_expire_temporary_passwords': expireTemporaryPasswords,
  '20261207220000_count_visits_as_the_field_does': countVisitsAsTheFieldDoes,
  '20261207230000_count_rewarded_suggestions': countRewardedSuggestions,
  '20261207240000_add_sensitive_period_withdrawal': addSensitivePeriodWithdrawal,
  '20261207250000_record_claim_undo': recordClaimUndo,
  '20261207260000_drop_wechat_session': dropWechatSession,
  '20261207270000_create_notice_reach': createNoticeReach,
  '20261207280000_add_reception_day_change': addReceptionDayChange,
  '20261207330000_keep_owned_case_stints': keepOwnedCaseStints,
  '20261207340000_keep_used_invitations': keepUsedInvitations,
  '20261207350000_mark_moved_bookings': markMovedBookings,
  '20261207380000_keep_every_escalation': keepEveryEscalation,
  '20261207390000_end_supervision_of_ended_cases': endSupervisionOfEndedCases,
  '20261207400000_acknowledge_escalations_and_notices': acknowledgeEscalationsAndNotices,
  '20261208110000_index_supervision_notices_by_issue': indexSupervisionNoticesByIssue,
  '20261208150000_keep_link_reasons_and_cancel_visits': keepLinkReasonsAndCancelVisits,
  '20261208160000_remember_submission_keys': rememberSubmissionKeys,
};
