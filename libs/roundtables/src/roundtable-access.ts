import { EntityManager } from 'typeorm';
import { AuthenticatedMember, Role, hasRole } from '@app/core';
import { RoundtableFacilitatorEntity } from './roundtable-facilitator.entity';
import { RoundtableEntity } from './roundtable.entity';
import { RoundtablesError, RoundtablesErrorCode } from './roundtables.errors';

/** Who acts: enough of the signed-in member to check rights. */
export type Actor = Pick<AuthenticatedMember, 'id' | 'role'>;

/**
 * The roundtable row, locked (`SELECT ... FOR UPDATE`) until the transaction ends: every write
 * that counts seats or changes state takes this lock first, so they run one at a time per session.
 */
export async function lockRoundtable(
  manager: EntityManager,
  id: string,
): Promise<RoundtableEntity> {
  const row = await manager
    .getRepository(RoundtableEntity)
    .createQueryBuilder('r')
    .setLock('pessimistic_write')
    .where('r.id = :id', { id })
    .getOne();
  if (!row) throw RoundtablesError.notFound(id);
  return row;
}

export async function facilitatorIdsOf(manager: EntityManager, id: string): Promise<string[]> {
  const rows = await manager
    .getRepository(RoundtableFacilitatorEntity)
    .find({ where: { roundtableId: id }, order: { position: 'ASC' } });
  return rows.map((row) => row.accountId);
}

export async function isFacilitator(
  manager: EntityManager,
  roundtableId: string,
  accountId: string,
): Promise<boolean> {
  return manager
    .getRepository(RoundtableFacilitatorEntity)
    .exists({ where: { roundtableId, accountId } });
}

/** Facilitators only (starting a session). */
export async function assertFacilitator(
  manager: EntityManager,
  roundtable: RoundtableEntity,
  actor: Actor,
  what: string,
): Promise<void> {
  if (await isFacilitator(manager, roundtable.id, actor.id)) return;
  throw new RoundtablesError(
    RoundtablesErrorCode.NOT_A_FACILITATOR,
    `Only the facilitators of "${roundtable.title}" may ${what}.`,
  );
}

/** Facilitators or moderators (editing, cancelling, ending). */
export async function assertCanManage(
  manager: EntityManager,
  roundtable: RoundtableEntity,
  actor: Actor,
  what: string,
): Promise<void> {
  if (hasRole(actor, Role.MODERATOR)) return;
  if (await isFacilitator(manager, roundtable.id, actor.id)) return;
  throw new RoundtablesError(
    RoundtablesErrorCode.NOT_A_FACILITATOR,
    `Only the facilitators of "${roundtable.title}" or a moderator may ${what}.`,
  );
}

export function wrongState(roundtable: RoundtableEntity, message: string): RoundtablesError {
  return new RoundtablesError(
    RoundtablesErrorCode.WRONG_STATE,
    `"${roundtable.title}" is ${roundtable.state}: ${message}`,
  );
}
