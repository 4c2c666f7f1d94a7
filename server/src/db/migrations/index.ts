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
};
