import type { ActionType, CaseActionType, ParamsWith } from './action-specs';
import type { UnitRef } from './units';

/** The parameters of action `T` as `decide` takes them (units resolved to `UnitRef`). */
export type ParamsOf<T extends ActionType> = ParamsWith<T, UnitRef>;

export type ActionOf<T extends CaseActionType> = { type: T; params: ParamsOf<T> };

/** An action on an existing petition: its type and typed parameters. */
export type Action = { [T in CaseActionType]: ActionOf<T> }[CaseActionType];

export type RegisterParams = ParamsOf<'register'>;
