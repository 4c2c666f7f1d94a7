import {
  DeleteQueryNode,
  InsertQueryNode,
  type OperationNode,
  SelectQueryNode,
  TableNode,
  UpdateQueryNode,
} from 'kysely';

/**
 * The table a statement built with Kysely writes, or the one a SELECT reads (without a join or a
 * second table in its FROM); null for anything else, raw SQL included.
 */
export function tableOf(query: OperationNode): string | null {
  if (SelectQueryNode.is(query)) return query.joins ? null : onlyTable(query.from?.froms);
  if (InsertQueryNode.is(query)) return query.into ? nameOf(query.into) : null;
  if (UpdateQueryNode.is(query))
    return query.joins || query.from || !query.table || !TableNode.is(query.table)
      ? null
      : nameOf(query.table);
  if (DeleteQueryNode.is(query)) return query.joins || query.using ? null : onlyTable(query.from.froms);
  return null;
}

// Runs for every statement outside a transaction: no arrays made on the way.
function onlyTable(nodes: ReadonlyArray<OperationNode> | undefined): string | null {
  const node = nodes?.length === 1 ? nodes[0] : undefined;
  return node && TableNode.is(node) ? nameOf(node) : null;
}

function nameOf(node: TableNode): string {
  return node.table.identifier.name;
}
